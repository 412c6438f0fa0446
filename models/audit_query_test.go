package models_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// auditSecretMarker is planted in secret fields; no shown text may contain it.
const auditSecretMarker = "SECRET-MARKER"

// auditSecretFields are field names of the deny-list's kinds, as the portal's states
// would name them.
var auditSecretFields = []string{"password_hash", "invite_token", "token", "secret", "session_id", "private_key"}

// The diff the log shows is the fields that changed, each once, under a dotted name when
// nested, in field order, with values written as text: a change the reader cannot find, or
// an unchanged field listed as changed, would make the log misleading.
func TestAuditDiff(t *testing.T) {
	tests := []struct {
		name          string
		before, after string
		want          []models.AuditChange
	}{
		{"creation: every field added", ``, `{"title":"Kerja sama","status":"draft"}`, []models.AuditChange{
			{Field: "status", After: "draft", Added: true},
			{Field: "title", After: "Kerja sama", Added: true},
		}},
		{"removal: every field removed", `{"status":"signed","version_id":4}`, ``, []models.AuditChange{
			{Field: "status", Before: "signed", Removed: true},
			{Field: "version_id", Before: "4", Removed: true},
		}},
		{"changed scalar, unchanged fields omitted", `{"status":"draft","title":"A","version_id":3}`, `{"status":"in_review","title":"A","version_id":3}`,
			[]models.AuditChange{{Field: "status", Before: "draft", After: "in_review"}}},
		{"numbers and booleans as JSON", `{"published":false,"version_id":3}`, `{"published":true,"version_id":4}`, []models.AuditChange{
			{Field: "published", Before: "false", After: "true"},
			{Field: "version_id", Before: "3", After: "4"},
		}},
		{"null is empty but present", `{"note":null}`, `{"note":"ditunda"}`, []models.AuditChange{{Field: "note", After: "ditunda"}}},
		{"nothing changed", `{"status":"draft"}`, `{"status":"draft"}`, nil},
		{"both empty", ``, ``, nil},
		{"nested objects flattened", `{"parties":{"61":{"status":"pending"},"13.77":{"status":"confirmed"}}}`, `{"parties":{"61":{"status":"confirmed"},"13.77":{"status":"confirmed"}}}`,
			[]models.AuditChange{{Field: "parties.61.status", Before: "pending", After: "confirmed"}}},
		{"nested field added", `{"parties":{"61":{"status":"pending"}}}`, `{"parties":{"61":{"status":"pending","note":"ok"}}}`,
			[]models.AuditChange{{Field: "parties.61.note", After: "ok", Added: true}}},
		{"non-object states are one value", `"draft"`, `"sent"`, []models.AuditChange{{Field: "value", Before: "draft", After: "sent"}}},
		{"non-object number", `3`, `4`, []models.AuditChange{{Field: "value", Before: "3", After: "4"}}},
		{"invalid JSON shown as it is", `{not json`, ``, []models.AuditChange{{Field: "value", Before: "{not json", Removed: true}}},
		{"arrays as compact JSON", `{"speakers": [ "A" , "B" ]}`, `{"speakers":["A","C"],"sectors":[1, 2]}`, []models.AuditChange{
			{Field: "sectors", After: "[1,2]", Added: true},
			{Field: "speakers", Before: `["A","B"]`, After: `["A","C"]`},
		}},
		{"a top-level array", `[1, 2]`, `[1,2,3]`, []models.AuditChange{{Field: "value", Before: "[1,2]", After: "[1,2,3]"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := models.AuditDiff(tt.before, tt.after)
			if !slices.Equal(got, tt.want) {
				t.Errorf("AuditDiff(%s, %s)\n got %+v\nwant %+v", tt.before, tt.after, got, tt.want)
			}
		})
	}
}

// No secret of the deny-list reaches the shown log, wherever it stands in a state: at the
// top, deep inside objects, under a secret name holding an object, inside arrays of
// objects or a state that is an array; while the harmless fields beside it still show.
func TestAuditDiffLeavesSecretsOut(t *testing.T) {
	for _, key := range append(slices.Clone(auditSecretFields), "Password", "sessionId", "user_password") {
		m1, m2 := auditSecretMarker+"-1", auditSecretMarker+"-2"
		tests := []struct {
			name          string
			before, after string
			shown         []string // the fields that must still show
		}{
			{"top level", `{"name":"a","` + key + `":"$argon2id$` + m1 + `"}`, `{"name":"b","` + key + `":"$argon2id$` + m2 + `"}`, []string{"name"}},
			{"created", ``, `{"name":"a","` + key + `":"` + m1 + `"}`, []string{"name"}},
			{"removed", `{"name":"a","` + key + `":"` + m1 + `"}`, ``, []string{"name"}},
			{"only the secret changed", `{"name":"a","` + key + `":"` + m1 + `"}`, `{"name":"a","` + key + `":"` + m2 + `"}`, nil},
			{"nested", `{"a":{"b":{"` + key + `":"` + m1 + `","c":1}}}`, `{"a":{"b":{"` + key + `":"` + m2 + `","c":2}}}`, []string{"a.b.c"}},
			{"object under a secret name", `{"` + key + `":{"x":"` + m1 + `"},"n":1}`, `{"` + key + `":{"x":"` + m2 + `"},"n":2}`, []string{"n"}},
			{"array of objects", `{"items":[{"name":"n","` + key + `":"` + m1 + `"}]}`, `{"items":[{"name":"m","` + key + `":"` + m2 + `"}]}`, []string{"items"}},
			{"array in an array", `{"rows":[[{"` + key + `":"` + m1 + `","v":1}]]}`, `{"rows":[[{"` + key + `":"` + m2 + `","v":2}]]}`, []string{"rows"}},
			{"a state that is an array", `[{"` + key + `":"` + m1 + `","v":1}]`, `[{"` + key + `":"` + m2 + `","v":2}]`, []string{"value"}},
		}
		for _, tt := range tests {
			t.Run(key+"/"+tt.name, func(t *testing.T) {
				got := models.AuditDiff(tt.before, tt.after)
				var fields []string
				for _, c := range got {
					fields = append(fields, c.Field)
					for _, s := range []string{c.Field, c.Before, c.After} {
						if strings.Contains(s, auditSecretMarker) || strings.Contains(strings.ToLower(s), strings.ToLower(key)) {
							t.Errorf("a secret shows: %+v", c)
						}
					}
				}
				if !slices.Equal(fields, tt.shown) {
					t.Errorf("fields shown %q, want %q", fields, tt.shown)
				}
			})
		}
	}
}

// auditSeed is an audit entry a test writes behind the log's back. The rows do not
// continue the hash chain: the log reads them all the same, and these tests are about
// reading.
type auditSeed struct {
	at                 time.Time
	actor              *uint
	action, objectType string
	objectID           uint
	region             string
	before, after      string
}

// seedAudit inserts the entries and returns their ids in order.
func seedAudit(t *testing.T, db *sql.DB, seeds ...auditSeed) []uint {
	t.Helper()
	var ids []uint
	for _, e := range seeds {
		var id uint
		err := db.QueryRow(`INSERT INTO audit_entries (at, actor_id, actor_name, actor_role, action, object_type, object_id, region_code, "before", "after", hash)
			VALUES ($1, $2, 'Uji', '', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			e.at.UTC(), e.actor, e.action, e.objectType, e.objectID, e.region, e.before, e.after,
			fmt.Sprintf("seed-%d-%d", time.Now().UnixNano(), len(ids))).Scan(&id)
		if err != nil {
			t.Fatalf("seed %+v: %v", e, err)
		}
		ids = append(ids, id)
	}
	return ids
}

// auditRecord is a row of audit_entries as plain SQL reads it.
type auditRecord struct {
	id                 uint
	at                 time.Time
	actor              *uint
	action, objectType string
	objectID           uint
	region             string
}

// allAudit reads every entry with plain SQL, newest first.
func allAudit(t *testing.T, db *sql.DB) []auditRecord {
	t.Helper()
	rows, err := db.Query(`SELECT id, at, actor_id, action, object_type, object_id, region_code FROM audit_entries ORDER BY id DESC`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRecord
	for rows.Next() {
		var r auditRecord
		var actor sql.NullInt64
		if err := rows.Scan(&r.id, &r.at, &actor, &r.action, &r.objectType, &r.objectID, &r.region); err != nil {
			t.Fatal(err)
		}
		if actor.Valid {
			a := uint(actor.Int64)
			r.actor = &a
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantAudit is what a filter selects, worked out by hand from the rows: the same
// reading as AuditFilter's documentation, written independently of the query.
func wantAudit(all []auditRecord, f models.AuditFilter, region string) []uint {
	var ids []uint
	for _, r := range all {
		day := func(t time.Time) string { return t.Format(time.DateOnly) }
		local := day(r.at.In(models.Jakarta))
		switch {
		case region != "" && r.region != region,
			f.ObjectType != "" && r.objectType != f.ObjectType,
			f.ObjectType != "" && f.ObjectID != 0 && r.objectID != f.ObjectID,
			f.ActorID != 0 && (r.actor == nil || *r.actor != f.ActorID),
			f.Action != "" && r.action != f.Action,
			!f.From.IsZero() && local < day(f.From),
			!f.To.IsZero() && local > day(f.To),
			f.Before != 0 && r.id >= f.Before:
			continue
		}
		ids = append(ids, r.id)
	}
	return ids
}

// auditIDs reads every page of the log under the filter and returns the ids, newest first,
// with the first page's count.
func auditIDs(t *testing.T, s *models.Store, actor models.Actor, f models.AuditFilter, perPage int) (ids []uint, first models.AuditLogPage) {
	t.Helper()
	for n := 0; ; n++ {
		page, err := s.AuditLog(context.Background(), actor, f, perPage)
		if err != nil {
			t.Fatalf("AuditLog(%+v): %v", f, err)
		}
		if n == 0 {
			first = page
		}
		if len(page.Rows) > perPage {
			t.Fatalf("a page of %d holds %d rows", perPage, len(page.Rows))
		}
		for _, r := range page.Rows {
			ids = append(ids, r.ID)
		}
		if page.Next == 0 {
			return ids, first
		}
		if n > 10000 {
			t.Fatal("the log's pages do not end")
		}
		f.Before = page.Next
	}
}

// jakartaTime is a moment in Jakarta.
func jakartaTime(day, hour, minute, second, micro int) time.Time {
	return time.Date(2026, time.November, day, hour, minute, second, micro*1000, models.Jakarta)
}

// Each filter of the log, alone and combined, selects exactly the entries it names, for
// staff and within a delegate's region: the dates are days in Jakarta with both ends
// included, to the microsecond at the day's boundaries.
func TestAuditLogFilters(t *testing.T) {
	s := modeltest.NewStore(t)
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	official := modeltest.Official(t, s)
	other := modeltest.Official(t, s)
	delegate := modeltest.Delegate(t, s, "13.77")
	a1, a2 := official.User.ID, other.User.ID

	// Around the days 22 and 23 November: the last microsecond before, the first and
	// last of each, and the first after.
	times := []time.Time{
		jakartaTime(21, 23, 59, 59, 999999),
		jakartaTime(22, 0, 0, 0, 0),
		jakartaTime(22, 12, 30, 0, 0),
		jakartaTime(23, 6, 59, 59, 0), // 23:59:59 UTC the day before: a UTC reading misplaces it
		jakartaTime(23, 23, 59, 59, 999999),
		jakartaTime(24, 0, 0, 0, 0),
	}
	actors := []*uint{&a1, &a2, nil}
	kinds := []struct{ objectType, action string }{
		{"agreement", "agreement.send"}, {"agreement", "party.confirm"}, {"event", "event.update"}, {"user", "user.update"},
	}
	regions := []string{"13.77", "31.71", ""}
	var seeds []auditSeed
	for i := range 72 {
		k := kinds[i%len(kinds)]
		seeds = append(seeds, auditSeed{
			at: times[i%len(times)], actor: actors[i%len(actors)], action: k.action, objectType: k.objectType,
			objectID: uint(1 + i%5), region: regions[(i/2)%len(regions)],
		})
	}
	seedAudit(t, db, seeds...)
	all := allAudit(t, db)

	day := func(d int) time.Time { return time.Date(2026, time.November, d, 0, 0, 0, 0, time.UTC) }
	filters := []struct {
		name string
		f    models.AuditFilter
	}{
		{"none", models.AuditFilter{}},
		{"object type", models.AuditFilter{ObjectType: "agreement"}},
		{"object type and id", models.AuditFilter{ObjectType: "agreement", ObjectID: 2}},
		{"event and id", models.AuditFilter{ObjectType: "event", ObjectID: 3}},
		{"actor", models.AuditFilter{ActorID: a1}},
		{"action", models.AuditFilter{Action: "party.confirm"}},
		{"action none holds", models.AuditFilter{Action: "nothing.here"}},
		{"from", models.AuditFilter{From: day(22)}},
		{"to", models.AuditFilter{To: day(23)}},
		{"from and to", models.AuditFilter{From: day(22), To: day(23)}},
		{"one day", models.AuditFilter{From: day(22), To: day(22)}},
		{"one day given in Jakarta", models.AuditFilter{From: jakartaTime(23, 1, 0, 0, 0), To: jakartaTime(23, 1, 0, 0, 0)}},
		{"a day with nothing", models.AuditFilter{From: day(25), To: day(30)}},
		{"object, actor and dates", models.AuditFilter{ObjectType: "agreement", ActorID: a2, From: day(22), To: day(23)}},
		{"action and actor", models.AuditFilter{Action: "event.update", ActorID: a1}},
		{"object, id, action and day", models.AuditFilter{ObjectType: "agreement", ObjectID: 1, Action: "agreement.send", From: day(23), To: day(23)}},
	}
	for _, tt := range filters {
		t.Run(tt.name, func(t *testing.T) {
			for _, who := range []struct {
				name   string
				actor  models.Actor
				region string
			}{{"official", official, ""}, {"delegate", delegate, "13.77"}} {
				if who.region != "" && tt.f.ActorID != 0 {
					continue // refused: TestAuditLogRoles
				}
				want := wantAudit(all, tt.f, who.region)
				got, first := auditIDs(t, s, who.actor, tt.f, 500)
				if !slices.Equal(got, want) {
					t.Errorf("%s: %+v selects\n %v\nwant %v", who.name, tt.f, got, want)
				}
				if first.Total != int64(len(want)) || first.Capped {
					t.Errorf("%s: counted %d (capped %v), want %d", who.name, first.Total, first.Capped, len(want))
				}
			}
		})
	}
	// The filters are not vacuous: the dates cut the seeded days at both ends.
	if n := len(wantAudit(all, models.AuditFilter{From: day(22), To: day(23)}, "")); n == 0 || n >= len(all) {
		t.Fatalf("the date filter selects %d of %d", n, len(all))
	}
}

// Paging follows a cursor, not an offset: walking the pages gives every entry once, newest
// first, whatever the page size; an entry written while a reader pages does not shift the
// pages they have yet to read; the last page says there is no next.
func TestAuditLogPaging(t *testing.T) {
	s := modeltest.NewStore(t)
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	official := modeltest.Official(t, s)
	var seeds []auditSeed
	for i := range 14 {
		seeds = append(seeds, auditSeed{at: modeltest.Today.Add(time.Duration(i) * time.Minute), action: "event.update", objectType: "event", objectID: uint(i%3 + 1)})
	}
	seedAudit(t, db, seeds...)
	all := wantAudit(allAudit(t, db), models.AuditFilter{}, "")
	if len(all) < 15 {
		t.Fatalf("%d entries", len(all))
	}
	byEvent := wantAudit(allAudit(t, db), models.AuditFilter{ObjectType: "event", ObjectID: 2}, "")

	for _, perPage := range []int{1, 2, 3, len(all) - 1, len(all), len(all) + 1} {
		got, first := auditIDs(t, s, official, models.AuditFilter{}, perPage)
		if !slices.Equal(got, all) {
			t.Errorf("pages of %d: %v, want %v", perPage, got, all)
		}
		if first.Total != int64(len(all)) {
			t.Errorf("pages of %d: total %d, want %d", perPage, first.Total, len(all))
		}
		got, _ = auditIDs(t, s, official, models.AuditFilter{ObjectType: "event", ObjectID: 2}, perPage)
		if !slices.Equal(got, byEvent) {
			t.Errorf("event 2 in pages of %d: %v, want %v", perPage, got, byEvent)
		}
	}

	ctx := context.Background()
	page1, err := s.AuditLog(ctx, official, models.AuditFilter{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if page1.Next == 0 || len(page1.Rows) != 3 {
		t.Fatalf("page 1: %d rows, next %d", len(page1.Rows), page1.Next)
	}
	if page1.Next != page1.Rows[2].ID {
		t.Errorf("page 1's cursor %d is not its last entry %d", page1.Next, page1.Rows[2].ID)
	}
	newer := seedAudit(t, db, auditSeed{at: modeltest.Today.Add(time.Hour), action: "event.update", objectType: "event", objectID: 2})[0]
	page2, err := s.AuditLog(ctx, official, models.AuditFilter{Before: page1.Next}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(page2.Rows); !slices.Equal(got, all[3:6]) {
		t.Errorf("page 2 after a new entry: %v, want %v as before it", got, all[3:6])
	}
	if page2.Total != int64(len(all)+1) {
		t.Errorf("page 2 counts %d, want %d with the new entry", page2.Total, len(all)+1)
	}
	fresh, err := s.AuditLog(ctx, official, models.AuditFilter{}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(fresh.Rows); len(got) == 0 || got[0] != newer {
		t.Errorf("the newest page begins %v, want the new entry %d", got, newer)
	}

	last, err := s.AuditLog(ctx, official, models.AuditFilter{Before: all[len(all)-2]}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if got := rowIDs(last.Rows); !slices.Equal(got, all[len(all)-1:]) || last.Next != 0 {
		t.Errorf("the last page: %v, next %d", got, last.Next)
	}
	exact, err := s.AuditLog(ctx, official, models.AuditFilter{Before: all[len(all)-4]}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(exact.Rows) != 3 || exact.Next != 0 {
		t.Errorf("a full last page: %d rows, next %d, want 3 and 0", len(exact.Rows), exact.Next)
	}
}

func rowIDs(rows []models.AuditRow) []uint {
	var ids []uint
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	return ids
}

// The count stops at AuditCountCap and says so, rather than scan the whole log; at the cap
// and below it is exact.
func TestAuditLogCountCap(t *testing.T) {
	s := modeltest.NewStore(t)
	official := modeltest.Official(t, s)
	// 1001 entries in one statement: 1000 of one action, 1 of another, at the time of the
	// official's creation (a column copied keeps its type on either engine).
	modeltest.Exec(t, s, fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		INSERT INTO audit_entries (at, action, object_type, object_id, hash)
		SELECT (SELECT max(at) FROM audit_entries), CASE WHEN i <= %d THEN 'bulk.step' ELSE 'bulk.more' END, 'event', i, 'bulk-' || i FROM n`,
		models.AuditCountCap+1, models.AuditCountCap))
	ctx := context.Background()
	for _, tt := range []struct {
		f      models.AuditFilter
		total  int64
		capped bool
	}{
		{models.AuditFilter{}, models.AuditCountCap, true},
		{models.AuditFilter{ObjectType: "event"}, models.AuditCountCap, true}, // 1001: one past the cap
		{models.AuditFilter{Action: "bulk.step"}, models.AuditCountCap, false},
		{models.AuditFilter{Action: "bulk.more"}, 1, false},
		{models.AuditFilter{ObjectType: "event", ObjectID: 7}, 1, false},
		{models.AuditFilter{Action: "bulk.step", Before: 2}, models.AuditCountCap, false}, // the count is the filter's, not the page's
	} {
		page, err := s.AuditLog(ctx, official, tt.f, 20)
		if err != nil {
			t.Fatal(err)
		}
		if page.Total != tt.total || page.Capped != tt.capped {
			t.Errorf("%+v: total %d capped %v, want %d %v", tt.f, page.Total, page.Capped, tt.total, tt.capped)
		}
	}
}

// Who reads what: a visitor nothing; a delegate the entries about their region and not
// by actor (the accounts are staff's to see); officials and administrators everything.
// The filter's choices follow the same lines.
func TestAuditLogRoles(t *testing.T) {
	s := modeltest.NewStore(t)
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	official := modeltest.Official(t, s)
	adminUser := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	admin := modeltest.As(&adminUser)
	delegate := modeltest.Delegate(t, s, "13.77")
	secret := `{"status":"draft","password_hash":"$argon2id$` + auditSecretMarker + `"}`
	for i, region := range []string{"13.77", "31.71", "", "13.77", "61"} {
		seedAudit(t, db, auditSeed{
			at: modeltest.Today, actor: &official.User.ID, action: "party.confirm", objectType: "agreement", objectID: uint(i + 1), region: region,
			before: secret, after: strings.Replace(secret, "draft", "confirmed", 1),
		})
	}
	all := allAudit(t, db)
	everything := wantAudit(all, models.AuditFilter{}, "")
	ofRegion := wantAudit(all, models.AuditFilter{}, "13.77")
	if len(ofRegion) == 0 || len(ofRegion) == len(everything) {
		t.Fatalf("%d of %d entries about 13.77", len(ofRegion), len(everything))
	}
	var actions []string
	for _, r := range all {
		actions = append(actions, r.action)
	}
	slices.Sort(actions)
	actions = slices.Compact(actions)
	var accounts int
	if err := db.QueryRow(`SELECT count(*) FROM users`).Scan(&accounts); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		actor models.Actor
		want  []uint // nil: refused
		staff bool
	}{
		{"visitor", models.Actor{}, nil, false},
		{"delegate", delegate, ofRegion, false},
		{"official", official, everything, true},
		{"admin", admin, everything, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			page, err := s.AuditLog(ctx, tt.actor, models.AuditFilter{}, 500)
			choices, cerr := s.AuditChoicesFor(ctx, tt.actor)
			if tt.want == nil {
				if !errors.Is(err, models.ErrForbidden) || !errors.Is(cerr, models.ErrForbidden) {
					t.Fatalf("a %s read the log: %v, its choices: %v", tt.name, err, cerr)
				}
				return
			}
			if err != nil || cerr != nil {
				t.Fatal(err, cerr)
			}
			if got := rowIDs(page.Rows); !slices.Equal(got, tt.want) {
				t.Errorf("reads %v, want %v", got, tt.want)
			}
			for _, r := range page.Rows {
				if r.Before != "" || r.After != "" {
					t.Errorf("entry %d carries its raw states: %q, %q", r.ID, r.Before, r.After)
				}
				for _, c := range r.Changes {
					if strings.Contains(c.Field+c.Before+c.After, auditSecretMarker) {
						t.Errorf("entry %d shows a secret: %+v", r.ID, c)
					}
				}
				if r.Action == "party.confirm" && !slices.Equal(r.Changes, []models.AuditChange{{Field: "status", Before: "draft", After: "confirmed"}}) {
					t.Errorf("entry %d shows %+v", r.ID, r.Changes)
				}
			}
			_, err = s.AuditLog(ctx, tt.actor, models.AuditFilter{ActorID: official.User.ID}, 10)
			if tt.staff && err != nil {
				t.Errorf("filtering by actor: %v", err)
			}
			if !tt.staff && !errors.Is(err, models.ErrForbidden) {
				t.Errorf("a delegate filtered by actor: %v", err)
			}

			if !slices.Equal(choices.Actions, actions) {
				t.Errorf("actions offered %q, want %q", choices.Actions, actions)
			}
			if tt.staff {
				if choices.Region.Code != "" || len(choices.Actors) != accounts {
					t.Errorf("staff's choices: region %q, %d actors of %d accounts", choices.Region.Code, len(choices.Actors), accounts)
				}
				if !slices.ContainsFunc(choices.Actors, func(a models.AuditActorChoice) bool {
					return a.ID == official.User.ID && a.Name == official.User.Name && a.Role == models.RoleOfficial
				}) {
					t.Errorf("the official is not among the actors offered: %+v", choices.Actors)
				}
			} else if choices.Region.Code != "13.77" || choices.Region.Name == "" || len(choices.Actors) != 0 {
				t.Errorf("the delegate's choices: region %q %q, %d actors", choices.Region.Code, choices.Region.Name, len(choices.Actors))
			}
		})
	}
}
