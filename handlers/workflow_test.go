package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// understood is the form of a step that is hard to undo with its box ticked (a new one
// each time: post adds the CSRF token to it).
func understood() url.Values { return url.Values{form.FieldUnderstood: {"yes"}} }

// formValues reads a page's form as a browser would submit it: every named input,
// textarea, checked box and selected option.
func formValues(form *goquery.Selection) url.Values {
	v := url.Values{}
	form.Find("input[name], textarea[name], select[name]").Each(func(_ int, s *goquery.Selection) {
		name := s.AttrOr("name", "")
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", ""))
		default:
			switch s.AttrOr("type", "text") {
			case "checkbox", "radio":
				if _, on := s.Attr("checked"); on {
					v.Add(name, s.AttrOr("value", "on"))
				}
			case "submit":
			default:
				v.Add(name, s.AttrOr("value", ""))
			}
		}
	})
	return v
}

// fill sets a field's values in a form's values.
func fill(v url.Values, pairs ...string) url.Values {
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Set(pairs[i], pairs[i+1])
	}
	return v
}

// setRow sets one field of the i-th party row.
func setRow(v url.Values, field string, i int, value string) {
	name := form.RowInput(form.ListParties, field)
	rows := v[name]
	rows[i] = value
	v[name] = rows
}

func idFromLocation(t *testing.T, loc, prefix string) string {
	t.Helper()
	loc, _, _ = strings.Cut(loc, "?")
	id := strings.TrimPrefix(loc, prefix)
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatalf("location %q", loc)
	}
	return id
}

// The whole journey of issue 4 through HTTP: an official drafts and sends; the partner's
// delegate declines with a reason; the official revises and resends; every party
// confirms; the official records the signing and publishes; a visitor sees it.
func TestWorkflowJourney(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	jakarta := modeltest.CreateUser(t, p.store, models.RoleDelegate, "31")
	kolaka := modeltest.CreateUser(t, p.store, models.RoleDelegate, "74.01")

	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	draft := off.get("/office/agreements/new")
	if draft.StatusCode != http.StatusOK || draft.doc.Find(`[data-testid="party-row"]`).Length() != 2 {
		t.Fatalf("new form: %d", draft.StatusCode)
	}
	if draft.doc.Find(`datalist#regions option`).Length() != 552 {
		t.Errorf("the region suggestions hold %d regions", draft.doc.Find(`datalist#regions option`).Length())
	}
	if got := draft.doc.Find("#party_region_0").AttrOr("value", ""); got != "Daerah Khusus Ibukota Jakarta (31)" {
		t.Errorf("first party %q", got)
	}

	// Rows are added, moved and removed by posting the form back, input kept.
	v := fill(formValues(draft.doc.Find(`[data-testid="agreement-form"]`)),
		"title", "Perjanjian Kerja Sama Pasokan Ikan", "short_title", "Kolaka — ikan laut", "doc_type", "memorandum",
		"start_date", "2027-01-01", "end_date", "2034-12-31", "scope", "Pasokan ikan laut")
	v["sectors"] = []string{"food", "marine_fisheries"}
	setRow(v, form.PartyRegion, 1, "Kolaka")
	v.Set(form.FieldOp, form.AddRow(form.ListParties).Value())
	added := off.post("/office/agreements", v)
	if added.StatusCode != http.StatusOK || added.doc.Find(`[data-testid="party-row"]`).Length() != 3 {
		t.Fatalf("add a party: %d, %d rows", added.StatusCode, added.doc.Find(`[data-testid="party-row"]`).Length())
	}
	if added.doc.Find("#title").AttrOr("value", "") != "Perjanjian Kerja Sama Pasokan Ikan" || added.doc.Find("#party_region_1").AttrOr("value", "") != "Kolaka" {
		t.Fatal("adding a row lost the input")
	}
	v = formValues(added.doc.Find(`[data-testid="agreement-form"]`))
	setRow(v, form.PartyRegion, 2, "Pariaman")
	v.Set(form.FieldOp, form.MoveUp(form.ListParties, 2).Value())
	moved := off.post("/office/agreements", v)
	if got := moved.doc.Find("#party_region_1").AttrOr("value", ""); got != "Pariaman" {
		t.Fatalf("moving a row up: row 2 is %q", got)
	}
	v = formValues(moved.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldOp, form.RemoveRow(form.ListParties, 1).Value())
	removed := off.post("/office/agreements", v)
	if removed.doc.Find(`[data-testid="party-row"]`).Length() != 2 || removed.doc.Find("#party_region_1").AttrOr("value", "") != "Kolaka" {
		t.Fatal("removing a row")
	}

	// Saving with mistakes: the messages stand by their fields, the input is kept.
	v = formValues(removed.doc.Find(`[data-testid="agreement-form"]`))
	v.Set("op", "save")
	v.Set("end_date", "2026-06-01")
	setRow(v, form.PartyRegion, 1, "Jakarta")
	drafts, _ := p.store.AgreementsByStatus(context.Background(), models.StatusDraft)
	bad := off.post("/office/agreements", v)
	if bad.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a bad draft: %d", bad.StatusCode)
	}
	if got := text(bad.doc.Find("#end_date-error")); got != "Tanggal berakhir harus setelah tanggal mulai." {
		t.Errorf("end date error %q", got)
	}
	if bad.doc.Find("#party_region_1-error").Length() != 1 || bad.doc.Find("#party_region_1").AttrOr("aria-invalid", "") != "true" {
		t.Error("the ambiguous region has no message by its field")
	}
	if bad.doc.Find("#scope").Text() != "Pasokan ikan laut" || bad.doc.Find(`input[name="sectors"][value="marine_fisheries"][checked]`).Length() != 1 {
		t.Error("the input was not kept")
	}
	if list, _ := p.store.AgreementsByStatus(context.Background(), models.StatusDraft); len(list) != len(drafts) {
		t.Fatalf("%d drafts, %d before: the bad one was written", len(list), len(drafts))
	}

	v.Set("end_date", "2034-12-31")
	setRow(v, form.PartyRegion, 1, "Kabupaten Kolaka (74.01)")
	saved := off.post("/office/agreements", v)
	if saved.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d %s", saved.StatusCode, text(saved.doc.Find(".field-error")))
	}
	id := idFromLocation(t, saved.Header.Get("Location"), "/office/agreements/")
	page := off.get(saved.Header.Get("Location"))
	if text(page.doc.Find(`[data-testid="flash"]`)) != "Draf telah disimpan." || text(page.doc.Find(`[data-testid="status"]`)) != "Draf" {
		t.Fatalf("after saving: %q", text(page.doc.Find(`[data-testid="flash"]`)))
	}
	if text(page.doc.Find("h1")) != "Kolaka — ikan laut" || !strings.Contains(text(page.doc.Find(`[data-testid="legal-title"]`)), "Perjanjian Kerja Sama Pasokan Ikan") {
		t.Errorf("the short title heads the page: %q / %q", text(page.doc.Find("h1")), text(page.doc.Find(`[data-testid="legal-title"]`)))
	}
	edit := off.get("/office/agreements/" + id + "/edit")
	if edit.doc.Find(`[data-testid="long-term"]`).Length() != 1 {
		t.Error("an eight-year term shows no warning")
	}

	// The delegates cannot see a draft yet.
	kol := p.browser(t)
	kol.login(kolaka.Email, modeltest.Password)
	if got := kol.get("/agreements/" + id).StatusCode; got != http.StatusNotFound {
		t.Errorf("a delegate reading a draft: %d", got)
	}

	off.get("/office/agreements/" + id)
	if got := off.post("/office/agreements/"+id+"/send", nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("send: %d", got.StatusCode)
	}

	// Kolaka's delegate finds it first in the inbox and declines, with a reason.
	inbox := kol.get("/inbox")
	first := inbox.doc.Find(`[data-testid="inbox-item"]`).First()
	if first.Find(`[data-testid="awaiting"]`).Length() != 1 || !strings.Contains(first.Find("a").AttrOr("href", ""), "/agreements/"+id) {
		t.Fatalf("the inbox does not put the awaiting agreement first")
	}
	ag := kol.get("/agreements/" + id)
	hash := text(ag.doc.Find(`[data-testid="content-hash"]`))
	if len(hash) != 64 || ag.doc.Find(`[data-testid="decline-form"]`).Length() != 1 {
		t.Fatalf("the delegate's page: hash %q", hash)
	}
	declineURL := ag.doc.Find(`[data-testid="decline-form"]`).AttrOr("action", "")
	empty := kol.post(declineURL, url.Values{"hash": {hash}, "reason": {""}})
	if empty.StatusCode != http.StatusUnprocessableEntity || text(empty.doc.Find("#reason-error")) != "Tuliskan alasan penolakan." {
		t.Fatalf("decline without reason: %d %q", empty.StatusCode, text(empty.doc.Find("#reason-error")))
	}
	if got := kol.post(declineURL, url.Values{"hash": {hash}, "reason": {"Volume pasokan belum disepakati."}}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("decline: %d", got.StatusCode)
	}
	again := kol.post(declineURL, url.Values{"hash": {hash}, "reason": {"Lagi"}})
	if again.StatusCode != http.StatusConflict || !strings.Contains(text(again.doc.Find(`[data-testid="form-alert"]`)), "sudah menjawab") {
		t.Errorf("a repeated answer: %d %q", again.StatusCode, text(again.doc.Find(`[data-testid="form-alert"]`)))
	}

	// Jakarta's delegate cannot answer for Kolaka.
	jkt := p.browser(t)
	jkt.login(jakarta.Email, modeltest.Password)
	jpage := jkt.get("/agreements/" + id)
	if got := jkt.post(declineURL, url.Values{"hash": {hash}, "reason": {"x"}}).StatusCode; got != http.StatusForbidden {
		t.Errorf("another region's party: %d", got)
	}
	confirmURL := jpage.doc.Find(`[data-testid="confirm-form"]`).AttrOr("action", "")

	// The official sees the reason, revises and resends.
	dash := off.get("/office")
	if !strings.Contains(text(dash.doc.Find(`[data-testid="declined"]`)), "Volume pasokan belum disepakati.") {
		t.Error("the dashboard does not show the reason")
	}
	if !strings.Contains(text(off.get("/office/agreements/"+id).doc.Find(`[data-testid="decline-reason"]`)), "Volume pasokan") {
		t.Error("the agreement page does not show the reason")
	}
	if got := off.post("/office/agreements/"+id+"/withdraw", understood()); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", got.StatusCode)
	}
	// Back in draft, every sign-off reset, the declined version kept with its answers.
	agreementID, _ := strconv.Atoi(id)
	withdrawn, err := p.store.AgreementFor(context.Background(), models.System, uint(agreementID))
	if err != nil {
		t.Fatal(err)
	}
	if withdrawn.Status != models.StatusDraft || withdrawn.CurrentVersionID != nil || withdrawn.ConfirmedParties() != 0 {
		t.Errorf("after withdrawal: %s, version %v, %d confirmed", withdrawn.Status, withdrawn.CurrentVersionID, withdrawn.ConfirmedParties())
	}
	for _, party := range withdrawn.Parties {
		if party.Status != models.SignOffPending || party.Note != "" {
			t.Errorf("party %s still %s %q", party.RegionCode, party.Status, party.Note)
		}
	}
	if versions, _ := p.store.AgreementVersions(context.Background(), models.System, uint(agreementID)); len(versions) != 1 || len(versions[0].SignOffs) != 1 || versions[0].SignOffs[0].Decision != models.SignOffDeclined {
		t.Errorf("the version sent is not kept with its decline: %+v", versions)
	}
	edit = off.get("/office/agreements/" + id + "/edit")
	v = formValues(edit.doc.Find(`[data-testid="agreement-form"]`))
	v.Set("scope", "Pasokan ikan laut sebanyak 500 ton per tahun")
	v.Set("end_date", "2031-12-31")
	v.Set("op", "save")
	if got := off.post("/office/agreements/"+id, v); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d %s", got.StatusCode, text(got.doc.Find(".field-error")))
	}
	off.get("/office/agreements/" + id)
	if got := off.post("/office/agreements/"+id+"/send", nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("resend: %d", got.StatusCode)
	}

	// Jakarta's stale page (the first version) is refused with a clear message.
	stale := jkt.post(confirmURL, url.Values{"hash": {hash}})
	if stale.StatusCode != http.StatusConflict || !strings.Contains(text(stale.doc.Find(`[data-testid="form-alert"]`)), "Naskah telah berubah") {
		t.Fatalf("a stale confirmation: %d", stale.StatusCode)
	}
	for _, b := range []*browser{jkt, kol} {
		pg := b.get("/agreements/" + id)
		newHash := text(pg.doc.Find(`[data-testid="content-hash"]`))
		if newHash == hash {
			t.Fatal("the revision kept the hash")
		}
		action := pg.doc.Find(`[data-testid="confirm-form"]`).AttrOr("action", "")
		if got := b.post(action, url.Values{"hash": {newHash}}); got.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirm: %d", got.StatusCode)
		}
	}
	if !strings.Contains(text(kol.get("/inbox").doc.Find(`[data-testid="own-history"]`)), "Ditolak") {
		t.Error("the delegate's history lacks their decline")
	}

	// The official records the signing and publishes.
	agreed := off.get("/office/agreements/" + id)
	if agreed.doc.Find(`[data-testid="sign-form"]`).Length() != 1 {
		t.Fatal("no signing form once agreed")
	}
	badSign := off.post("/office/agreements/"+id+"/sign", url.Values{"signed_on": {"2026-11-20"}, "signed_place": {""}})
	if badSign.StatusCode != http.StatusUnprocessableEntity || badSign.doc.Find("#signed_place-error").Length() != 1 || badSign.doc.Find("#signed_on").AttrOr("value", "") != "2026-11-20" {
		t.Fatalf("signing without a place: %d", badSign.StatusCode)
	}
	future := off.post("/office/agreements/"+id+"/sign", url.Values{"signed_on": {"2026-12-01"}, "signed_place": {"Kolaka"}})
	if text(future.doc.Find("#signed_on-error")) != "Tanggal ini belum tiba." {
		t.Errorf("a signing in the future: %q", text(future.doc.Find("#signed_on-error")))
	}
	if got := off.post("/office/agreements/"+id+"/sign", url.Values{"signed_on": {"2026-11-20"}, "signed_place": {"Kolaka"}}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign: %d", got.StatusCode)
	}
	off.get("/office/agreements/" + id)
	if got := off.post("/office/agreements/"+id+"/publish", nil); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", got.StatusCode)
	}
	if again := off.post("/office/agreements/"+id+"/publish", nil); again.StatusCode != http.StatusConflict {
		t.Errorf("publishing twice: %d", again.StatusCode)
	}

	// A visitor sees it, every party confirmed, and its signing in the history.
	visitor := p.browser(t)
	public := visitor.get("/agreements/" + id)
	if public.StatusCode != http.StatusOK {
		t.Fatalf("public page: %d", public.StatusCode)
	}
	public.doc.Find(`[data-testid="party"]`).Each(func(_ int, r *goquery.Selection) {
		if text(r.Find(".status")) != "Dikonfirmasi" {
			t.Errorf("party %s: %q", r.AttrOr("data-region", ""), text(r.Find(".status")))
		}
	})
	var actions []string
	public.doc.Find(`[data-testid="history"] li`).Each(func(_ int, s *goquery.Selection) { actions = append(actions, s.AttrOr("data-action", "")) })
	if strings.Join(actions, " ") != "agreement.sign agreement.publish" {
		t.Errorf("the public history: %v", actions)
	}
	if !strings.Contains(text(visitor.get("/agreements?region=74.01").doc.Find(`[data-testid="agreement-list"]`)), "Kolaka — ikan laut") {
		t.Error("the public list does not show it")
	}

	// The official's history has every step, the old version's decline included.
	full := off.get("/office/agreements/" + id)
	// create, send, decline, withdraw, update, send, two confirmations, agreed, sign, publish
	if got := full.doc.Find(`[data-testid="history"] li`).Length(); got != 11 {
		t.Errorf("the official's history has %d steps", got)
	}
	if !strings.Contains(text(full.doc.Find(`[data-testid="versions"]`)), "Volume pasokan belum disepakati.") {
		t.Error("the first version's decline is gone from the version history")
	}

	// Ended early: the public page says so, and why.
	noReason := off.post("/office/agreements/"+id+"/terminate", url.Values{"terminated_on": {"2027-06-30"}, "reason": {""}, "understood": {"yes"}})
	if noReason.StatusCode != http.StatusUnprocessableEntity || noReason.doc.Find("#reason-error").Length() != 1 {
		t.Fatalf("terminating without a reason: %d", noReason.StatusCode)
	}
	if got := off.post("/office/agreements/"+id+"/terminate", url.Values{"terminated_on": {"2026-11-25"}, "reason": {"Kolaka menghentikan ekspor ikan"}, "understood": {"yes"}}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("terminate: %d", got.StatusCode)
	}
	ended := visitor.get("/agreements/" + id)
	if !strings.Contains(text(ended.doc.Find(`[data-testid="terminated"]`)), "Kolaka menghentikan ekspor ikan") || text(ended.doc.Find(`[data-testid="term-state"]`)) != "Diakhiri lebih awal" {
		t.Errorf("the public page of a terminated agreement: %q", text(ended.doc.Find(`[data-testid="terminated"]`)))
	}
}

// A delegate answers just after an official withdrew the agreement to a draft, which the
// delegate may no longer read: they are told on their inbox that the answer was not
// recorded (409), not shown an error page, and nothing is written.
func TestAnswerAfterWithdrawal(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Partner: "61.04", Stage: modeltest.InReview})
	delegate := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61.04")
	b := p.browser(t)
	b.login(delegate.Email, modeltest.Password)
	page := b.get("/agreements/" + itoa(id))
	hash := text(page.doc.Find(`[data-testid="content-hash"]`))
	parties := modeltest.Parties(t, p.store, id)
	if err := p.store.Withdraw(ctx, modeltest.Official(t, p.store), id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	got := b.post("/agreements/"+itoa(id)+"/parties/"+itoa(parties[1].ID)+"/confirm", url.Values{"hash": {hash}})
	if got.StatusCode != http.StatusConflict || !strings.Contains(text(got.doc.Find(`[data-testid="form-alert"]`)), "tidak sedang menunggu jawaban") || got.doc.Find("h1").Length() != 1 {
		t.Errorf("%d %q", got.StatusCode, text(got.doc.Find(`[data-testid="form-alert"]`)))
	}
	if parties := modeltest.Parties(t, p.store, id); parties[1].Status != models.SignOffPending {
		t.Errorf("the answer was written: %s", parties[1].Status)
	}
}
