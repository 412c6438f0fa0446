package models

import (
	"context"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Region is a province, regency or city, identified by its Kemendagri code.
type Region struct {
	Code         string         `gorm:"primaryKey"`     // e.g. "61", "74.01"
	Name         string         `gorm:"not null;index"` // as Kemendagri writes it
	Kind         RegionKind     `gorm:"not null;index"` // province, regency or city
	ProvinceCode string         `gorm:"not null;index"` // empty for a province
	Partner      bool           `gorm:"not null;index"` // a partner of the programme
	Profile      *RegionProfile `gorm:"foreignKey:RegionCode;references:Code"`
}

// RegionProfile is what the programme knows of a region beyond the reference data: for a
// partner its summary, cooperation contact, what it supplies and where it lies. Jakarta has
// one too (as the host) so that it can be placed on the map.
type RegionProfile struct {
	RegionCode     string `gorm:"primaryKey"`
	Summary        string `gorm:"not null;default:''"`
	ContactOffice  string `gorm:"not null;default:''"`
	ContactAddress string `gorm:"not null;default:''"`
	ContactPhone   string `gorm:"not null;default:''"`
	ContactEmail   string `gorm:"not null;default:''"`
	// Commodities holds keys of the Commodities list, comma-separated.
	Commodities string `gorm:"not null;default:''"`
	Latitude    *float64
	Longitude   *float64
	// Revision moves on with every save of the profile or its contact (revision.go).
	Revision  uint64 `gorm:"not null;default:1"`
	UpdatedAt time.Time
}

// CommodityKeys returns the profile's commodities as a list of keys.
func (p *RegionProfile) CommodityKeys() []string {
	if p == nil || p.Commodities == "" {
		return nil
	}
	return strings.Split(p.Commodities, ",")
}

// HasContact reports whether any contact detail is known.
func (p *RegionProfile) HasContact() bool {
	return p != nil && (p.ContactOffice != "" || p.ContactAddress != "" || p.ContactPhone != "" || p.ContactEmail != "")
}

// JakartaCode is the Kemendagri code of DKI Jakarta, the programme's host and a party to
// every agreement.
const JakartaCode = "31"

//go:embed regiondata/provinces.csv regiondata/regencies.csv
var regionFiles embed.FS

// RegionDataLicense is the text of the Open Database License the reference regions are under.
//
//go:embed regiondata/LICENSE-ODbL.md
var RegionDataLicense string

// ReferenceRegions parses the embedded Kemendagri lists: 38 provinces, then 514 regencies
// and cities, each kind named by the first word of its name.
func ReferenceRegions() ([]Region, error) {
	var regions []Region
	provinces, err := readCSV("regiondata/provinces.csv", []string{"code", "name"})
	if err != nil {
		return nil, err
	}
	for _, row := range provinces {
		regions = append(regions, Region{Code: row[0], Name: row[1], Kind: KindProvince})
	}
	regencies, err := readCSV("regiondata/regencies.csv", []string{"code", "province_code", "name"})
	if err != nil {
		return nil, err
	}
	for _, row := range regencies {
		kind := KindRegency
		switch first, _, _ := strings.Cut(row[2], " "); first {
		case "Kabupaten":
		case "Kota":
			kind = KindCity
		default:
			return nil, fmt.Errorf("models: region %s: cannot tell the kind of %q", row[0], row[2])
		}
		regions = append(regions, Region{Code: row[0], ProvinceCode: row[1], Name: row[2], Kind: kind})
	}
	return regions, nil
}

func readCSV(name string, header []string) ([][]string, error) {
	f, err := regionFiles.Open(name)
	if err != nil {
		return nil, fmt.Errorf("models: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	var rows [][]string
	for first := true; ; first = false {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("models: read %s: %w", name, err)
		}
		if first {
			if strings.Join(row, ",") != strings.Join(header, ",") {
				return nil, fmt.Errorf("models: %s: unexpected header %v", name, row)
			}
			continue
		}
		rows = append(rows, row)
	}
}

// LoadRegions fills an empty regions table with the reference regions and reports how
// many it added; on a table that has rows it does nothing.
func (s *Store) LoadRegions(ctx context.Context) (int, error) {
	regions, err := ReferenceRegions()
	if err != nil {
		return 0, err
	}
	added := 0
	err = s.write(ctx, func(tx *Store) error {
		added = 0 // a retried transaction counts again
		var n int64
		if err := tx.db.Model(&Region{}).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if err := tx.w.CreateInBatches(regions, 200).Error; err != nil {
			return err
		}
		added = len(regions)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("models: load regions: %w", err)
	}
	return added, nil
}

// RegionCounts is how many regions of each kind the database holds.
type RegionCounts map[RegionKind]int

// CountRegions counts regions by kind.
func (s *Store) CountRegions(ctx context.Context) (RegionCounts, error) {
	var rows []struct {
		Kind RegionKind
		N    int
	}
	err := s.db.WithContext(ctx).Model(&Region{}).Select("kind, count(*) AS n").Group("kind").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("models: count regions: %w", err)
	}
	counts := RegionCounts{}
	for _, r := range rows {
		counts[r.Kind] = r.N
	}
	return counts, nil
}

// RegionFilter narrows the region directory.
type RegionFilter struct {
	Kind         RegionKind // empty for every kind
	PartnersOnly bool
	Query        string // part of the name, any case
}

// RegionGroup is one province with the regions under it that match a filter.
type RegionGroup struct {
	Province Region
	// ProvinceMatches says whether the province itself matches, not only its members.
	ProvinceMatches bool
	Members         []Region
}

// RegionDirectory returns the regions matching f grouped by province, provinces in code
// order. A province appears when it or any of its regencies and cities matches.
func (s *Store) RegionDirectory(ctx context.Context, f RegionFilter) ([]RegionGroup, error) {
	all, err := s.RegionList(ctx)
	if err != nil {
		return nil, err
	}
	return s.RegionDirectoryOf(ctx, all, f)
}

// RegionList reads every region in code order, without profiles: the reference list the
// directory groups, which a caller may keep while the register does not change.
func (s *Store) RegionList(ctx context.Context) ([]Region, error) {
	all, err := scanRegions(s.db.WithContext(ctx).Model(&Region{}).Order("code"))
	if err != nil {
		return nil, fmt.Errorf("models: region directory: %w", err)
	}
	return all, nil
}

// RegionDirectoryOf is RegionDirectory over every region already read (RegionList, in
// code order). Words typed into f are still matched by the database, which folds case and
// accents as the portal's other searches do; the kind and partner filters are applied
// here.
func (s *Store) RegionDirectoryOf(ctx context.Context, all []Region, f RegionFilter) ([]RegionGroup, error) {
	var named map[string]bool
	if text := strings.TrimSpace(f.Query); text != "" {
		var codes []string
		err := s.db.WithContext(ctx).Model(&Region{}).Where(s.containsText("name"), containsPattern(text)).Pluck("code", &codes).Error
		if err != nil {
			return nil, fmt.Errorf("models: region directory: %w", err)
		}
		named = make(map[string]bool, len(codes))
		for _, c := range codes {
			named[c] = true
		}
	}
	matches := func(r Region) bool {
		return (f.Kind == "" || r.Kind == f.Kind) && (!f.PartnersOnly || r.Partner) && (named == nil || named[r.Code])
	}
	var groups []RegionGroup
	index := map[string]int{}
	for _, r := range all {
		if r.Kind == KindProvince {
			index[r.Code] = len(groups)
			groups = append(groups, RegionGroup{Province: r, ProvinceMatches: matches(r)})
		}
	}
	for _, r := range all {
		if r.Kind == KindProvince || !matches(r) {
			continue
		}
		if i, ok := index[r.ProvinceCode]; ok {
			groups[i].Members = append(groups[i].Members, r)
		}
	}
	kept := groups[:0]
	for _, g := range groups {
		if g.ProvinceMatches || len(g.Members) > 0 {
			kept = append(kept, g)
		}
	}
	return kept, nil
}

// scanRegions reads the regions q selects, without their profiles. The directory reads
// all 552 at once, and scanning the columns by hand costs a fraction of what reflecting
// on each row does.
func scanRegions(q *gorm.DB) ([]Region, error) {
	rows, err := q.Select("code, name, kind, province_code, partner").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Region
	for rows.Next() {
		var r Region
		if err := rows.Scan(&r.Code, &r.Name, &r.Kind, &r.ProvinceCode, &r.Partner); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RegionPage is everything the public page of one region shows.
type RegionPage struct {
	Region   Region // with its profile when it has one
	Province *Region
	// Members are the regencies and cities of a province.
	Members    []Region
	Agreements []Agreement // the latest published ones this region is a party to
	Events     []Event     // the latest events it took part in
	// MoreAgreements and MoreEvents say the region has more than the page lists: the
	// page shows the latest RegionPageLength of each, so that Jakarta's page (a party to
	// every agreement) costs what any region's does.
	MoreAgreements, MoreEvents bool
}

// RegionPageLength is how many agreements and events a region's page lists.
const RegionPageLength = 10

// RegionByCode returns one region with its profile.
func (s *Store) RegionByCode(ctx context.Context, code string) (Region, error) {
	var r Region
	err := s.db.WithContext(ctx).Preload("Profile").Where("code = ?", code).Limit(1).Find(&r).Error
	if err != nil {
		return Region{}, fmt.Errorf("models: region %s: %w", code, err)
	}
	if r.Code == "" {
		return Region{}, fmt.Errorf("models: region %s: %w", code, ErrNotFound)
	}
	return r, nil
}

// RegionPageByCode gathers the public page of a region.
func (s *Store) RegionPageByCode(ctx context.Context, code string) (RegionPage, error) {
	r, err := s.RegionByCode(ctx, code)
	if err != nil {
		return RegionPage{}, err
	}
	page := RegionPage{Region: r}
	db := s.db.WithContext(ctx)
	if r.Kind == KindProvince {
		page.Members, err = scanRegions(db.Model(&Region{}).Where("province_code = ?", r.Code).Order("code"))
	} else {
		var p []Region
		p, err = scanRegions(db.Model(&Region{}).Where("code = ?", r.ProvinceCode).Limit(1))
		if len(p) == 1 {
			page.Province = &p[0]
		}
	}
	if err != nil {
		return RegionPage{}, fmt.Errorf("models: region page %s: %w", code, err)
	}
	// One more than shown of each, to know whether there are more. Each list is read from
	// the side that stops soonest, so that its cost follows the region's own records and
	// not the register's size.
	if code == JakartaCode {
		// Jakarta is a party to every agreement (a draft without it is refused): its
		// list is the register's newest, read without looking at its many parties.
		page.Agreements, err = s.publishedAgreementsWhere(ctx, RegionPageLength+1, "")
	} else {
		page.Agreements, err = s.regionAgreements(ctx, code, RegionPageLength+1)
	}
	if err != nil {
		return RegionPage{}, err
	}
	events := db.Order("starts_at DESC, id DESC").Limit(RegionPageLength + 1)
	if code == JakartaCode {
		// The host takes part in nearly every event: walk the events newest first and
		// stop at the eleventh it took part in.
		events = events.Where("EXISTS (SELECT 1 FROM event_participants WHERE event_participants.event_id = events.id AND event_participants.region_code = ?)", code)
	} else {
		events = events.Where("id IN (SELECT event_id FROM event_participants WHERE region_code = ?)", code)
	}
	if err = events.Find(&page.Events).Error; err != nil {
		return RegionPage{}, fmt.Errorf("models: region page %s: %w", code, err)
	}
	if len(page.Agreements) > RegionPageLength {
		page.Agreements, page.MoreAgreements = page.Agreements[:RegionPageLength], true
	}
	if len(page.Events) > RegionPageLength {
		page.Events, page.MoreEvents = page.Events[:RegionPageLength], true
	}
	return page, nil
}

// regionAgreements lists a region's newest published agreements: the first entries of
// idx_parties_region_published (region, published, signing day, agreement), whose
// copies of the agreement's flag and day the triggers keep (migration 00013). The CROSS
// JOIN keeps SQLite to that order; left to itself it walks every published agreement in
// signing order, testing each, which costs the whole register for a small region.
func (s *Store) regionAgreements(ctx context.Context, code string, limit int) ([]Agreement, error) {
	var items []Agreement
	err := findPublicListing(s.db.WithContext(ctx).Table("parties CROSS JOIN agreements").
		Where("agreements.id = parties.agreement_id AND parties.region_code = ? AND parties.published = ?", code, true).
		Order("parties.signed_on DESC, parties.agreement_id DESC").Limit(limit), &items)
	if err != nil {
		return nil, fmt.Errorf("models: published agreements of %s: %w", code, err)
	}
	return items, nil
}

// Regions lists every region in code order, for the forms that pick one.
func (s *Store) Regions(ctx context.Context) ([]Region, error) {
	var regions []Region
	if err := s.db.WithContext(ctx).Order("code").Find(&regions).Error; err != nil {
		return nil, fmt.Errorf("models: regions: %w", err)
	}
	return regions, nil
}

// PartyRegions lists the regions that are a party to any agreement, by name, for the
// officials' filter.
func (s *Store) PartyRegions(ctx context.Context) ([]Region, error) {
	var regions []Region
	err := s.db.WithContext(ctx).Where("code IN (SELECT DISTINCT region_code FROM parties)").Order("name").Find(&regions).Error
	if err != nil {
		return nil, fmt.Errorf("models: party regions: %w", err)
	}
	return regions, nil
}

// RegionLabel is how a region is written in a form: "Kabupaten Ketapang (61.04)".
func RegionLabel(r Region) string { return r.Name + " (" + r.Code + ")" }

var (
	codeOnly     = regexp.MustCompile(`^[0-9]{2}(\.[0-9]{2})?$`)
	codeInParens = regexp.MustCompile(`\(([0-9]{2}(?:\.[0-9]{2})?)\)\s*$`)
)

// IsRegionCode reports whether s has the shape of a Kemendagri province or regency code:
// "31", "74.01".
func IsRegionCode(s string) bool { return codeOnly.MatchString(s) }

// resolveRegion finds the region a party's text names. It returns the code, or the catalog
// key of what is wrong.
func (tx *Store) resolveRegion(text string) (string, string, error) {
	text = strings.TrimSpace(text)
	code := ""
	switch {
	case text == "":
		return "", "error.required", nil
	case codeOnly.MatchString(text):
		code = text
	case codeInParens.MatchString(text):
		code = codeInParens.FindStringSubmatch(text)[1]
	}
	if code != "" {
		var n int64
		if err := tx.db.Model(&Region{}).Where("code = ?", code).Count(&n).Error; err != nil {
			return "", "", err
		}
		if n == 0 {
			return "", "error.unknown_region", nil
		}
		return code, "", nil
	}
	var matches []Region
	err := tx.db.Where(tx.containsText("name"), containsPattern(text)).Order("code").Limit(20).Find(&matches).Error
	if err != nil {
		return "", "", err
	}
	for _, r := range matches {
		if strings.EqualFold(r.Name, text) {
			return r.Code, "", nil
		}
	}
	switch len(matches) {
	case 0:
		return "", "error.unknown_region", nil
	case 1:
		return matches[0].Code, "", nil
	}
	return "", "error.region_ambiguous", nil
}
