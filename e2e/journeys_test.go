//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// Journey (a): a visitor reads the programme.
func TestVisitorJourney(t *testing.T) {
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			p := startPortal(t)
			step := 0
			v := newPerson(t, newBrowser(t), p, "visitor", "a-visitor", vp, &step)

			v.visit(string(views.HomeURL()), "home")
			v.expect("home title", v.text("h1"), "Derap Kerja Sama Daerah")
			v.expect("figures", v.text(`[data-testid="stat-agreements"]`), "3")
			if v.count(`[data-testid="map-marker"]`) < 2 {
				t.Error("the map shows no partners")
			}

			v.follow(`.lang-switch a[lang="en"]`, "home in English")
			if v.attr("html", "lang") != "en" {
				t.Error("the page is not in English")
			}
			v.expect("English navigation", v.text(".site-nav"), "Agreements")
			v.follow(`.lang-switch a[lang="id"]`, "home in Indonesian")
			v.expect("Indonesian navigation", v.text(".site-nav"), "Kesepakatan")

			v.follow(`.site-nav a[href="`+string(views.AgreementsURL())+`"]`, "agreements")
			if n := v.count(`[data-testid="agreement-item"]`); n != 3 {
				t.Errorf("%d published agreements listed", n)
			}
			v.follow(`[data-testid="agreement-item"] h2 a`, "an agreement")
			statuses := v.texts(`[data-testid="party"] .status`)
			if len(statuses) != 2 {
				t.Fatalf("%d parties", len(statuses))
			}
			for _, s := range statuses {
				if s != "Dikonfirmasi" {
					t.Errorf("a party of a published agreement is %q", s)
				}
			}
			v.expect("the fingerprint", v.text(`[data-testid="content-hash"]`), "")

			v.follow(`[data-testid="party"][data-region]:not([data-region="31"]) td a`, "a partner region")
			v.expect("the partner's profile", v.text(`[data-testid="profile"]`), "Profil kerja sama")
			v.follow(`[data-testid="event-list"] h3 a`, "an event")
			v.expect("the event", v.text("h1"), "Derap Kerja Sama Daerah")
			if n := v.count(`[data-testid="speakers"] li`); n != 2 {
				t.Errorf("%d speakers", n)
			}
			v.expect("the minutes", v.text(`[data-testid="minutes"]`), "Pokok bahasan")

			v.visit(string(views.AgreementsURL()), "agreements again")
			v.setValue("#f-sector", "communication")
			v.follow(`form.filters button[type="submit"]`, "filtered by sector")
			if n := v.count(`[data-testid="agreement-item"]`); n != 1 {
				t.Errorf("%d agreements on digital services", n)
			}
			v.expect("the filtered agreement", v.text(`[data-testid="agreement-item"]`), "Kota Pariaman")
			if got := v.attr(`#f-sector option[value="communication"]`, "selected"); got == "" && !strings.Contains(v.path(), "sector=communication") {
				t.Error("the filter is not kept")
			}

			// The search box in the header, on any page.
			v.setValue("#site-search-q", "Kab. Kolaka")
			v.follow(`form.header-search button[type="submit"]`, "a search for Kab. Kolaka")
			v.expect("the results", v.text(`[data-testid="result-count"]`), "hasil untuk")
			if v.count(`.search-hit mark`) == 0 {
				t.Error("no word found is marked")
			}
			v.follow(`[data-testid="search-region"] .search-hit a`, "the best region found")
			v.expect("the region", v.text("h1"), "Kabupaten Kolaka")
			v.visit(string(views.SearchURL())+"?q=%25%25%25", "a search for punctuation")
			v.expect("help instead of results", v.text("#search-help-title"), "Cara mencari")
			v.follow(`.site-footer a[href="`+string(views.DataURL())+`"]`, "open data")
		})
	}
}

// Journeys (b) and (c): an official drafts and sends; the partner's delegate declines; the
// official revises and resends; both delegates confirm; the official records the signing
// and publishes; a visitor sees it.
func TestSignOffJourney(t *testing.T) {
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			p := startPortal(t)
			browser := newBrowser(t)
			step := 0
			official := newPerson(t, browser, p, "official", "b-official", vp, &step)
			title := fmt.Sprintf("Kesepakatan Bersama Pasokan Ikan Kolaka %s", vp.name)

			// (b) The official drafts an agreement with Kolaka and sends it.
			official.signIn("pejabat@e2e.test")
			if official.path() != string(views.OfficeURL()) {
				t.Fatalf("the official landed on %s", official.path())
			}
			official.follow(`.area-nav a[href="`+string(views.OfficeAgreementsURL())+`"]`, "agreements to work on")
			official.follow(`[data-testid="new-agreement"]`, "new draft")
			official.setValue("#title", title)
			official.setValue("#number", "e-0900/KSB/2026-"+vp.name)
			official.setValue("#start_date", "2027-01-01")
			official.setValue("#end_date", "2031-12-31")
			official.do("tick food", chromedp.Click(chromedp.CSS(`input[name="`+form.FieldSectors+`"][value="food"]`)))
			official.do("tick fisheries", chromedp.Click(chromedp.CSS(`input[name="`+form.FieldSectors+`"][value="marine_fisheries"]`)))
			official.typeInto("#scope", "Pasokan ikan laut dari Kabupaten Kolaka.")
			official.setValue("#party_signatory_0", "Pramono Anung Wibowo")
			official.setValue("#party_position_0", "Gubernur Daerah Khusus Ibukota Jakarta")
			official.follow(`[data-testid="add-party"]`, "a party row added")
			if n := official.count(`[data-testid="party-row"]`); n != 3 {
				t.Fatalf("%d party rows after adding one", n)
			}
			official.setValue("#party_region_1", "Kabupaten Kolaka (74.01)")
			official.setValue("#party_signatory_1", "Sekretaris Daerah Kolaka")
			official.follow(`button[value="`+form.RemoveRow(form.ListParties, 2).Value()+`"]`, "the spare row removed")
			if n := official.count(`[data-testid="party-row"]`); n != 2 {
				t.Fatalf("%d party rows after removing one", n)
			}
			official.expect("the input kept", official.attr("#party_region_1", "value"), "Kolaka")
			official.follow(`[data-testid="save"]`, "draft saved")
			official.expect("saved", official.text(`[data-testid="flash"]`), "Draf telah disimpan")
			official.expect("status", official.text(`[data-testid="status"]`), "Draf")
			work := strings.SplitN(official.path(), "?", 2)[0]
			id, err := strconv.Atoi(strings.TrimPrefix(work, string(views.OfficeAgreementsURL())+"/"))
			if err != nil {
				t.Fatalf("the draft's page %s", work)
			}
			public := string(views.AgreementURL(uint(id)))
			official.follow(`form[action$="/send"] button`, "sent")
			official.expect("status", official.text(`[data-testid="status"]`), "Menunggu konfirmasi")

			// (c) Kolaka's delegate finds it first in the inbox and declines, with a reason.
			kolaka := newPerson(t, browser, p, "Kolaka's delegate", "c-kolaka", vp, &step)
			kolaka.signIn("kolaka@e2e.test")
			kolaka.expect("awaiting", kolaka.text(`[data-testid="awaiting-list"]`), title)
			kolaka.follow(`[data-testid="awaiting-list"] h3 a`, "the agreement to answer")
			kolaka.expect("the agreement", kolaka.text("h1"), title)
			if kolaka.count(`[data-testid="answer-box"] form`) != 2 {
				t.Fatal("no confirm and decline forms for Kolaka's own party")
			}
			firstHash := kolaka.text(`[data-testid="content-hash"]`)
			kolaka.typeInto("#reason", "Volume pasokan ikan belum sesuai kapasitas pelabuhan.")
			kolaka.follow(`[data-testid="decline-form"] button`, "declined")
			kolaka.expect("recorded", kolaka.text(`[data-testid="flash"]`), "Penolakan daerah Anda telah dicatat")
			kolaka.expect("Kolaka's status", kolaka.text(`[data-testid="party"][data-region="74.01"] .status`), "Ditolak")

			// The official sees the reason, revises and resends.
			official.visit(string(views.OfficeURL()), "dashboard with the decline")
			official.expect("the reason", official.text(`[data-testid="declined"]`), "Volume pasokan ikan belum sesuai")
			official.visit(work, "the declined agreement")
			official.expect("the reason on the agreement", official.text(`[data-testid="decline-reason"]`), "Volume pasokan")
			official.expect("the decline's next step", official.text(`[data-testid="actions"]`), "Ditolak oleh")
			official.tick(`#understood-withdraw`) // the fold of other actions is open: the decline asks for it
			official.follow(`form[action$="/withdraw"] button`, "withdrawn")
			official.follow(`a[href$="/edit"]`, "editing the draft")
			official.setValue("#scope", "Pasokan ikan laut dari Kabupaten Kolaka, 200 ton setahun sesuai kapasitas pelabuhan.")
			official.follow(`[data-testid="save"]`, "revision saved")
			official.follow(`form[action$="/send"] button`, "resent")

			// Jakarta's delegate confirms.
			jakarta := newPerson(t, browser, p, "Jakarta's delegate", "c-jakarta", vp, &step)
			jakarta.signIn("jakarta@e2e.test")
			jakarta.visit(public, "the agreement for Jakarta")
			jakartaConfirm := jakarta.attr(`[data-testid="confirm-form"]`, "action")
			jakarta.follow(`[data-testid="confirm-form"] button`, "Jakarta confirmed")
			jakarta.expect("recorded", jakarta.text(`[data-testid="flash"]`), "Konfirmasi daerah Anda telah dicatat")

			// Kolaka's delegate confirms the revision with the keyboard alone.
			kolaka.visit(public, "the revised agreement")
			if kolaka.text(`[data-testid="content-hash"]`) == firstHash {
				t.Error("the revision kept the fingerprint")
			}
			kolaka.setValue("#"+form.FieldOwnNumber, "523/118/Pem/2026")
			kolaka.do("start from the top of the page", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`))
			kolaka.tabTo(`[data-testid="confirm-form"] button`)
			run(kolaka, "press Enter on Confirm and wait for the page", loads(chromedp.KeyEvent(kb.Enter)))
			kolaka.check("Kolaka confirmed")
			kolaka.expect("recorded", kolaka.text(`[data-testid="flash"]`), "Konfirmasi daerah Anda telah dicatat")
			kolaka.expect("the region's own number", kolaka.text(`[data-testid="party"][data-region="74.01"]`), "523/118/Pem/2026")

			// Nor can Kolaka's delegate reach Jakarta's confirm action.
			status := run(kolaka, "post to Jakarta's confirm action", chromedp.Evaluate[int](fmt.Sprintf(`
				fetch(%q, {method: "POST", redirect: "manual", headers: {"Content-Type": "application/x-www-form-urlencoded"},
					body: "hash=x&_csrf=" + encodeURIComponent((document.querySelector("input[name=_csrf]") || {}).value || "")})
				.then(r => r.status)`, jakartaConfirm), chromedp.EvalAwaitPromise))
			if status != 403 {
				t.Errorf("Kolaka's delegate posting Jakarta's confirmation: %d, want 403", status)
			}

			// The official records the signing and publishes.
			official.visit(work, "agreed")
			official.expect("status", official.text(`[data-testid="status"]`), "Disepakati")
			today := time.Now().In(time.FixedZone("WIB", 7*3600)).Format("2006-01-02")
			official.setValue("#signed_on", today)
			official.setValue("#signed_place", "Kolaka")
			official.follow(`[data-testid="sign-form"] button`, "signed")
			official.expect("status", official.text(`[data-testid="status"]`), "Ditandatangani")
			official.follow(`form[action$="/publish"] button`, "published")
			official.expect("published", official.text(`[data-testid="flash"]`), "terbit untuk umum")

			// A visitor, in a fresh browser context, sees it with every party confirmed.
			visitor := newPerson(t, browser, p, "visitor", "c-visitor", vp, &step)
			visitor.visit(public, "the published agreement")
			visitor.expect("title", visitor.text("h1"), title)
			statuses := visitor.texts(`[data-testid="party"] .status`)
			if len(statuses) != 2 || statuses[0] != "Dikonfirmasi" || statuses[1] != "Dikonfirmasi" {
				t.Errorf("the visitor sees %v", statuses)
			}
			if header, nav, pages := visitor.printed("the published agreement printed"); !header || nav || pages < 1 {
				t.Errorf("printed: header %v, navigation %v, %d A4 pages", header, nav, pages)
			}
			visitor.visit(string(views.AgreementsURL()), "the public list")
			visitor.expect("listed", visitor.text(`[data-testid="agreement-list"]`), title)
		})
	}
}

// The back office at a desk and on a phone, in both languages: every page an administrator
// works on passes axe (WCAG 2.2 A and AA) and reads without sideways scrolling, its tables
// as cards. On the event's form, attaching and removing a document keeps an unsaved edit.
func TestBackOfficePages(t *testing.T) {
	for _, lang := range i18n.Locales {
		for _, vp := range []viewport{desktop, phone} {
			t.Run(string(lang)+"-"+vp.name, func(t *testing.T) {
				p := startPortal(t)
				step := 0
				admin := newPerson(t, newBrowser(t), p, "administrator", "d-admin-"+string(lang), vp, &step)
				admin.signIn("admin@e2e.test")
				admin.speak(lang)
				for _, page := range []struct{ path, step string }{
					{string(views.OfficeURL()), "dashboard"},
					{string(views.OfficeAgreementsURL()), "agreements to work on"},
					{string(views.OfficeAgreementURL(1)), "a signed agreement"},
					{string(views.OfficeAgreementURL(5)), "a declined agreement"},
					{string(views.NewAgreementURL()), "a new draft"},
					{string(views.UsersURL()), "accounts"},
					{string(views.OfficeEventsURL()), "event records"},
					{string(views.OfficeEventURL(1)), "an event's form"},
					{string(views.SettingsURL()), "settings"},
					{string(views.AccountURL()), "own account"},
					{string(views.OutboxURL()), "the notification outbox"},
					{string(views.OfficeSearchURL()) + "?q=beras", "the office's search, drafts included"},
				} {
					admin.visit(page.path, page.step)
					if page.path == string(views.UsersURL()) {
						admin.expect("the accounts", admin.text(`[data-testid="users"]`), "Delegasi Kolaka")
					}
					if page.path == string(views.OutboxURL()) {
						admin.expect("no mail server", admin.text(`[data-testid="mail-off"]`), lang.T("outbox.mail_off"))
						admin.follow(`[data-testid="outbox-message"] th a`, "a message as it would be mailed")
						admin.expect("the mail", admin.text(`[data-testid="mail-text"]`), "/agreements/")
					}
					if strings.HasPrefix(page.path, string(views.OfficeSearchURL())) {
						admin.expect("the draft on rice supply", admin.text(`[data-testid="search-agreement"]`), lang.T("search.unpublished"))
					}
					if page.path == string(views.OfficeEventURL(1)) {
						admin.expect("why the event cannot be deleted", admin.text(`[data-testid="delete-unavailable"]`), lang.T("officeevent.delete_unavailable"))
						admin.documentsKeepEdits(lang)
					}
				}
			})
		}
	}
}

// documentsKeepEdits edits the event form open on the page without saving, attaches a
// document and removes it again: the edit stays in the form through both, unsaved.
func (p *person) documentsKeepEdits(lang i18n.Locale) {
	p.t.Helper()
	file := filepath.Join(p.t.TempDir(), "daftar-hadir.pdf")
	if err := os.WriteFile(file, []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"), 0o644); err != nil {
		p.t.Fatal(err)
	}
	edited := "Derap Kerja Sama Daerah — judul yang belum disimpan"
	before := p.count(`[data-testid="document"]`)
	p.setValue("#"+form.FieldTitle, edited)
	p.setValue("#doc_title", "Daftar hadir")
	p.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#doc_file"), []string{file}))
	p.follow(`[data-testid="upload"]`, "a document attached, the edit kept")
	p.expect("the notice", p.text(`[data-testid="flash"]`), lang.T("officeevent.document_added"))
	p.expect("the unsaved title after the upload", p.value("#"+form.FieldTitle), edited)
	if n := p.count(`[data-testid="document"]`); n != before+1 {
		p.t.Errorf("%d documents after attaching one to %d", n, before)
	}
	p.follow(`[data-testid="document"]:last-child [data-testid="remove-document"]`, "the document removed, the edit kept")
	p.expect("the unsaved title after the removal", p.value("#"+form.FieldTitle), edited)
	if n := p.count(`[data-testid="document"]`); n != before {
		p.t.Errorf("%d documents after removing the one attached to %d", n, before)
	}
}

// Everything a visitor and a delegate see, in English, at a desk and on a phone: the
// officials' Indonesian text on the pages is marked as such.
func TestPagesInEnglish(t *testing.T) {
	for _, vp := range []viewport{desktop, phone} {
		t.Run(vp.name, func(t *testing.T) {
			p := startPortal(t)
			browser := newBrowser(t)
			step := 0
			v := newPerson(t, browser, p, "visitor", "e-english-visitor", vp, &step)
			v.visit(string(views.HomeURL()), "home")
			v.speak(i18n.EN)
			v.follow(`.site-nav a[href="`+string(views.AgreementsURL())+`"]`, "agreements")
			v.follow(`[data-testid="agreement-item"] h2 a`, "an agreement")
			v.expect("the parties' caption", v.text("caption"), "Parties' confirmation status")
			if v.attr("h1", "lang") != "id" {
				t.Error("the agreement's Indonesian title is not marked lang=id on an English page")
			}
			v.follow(`[data-testid="party"][data-region]:not([data-region="31"]) td a`, "a partner region")
			v.follow(`.site-nav a[href="`+string(views.EventsURL())+`"]`, "events")
			v.follow(`[data-testid="event-list"] .item-title a`, "an event")
			v.visit(string(views.RegionsURL()), "regions")
			v.visit(string(views.AboutURL()), "about")
			v.expect("the legal basis", v.text("main"), "Law No. 23 of 2014")
			v.visit(string(views.SearchURL())+"?q=beras", "a search")
			v.expect("the results in English", v.text(`[data-testid="result-count"]`), "results for")
			v.visit(string(views.DataURL()), "open data")

			d := newPerson(t, browser, p, "Pekanbaru's delegate", "e-english-delegate", vp, &step)
			d.signIn("pekanbaru@e2e.test")
			d.speak(i18n.EN)
			d.visit(string(views.InboxURL()), "inbox")
			d.follow(`[data-testid="awaiting-list"] .item-title a`, "an agreement awaiting the region")
			d.expect("the request to answer", d.text("main"), i18n.EN.T("answer.awaited"))
		})
	}
}

// The accessibility check can fail: a picture without a text alternative is caught.
func TestAxeCatchesViolations(t *testing.T) {
	p := startPortal(t)
	step := 0
	v := newPerson(t, newBrowser(t), p, "visitor", "axe-self-test", desktop, &step)
	v.do("open the home page", chromedp.Navigate(p.base+string(views.HomeURL())), chromedp.WaitReady(chromedp.CSS("body")))
	if vs := v.axeViolations(); len(vs) != 0 {
		t.Fatalf("the home page already fails: %+v", vs)
	}
	v.do("break the page", chromedp.Evaluate[chromedp.Void](`document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="/static/x.png">')`))
	found := false
	for _, vi := range v.axeViolations() {
		found = found || vi.ID == "image-alt"
	}
	if !found {
		t.Fatal("axe did not catch an image without a text alternative")
	}
}
