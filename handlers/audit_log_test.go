package handlers_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

// The audit log in the portal: officials and administrators read every entry, a delegate
// only the entries about their own region, a visitor none; the office's old address
// leads to it.
func TestAuditLogPermissions(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	var total, ofRegion int64
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM audit_entries").Scan(&total); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM audit_entries WHERE region_code = '13.77'").Scan(&ofRegion); err != nil {
		t.Fatal(err)
	}
	if total == 0 || ofRegion == 0 || ofRegion == total {
		t.Fatalf("the demo's audit log: %d entries, %d of 13.77", total, ofRegion)
	}

	visitor := p.browser(t)
	for _, path := range []string{string(views.AuditLogURL()), string(views.RegionAuditLogURL())} {
		if page := visitor.get(path); page.StatusCode == http.StatusOK || page.doc.Find(`[data-testid="audit-entry"]`).Length() != 0 {
			t.Errorf("a visitor opened %s: %d", path, page.StatusCode)
		}
	}

	official := p.browser(t)
	official.login(u.official.Email, modeltest.Password)
	page := official.get(string(views.AuditLogURL()))
	if page.StatusCode != http.StatusOK || page.doc.Find(`[data-testid="audit-entry"]`).Length() == 0 {
		t.Fatalf("the official's audit log: %d", page.StatusCode)
	}
	if moved := official.get("/admin/audit"); moved.StatusCode != http.StatusMovedPermanently || moved.Header.Get("Location") != string(views.AuditLogURL()) {
		t.Errorf("/admin/audit: %d to %q", moved.StatusCode, moved.Header.Get("Location"))
	}

	delegate := p.browser(t)
	delegate.login(u.delegate.Email, modeltest.Password)
	if page := delegate.get(string(views.AuditLogURL())); page.StatusCode != http.StatusForbidden {
		t.Errorf("a delegate opened the office's audit log: %d", page.StatusCode)
	}
	page = delegate.get(string(views.RegionAuditLogURL()))
	rows := page.doc.Find(`[data-testid="audit-entry"]`)
	if page.StatusCode != http.StatusOK || rows.Length() == 0 {
		t.Fatalf("the delegate's audit log: %d, %d entries", page.StatusCode, rows.Length())
	}
	for i := range rows.Length() {
		id := rows.Eq(i).AttrOr("data-id", "")
		var region string
		if err := db.QueryRowContext(ctx, "SELECT region_code FROM audit_entries WHERE id = "+id).Scan(&region); err != nil {
			t.Fatal(err)
		}
		if region != "13.77" {
			t.Errorf("the delegate of 13.77 sees entry %s about %q", id, region)
		}
	}

	// The models refuse anyone else.
	if _, err := p.store.AuditLog(ctx, models.Actor{}, models.AuditFilter{}, 10); err == nil {
		t.Error("a visitor read the audit log")
	}
}

// auditPageIDs are the ids of the entries a page of the log shows, in its order.
func auditPageIDs(pg page) []string {
	var ids []string
	pg.doc.Find(`[data-testid="audit-entry"]`).Each(func(_ int, r *goquery.Selection) {
		ids = append(ids, r.AttrOr("data-id", ""))
	})
	return ids
}

// auditSQLIDs are the ids a plain query selects, newest first.
func auditSQLIDs(t *testing.T, db *sql.DB, where string, args ...any) []string {
	t.Helper()
	rows, err := db.Query("SELECT id FROM audit_entries WHERE "+where+" ORDER BY id DESC", args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id uint
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, itoa(id))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// auditSeeds numbers the entries tests write, for their unique hashes.
var auditSeeds atomic.Int64

// insertAuditEntry writes an entry behind the log's back (off the hash chain, which
// reading does not check) and returns its id.
func insertAuditEntry(t *testing.T, db *sql.DB, action, objectType string, objectID uint, region, before, after string) uint {
	t.Helper()
	var id uint
	err := db.QueryRow(`INSERT INTO audit_entries (at, actor_name, action, object_type, object_id, region_code, "before", "after", hash)
		SELECT max(at), 'Uji', $1, $2, $3, $4, $5, $6, $7 FROM audit_entries RETURNING id`,
		action, objectType, objectID, region, before, after, fmt.Sprintf("test-%d-%d", time.Now().UnixNano(), auditSeeds.Add(1))).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Through the whole stack, an official's filter in the address selects exactly the entries
// the database holds for it, and the older-entries link walks them all once, keeping the
// filter, in pages that neither overlap nor skip.
func TestAuditLogFilterAndPages(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	// Enough of one action for three pages, and entries beside them the filter leaves out.
	for i := range 110 {
		insertAuditEntry(t, db, "agreement.send", "agreement", uint(i%7+1), "13.77", "", `{"status":"in_review"}`)
		if i%10 == 0 {
			insertAuditEntry(t, db, "agreement.send", "event", uint(i), "", "", "")
			insertAuditEntry(t, db, "agreement.publish", "agreement", uint(i%7+1), "", "", "")
		}
	}
	official := p.browser(t)
	official.login(u.official.Email, modeltest.Password)

	for _, tt := range []struct {
		query url.Values
		where string
		args  []any
	}{
		{url.Values{"object": {"agreement"}, "action": {"agreement.send"}}, "object_type = $1 AND action = $2", []any{"agreement", "agreement.send"}},
		{url.Values{"object": {"agreement"}, "object_id": {"3"}}, "object_type = $1 AND object_id = $2", []any{"agreement", 3}},
		{url.Values{"action": {"agreement.publish"}}, "action = $1", []any{"agreement.publish"}},
		{url.Values{"object": {"event"}, "action": {"agreement.send"}}, "object_type = $1 AND action = $2", []any{"event", "agreement.send"}},
	} {
		t.Run(tt.query.Encode(), func(t *testing.T) {
			want := auditSQLIDs(t, db, tt.where, tt.args...)
			if len(want) == 0 {
				t.Fatal("the filter selects nothing")
			}
			var got []string
			seen := map[string]bool{}
			path := string(views.AuditLogURL()) + "?" + tt.query.Encode()
			pages := 0
			for n := 0; path != ""; n++ {
				pages++
				pg := official.get(path)
				if pg.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d", path, pg.StatusCode)
				}
				ids := auditPageIDs(pg)
				if len(ids) == 0 || len(ids) > 50 {
					t.Fatalf("%s shows %d entries", path, len(ids))
				}
				for _, id := range ids {
					if seen[id] {
						t.Errorf("entry %s shows on two pages", id)
					}
					seen[id] = true
				}
				got = append(got, ids...)
				if count := text(pg.doc.Find(`[data-testid="result-count"]`)); !strings.Contains(count, strconv.Itoa(len(want))) {
					t.Errorf("%s counts %q, want %d", path, count, len(want))
				}
				if n > 0 && pg.doc.Find(`[data-testid="audit-newest"]`).Length() != 1 {
					t.Errorf("%s has no link back to the newest entries", path)
				}
				path = pg.doc.Find(`a[data-testid="audit-older"]`).AttrOr("href", "")
				if path != "" {
					next, err := url.Parse(path)
					if err != nil {
						t.Fatal(err)
					}
					for k := range tt.query {
						if next.Query().Get(k) != tt.query.Get(k) {
							t.Errorf("the older entries' link %s drops %s", path, k)
						}
					}
				}
				if n > 10 {
					t.Fatal("the pages do not end")
				}
			}
			if wantPages := (len(want) + 49) / 50; pages != wantPages {
				t.Errorf("%d entries on %d pages, want %d", len(want), pages, wantPages)
			}
			if !slices.Equal(got, want) {
				t.Errorf("the pages show\n %v\nthe database holds\n %v", got, want)
			}
		})
	}
}

// An entry's changes show as the changed field with its old and new value, escaped, and no
// secret of its states reaches the page, for staff or for the delegate of its region.
func TestAuditLogShowsChangesNotSecrets(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	const marker = "SECRET-MARKER"
	before := `{"status":"active","name":"Budi","password_hash":"$argon2id$v=19$` + marker + `-1"}`
	after := `{"status":"disabled","name":"Budi <script>alert(1)</script>","password_hash":"$argon2id$v=19$` + marker + `-2",` +
		`"invite_token":"` + marker + `-3","profile":{"session_id":"` + marker + `-4","title":"Kepala"},` +
		`"keys":[{"private_key":"` + marker + `-5","label":"kunci"}],"token":"` + marker + `-6","secret":"` + marker + `-7"}`
	id := insertAuditEntry(t, db, "user.update", "user", 4242, "13.77", before, after)
	query := "?object=user&object_id=4242"

	official := p.browser(t)
	official.login(u.official.Email, modeltest.Password)
	delegate := p.browser(t)
	delegate.login(u.delegate.Email, modeltest.Password)
	for _, who := range []struct {
		name string
		b    *browser
		path string
	}{{"official", official, string(views.AuditLogURL())}, {"delegate", delegate, string(views.RegionAuditLogURL())}} {
		pg := who.b.get(who.path + query)
		if pg.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d", who.name, pg.StatusCode)
		}
		entry := pg.doc.Find(`#entry-` + itoa(id))
		if entry.Length() != 1 {
			t.Fatalf("%s: entry %d is not shown: %v", who.name, id, auditPageIDs(pg))
		}
		status := entry.Find(`[data-testid="audit-diff"] tr[data-field="status"]`)
		if status.AttrOr("data-change", "") != "changed" || text(status.Find("del")) != "active" || text(status.Find("ins")) != "disabled" {
			t.Errorf("%s: the status change shows as %q", who.name, text(status))
		}
		if name := entry.Find(`tr[data-field="name"] ins`); text(name) != "Budi <script>alert(1)</script>" {
			t.Errorf("%s: the new name shows as %q", who.name, text(name))
		}
		if title := entry.Find(`tr[data-field="profile.title"]`); title.AttrOr("data-change", "") != "added" || text(title.Find("ins")) != "Kepala" {
			t.Errorf("%s: the nested field shows as %q", who.name, text(title))
		}
		if keys := entry.Find(`tr[data-field="keys"] ins`); text(keys) != `[{"label":"kunci"}]` {
			t.Errorf("%s: the list shows as %q", who.name, text(keys))
		}
		if strings.Contains(pg.body, marker) || strings.Contains(pg.body, "argon2id") {
			t.Errorf("%s: a secret is on the page", who.name)
		}
		if strings.Contains(pg.body, "<script>alert(1)") {
			t.Errorf("%s: a recorded value is not escaped", who.name)
		}
		for _, field := range []string{"password_hash", "invite_token", "profile.session_id", "token", "secret"} {
			if entry.Find(`tr[data-field="`+field+`"]`).Length() != 0 {
				t.Errorf("%s: the secret field %s is listed", who.name, field)
			}
		}
	}
}

// A filter no form of the portal sends (an unknown object, a bad id or cursor) is answered
// with the plain 400 page, which names nothing of the input; a date typed wrong or a range
// that ends before it starts is said next to its field (422), the input kept and escaped,
// the log shown without that date; never a server error.
func TestAuditLogBadFilters(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	official := p.browser(t)
	official.login(u.official.Email, modeltest.Password)
	delegate := p.browser(t)
	delegate.login(u.delegate.Email, modeltest.Password)
	office, inbox := string(views.AuditLogURL()), string(views.RegionAuditLogURL())
	for _, tt := range []struct {
		b      *browser
		path   string
		query  url.Values
		status int
		field  string // for 422: the field whose message is shown
	}{
		{official, office, url.Values{"object": {"spaceship"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"object": {"<script>alert(1)</script>"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"from": {"2026-13-45"}}, http.StatusUnprocessableEntity, "f-from"},
		{official, office, url.Values{"to": {"2026-02-30"}}, http.StatusUnprocessableEntity, "f-to"},
		{official, office, url.Values{"from": {"<b>yesterday</b>"}}, http.StatusUnprocessableEntity, "f-from"},
		{official, office, url.Values{"from": {"1900-01-01"}}, http.StatusUnprocessableEntity, "f-from"},
		{official, office, url.Values{"from": {"2026-11-23"}, "to": {"2026-11-22"}}, http.StatusUnprocessableEntity, "f-to"},
		{official, office, url.Values{"object_id": {"5"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"object": {"agreement"}, "object_id": {"-1"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"object": {"agreement"}, "object_id": {"99999999999"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"actor": {"abc"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"action": {"'; DROP TABLE audit_entries; --"}}, http.StatusBadRequest, ""},
		{official, office, url.Values{"before": {"0"}}, http.StatusBadRequest, ""},
		{delegate, inbox, url.Values{"from": {"2026-13-45"}}, http.StatusUnprocessableEntity, "f-from"},
		{delegate, inbox, url.Values{"actor": {itoa(u.official.ID)}}, http.StatusForbidden, ""},
		// Well-formed, and so shown: one day, a filter that selects nothing, an unknown actor.
		{official, office, url.Values{"from": {"2026-11-22"}, "to": {"2026-11-22"}}, http.StatusOK, ""},
		{official, office, url.Values{"action": {"nothing.here"}}, http.StatusOK, ""},
		{official, office, url.Values{"actor": {"999999"}}, http.StatusOK, ""},
	} {
		pg := tt.b.get(tt.path + "?" + tt.query.Encode())
		if pg.StatusCode != tt.status {
			t.Errorf("%s?%s: %d, want %d", tt.path, tt.query.Encode(), pg.StatusCode, tt.status)
			continue
		}
		for _, v := range tt.query {
			if strings.ContainsAny(v[0], "<'") && strings.Contains(pg.body, v[0]) {
				t.Errorf("%s?%s: the input is on the page unescaped", tt.path, tt.query.Encode())
			}
		}
		if tt.status == http.StatusOK || tt.status == http.StatusUnprocessableEntity {
			if pg.doc.Find(`[data-testid="audit-filter"]`).Length() != 1 {
				t.Errorf("%s?%s: no filter form", tt.path, tt.query.Encode())
			}
			if tt.field == "" {
				continue
			}
			if msg := text(pg.doc.Find("#" + tt.field + "-error")); msg == "" || pg.doc.Find("#"+tt.field).AttrOr("aria-invalid", "") != "true" {
				t.Errorf("%s?%s: no message by %s (%q)", tt.path, tt.query.Encode(), tt.field, msg)
			}
			for name, v := range tt.query {
				if got := pg.doc.Find(`[name="`+name+`"]`).AttrOr("value", ""); got != v[0] {
					t.Errorf("%s?%s: %s kept as %q", tt.path, tt.query.Encode(), name, got)
				}
			}
			if pg.doc.Find(`[data-testid="audit-entry"]`).Length() == 0 {
				t.Errorf("%s?%s: the log is not shown without the bad date", tt.path, tt.query.Encode())
			}
			continue
		}
		if e := pg.doc.Find(`[data-testid="error"]`); e.AttrOr("data-status", "") != strconv.Itoa(tt.status) || text(e.Find("h1")) == "" {
			t.Errorf("%s?%s: no error page that says what happened: %q", tt.path, tt.query.Encode(), text(e))
		}
	}
	if pg := official.get(office + "?action=nothing.here"); pg.doc.Find(`[data-testid="audit-none"]`).Length() != 1 {
		t.Error("a filter that selects nothing does not say so")
	}
}

// A yes-or-no field reads as a word of the page's language, not as true or false.
func TestAuditLogSaysYesAndNo(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	for lang, want := range map[string]string{"id": "ya", "en": "yes"} {
		page := official.get(string(views.AuditLogURL()) + "?action=agreement.publish&lang=" + lang)
		row := page.doc.Find(`[data-testid="audit-diff"] tr[data-field="published"]`).First()
		if row.Length() == 0 {
			t.Fatalf("%s: no published field in the publication's changes", lang)
		}
		if got := text(row.Find("ins")); got != want {
			t.Errorf("%s: published became %q, want %q", lang, got, want)
		}
	}
}
