package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"
)

// The register: the published agreements as open data (files of the whole list or of
// what a filter selects), and the regions and events beside them. Only what a visitor may
// read is ever loaded here: published agreements, and of their parents and of the
// agreements signed at an event only the published ones.

// AgreementSort is an order of the public list of agreements.
type AgreementSort string

// The orders of the public list; the zero value is SortNewest.
const (
	SortNewest AgreementSort = "newest" // signing date, newest first
	SortSigned AgreementSort = "signed" // signing date, oldest first
	SortEnds   AgreementSort = "ends"   // end of the term, soonest first
	SortTitle  AgreementSort = "title"  // display title, A to Z
)

// AgreementSorts lists the orders in the order pages offer them.
var AgreementSorts = []AgreementSort{SortNewest, SortSigned, SortEnds, SortTitle}

// Valid reports whether o is one of AgreementSorts.
func (o AgreementSort) Valid() bool { return slices.Contains(AgreementSorts, o) }

// TermStates lists the term states in the order pages offer them.
var TermStates = []TermState{TermActive, TermUpcoming, TermExpired, TermTerminated}

// Valid reports whether t is one of TermStates.
func (t TermState) Valid() bool { return slices.Contains(TermStates, t) }

// agreementOrder is the ORDER BY of an order of the list; the ID breaks ties, so that
// pages and files list the same agreements in the same order on both engines.
func (s *Store) agreementOrder(o AgreementSort) string {
	switch o {
	case SortSigned:
		return "agreements.signed_on ASC, agreements.id ASC"
	case SortEnds:
		return "agreements.end_date ASC, agreements.id ASC"
	case SortTitle:
		return s.sortableText("COALESCE(NULLIF(agreements.short_title, ''), agreements.title)") + " ASC, agreements.id ASC"
	}
	return "agreements.signed_on DESC, agreements.id DESC"
}

// sortableText is a text expression as the lists sort it: in lower case, by code point.
// PostgreSQL would otherwise follow the database's collation (which may skip spaces and
// punctuation), SQLite its binary order.
func (s *Store) sortableText(expr string) string {
	if s.engine == EnginePostgres {
		return "LOWER(" + expr + `) COLLATE "C"`
	}
	return "LOWER(" + expr + ")"
}

// terminatedBy is the condition that an agreement's termination has taken effect on a
// day (the argument twice: the status, then the day). It is Agreement.TermState's first
// rule in SQL.
const terminatedBy = "(agreements.status = ? AND (agreements.terminated_on IS NULL OR agreements.terminated_on <= ?))"

// byTerm keeps the agreements in a term state on a day ("" keeps all): exactly the
// agreements whose TermState(today) is term.
func byTerm(q *gorm.DB, term TermState, today time.Time) *gorm.DB {
	switch term {
	case "":
		return q
	case TermTerminated:
		return q.Where(terminatedBy, StatusTerminated, today)
	}
	q = q.Where("NOT "+terminatedBy, StatusTerminated, today)
	switch term {
	case TermUpcoming:
		return q.Where("agreements.start_date > ?", today)
	case TermExpired:
		return q.Where("agreements.start_date <= ? AND agreements.end_date < ?", today, today)
	case TermActive:
		return q.Where("agreements.start_date <= ? AND agreements.end_date >= ?", today, today)
	}
	return q.Where("1 = 0") // no agreement is in a state that does not exist
}

// Register is the published register, or the part of it a filter selects, with all its
// files show of each agreement.
type Register struct {
	// Agreements are in the list's order, with their parties (and the parties' regions)
	// and sectors. ParentID is kept only when the parent is published too.
	Agreements []Agreement
	// Versions holds the current version of each agreement by the agreement's ID, without
	// its content (number and hash only).
	Versions map[uint]AgreementVersion
	// Documents holds the documents of each agreement by its ID, in upload order.
	Documents map[uint][]Document
	// Activities holds each agreement's implementation plan by its ID, in the plan's
	// order; Reports each activity's accepted reports (only those: what counts publicly)
	// by the activity's ID, by period, with their attendance by region.
	Activities map[uint][]Activity
	Reports    map[uint][]ActivityReport
	// Today is the day the term states hold on.
	Today time.Time
}

// PublishedRegister returns every published agreement f selects (its page aside), in the
// order f.Sort names: what the list shows over all its pages. Each relation is loaded in
// one query, inside one read transaction, so the files agree with each other.
func (s *Store) PublishedRegister(ctx context.Context, f AgreementFilter) (Register, error) {
	r, err := s.register(ctx, func(q *gorm.DB) *gorm.DB { return s.matching(q, f) }, s.agreementOrder(f.Sort))
	if err != nil {
		return Register{}, fmt.Errorf("models: published register: %w", err)
	}
	return r, nil
}

// PublishedRecord returns the register's entry of one published agreement; one that does
// not exist or is not published is ErrNotFound, as on its page.
func (s *Store) PublishedRecord(ctx context.Context, id uint) (Register, error) {
	r, err := s.register(ctx, func(q *gorm.DB) *gorm.DB { return q.Where("agreements.id = ?", id) }, "agreements.id")
	if err != nil {
		return Register{}, fmt.Errorf("models: register entry %d: %w", id, err)
	}
	if len(r.Agreements) == 0 {
		return Register{}, fmt.Errorf("models: register entry %d: %w", id, ErrNotFound)
	}
	return r, nil
}

// register loads the published agreements filter selects, in order, and what the files
// show of them: one query per relation, each narrowed by the same filter as a subquery
// (no list of IDs, however long the register). The agreements, their parties and their
// sectors (most of the rows) are scanned by hand, as the lists read them (findListing),
// and each party and sector goes straight to its agreement: through GORM's reflection and
// preloading these rows cost most of what a whole-register file allocated.
func (s *Store) register(ctx context.Context, filter func(*gorm.DB) *gorm.DB, order string) (Register, error) {
	r := Register{Versions: map[uint]AgreementVersion{}, Documents: map[uint][]Document{}, Today: s.Today(),
		Activities: map[uint][]Activity{}, Reports: map[uint][]ActivityReport{}}
	err := s.readSnapshot(ctx, func(db *gorm.DB) error {
		selected := func(column string) *gorm.DB {
			return filter(db.Model(&Agreement{}).Where("agreements.published = ?", true)).Select(column)
		}
		var count int64 // the agreements are read into an array of their number, not grown
		if err := filter(db.Model(&Agreement{}).Where("agreements.published = ?", true)).Count(&count).Error; err != nil {
			return err
		}
		r.Agreements = make([]Agreement, 0, count)
		if err := findAgreements(filter(db.Model(&Agreement{}).Where("agreements.published = ?", true)).Order(order), &r.Agreements); err != nil {
			return err
		}
		if len(r.Agreements) == 0 {
			return nil
		}
		at := make(map[uint]*Agreement, len(r.Agreements))
		for i := range r.Agreements {
			at[r.Agreements[i].ID] = &r.Agreements[i]
		}
		ids := selected("agreements.id")
		if err := attachRegisterListing(db, ids, at); err != nil {
			return err
		}
		var versions []AgreementVersion
		if err := db.Select("id", "agreement_id", "number", "content_hash", "created_at").
			Where("id IN (?)", selected("agreements.current_version_id")).Find(&versions).Error; err != nil {
			return err
		}
		var docs []Document
		if err := db.Where("owner_type = ? AND owner_id IN (?)", OwnerAgreement, ids).Order("id").Find(&docs).Error; err != nil {
			return err
		}
		var parents []uint
		if err := db.Model(&Agreement{}).Where("published = ? AND id IN (?)", true, selected("agreements.parent_id")).
			Pluck("id", &parents).Error; err != nil {
			return err
		}
		r.assemble(versions, docs, parents)
		return r.loadMonitoring(db, ids)
	})
	return r, err
}

// attachRegisterListing gives the register's agreements (at, by ID) their parties, in
// signing order and each with its region, and their sectors: what attachListing reads of
// a page of a list, for the agreements the subquery ids selects (however many).
func attachRegisterListing(db *gorm.DB, ids *gorm.DB, at map[uint]*Agreement) error {
	// Every party is read into one array, counted first, and each agreement's are a run
	// of it (the rows come by agreement): no agreement's slice grows party by party.
	var count int64
	if err := db.Table("parties").Where("parties.agreement_id IN (?)", ids).Count(&count).Error; err != nil {
		return err
	}
	all := make([]Party, 0, count)
	var run *Agreement
	start := 0
	endRun := func(end int) {
		if run != nil {
			run.Parties = all[start:end:end]
		}
	}
	rows, err := db.Table("parties").Select(listedParty).Joins("JOIN regions ON regions.code = parties.region_code").
		Where("parties.agreement_id IN (?)", ids).Order("parties.agreement_id, parties.position").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		all = append(all, Party{})
		p := &all[len(all)-1]
		if err := scanListedParty(rows, p); err != nil {
			return err
		}
		if run == nil || run.ID != p.AgreementID {
			endRun(len(all) - 1) // the party just read starts the next run
			run, start = at[p.AgreementID], len(all)-1
		}
	}
	endRun(len(all))
	if err := rows.Err(); err != nil {
		return err
	}
	return attachSectors(db, ids, at)
}

// loadMonitoring loads the plans of the agreements ids selects and their accepted reports
// with their attendance: one query per table.
func (r *Register) loadMonitoring(db *gorm.DB, ids *gorm.DB) error {
	var acts []Activity
	if err := db.Where("agreement_id IN (?)", ids).Order("agreement_id, position, id").Find(&acts).Error; err != nil {
		return err
	}
	if len(acts) == 0 {
		return nil
	}
	accepted := func(column string) *gorm.DB {
		return db.Model(&ActivityReport{}).Select(column).Where("state = ? AND agreement_id IN (?)", ReportAccepted, ids)
	}
	var reports []ActivityReport
	if err := accepted("*").Order("activity_id, period_start, id").Find(&reports).Error; err != nil {
		return err
	}
	var attendance []ReportParticipant
	if len(reports) > 0 {
		if err := db.Where("report_id IN (?)", accepted("id")).Order("report_id, region_code").Find(&attendance).Error; err != nil {
			return err
		}
	}
	for _, a := range acts {
		r.Activities[a.AgreementID] = append(r.Activities[a.AgreementID], a)
	}
	at := make(map[uint]*ActivityReport, len(reports))
	for i := range reports {
		at[reports[i].ID] = &reports[i]
	}
	for _, p := range attendance {
		if rep := at[p.ReportID]; rep != nil {
			rep.Attendance = append(rep.Attendance, p)
		}
	}
	for _, rep := range reports {
		r.Reports[rep.ActivityID] = append(r.Reports[rep.ActivityID], rep)
	}
	return nil
}

// assemble hangs the relations loaded apart on the register's agreements.
func (r *Register) assemble(versions []AgreementVersion, docs []Document, publishedParents []uint) {
	for _, v := range versions {
		r.Versions[v.AgreementID] = v
	}
	for _, d := range docs {
		r.Documents[d.OwnerID] = append(r.Documents[d.OwnerID], d)
	}
	for i := range r.Agreements {
		if a := &r.Agreements[i]; a.ParentID != nil && !slices.Contains(publishedParents, *a.ParentID) {
			a.ParentID = nil // an unpublished parent is not named in public
		}
	}
}

// readSnapshot runs reads in one transaction, so that they see the database as it was at
// one moment: SQLite's read transactions in WAL do; PostgreSQL needs REPEATABLE READ.
func (s *Store) readSnapshot(ctx context.Context, fn func(db *gorm.DB) error) error {
	return s.db.WithContext(ctx).Transaction(fn, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
}

// RegionRecords returns every region, by code, with its profile where it has one.
func (s *Store) RegionRecords(ctx context.Context) ([]Region, error) {
	var regions []Region
	if err := s.db.WithContext(ctx).Preload("Profile").Order("code").Find(&regions).Error; err != nil {
		return nil, fmt.Errorf("models: region records: %w", err)
	}
	return regions, nil
}

// EventRecords returns every event, newest first, with its speakers in the programme's
// order, its participating regions (codes only) and the published agreements signed there
// (without their relations), and the events' documents by event ID. The events and their
// speakers, regions and agreements are scanned by hand, each row straight to its event:
// through GORM's preloads, which read every agreement signed at an event through
// reflection, they cost most of what the events' file allocated.
func (s *Store) EventRecords(ctx context.Context) ([]Event, map[uint][]Document, error) {
	var events []Event
	docs := map[uint][]Document{}
	err := s.readSnapshot(ctx, func(db *gorm.DB) error {
		var count int64
		if err := db.Model(&Event{}).Count(&count).Error; err != nil {
			return err
		}
		events = make([]Event, 0, count)
		rows, err := db.Model(&Event{}).Select("id, title, starts_at, ends_at, all_day, place, organiser, summary, minutes, " +
			"revision, created_at, updated_at").Order("starts_at DESC, id DESC").Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			events = append(events, Event{})
			e := &events[len(events)-1]
			if err := rows.Scan(&e.ID, &e.Title, &e.StartsAt, &e.EndsAt, &e.AllDay, &e.Place, &e.Organiser, &e.Summary,
				&e.Minutes, &e.Revision, &e.CreatedAt, &e.UpdatedAt); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(events) == 0 {
			return nil
		}
		at := make(map[uint]*Event, len(events))
		for i := range events {
			at[events[i].ID] = &events[i]
		}
		if err := attachEventRecords(db, at); err != nil {
			return err
		}
		var all []Document
		if err := db.Where("owner_type = ?", OwnerEvent).Order("id").Find(&all).Error; err != nil {
			return err
		}
		for _, d := range all {
			docs[d.OwnerID] = append(docs[d.OwnerID], d)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("models: event records: %w", err)
	}
	return events, docs, nil
}

// attachEventRecords gives the events (at, by ID) their speakers, participating regions
// and the published agreements signed there, in that order each: one query for each.
func attachEventRecords(db *gorm.DB, at map[uint]*Event) error {
	speakers, err := db.Model(&EventSpeaker{}).Select("id, event_id, position, name, role, organisation").
		Order("event_id, position, id").Rows()
	if err != nil {
		return err
	}
	defer speakers.Close()
	for speakers.Next() {
		var sp EventSpeaker
		if err := speakers.Scan(&sp.ID, &sp.EventID, &sp.Position, &sp.Name, &sp.Role, &sp.Organisation); err != nil {
			return err
		}
		if e := at[sp.EventID]; e != nil {
			e.Speakers = append(e.Speakers, sp)
		}
	}
	if err := speakers.Err(); err != nil {
		return err
	}
	participants, err := db.Model(&EventParticipant{}).Select("event_id, region_code").Order("event_id, region_code").Rows()
	if err != nil {
		return err
	}
	defer participants.Close()
	for participants.Next() {
		var p EventParticipant
		if err := participants.Scan(&p.EventID, &p.RegionCode); err != nil {
			return err
		}
		if e := at[p.EventID]; e != nil {
			e.Participants = append(e.Participants, p)
		}
	}
	if err := participants.Err(); err != nil {
		return err
	}
	var signed []Agreement
	if err := findAgreements(db.Model(&Agreement{}).Where("agreements.published = ? AND agreements.event_id IS NOT NULL", true).
		Order("agreements.signed_on DESC, agreements.id DESC"), &signed); err != nil {
		return err
	}
	for _, a := range signed {
		if e := at[*a.EventID]; e != nil {
			e.Agreements = append(e.Agreements, a)
		}
	}
	return nil
}
