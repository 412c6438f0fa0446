package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Agreement is a cooperation document between DKI Jakarta and one or more other regions.
type Agreement struct {
	ID     uint   `gorm:"primaryKey"`
	Number string `gorm:"not null;default:''"` // the register number on the document
	Title  string `gorm:"not null"`
	// ShortTitle is an optional label for headings and lists ("Kalimantan Barat — pangan,
	// ASN, budaya"); the full Title stays the agreement's legal name. It is outside the
	// content hash: it names the text, it is not part of it.
	ShortTitle  string          `gorm:"not null;default:''"`
	DocType     DocType         `gorm:"not null;index"`
	ParentID    *uint           `gorm:"index"` // the memorandum an implementing agreement or amendment hangs under
	Parent      *Agreement      `gorm:"foreignKey:ParentID"`
	Kind        CooperationKind `gorm:"not null"`
	Scope       string          `gorm:"not null;default:''"`
	Summary     string          `gorm:"not null;default:''"`
	StartDate   time.Time       `gorm:"not null"`
	EndDate     time.Time       `gorm:"not null;index:idx_agreements_status_end,priority:2"`
	FundingNote string          `gorm:"not null;default:''"`
	Status      Status          `gorm:"not null;index;index:idx_agreements_status_version,priority:1;index:idx_agreements_status_end,priority:1"`

	// CurrentVersionID is the content version the parties are answering; nil in draft.
	CurrentVersionID *uint `gorm:"index:idx_agreements_status_version,priority:2"`

	SignedOn    *time.Time `gorm:"index;index:idx_agreements_published_signed,priority:2"`
	SignedPlace string     `gorm:"not null;default:''"`
	EventID     *uint      `gorm:"index"`
	Event       *Event     `gorm:"foreignKey:EventID"`

	Published   bool `gorm:"not null;index;index:idx_agreements_published_signed,priority:1"`
	PublishedAt *time.Time

	TerminatedOn      *time.Time
	TerminationReason string `gorm:"not null;default:''"`

	Sectors []AgreementSector `gorm:"foreignKey:AgreementID;constraint:OnDelete:CASCADE"`
	Parties []Party           `gorm:"foreignKey:AgreementID;constraint:OnDelete:CASCADE"`

	// Revision moves on with every step and edit, and every answer (revision.go).
	Revision uint64 `gorm:"not null;default:1"`

	CreatedAt time.Time
	UpdatedAt time.Time
}

// AgreementSector links an agreement to one of the fixed Sectors.
type AgreementSector struct {
	AgreementID uint   `gorm:"primaryKey;index:idx_agreement_sectors_sector,priority:2"`
	Sector      string `gorm:"primaryKey;index:idx_agreement_sectors_sector,priority:1"`
}

// Party is one signing region of an agreement and its sign-off of the current version.
type Party struct {
	ID                uint      `gorm:"primaryKey"`
	AgreementID       uint      `gorm:"not null;uniqueIndex:idx_parties_agreement_region;uniqueIndex:idx_parties_agreement_position"`
	RegionCode        string    `gorm:"not null;index;uniqueIndex:idx_parties_agreement_region;index:idx_parties_region_status,priority:1"`
	Region            Region    `gorm:"foreignKey:RegionCode;references:Code"`
	Position          int       `gorm:"not null;uniqueIndex:idx_parties_agreement_position"` // 1 is the first party
	DocumentNumber    string    `gorm:"not null;default:''"`                                 // the party's own number for the document
	SignatoryName     string    `gorm:"not null;default:''"`
	SignatoryPosition string    `gorm:"not null;default:''"`
	Authority         Authority `gorm:"not null"`

	Status      SignOff    `gorm:"not null;default:pending;index:idx_parties_region_status,priority:2;index:idx_parties_status_decided,priority:1"`
	DecidedAt   *time.Time `gorm:"index:idx_parties_status_decided,priority:2"`
	DecidedByID *uint      // the delegate who answered
	Note        string     `gorm:"not null;default:''"` // a decline's reason or a confirmation's remark
	// ConfirmedHash is the content hash the party confirmed.
	ConfirmedHash string `gorm:"not null;default:''"`
	// OwnNumber is the number the region's own registry gave the document, as its delegate
	// entered it when confirming; empty until then or when they left it out.
	OwnNumber string `gorm:"not null;default:''"`
}

// RegisterNumber is the party's number for the document: the one its delegate gave when
// confirming, else the one in the draft.
func (p Party) RegisterNumber() string {
	if p.OwnNumber != "" {
		return p.OwnNumber
	}
	return p.DocumentNumber
}

// DisplayTitle is what headings and lists call the agreement: its short title when it
// has one, else its full title.
func (a *Agreement) DisplayTitle() string {
	if a.ShortTitle != "" {
		return a.ShortTitle
	}
	return a.Title
}

// AgreementVersion is the frozen text sent to the parties; confirmations bind to its hash.
type AgreementVersion struct {
	ID          uint   `gorm:"primaryKey"`
	AgreementID uint   `gorm:"not null;uniqueIndex:idx_versions_agreement_number"`
	Number      int    `gorm:"not null;uniqueIndex:idx_versions_agreement_number"` // 1, 2, ... per agreement
	Content     string `gorm:"not null"`                                           // canonical JSON
	ContentHash string `gorm:"not null;index"`                                     // SHA-256 of Content, hex
	CreatedAt   time.Time
}

// SignOffRecord is the history of every party's answers, one per party and version: who
// answered, when, from where, and the hash of the text they answered. It names the region
// itself, so that it outlives the party row when a revised draft replaces the parties.
type SignOffRecord struct {
	ID          uint      `gorm:"primaryKey"`
	AgreementID uint      `gorm:"not null;index"`
	PartyID     uint      `gorm:"not null;uniqueIndex:idx_sign_offs_party_version"`
	RegionCode  string    `gorm:"not null;index"`
	VersionID   uint      `gorm:"not null;uniqueIndex:idx_sign_offs_party_version"`
	Decision    SignOff   `gorm:"not null"`
	DecidedAt   time.Time `gorm:"not null;index:idx_sign_offs_actor_decided,priority:2"`
	Note        string    `gorm:"not null;default:''"`
	ContentHash string    `gorm:"not null"`
	OwnNumber   string    `gorm:"not null;default:''"` // the region's own number, when confirming
	ActorID     *uint     `gorm:"index:idx_sign_offs_actor_decided,priority:1"`
	ActorName   string    `gorm:"not null;default:''"`
	IP          string    `gorm:"not null;default:''"`
	UserAgent   string    `gorm:"not null;default:''"`
}

// TableName keeps the history table's name short and plain.
func (SignOffRecord) TableName() string { return "sign_offs" }

// SectorKeys lists the agreement's sector keys in the order of Sectors.
func (a *Agreement) SectorKeys() []string {
	keys := make([]string, 0, len(a.Sectors))
	for _, s := range Sectors {
		for _, as := range a.Sectors {
			if as.Sector == s.Key {
				keys = append(keys, s.Key)
			}
		}
	}
	return keys
}

// ConfirmedParties counts the parties that confirmed the current version.
func (a *Agreement) ConfirmedParties() int {
	n := 0
	for _, p := range a.Parties {
		if p.Status == SignOffConfirmed {
			n++
		}
	}
	return n
}

// TermState says whether the agreement is in force on the given day. A termination takes
// effect on its date, which may be set ahead.
func (a *Agreement) TermState(today time.Time) TermState {
	switch {
	case a.Status == StatusTerminated && (a.TerminatedOn == nil || !today.Before(*a.TerminatedOn)):
		return TermTerminated
	case today.Before(a.StartDate):
		return TermUpcoming
	case today.After(a.EndDate):
		return TermExpired
	}
	return TermActive
}

// AgreementFilter narrows the public list of agreements. Zero fields do not filter.
type AgreementFilter struct {
	Sector  string
	Region  string // Kemendagri code of a party
	DocType DocType
	Year    int       // the year of signing
	Term    TermState // in force, ended, ... on the store's today (see Agreement.TermState)
	Sort    AgreementSort
	Page    int // 1-based
}

// AgreementResults is one page of the results of a filtered list of agreements.
type AgreementResults struct {
	Items   []Agreement // with what the list shows of each: parties with their regions (and sectors for officials)
	Total   int64
	Page    int
	PerPage int
}

// Pages is the number of pages the whole list takes (at least 1).
func (p AgreementResults) Pages() int { return pageCount(p.Total, p.PerPage) }

// pageCount is how many pages of perPage hold total things: at least 1, so that an empty
// list still has its first page.
func pageCount(total int64, perPage int) int {
	if total <= 0 || perPage <= 0 {
		return 1
	}
	return int((total + int64(perPage) - 1) / int64(perPage))
}

// published is the one condition every public query starts from.
func (s *Store) published(ctx context.Context) *gorm.DB {
	return s.db.WithContext(ctx).Model(&Agreement{}).Where("agreements.published = ?", true)
}

// orderedParties preloads an agreement's parties in signing order.
func orderedParties(db *gorm.DB) *gorm.DB { return db.Order("position") }

// findListing runs q into items and loads what a row in a list of agreements shows: the
// parties in signing order, each with its region, and the sectors.
func findListing(q *gorm.DB, items *[]Agreement) error {
	if err := findAgreements(q, items); err != nil {
		return err
	}
	list := make([]*Agreement, len(*items))
	for i := range *items {
		list[i] = &(*items)[i]
	}
	return attachListing(q.Session(&gorm.Session{NewDB: true}), list)
}

// publicListColumns are what a public list shows of an agreement (views' AgreementList
// and RegisterList): its number, titles, type, state and term. With listedPartyColumns,
// a dozen columns instead of the 24 of each agreement and 19 of each party findListing
// scans, and no sectors; on a region's page under load those reads were more than half
// of the page's cost (README, Performance).
const publicListColumns = "agreements.id, agreements.number, agreements.title, agreements.short_title, " +
	"agreements.doc_type, agreements.status, agreements.start_date, agreements.end_date, " +
	"agreements.signed_on, agreements.terminated_on, agreements.published"

// listedPartyColumns are what a public list shows of a party: its region, that region's
// name and its answer.
const listedPartyColumns = "parties.agreement_id, parties.position, parties.region_code, parties.status, regions.name"

// findPublicListing runs q into items with what a public list shows of each agreement
// (publicListColumns), then reads their parties in one query (listedPartyColumns). The
// rest of an agreement is left zero, its sectors and its parties' other columns
// included: its own page reads them. The parties are a query of their own, by the page's
// ids, rather than a subquery in the list's: PostgreSQL evaluates a select list's
// subqueries for the rows an OFFSET skips and before a sort, which made the 50th page
// of the list four times slower.
func findPublicListing(q *gorm.DB, items *[]Agreement) error {
	rows, err := q.Model(&Agreement{}).Select(publicListColumns).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	*items = (*items)[:0]
	for rows.Next() {
		var a Agreement
		if err := rows.Scan(&a.ID, &a.Number, &a.Title, &a.ShortTitle, &a.DocType, &a.Status,
			&a.StartDate, &a.EndDate, &a.SignedOn, &a.TerminatedOn, &a.Published); err != nil {
			return err
		}
		*items = append(*items, a)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(*items) == 0 {
		return nil
	}
	byID := make(map[uint]*Agreement, len(*items))
	ids := make([]uint, len(*items))
	for i := range *items {
		ids[i], byID[(*items)[i].ID] = (*items)[i].ID, &(*items)[i]
	}
	prows, err := q.Session(&gorm.Session{NewDB: true}).Raw("SELECT "+listedPartyColumns+
		" FROM parties JOIN regions ON regions.code = parties.region_code"+
		" WHERE parties.agreement_id IN ? ORDER BY parties.agreement_id, parties.position", ids).Rows()
	if err != nil {
		return err
	}
	defer prows.Close()
	for prows.Next() {
		var p Party
		if err := prows.Scan(&p.AgreementID, &p.Position, &p.RegionCode, &p.Status, &p.Region.Name); err != nil {
			return err
		}
		p.Region.Code = p.RegionCode
		if a := byID[p.AgreementID]; a != nil {
			a.Parties = append(a.Parties, p)
		}
	}
	return prows.Err()
}

// agreementColumns are an agreement's own columns, in the order scanAgreement reads them.
const agreementColumns = "agreements.id, agreements.number, agreements.title, agreements.short_title, " +
	"agreements.doc_type, agreements.parent_id, agreements.kind, agreements.scope, agreements.summary, " +
	"agreements.start_date, agreements.end_date, agreements.funding_note, agreements.status, " +
	"agreements.current_version_id, agreements.signed_on, agreements.signed_place, agreements.event_id, " +
	"agreements.published, agreements.published_at, agreements.terminated_on, agreements.termination_reason, " +
	"agreements.revision, agreements.created_at, agreements.updated_at"

// findAgreements runs q, a query of agreements, into items, scanning each row's own
// columns by hand (agreementColumns): through GORM's reflection, reading the rows cost
// more than the query that found them on every list and agreement page. Relations are
// left empty.
func findAgreements(q *gorm.DB, items *[]Agreement) error {
	rows, err := q.Model(&Agreement{}).Select(agreementColumns).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	*items = (*items)[:0]
	for rows.Next() {
		var a Agreement
		if err := rows.Scan(&a.ID, &a.Number, &a.Title, &a.ShortTitle,
			&a.DocType, &a.ParentID, &a.Kind, &a.Scope, &a.Summary,
			&a.StartDate, &a.EndDate, &a.FundingNote, &a.Status,
			&a.CurrentVersionID, &a.SignedOn, &a.SignedPlace, &a.EventID,
			&a.Published, &a.PublishedAt, &a.TerminatedOn, &a.TerminationReason,
			&a.Revision, &a.CreatedAt, &a.UpdatedAt); err != nil {
			return err
		}
		*items = append(*items, a)
	}
	return rows.Err()
}

// listedParty is what attachListing reads of a party and its region, in the order it
// scans them.
const listedParty = "parties.id, parties.agreement_id, parties.region_code, parties.position, parties.document_number, " +
	"parties.signatory_name, parties.signatory_position, parties.authority, parties.status, parties.decided_at, " +
	"parties.decided_by_id, parties.note, parties.confirmed_hash, parties.own_number, " +
	"regions.code, regions.name, regions.kind, regions.province_code, regions.partner"

// attachListing gives agreements already read their parties (with regions) and sectors:
// two queries for the whole list, scanned by hand. Through GORM's preloading, three
// queries whose every row went through reflection, this was most of what a list page
// cost to render (README, Performance).
func attachListing(db *gorm.DB, items []*Agreement) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]uint, len(items))
	byID := make(map[uint]*Agreement, len(items))
	for i, a := range items {
		ids[i], byID[a.ID] = a.ID, a
		a.Parties, a.Sectors = nil, nil
	}
	rows, err := db.Raw("SELECT "+listedParty+" FROM parties JOIN regions ON regions.code = parties.region_code "+
		"WHERE parties.agreement_id IN ? ORDER BY parties.agreement_id, parties.position", ids).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var p Party
		if err := scanListedParty(rows, &p); err != nil {
			return err
		}
		if a := byID[p.AgreementID]; a != nil {
			a.Parties = append(a.Parties, p)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return attachSectors(db, ids, byID)
}

// scanListedParty scans a row of listedParty's columns into p.
func scanListedParty(rows *sql.Rows, p *Party) error {
	r := &p.Region
	return rows.Scan(&p.ID, &p.AgreementID, &p.RegionCode, &p.Position, &p.DocumentNumber,
		&p.SignatoryName, &p.SignatoryPosition, &p.Authority, &p.Status, &p.DecidedAt,
		&p.DecidedByID, &p.Note, &p.ConfirmedHash, &p.OwnNumber,
		&r.Code, &r.Name, &r.Kind, &r.ProvinceCode, &r.Partner)
}

// attachSectors gives the agreements of byID their sectors, for the agreements ids names
// (a list of ids or a subquery), in one query scanned by hand.
func attachSectors(db *gorm.DB, ids any, byID map[uint]*Agreement) error {
	rows, err := db.Table("agreement_sectors").Select("agreement_id, sector").
		Where("agreement_id IN (?)", ids).Order("agreement_id, sector").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s AgreementSector
		if err := rows.Scan(&s.AgreementID, &s.Sector); err != nil {
			return err
		}
		if a := byID[s.AgreementID]; a != nil {
			a.Sectors = append(a.Sectors, s)
		}
	}
	return rows.Err()
}

// PublishedAgreements returns one page of published agreements matching f, with what the
// public list shows of each (findPublicListing), in the order f.Sort names (newest
// signing first by default). A page past the last returns no items;
// callers decide what that means.
func (s *Store) PublishedAgreements(ctx context.Context, f AgreementFilter, perPage int) (AgreementResults, error) {
	page, err := pageOf(s.matching(s.published(ctx), f), f.Page, perPage, s.agreementOrder(f.Sort), findPublicListing)
	if err != nil {
		return AgreementResults{}, fmt.Errorf("models: list published agreements: %w", err)
	}
	return page, nil
}

// matching narrows a query of agreements to those f selects (all but its page and order).
func (s *Store) matching(q *gorm.DB, f AgreementFilter) *gorm.DB {
	if f.DocType != "" {
		q = q.Where("agreements.doc_type = ?", f.DocType)
	}
	if f.Year != 0 {
		q = q.Where("agreements.signed_on >= ? AND agreements.signed_on < ?",
			Date(f.Year, time.January, 1), Date(f.Year+1, time.January, 1))
	}
	return byTerm(bySector(byRegion(q, f.Region), f.Sector), f.Term, s.Today())
}

// bySector keeps the agreements covering a sector ("" keeps all).
func bySector(q *gorm.DB, sector string) *gorm.DB {
	if sector == "" {
		return q
	}
	return q.Where("agreements.id IN (SELECT agreement_id FROM agreement_sectors WHERE sector = ?)", sector)
}

// byRegion keeps the agreements a region is a party to ("" keeps all).
func byRegion(q *gorm.DB, region string) *gorm.DB {
	if region == "" {
		return q
	}
	return q.Where("agreements.id IN (SELECT agreement_id FROM parties WHERE region_code = ?)", region)
}

// pageOf counts the agreements q selects and loads one page of them, in order, with what
// a list shows of each: find is findListing, or findPublicListing for the public lists. A
// page in the second half of the list is read from its end, in the opposite order: an
// offset costs every row it skips, so the list's last pages cost what its first do (at
// ten times the register, the last page skipped 50,000 rows).
func pageOf(q *gorm.DB, page, perPage int, order string, find func(*gorm.DB, *[]Agreement) error) (AgreementResults, error) {
	p := AgreementResults{Page: max(page, 1), PerPage: perPage}
	if err := q.Count(&p.Total).Error; err != nil {
		return AgreementResults{}, err
	}
	offset := (p.Page - 1) * perPage
	after := int(p.Total) - offset - perPage // rows after the page
	backwards, reversible := reversedOrder(order)
	if offset <= after || offset >= int(p.Total) || !reversible {
		err := find(q.Order(order).Limit(perPage).Offset(offset), &p.Items)
		return p, err
	}
	limit := perPage + min(after, 0) // the last page may be short
	err := find(q.Order(backwards).Limit(limit).Offset(max(after, 0)), &p.Items)
	slices.Reverse(p.Items)
	return p, err
}

// reversedOrder is an ORDER BY whose every term names its direction, turned around: the
// same rows in the opposite order, NULLs included, on both engines (each puts NULLs at
// the same end for ASC and at the other for DESC).
// It reports false for an order with a term that does not name its direction.
func reversedOrder(order string) (string, bool) {
	terms := strings.Split(order, ",")
	for i, t := range terms {
		switch {
		case strings.HasSuffix(t, " ASC"):
			terms[i] = strings.TrimSuffix(t, " ASC") + " DESC"
		case strings.HasSuffix(t, " DESC"):
			terms[i] = strings.TrimSuffix(t, " DESC") + " ASC"
		default:
			return "", false
		}
	}
	return strings.Join(terms, ","), true
}

// publishedAgreementsWhere lists published agreements matching a condition, newest first,
// with what a public list shows of each (findPublicListing); limit 0 means all.
func (s *Store) publishedAgreementsWhere(ctx context.Context, limit int, cond string, args ...any) ([]Agreement, error) {
	q := s.published(ctx).Order("agreements.signed_on DESC, agreements.id DESC")
	if cond != "" {
		q = q.Where(cond, args...)
	}
	if limit > 0 {
		q = q.Limit(limit)
	}
	var items []Agreement
	if err := findPublicListing(q, &items); err != nil {
		return nil, fmt.Errorf("models: list published agreements: %w", err)
	}
	return items, nil
}

// AgreementView is one agreement with all it shows on its page.
type AgreementView struct {
	Agreement
	Version *AgreementVersion // the version the parties answered; nil in draft
}

// AgreementFacets are the values the public filters offer: only those that lead somewhere.
type AgreementFacets struct {
	Regions []Region // regions that are a party to a published agreement
	Years   []int    // years of signing, newest first
}

// PublishedAgreementFacets collects the filter choices for the public list. Both are
// found by probing indexes rather than reading every published agreement, so that their
// cost follows the number of regions and years, not the size of the register.
func (s *Store) PublishedAgreementFacets(ctx context.Context) (AgreementFacets, error) {
	var f AgreementFacets
	db := s.db.WithContext(ctx)
	err := db.Where(regionHasPublished, true).Order("name").Find(&f.Regions).Error
	if err != nil {
		return f, fmt.Errorf("models: agreement facets: %w", err)
	}
	// The years, newest first: the latest signing day before each year found, one
	// indexed probe per year.
	before := time.Time{}
	for {
		q := s.published(ctx).Where("agreements.signed_on IS NOT NULL")
		if !before.IsZero() {
			q = q.Where("agreements.signed_on < ?", before)
		}
		var latest []time.Time
		if err := q.Order("agreements.signed_on DESC").Limit(1).Pluck("agreements.signed_on", &latest).Error; err != nil {
			return f, fmt.Errorf("models: agreement facets: %w", err)
		}
		if len(latest) == 0 {
			return f, nil
		}
		year := latest[0].UTC().Year()
		f.Years = append(f.Years, year)
		before = Date(year, time.January, 1)
	}
}

// AgreementParties returns an agreement's parties, with their regions, in signing order.
func (s *Store) AgreementParties(ctx context.Context, agreementID uint) ([]Party, error) {
	var parties []Party
	err := s.db.WithContext(ctx).Preload("Region").Where("agreement_id = ?", agreementID).Order("position").Find(&parties).Error
	if err != nil {
		return nil, fmt.Errorf("models: parties of agreement %d: %w", agreementID, err)
	}
	return parties, nil
}

// AgreementsByStatus lists the agreements in one lifecycle state, published or not, most
// recently changed first. It is for officials' views, never for public pages.
func (s *Store) AgreementsByStatus(ctx context.Context, status Status) ([]Agreement, error) {
	var items []Agreement
	err := findListing(s.db.WithContext(ctx).Where("status = ?", status).Order("updated_at DESC, id DESC"), &items)
	if err != nil {
		return nil, fmt.Errorf("models: agreements in %s: %w", status, err)
	}
	return items, nil
}

// regionHasPublished selects the regions that are a party to a published agreement (bind
// true): parties.published, kept by triggers (migration 00013), is its agreement's flag,
// so this is one probe of idx_parties_region_published per region.
const regionHasPublished = "EXISTS (SELECT 1 FROM parties WHERE parties.region_code = regions.code AND parties.published = ?)"

// AgreementCounts counts agreements by lifecycle state. It is for officials' views. It
// reads the counts the database keeps (agreement_counts, migration 00013), a few rows
// whatever the size of the register.
func (s *Store) AgreementCounts(ctx context.Context) (map[Status]int64, error) {
	var rows []struct {
		Status Status
		N      int64
	}
	err := s.db.WithContext(ctx).Table("agreement_counts").Select("status, sum(n) AS n").Group("status").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("models: count agreements: %w", err)
	}
	counts := make(map[Status]int64, len(rows))
	for _, r := range rows {
		counts[r.Status] = r.N
	}
	return counts, nil
}

// Inbox is a delegate's view of their region's agreements.
type Inbox struct {
	// Awaiting are in review with the region's answer pending, sent longest ago first.
	Awaiting      []Agreement
	AwaitingTotal int64
	// Others are the rest, from the moment they were sent, most recently changed first.
	Others      []Agreement
	OthersTotal int64
	// AwaitingCapped and OthersCapped say the list holds more than InboxCountCap: the
	// total is then the cap, and the page says "more than".
	AwaitingCapped, OthersCapped bool
	// History is what the delegate answered, newest first.
	History []SignOffHistory
}

// InboxCountCap is how far the inbox counts each list. Jakarta's delegate answers for
// every agreement of the register; counting them all would make the inbox slower with
// every agreement added, and beyond a thousand the exact number tells a delegate nothing.
const InboxCountCap = 1000

// inboxCountCap is InboxCountCap, lowered by tests that cannot write a thousand agreements.
var inboxCountCap = InboxCountCap

// DelegateInbox gathers a delegate's inbox, at most limit agreements of each kind and
// limit answers. Drafts stay with the officials. Only an active delegate with a region may
// ask, and sees their own region's agreements only.
func (s *Store) DelegateInbox(ctx context.Context, actor Actor, limit int) (Inbox, error) {
	region := actor.DelegateRegion()
	if region == "" {
		return Inbox{}, fmt.Errorf("models: inbox: %w", ErrForbidden)
	}
	return s.inbox(ctx, actor, region, limit)
}

func (s *Store) inbox(ctx context.Context, actor Actor, region string, limit int) (Inbox, error) {
	var in Inbox
	// The region's own party and its answer. Another region's lists walk its own parties;
	// Jakarta is a party to every agreement (a draft without it is refused), so its lists
	// walk the agreements themselves, by index in the order shown, and stop at the page's
	// end instead of reading all of its parties.
	mine := func() *gorm.DB {
		q := s.db.WithContext(ctx).Model(&Agreement{})
		if region == JakartaCode {
			return q
		}
		return q.Joins("JOIN parties AS own ON own.agreement_id = agreements.id AND own.region_code = ?", region)
	}
	pending, args := "own.status = ?", []any{SignOffPending}
	if region == JakartaCode {
		pending = "EXISTS (SELECT 1 FROM parties AS own WHERE own.agreement_id = agreements.id AND own.region_code = ? AND own.status = ?)"
		args = []any{region, SignOffPending}
	}
	awaiting := func() *gorm.DB {
		return mine().Where("agreements.status = ?", StatusInReview).Where(pending, args...)
	}
	others := func() *gorm.DB {
		return mine().Where("agreements.status <> ?", StatusDraft).
			Where("NOT (agreements.status = ? AND "+pending+")", append([]any{StatusInReview}, args...)...)
	}
	var err error
	if in.AwaitingTotal, in.AwaitingCapped, err = countUpTo(awaiting(), inboxCountCap); err != nil {
		return in, fmt.Errorf("models: inbox: %w", err)
	}
	if err := findListing(awaiting().Order("agreements.current_version_id, agreements.id").Limit(limit), &in.Awaiting); err != nil {
		return in, fmt.Errorf("models: inbox: %w", err)
	}
	if in.OthersTotal, in.OthersCapped, err = countUpTo(others(), inboxCountCap); err != nil {
		return in, fmt.Errorf("models: inbox: %w", err)
	}
	if err := findListing(others().Order("agreements.updated_at DESC, agreements.id DESC").Limit(limit), &in.Others); err != nil {
		return in, fmt.Errorf("models: inbox: %w", err)
	}
	in.History, err = s.DelegateHistory(ctx, actor, limit)
	return in, err
}

// countUpTo counts the agreements q selects, reading no more than limit+1 of them:
// capped says there are more than limit, and the count is then limit.
func countUpTo(q *gorm.DB, limit int) (n int64, capped bool, err error) {
	err = q.Session(&gorm.Session{NewDB: true}).Table("(?) AS counted", q.Select("agreements.id").Limit(limit+1)).Count(&n).Error
	if n > int64(limit) {
		return int64(limit), true, err
	}
	return n, false, err
}
