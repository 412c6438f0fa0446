package models

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Keeping the search index current. Triggers in the database note in search_stale which
// things' searchable text a write may have changed (migration 00007); before each write
// transaction of the portal commits, refreshSearch rebuilds those things' rows of
// search_documents in the same transaction. Whoever writes — this server, another one, the
// derap command — the index and the data it describes change together.

// SearchKind is what a search result is.
type SearchKind string

// The kinds of things the search finds, in the order the results page shows them.
const (
	SearchAgreement SearchKind = "agreement"
	SearchRegion    SearchKind = "region"
	SearchEvent     SearchKind = "event"
)

// SearchKinds lists the kinds in the order of the results page.
var SearchKinds = []SearchKind{SearchAgreement, SearchRegion, SearchEvent}

// Valid reports whether k is one of SearchKinds.
func (k SearchKind) Valid() bool {
	return k == SearchAgreement || k == SearchRegion || k == SearchEvent
}

// searchDocument is one row of the index: what a result shows, as written, and the same
// text folded in three columns of decreasing weight.
type searchDocument struct {
	ID         uint `gorm:"primaryKey"`
	Kind       SearchKind
	ObjectKey  string
	Public     bool
	Status     string
	Title      string
	Detail     string
	Body       string
	Boost      float64
	Day        *time.Time
	TitleTerms string
	KeyTerms   string
	BodyTerms  string
}

func (searchDocument) TableName() string { return "search_documents" }

// staleSearchRow names a thing whose row of the index is to be rebuilt.
type staleSearchRow struct {
	Kind      SearchKind
	ObjectKey string
}

func (staleSearchRow) TableName() string { return "search_stale" }

// searchBatch bounds how many things one statement of the rebuild reads or writes.
const searchBatch = 400

// refreshSearch rebuilds, inside the write transaction, the index rows of every thing the
// triggers marked as changed, and clears the marks.
func (tx *Store) refreshSearch() error {
	// Every write transaction asks, and most find nothing: one plain query, scanned by hand.
	stale, err := tx.staleSearchRows()
	if err != nil {
		return fmt.Errorf("models: read the search index's changes: %w", err)
	}
	if len(stale) == 0 {
		return nil
	}
	keys := map[SearchKind][]string{}
	for _, r := range stale {
		keys[r.Kind] = append(keys[r.Kind], r.ObjectKey)
	}
	for kind, all := range keys {
		for from := 0; from < len(all); from += searchBatch {
			batch := all[from:min(from+searchBatch, len(all))]
			if err := tx.reindex(kind, batch); err != nil {
				return fmt.Errorf("models: update the search index (%s): %w", kind, err)
			}
			if err := tx.w.Where("kind = ? AND object_key IN ?", kind, batch).Delete(&staleSearchRow{}).Error; err != nil {
				return fmt.Errorf("models: update the search index (%s): %w", kind, err)
			}
		}
	}
	return nil
}

// staleSearchRows reads the marks the triggers left.
func (tx *Store) staleSearchRows() ([]staleSearchRow, error) {
	rows, err := tx.w.Raw("SELECT kind, object_key FROM search_stale").Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var stale []staleSearchRow
	for rows.Next() {
		var r staleSearchRow
		if err := rows.Scan(&r.Kind, &r.ObjectKey); err != nil {
			return nil, err
		}
		stale = append(stale, r)
	}
	return stale, rows.Err()
}

// reindex rebuilds the rows of some things of one kind; a thing that no longer exists
// loses its row.
func (tx *Store) reindex(kind SearchKind, keys []string) error {
	var docs []searchDocument
	var err error
	switch kind {
	case SearchAgreement:
		docs, err = tx.agreementDocuments(keys)
	case SearchRegion:
		docs, err = tx.regionDocuments(keys)
	case SearchEvent:
		docs, err = tx.eventDocuments(keys)
	default:
		return nil // a mark of no kind the portal knows: cleared with the others
	}
	if err != nil {
		return err
	}
	found := make(map[string]bool, len(docs))
	for _, d := range docs {
		found[d.ObjectKey] = true
	}
	var gone []string
	for _, k := range keys {
		if !found[k] {
			gone = append(gone, k)
		}
	}
	if len(gone) > 0 {
		if err := tx.w.Where("kind = ? AND object_key IN ?", kind, gone).Delete(&searchDocument{}).Error; err != nil {
			return err
		}
	}
	if len(docs) == 0 {
		return nil
	}
	return tx.w.Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "kind"}, {Name: "object_key"}},
		DoUpdates: clause.AssignmentColumns([]string{
			"public", "status", "title", "detail", "body", "boost", "day", "title_terms", "key_terms", "body_terms",
		}),
	}).Create(&docs).Error
}

// numericKeys turns the keys of things with numeric ids into ids; a key that is no
// number names nothing.
func numericKeys(keys []string) []uint {
	ids := make([]uint, 0, len(keys))
	for _, k := range keys {
		if id, err := strconv.ParseUint(k, 10, 64); err == nil {
			ids = append(ids, uint(id))
		}
	}
	return ids
}

// joinText joins the non-empty parts of a text with a space.
func joinText(parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}

// agreementDocuments builds the index rows of agreements: the titles; the numbers, the
// parties' regions (by name, code and abbreviation), numbers and signatories, the
// sectors; the summary, scope and place of signing.
func (tx *Store) agreementDocuments(keys []string) ([]searchDocument, error) {
	var items []Agreement
	if err := findListing(tx.w.Where("id IN ?", numericKeys(keys)), &items); err != nil {
		return nil, err
	}
	docs := make([]searchDocument, 0, len(items))
	for _, a := range items {
		var key, body, partyNames []string
		key = append(key, a.Number, string(a.DocType))
		for _, p := range a.Parties {
			key = append(key, regionTerms(p.Region), p.DocumentNumber, p.OwnNumber, p.SignatoryName)
			body = append(body, p.SignatoryPosition)
			partyNames = append(partyNames, p.Region.Name)
		}
		for _, s := range a.Sectors {
			key = append(key, strings.ReplaceAll(s.Sector, "_", " "))
		}
		shown := joinText(a.Summary, a.Scope, strings.Join(partyNames, ", "))
		if a.ShortTitle != "" {
			shown = joinText(a.Title, shown)
		}
		docs = append(docs, searchDocument{
			Boost: 1, Kind: SearchAgreement, ObjectKey: strconv.FormatUint(uint64(a.ID), 10),
			Public: a.Published, Status: string(a.Status),
			Title: a.DisplayTitle(), Detail: a.Number, Body: shown, Day: a.SignedOn,
			TitleTerms: foldText(joinText(a.Title, a.ShortTitle)),
			KeyTerms:   foldText(joinText(key...)),
			BodyTerms:  foldText(joinText(a.Summary, a.Scope, a.SignedPlace, joinText(body...))),
		})
	}
	return docs, nil
}

// regionDocuments builds the index rows of regions: the name; the code in both spellings,
// the level and the abbreviations; the province, the partner profile.
func (tx *Store) regionDocuments(keys []string) ([]searchDocument, error) {
	var items []Region
	if err := tx.w.Preload("Profile").Where("code IN ?", keys).Find(&items).Error; err != nil {
		return nil, err
	}
	provinceCodes := []string{}
	for _, r := range items {
		if r.ProvinceCode != "" {
			provinceCodes = append(provinceCodes, r.ProvinceCode)
		}
	}
	provinces := map[string]Region{}
	if len(provinceCodes) > 0 {
		var rows []Region
		if err := tx.w.Where("code IN ?", provinceCodes).Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, p := range rows {
			provinces[p.Code] = p
		}
	}
	docs := make([]searchDocument, 0, len(items))
	for _, r := range items {
		var summary, profile string
		if p := r.Profile; p != nil {
			summary = p.Summary
			profile = joinText(p.Summary, p.ContactOffice, strings.ReplaceAll(p.Commodities, ",", " "))
		}
		var province string
		if p, ok := provinces[r.ProvinceCode]; ok {
			province = joinText(p.Name, strings.Join(regionAliases[p.Code], " "))
		}
		boost := 1.0
		if r.Partner {
			boost = 2 // the programme's partners before the other 500-odd regions
		}
		docs = append(docs, searchDocument{
			Boost: boost, Kind: SearchRegion, ObjectKey: r.Code, Public: true,
			Title: r.Name, Detail: regionDetail(r, provinces[r.ProvinceCode]), Body: summary,
			TitleTerms: foldText(r.Name),
			KeyTerms:   foldText(regionTerms(r)),
			BodyTerms:  foldText(joinText(province, profile)),
		})
	}
	return docs, nil
}

// regionDetail is what a result says of a region beside its name: its code, and the
// province of a regency or city, or a province's abbreviations (so that the word that
// found it is seen).
func regionDetail(r, province Region) string {
	if province.Name != "" {
		return r.Code + " · " + province.Name
	}
	if aliases := regionAliases[r.Code]; len(aliases) > 0 {
		return r.Code + " · " + strings.Join(aliases, ", ")
	}
	return r.Code
}

// markdownMarks are the characters Markdown uses for emphasis, headings, quotes and code.
var markdownMarks = regexp.MustCompile("[*_`#>]+|\\[([^\\]]*)\\]\\([^)]*\\)")

// plainText is a Markdown text without its markup, for an excerpt.
func plainText(md string) string {
	return markdownMarks.ReplaceAllStringFunc(md, func(m string) string {
		if strings.HasPrefix(m, "[") {
			return m[1:strings.Index(m, "]")]
		}
		return " "
	})
}

// eventDocuments builds the index rows of events: the title; the place, organiser,
// speakers and participating regions; the summary, minutes and speakers' offices.
func (tx *Store) eventDocuments(keys []string) ([]searchDocument, error) {
	var items []Event
	err := tx.w.Preload("Speakers", func(db *gorm.DB) *gorm.DB { return db.Order("position") }).
		Preload("Participants.Region").Where("id IN ?", numericKeys(keys)).Find(&items).Error
	if err != nil {
		return nil, err
	}
	docs := make([]searchDocument, 0, len(items))
	for _, e := range items {
		var key, body []string
		key = append(key, e.Place, e.Organiser)
		for _, s := range e.Speakers {
			key = append(key, s.Name)
			body = append(body, joinText(s.Name, s.Role, s.Organisation))
		}
		for _, p := range e.Participants {
			key = append(key, regionTerms(p.Region))
		}
		minutes := plainText(e.Minutes)
		starts := e.StartsAt
		docs = append(docs, searchDocument{
			Boost: 1, Kind: SearchEvent, ObjectKey: strconv.FormatUint(uint64(e.ID), 10), Public: true,
			Title: e.Title, Detail: e.Place, Body: joinText(e.Summary, minutes, strings.Join(body, "; ")), Day: &starts,
			TitleTerms: foldText(e.Title),
			KeyTerms:   foldText(joinText(key...)),
			BodyTerms:  foldText(joinText(e.Summary, minutes, joinText(body...))),
		})
	}
	return docs, nil
}

// RefreshSearch brings the search index up to date with writes that did not go through the
// portal's own write transactions (a migration that adds the index to a database that has
// data, rows restored by hand); it writes only when something is waiting.
func (s *Store) RefreshSearch(ctx context.Context) error {
	var waiting int64
	if err := s.db.WithContext(ctx).Model(&staleSearchRow{}).Limit(1).Count(&waiting).Error; err != nil {
		return fmt.Errorf("models: read the search index's changes: %w", err)
	}
	if waiting == 0 {
		return nil
	}
	return s.write(ctx, func(tx *Store) error { return nil }) // write refreshes the index
}

// ErrNoFullTextSearch says the program was built without SQLite's full-text search, which
// the search index needs: it is built with the build tag sqlite_fts5 (make build does).
var ErrNoFullTextSearch = errors.New("models: this program's SQLite has no full-text search (FTS5): build it with -tags sqlite_fts5, as make build does")

// checkFullTextSearch refuses a SQLite built without FTS5 before a migration would fail
// half-way on it, with a message that says how to build the program.
func (s *Store) checkFullTextSearch(ctx context.Context) error {
	if s.engine != EngineSQLite {
		return nil
	}
	var on int
	if err := s.db.WithContext(ctx).Raw("SELECT sqlite_compileoption_used('ENABLE_FTS5')").Scan(&on).Error; err != nil {
		return fmt.Errorf("models: check the SQLite build: %w", err)
	}
	if on != 1 {
		return ErrNoFullTextSearch
	}
	return nil
}
