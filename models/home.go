package models

import (
	"context"
	"fmt"
)

// HomeStats are the programme's headline figures.
type HomeStats struct {
	Partners            int64
	PublishedAgreements int64
	Events              int64
}

// Home is what the home page shows: the figures and the latest public records.
type Home struct {
	Stats      HomeStats
	Agreements []Agreement // latest published
	Events     []Event     // latest
	// Map is the programme map, which the home page shares with the region directory;
	// HomePage leaves it to the caller (ProgrammeMapData), who may hold it already.
	Map ProgrammeMap
}

// HomePage gathers the home page with the given number of latest agreements and events.
func (s *Store) HomePage(ctx context.Context, agreements, events int) (Home, error) {
	var h Home
	db := s.db.WithContext(ctx)
	err := db.Raw(`SELECT
		(SELECT count(*) FROM regions WHERE partner) AS partners,
		(SELECT coalesce(sum(n), 0) FROM agreement_counts WHERE published = ?) AS published_agreements,
		(SELECT count(*) FROM events) AS events`, true).Scan(&h.Stats).Error
	if err != nil {
		return Home{}, fmt.Errorf("models: home stats: %w", err)
	}
	if h.Agreements, err = s.publishedAgreementsWhere(ctx, agreements, ""); err != nil {
		return Home{}, err
	}
	if h.Events, err = s.Events(ctx, events); err != nil {
		return Home{}, err
	}
	return h, nil
}
