package models

import (
	"context"
	"fmt"
	"time"
)

// What the feeds and the sitemap read: the public record only, as lists that say what is
// new and when each page last changed.

// RecentlyPublished returns the published agreements, most recently published first, at
// most limit of them, with what a list shows of each (parties with their regions, sectors).
func (s *Store) RecentlyPublished(ctx context.Context, limit int) ([]Agreement, error) {
	var items []Agreement
	err := findListing(s.published(ctx).Order("agreements.published_at DESC, agreements.id DESC").Limit(limit), &items)
	if err != nil {
		return nil, fmt.Errorf("models: recently published agreements: %w", err)
	}
	return items, nil
}

// PublicPages lists the pages of the public record that have an address of their own:
// every published agreement, every region and every event, each with when it last changed.
type PublicPages struct {
	Agreements []PageStamp // published only, by ID
	Regions    []RegionStamp
	Events     []PageStamp
}

// PageStamp is a record with a page of its own and when it last changed.
type PageStamp struct {
	ID        uint
	UpdatedAt time.Time
}

// RegionStamp is a region's code and when its profile last changed; nil without one.
type RegionStamp struct {
	Code      string
	UpdatedAt *time.Time
}

// PublicPages gathers the public pages of the record, for the sitemap.
func (s *Store) PublicPages(ctx context.Context) (PublicPages, error) {
	var p PublicPages
	db := s.db.WithContext(ctx)
	if err := s.published(ctx).Select("agreements.id, agreements.updated_at").Order("agreements.id").Scan(&p.Agreements).Error; err != nil {
		return PublicPages{}, fmt.Errorf("models: public pages: %w", err)
	}
	err := db.Table("regions").Select("regions.code, region_profiles.updated_at").
		Joins("LEFT JOIN region_profiles ON region_profiles.region_code = regions.code").
		Order("regions.code").Scan(&p.Regions).Error
	if err != nil {
		return PublicPages{}, fmt.Errorf("models: public pages: %w", err)
	}
	if err := db.Model(&Event{}).Select("id, updated_at").Order("id").Scan(&p.Events).Error; err != nil {
		return PublicPages{}, fmt.Errorf("models: public pages: %w", err)
	}
	return p, nil
}
