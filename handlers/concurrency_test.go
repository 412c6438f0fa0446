package handlers_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// Two officials open the same draft and each saves a different change: the second is told
// that someone saved first (409), sees the other's change beside each field that differs,
// keeps their own input, and nothing of theirs is written until they save again.
func TestTwoOfficialsEditOneDraft(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Judul Awal", Stage: modeltest.Draft})
	path := "/office/agreements/" + strconv.Itoa(int(id))
	desk := func() *browser {
		b := p.browser(t)
		u := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
		b.login(u.Email, modeltest.Password)
		return b
	}
	a, b := desk(), desk()
	stored := func() models.AgreementView {
		v, err := p.store.AgreementFor(ctx, models.System, id)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	formA := formValues(a.get(path + "/edit").doc.Find(`[data-testid="agreement-form"]`))
	formB := formValues(b.get(path + "/edit").doc.Find(`[data-testid="agreement-form"]`))
	if formA.Get("revision") == "" {
		t.Fatal("the draft form carries no revision")
	}
	formA.Set("title", "Judul dari Meja A")
	formA.Set("op", "save")
	if got := a.post(path, formA); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first save: %d", got.StatusCode)
	}
	formB.Set("title", "Judul dari Meja B")
	formB.Set("scope", "Ruang lingkup dari Meja B")
	formB.Set("op", "save")
	refused := b.post(path, formB)
	if refused.StatusCode != http.StatusConflict {
		t.Fatalf("a save on the older copy: %d", refused.StatusCode)
	}
	if alert := text(refused.doc.Find(`[data-testid="form-alert"]`)); !strings.Contains(alert, "Orang lain menyimpan perubahan") {
		t.Errorf("the alert: %q", alert)
	}
	if v := refused.doc.Find(`input[name="title"]`).AttrOr("value", ""); v != "Judul dari Meja B" {
		t.Errorf("the input was not kept: %q", v)
	}
	if note := text(refused.doc.Find(`#title-theirs`)); note != "Versi tersimpan: Judul dari Meja A" {
		t.Errorf("the other official's title is not shown: %q", note)
	}
	if refused.doc.Find(`#number-theirs`).Length() != 0 {
		t.Error("a field nobody changed is marked as differing")
	}
	if got := stored(); got.Title != "Judul dari Meja A" || got.Scope == "Ruang lingkup dari Meja B" {
		t.Fatalf("the refused save wrote something: %q %q", got.Title, got.Scope)
	}

	// Having seen it, B saves again: now it holds, from the revision the page carries.
	again := formValues(refused.doc.Find(`[data-testid="agreement-form"]`))
	again.Set("op", "save")
	if got := b.post(path, again); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving again after seeing the change: %d", got.StatusCode)
	}
	if got := stored(); got.Title != "Judul dari Meja B" || got.Scope != "Ruang lingkup dari Meja B" {
		t.Fatalf("after saving again: %q %q", got.Title, got.Scope)
	}

	// At the very same moment, from the same copy: one holds, one is refused.
	for round := range 5 {
		formA = formValues(a.get(path + "/edit").doc.Find(`[data-testid="agreement-form"]`))
		formB = formValues(b.get(path + "/edit").doc.Find(`[data-testid="agreement-form"]`))
		titles := []string{"Serentak A " + strconv.Itoa(round), "Serentak B " + strconv.Itoa(round)}
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i, pair := range []struct {
			br   *browser
			form map[string][]string
		}{{a, formA}, {b, formB}} {
			pair.form["title"] = []string{titles[i]}
			pair.form["op"] = []string{"save"}
			wg.Go(func() { statuses[i] = pair.br.post(path, pair.form).StatusCode })
		}
		wg.Wait()
		won := -1
		for i, s := range statuses {
			switch s {
			case http.StatusSeeOther:
				if won >= 0 {
					t.Fatalf("round %d: both saves held", round)
				}
				won = i
			case http.StatusConflict:
			default:
				t.Fatalf("round %d: status %d", round, s)
			}
		}
		if won < 0 || stored().Title != titles[won] {
			t.Fatalf("round %d: %v, stored %q", round, statuses, stored().Title)
		}
	}
}

// An official presses Withdraw on a page that showed the agreement in review, after the
// last party confirmed it: refused with a message, and it stays agreed.
func TestWithdrawFromAnOlderPage(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.InReview})
	path := "/office/agreements/" + strconv.Itoa(int(id))
	off := p.browser(t)
	off.login(p.users(t).official.Email, modeltest.Password)
	page := off.get(path)
	withdraw := formValues(page.doc.Find(`form[action="` + path + `/withdraw"]`))
	if withdraw.Get("revision") == "" {
		t.Fatal("the withdraw button carries no revision")
	}
	v, _ := p.store.AgreementFor(ctx, models.System, id)
	for _, party := range v.Parties {
		if err := p.store.ConfirmParty(ctx, modeltest.Delegate(t, p.store, party.RegionCode), id, party.ID, v.Version.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	withdraw.Set("understood", "yes")
	got := off.post(path+"/withdraw", withdraw)
	if got.StatusCode != http.StatusConflict {
		t.Fatalf("a withdrawal from the older page: %d", got.StatusCode)
	}
	if alert := text(got.doc.Find(`[data-testid="form-alert"]`)); !strings.Contains(alert, "diubah orang lain") {
		t.Errorf("the alert: %q", alert)
	}
	if now, _ := p.store.AgreementFor(ctx, models.System, id); now.Status != models.StatusAgreed {
		t.Fatalf("the agreement is %s", now.Status)
	}
	// The page it answered with shows it agreed, and withdrawing from there works.
	again := formValues(got.doc.Find(`form[action="` + path + `/withdraw"]`))
	again.Set("understood", "yes")
	if got := off.post(path+"/withdraw", again); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("a withdrawal from the current page: %d", got.StatusCode)
	}
}
