package handlers_test

import (
	"context"
	"net/http"
	"testing"

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
