package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// demoActivity finds an activity of the demo's plans by its region and a word of its title.
func demoActivity(t *testing.T, p *portal, region, word string) models.RegionActivity {
	t.Helper()
	acts, err := p.store.ActivitiesToReport(context.Background(), models.System)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		if a.RegionCode == region && strings.Contains(a.Title, word) {
			return a
		}
	}
	t.Fatalf("the demo has no activity of %s with %q", region, word)
	return models.RegionActivity{}
}

// storedActivity reads an activity as the database holds it.
func storedActivity(t *testing.T, p *portal, id uint) (models.Activity, bool) {
	t.Helper()
	act, _, err := p.store.ActivityFor(context.Background(), models.System, id)
	if err != nil {
		if strings.Contains(err.Error(), "not found") {
			return act, false
		}
		t.Fatal(err)
	}
	return act, true
}

// planOf reads an agreement's plan as the database holds it.
func planOf(t *testing.T, p *portal, agreement uint) models.AgreementProgress {
	t.Helper()
	plan, err := p.store.ProgressOf(context.Background(), models.System, agreement)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

// submitDemoReport has the operator submit a supply report on an activity and returns it.
func submitDemoReport(t *testing.T, p *portal, act models.Activity, start time.Time, quantity string) uint {
	t.Helper()
	id, err := p.store.SubmitReport(context.Background(), models.System, act.ID, 0, models.ReportInput{
		PeriodStart: start, PeriodEnd: start.AddDate(0, 1, -1), Commodity: act.Commodity, QuantityText: quantity,
		Unit: act.Unit, Destination: "Pasar Induk Beras Cipinang",
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// Each new route of the plan and the reports answers each role as the permissions table
// says: officials plan and review; the delegate of the responsible region reports; the
// delegate of another region reaches nothing of it (404, as for a record that does not
// exist); visitors are sent to sign in.
func TestActivityAndReportRoutesByRole(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t) // u.delegate is Pariaman's: another region
	kalbar := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	ctx := context.Background()
	rice := demoActivity(t, p, "61", "beras")
	fish := demoActivity(t, p, "61", "ikan")
	act := strconv.Itoa(int(rice.ID))
	agreement := strconv.Itoa(int(rice.AgreementID))
	reports, err := p.store.ReportsOf(ctx, models.System, &rice.Activity)
	if err != nil {
		t.Fatal(err)
	}
	var waiting, accepted uint
	for _, r := range reports {
		switch r.State {
		case models.ReportSubmitted:
			waiting = r.ID
		case models.ReportAccepted:
			accepted = r.ID
		}
	}
	if waiting == 0 || accepted == 0 {
		t.Fatalf("the demo's rice has no waiting or accepted report: %d %d", waiting, accepted)
	}
	returned := submitDemoReport(t, p, fish.Activity, models.Date(2026, time.October, 1), "12")
	if err := p.store.ReturnReport(ctx, models.System, returned, models.AnyRevision, "Lampirkan berita acara."); err != nil {
		t.Fatal(err)
	}
	// A fresh waiting report for each try of a review, so that each role meets the same state.
	month := 0
	fresh := func(action string) func() string {
		return func() string {
			month++
			id := submitDemoReport(t, p, fish.Activity, models.Date(2025, time.November, 1).AddDate(0, month, 0), "3")
			return "/office/reports/" + strconv.Itoa(int(id)) + "/" + action
		}
	}
	fixed := func(path string) func() string { return func() string { return path } }
	const (
		ok       = http.StatusOK
		see      = http.StatusSeeOther
		denied   = http.StatusForbidden
		gone     = http.StatusNotFound
		invalid  = http.StatusUnprocessableEntity
		conflict = http.StatusConflict
	)
	tests := []struct {
		method string
		path   func() string
		want   [5]int // visitor, Kalimantan Barat's delegate, Pariaman's delegate, official, admin
	}{
		{"GET", fixed("/activities/" + act), [5]int{see, ok, gone, ok, ok}},
		{"GET", fixed("/activities/" + act + "/reports/new"), [5]int{see, ok, gone, ok, ok}},
		{"POST", fixed("/activities/" + act + "/reports"), [5]int{see, invalid, gone, invalid, invalid}},
		{"GET", fixed("/reports/" + strconv.Itoa(int(waiting))), [5]int{see, ok, gone, ok, ok}},
		{"GET", fixed("/reports/" + strconv.Itoa(int(accepted))), [5]int{see, ok, ok, ok, ok}}, // accepted, published
		{"GET", fixed("/reports/" + strconv.Itoa(int(returned)) + "/edit"), [5]int{see, ok, gone, ok, ok}},
		{"GET", fixed("/reports/" + strconv.Itoa(int(accepted)) + "/edit"), [5]int{see, conflict, gone, conflict, conflict}},
		{"POST", fixed("/reports/" + strconv.Itoa(int(returned))), [5]int{see, invalid, gone, invalid, invalid}},
		{"GET", fixed("/inbox/activities"), [5]int{see, ok, ok, denied, denied}},
		{"GET", fixed("/office/monitoring"), [5]int{see, denied, denied, ok, ok}},
		{"GET", fixed("/office/agreements/" + agreement + "/activities/new"), [5]int{see, denied, denied, ok, ok}},
		{"POST", fixed("/office/agreements/" + agreement + "/activities"), [5]int{see, denied, denied, invalid, invalid}},
		{"GET", fixed("/office/activities/" + act), [5]int{see, denied, denied, ok, ok}},
		{"POST", fixed("/office/activities/" + act), [5]int{see, denied, denied, invalid, invalid}},
		{"POST", fixed("/office/activities/" + act + "/delete"), [5]int{see, denied, denied, conflict, conflict}},
		{"POST", fresh("accept"), [5]int{see, denied, denied, see, see}},
		{"POST", fresh("return"), [5]int{see, denied, denied, invalid, invalid}}, // without a note
	}
	users := []*models.User{nil, &kalbar, &u.delegate, &u.official, &u.admin}
	names := []string{"visitor", "Kalimantan Barat's delegate", "Pariaman's delegate", "official", "admin"}
	for i, user := range users {
		b := p.browser(t)
		if user != nil {
			b.login(user.Email, modeltest.Password)
		}
		for _, tt := range tests {
			path := tt.path()
			var got page
			if tt.method == "GET" {
				got = b.get(path)
			} else {
				b.get("/login") // any page that carries a token
				got = b.post(path, url.Values{})
			}
			if got.StatusCode != tt.want[i] {
				t.Errorf("%s %s %s: %d, want %d", names[i], tt.method, path, got.StatusCode, tt.want[i])
			}
			if got.StatusCode == see && user == nil && !strings.HasPrefix(got.Header.Get("Location"), "/login") {
				t.Errorf("visitor %s %s: sent to %q", tt.method, path, got.Header.Get("Location"))
			}
		}
	}
	// Nothing the refused requests posted was written: the rice still has its reports, the
	// returned report is still returned.
	if _, ok := storedActivity(t, p, rice.ID); !ok {
		t.Error("the rice activity is gone")
	}
	r, _, err := p.store.ReportFor(ctx, models.System, returned)
	if err != nil || r.State != models.ReportReturned {
		t.Errorf("the returned report is %q, %v", r.State, err)
	}
}

// An official adds an activity to a signed agreement's plan, edits it (an edit made on an
// older copy is refused and shows the stored record), removes it; an activity with
// reports cannot be removed, and is cancelled with a reason instead.
func TestPlanOfficialAddsEditsCancelsRemoves(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	rice := demoActivity(t, p, "61", "beras")
	agreement := rice.AgreementID
	office := "/office/agreements/" + itoa(agreement)
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)

	page := b.get(office)
	if got := page.doc.Find(`[data-testid="plan"] [data-testid="activity"]`).Length(); got != 3 {
		t.Fatalf("the plan shows %d activities, want the demo's 3", got)
	}
	before := len(planOf(t, p, agreement).Activities)

	// Bad input: a message by each field, the input kept, nothing written.
	blank := b.get(string(office) + "/activities/new")
	if blank.StatusCode != http.StatusOK {
		t.Fatalf("new activity form: %d", blank.StatusCode)
	}
	v := formValues(blank.doc.Find(`[data-testid="activity-form"]`))
	fill(v, form.FieldKind, "milestone", form.FieldTitle, "Peresmian gudang beras bersama", form.FieldSector, "food",
		form.FieldRegion, "61", form.FieldDueDate, "2040-01-01", form.FieldStatus, "planned")
	bad := b.post(office+"/activities", v)
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a due date outside the term: %d", bad.StatusCode)
	}
	if got := text(bad.doc.Find("#due_date-error")); got != "Tenggat harus berada dalam jangka waktu kesepakatan." {
		t.Errorf("due date message: %q", got)
	}
	if got := bad.doc.Find("#title").AttrOr("value", ""); got != "Peresmian gudang beras bersama" {
		t.Errorf("the title was not kept: %q", got)
	}
	if got := len(planOf(t, p, agreement).Activities); got != before {
		t.Fatalf("a refused form wrote an activity: %d", got)
	}

	// Added.
	v.Set(form.FieldDueDate, "2026-12-31")
	done := b.post(office+"/activities", v)
	if done.StatusCode != http.StatusSeeOther || !strings.HasPrefix(done.Header.Get("Location"), office) {
		t.Fatalf("add: %d %s", done.StatusCode, done.Header.Get("Location"))
	}
	plan := planOf(t, p, agreement)
	if len(plan.Activities) != before+1 {
		t.Fatalf("%d activities after adding, want %d", len(plan.Activities), before+1)
	}
	added := plan.Activities[len(plan.Activities)-1].Activity
	if added.Title != "Peresmian gudang beras bersama" || added.Kind != models.KindMilestone || added.RegionCode != "61" ||
		!added.DueDate.Equal(models.Date(2026, time.December, 31)) || added.Status != models.ActivityPlanned {
		t.Errorf("stored: %+v", added)
	}
	shown := b.get(done.Header.Get("Location"))
	if text(shown.doc.Find(`[data-testid="flash"]`)) == "" || shown.doc.Find(`[data-testid="activity"][data-id="`+itoa(added.ID)+`"]`).Length() != 1 {
		t.Error("the agreement's page does not show the added activity with a message")
	}

	// Edited; then the same form, loaded before that edit, is refused.
	editURL := "/office/activities/" + itoa(added.ID)
	edit := b.get(editURL)
	old := formValues(edit.doc.Find(`[data-testid="activity-form"]`))
	mine := fill(formValues(edit.doc.Find(`[data-testid="activity-form"]`)), form.FieldTitle, "Peresmian gudang beras bersama Kalbar–Jakarta")
	if got := b.post(editURL, mine); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d %s", got.StatusCode, text(got.doc.Find(`[data-testid="form-alert"]`)))
	}
	if got, _ := storedActivity(t, p, added.ID); got.Title != "Peresmian gudang beras bersama Kalbar–Jakarta" {
		t.Errorf("the edit was not stored: %q", got.Title)
	}
	stale := b.post(editURL, fill(old, form.FieldTitle, "Judul dari salinan lama"))
	if stale.StatusCode != http.StatusConflict || text(stale.doc.Find(`[data-testid="form-alert"]`)) == "" {
		t.Fatalf("a stale edit: %d", stale.StatusCode)
	}
	if got := text(stale.doc.Find(`[data-testid="conflict-note"]`)); !strings.Contains(got, "Peresmian gudang beras bersama Kalbar–Jakarta") {
		t.Errorf("the stale edit does not show the stored title: %q", got)
	}
	if got, _ := storedActivity(t, p, added.ID); got.Title != "Peresmian gudang beras bersama Kalbar–Jakarta" {
		t.Errorf("the stale edit was stored: %q", got.Title)
	}

	// Removed: it has no reports.
	edit = b.get(editURL)
	removeForm := edit.doc.Find(`form[action="` + editURL + `/delete"]`)
	if removeForm.Length() != 1 {
		t.Fatal("the form of an activity without reports offers no removal")
	}
	if got := b.post(editURL+"/delete", formValues(removeForm)); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", got.StatusCode)
	}
	if _, ok := storedActivity(t, p, added.ID); ok {
		t.Error("the removed activity is still stored")
	}

	// The rice has reports: no removal; a post of one is refused; cancelling needs a reason.
	riceURL := "/office/activities/" + itoa(rice.ID)
	riceForm := b.get(riceURL)
	if riceForm.doc.Find(`[data-testid="remove-unavailable"]`).Length() != 1 || riceForm.doc.Find(`form[action="`+riceURL+`/delete"]`).Length() != 0 {
		t.Error("the form of an activity with reports offers its removal")
	}
	refused := b.post(riceURL+"/delete", url.Values{})
	if refused.StatusCode != http.StatusConflict || !strings.Contains(text(refused.doc.Find(`[data-testid="form-alert"]`)), "Batalkan kegiatan") {
		t.Errorf("removing an activity with reports: %d %q", refused.StatusCode, text(refused.doc.Find(`[data-testid="form-alert"]`)))
	}
	if _, ok := storedActivity(t, p, rice.ID); !ok {
		t.Fatal("the activity with reports was removed")
	}
	cancel := fill(formValues(riceForm.doc.Find(`[data-testid="activity-form"]`)), form.FieldStatus, "cancelled")
	noReason := b.post(riceURL, cancel)
	if noReason.StatusCode != http.StatusUnprocessableEntity || text(noReason.doc.Find("#cancel_reason-error")) == "" {
		t.Fatalf("cancelling without a reason: %d", noReason.StatusCode)
	}
	cancel.Set(form.FieldCancelReason, "Pasokan dialihkan ke kesepakatan pelaksanaan.")
	if got := b.post(riceURL, cancel); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("cancel: %d", got.StatusCode)
	}
	if got, _ := storedActivity(t, p, rice.ID); got.Status != models.ActivityCancelled || got.CancelReason != "Pasokan dialihkan ke kesepakatan pelaksanaan." || got.Target != rice.Target {
		t.Errorf("cancelled: %q %q %d", got.Status, got.CancelReason, got.Target)
	}
}

// The target is typed in the page's language: "1.250,5" in Indonesian and "1,250.5" in
// English are the same 1,250.5 tonnes; the form writes it back the same way.
func TestPlanTargetInBothLanguages(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	rice := demoActivity(t, p, "61", "beras")
	office := "/office/agreements/" + itoa(rice.AgreementID)
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	for _, tt := range []struct {
		lang, target, shown, label string
	}{{"id", "1.250,5", "1250,5", "Target"}, {"en", "1,250.5", "1250.5", "Target"}} {
		blank := b.get(office + "/activities/new?lang=" + tt.lang)
		v := fill(formValues(blank.doc.Find(`[data-testid="activity-form"]`)), form.FieldTitle, "Pasokan beras tambahan "+tt.lang,
			form.FieldSector, "food", form.FieldRegion, "61", form.FieldCommodity, "rice", form.FieldTarget, tt.target)
		done := b.post(office+"/activities?lang="+tt.lang, v)
		if done.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %d %s", tt.lang, done.StatusCode, text(done.doc.Find(".field-error")))
		}
		plan := planOf(t, p, rice.AgreementID)
		added := plan.Activities[len(plan.Activities)-1].Activity
		if added.Target != 1_250_500 || added.Unit != models.UnitTonne {
			t.Errorf("%s: stored target %d %s", tt.lang, added.Target, added.Unit)
		}
		edit := b.get("/office/activities/" + itoa(added.ID) + "?lang=" + tt.lang)
		if got := edit.doc.Find("#target").AttrOr("value", ""); got != tt.shown {
			t.Errorf("%s: the form shows the target as %q, want %q", tt.lang, got, tt.shown)
		}
		// A target that is no number says so in the page's language.
		bad := b.post("/office/activities/"+itoa(added.ID)+"?lang="+tt.lang, fill(formValues(edit.doc.Find(`[data-testid="activity-form"]`)), form.FieldTarget, "banyak"))
		want := map[string]string{"id": "Isi angka lebih dari nol, dengan paling banyak tiga angka desimal.", "en": "Enter a number above zero, with at most three decimals."}[tt.lang]
		if bad.StatusCode != http.StatusUnprocessableEntity || text(bad.doc.Find("#target-error")) != want {
			t.Errorf("%s: %d %q", tt.lang, bad.StatusCode, text(bad.doc.Find("#target-error")))
		}
	}
}

// The officials' dashboard lists the demo's overdue milestone and its waiting report,
// each linking to where to act; the monitoring page lists the waiting reports first.
func TestDashboardMonitoringLists(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	milestone := demoActivity(t, p, "74.01", "Kajian")
	rice := demoActivity(t, p, "61", "beras")
	b := p.browser(t)
	b.login(u.official.Email, modeltest.Password)
	page := b.get("/office")
	overdue := page.doc.Find(`[data-testid="overdue-activities"] a[href="/office/activities/` + itoa(milestone.ID) + `"]`)
	if overdue.Length() != 1 || text(overdue) != milestone.Title {
		t.Errorf("the overdue milestone is not listed: %q", text(page.doc.Find(`[data-testid="overdue-activities"]`)))
	}
	waiting := page.doc.Find(`[data-testid="waiting-reports"] .item-title a`)
	if waiting.Length() != 1 || text(waiting) != rice.Title || !strings.HasPrefix(waiting.AttrOr("href", ""), "/reports/") {
		t.Errorf("waiting reports: %d %q", waiting.Length(), text(waiting))
	}
	if got := text(page.doc.Find(`[data-testid="waiting-total"]`)); got != "1 laporan menunggu telaah, yang terlama lebih dulu." {
		t.Errorf("waiting total: %q", got)
	}
	en := b.get("/office?lang=en")
	if got := text(en.doc.Find(`[data-testid="waiting-total"]`)); got != "1 report waiting for review, the oldest first." {
		t.Errorf("waiting total in English: %q", got)
	}
	mon := b.get("/office/monitoring")
	if mon.StatusCode != http.StatusOK || text(mon.doc.Find(`[data-testid="waiting-reports"] .item-title a`)) != rice.Title {
		t.Errorf("the monitoring page does not list the waiting report first: %d", mon.StatusCode)
	}
	if got := mon.doc.Find(`[data-testid="activities"] [data-testid="activity"]`).Length(); got != 7 {
		t.Errorf("the monitoring page lists %d activities, want the demo's 7", got)
	}
	if got := text(mon.doc.Find(`[data-testid="activity"][data-id="` + itoa(milestone.ID) + `"] [data-testid="region"]`)); got != "Kabupaten Kolaka" {
		t.Errorf("the milestone's region is shown as %q", got)
	}
}
