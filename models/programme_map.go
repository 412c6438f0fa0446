package models

import (
	"context"
	"fmt"
)

// MapRegion is a region the programme's map shows, with its coordinates in its profile.
type MapRegion struct {
	Region
	// Published says it has a published agreement with Jakarta: the map draws the line.
	Published bool
}

// ProgrammeMap is Jakarta and every partner region that has coordinates.
type ProgrammeMap struct {
	Host     *MapRegion
	Partners []MapRegion
}

// ProgrammeMapData gathers the map of the programme in three queries, none of which
// reads more than the map's regions need.
func (s *Store) ProgrammeMapData(ctx context.Context) (ProgrammeMap, error) {
	var m ProgrammeMap
	db := s.db.WithContext(ctx)
	var regions []Region
	err := db.Preload("Profile").
		Joins("JOIN region_profiles ON region_profiles.region_code = regions.code AND region_profiles.latitude IS NOT NULL AND region_profiles.longitude IS NOT NULL").
		Where("regions.partner OR regions.code = ?", JakartaCode).Order("regions.code").Find(&regions).Error
	if err != nil {
		return m, fmt.Errorf("models: programme map: %w", err)
	}
	// Which of these regions have a published agreement: one probe of an index per
	// region on the map, so the cost follows the map's regions and not the register.
	codes := make([]string, len(regions))
	for i, r := range regions {
		codes[i] = r.Code
	}
	var published []string
	if len(codes) > 0 {
		err = db.Model(&Region{}).Where("code IN ?", codes).
			Where(regionHasPublished, true).Pluck("code", &published).Error
		if err != nil {
			return m, fmt.Errorf("models: programme map: %w", err)
		}
	}
	linked := make(map[string]bool, len(published))
	for _, code := range published {
		linked[code] = true
	}
	for _, r := range regions {
		mr := MapRegion{Region: r, Published: linked[r.Code]}
		if r.Code == JakartaCode {
			m.Host = &mr
			continue
		}
		m.Partners = append(m.Partners, mr)
	}
	return m, nil
}
