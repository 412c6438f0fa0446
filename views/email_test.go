package views

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"derap/models"
)

const (
	mailBase  = "https://portal.example"
	mailHash  = "3f9a0c5e7b1d2f4a6c8e0b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a"
	mailName  = `Siti <script>alert("name")</script> Rahma`
	mailTitle = `Kesepakatan Bersama <script>alert("x")</script> tentang Ketahanan Pangan`
	mailWhy   = `Pasal 5 <script>alert("why")</script> perlu ditinjau ulang.`
)

// mailParams is what the mails of the tests say: every field a kind may use, with markup
// where people write.
func mailParams() models.NotificationParams {
	ends := models.Date(2026, time.March, 31)
	return models.NotificationParams{
		AgreementID: 7, Number: "e-0117/KSB/2025", Title: mailTitle, Version: 2, ContentHash: mailHash,
		RegionCode: "61", RegionName: "Kalimantan Barat", Reason: mailWhy, PendingDays: 3, EndsOn: &ends, MonthsLeft: 3,
		Token: "tok-en/1", At: time.Date(2025, time.October, 3, 2, 0, 0, 0, time.UTC),
	}
}

func mailMessage(t *testing.T, id uint, kind models.NotificationKind, lang string, p models.NotificationParams) models.OutboxMessage {
	t.Helper()
	js, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	return models.OutboxMessage{
		ID: id, Kind: kind, UserID: 3, Email: "siti@kalbarprov.go.id", Name: mailName, Language: lang, Params: string(js),
		CreatedAt: time.Date(2025, time.October, 3, 2, 0, 5, 0, time.UTC),
	}
}

func mailBureau() *models.BureauContact {
	return &models.BureauContact{ID: 1, Office: "Biro Kerja Sama Daerah", Address: "Balai Kota", Phone: "(021) 382-2255", Email: "ksd@jakarta.go.id"}
}

// flat puts text on one line with single spaces, as a wrapped text is compared.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// mailDoc parses a mail's HTML.
func mailDoc(t *testing.T, e Email) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(e.HTML))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// Every kind of notification is written in both languages, in a subject, a plain text and
// an HTML document that say the same: what happened, the agreement's number, the link to
// act on, absolute. What people wrote (a name, a title, a reason) is escaped in the HTML
// and shown as it is in the text.
func TestRenderEmailEveryKind(t *testing.T) {
	digestItems := func(t *testing.T, lang string) []models.OutboxMessage {
		other := mailParams()
		other.AgreementID, other.Number, other.Title = 8, "e-0200/PKS/2025", "Perjanjian Kerja Sama Pelatihan ASN"
		return []models.OutboxMessage{
			mailMessage(t, 11, models.NotifySent, lang, mailParams()),
			mailMessage(t, 12, models.NotifyDeclined, lang, other),
		}
	}
	agreementSays := []string{"e-0117/KSB/2025", mailTitle}
	tests := []struct {
		kind    models.NotificationKind
		link    string    // the link to act on, absolute
		subject [2]string // a part of the subject only it has, in Indonesian and in English
		says    []string  // what the text and the HTML say in either language
		saysIn  [2][]string
	}{
		{models.NotifySent, mailBase + "/agreements/7", [2]string{"Mohon konfirmasi: e-0117/KSB/2025", "Please confirm: e-0117/KSB/2025"},
			append(agreementSays, mailHash), [2][]string{{"Versi naskah", "konfirmasi atau tolak"}, {"Text version", "confirm or decline"}}},
		{models.NotifyDeclined, mailBase + "/office/agreements/7", [2]string{"Kalimantan Barat menolak e-0117/KSB/2025", "Kalimantan Barat declined e-0117/KSB/2025"},
			append(agreementSays, "“"+mailWhy+"”"), [2][]string{{"Alasan", "merevisi"}, {"Reason", "revising"}}},
		{models.NotifyAgreed, mailBase + "/office/agreements/7", [2]string{"Semua pihak telah mengonfirmasi e-0117/KSB/2025", "Every party has confirmed e-0117/KSB/2025"},
			agreementSays, [2][]string{{"penandatanganan"}, {"signing"}}},
		{models.NotifyPublished, mailBase + "/agreements/7", [2]string{"e-0117/KSB/2025 telah ditandatangani dan diterbitkan", "e-0117/KSB/2025 has been signed and published"},
			agreementSays, [2][]string{{"terbuka untuk publik"}, {"open to the public"}}},
		{models.NotifyReminder, mailBase + "/agreements/7", [2]string{"Pengingat: konfirmasi Kalimantan Barat untuk e-0117/KSB/2025 masih ditunggu (3 hari)", "Reminder: the confirmation from Kalimantan Barat for e-0117/KSB/2025 is still pending (3 days)"},
			append(agreementSays, mailHash), [2][]string{{"selama 3 hari"}, {"for 3 days"}}},
		{models.NotifyEnding, mailBase + "/office/agreements/7", [2]string{"e-0117/KSB/2025 berakhir dalam 3 bulan", "e-0117/KSB/2025 ends in 3 months"},
			agreementSays, [2][]string{{"31 Maret 2026", "berakhir dalam 3 bulan"}, {"31 March 2026", "ends in 3 months"}}},
		{models.NotifyInvitation, mailBase + "/invitations/tok-en%2F1", [2]string{"Undangan ke portal Derap KSD", "Your invitation to the Derap KSD portal"},
			[]string{"siti@kalbarprov.go.id"}, [2][]string{{"berlaku 7 hari, hingga 10 Oktober 2025 09.00 WIB"}, {"works for 7 days, until 10 October 2025 09:00 WIB"}}},
		{models.NotifyPasswordChanged, mailBase + "/login", [2]string{"Kata sandi akun Derap KSD Anda telah diubah", "Your Derap KSD password has been changed"},
			[]string{"siti@kalbarprov.go.id"}, [2][]string{{"3 Oktober 2025 09.00 WIB", "Bila bukan Anda", "Biro Kerja Sama Daerah"}, {"3 October 2025 09:00 WIB", "If this was not you", "Bureau of Regional Cooperation"}}},
		{models.NotifySessionsEnded, mailBase + "/login", [2]string{"Anda telah dikeluarkan dari semua perangkat", "You have been signed out on all devices"},
			[]string{"siti@kalbarprov.go.id"}, [2][]string{{"3 Oktober 2025 09.00 WIB", "Biro Kerja Sama Daerah"}, {"3 October 2025 09:00 WIB", "Bureau of Regional Cooperation"}}},
		{models.NotifyDigest, mailBase + "/agreements/7", [2]string{"Ringkasan harian Derap KSD: 2 pemberitahuan", "Derap KSD daily digest: 2 notifications"},
			[]string{"e-0117/KSB/2025", "e-0200/PKS/2025", mailBase + "/office/agreements/8"}, [2][]string{{"ringkasan harian"}, {"daily digest"}}},
	}
	for _, tt := range tests {
		for i, lang := range []string{"id", "en"} {
			t.Run(string(tt.kind)+"/"+lang, func(t *testing.T) {
				d := EmailData{Base: mailBase, Bureau: mailBureau()}
				if !tt.kind.Required() {
					d.Unsubscribe = mailBase + "/unsubscribe/signed-token"
				}
				if tt.kind == models.NotifyDigest {
					d.Items = digestItems(t, lang)
				}
				e, err := RenderEmail(context.Background(), mailMessage(t, 1, tt.kind, lang, mailParams()), d)
				if err != nil {
					t.Fatal(err)
				}

				if !strings.Contains(e.Subject, tt.subject[i]) {
					t.Errorf("subject %q lacks %q", e.Subject, tt.subject[i])
				}
				if strings.Contains(e.Subject, tt.subject[1-i]) || strings.ContainsAny(e.Subject, "\r\n") {
					t.Errorf("subject %q is in the other language or on more than one line", e.Subject)
				}

				says := append(append([]string{tt.link}, tt.says...), tt.saysIn[i]...)
				for _, s := range append(says, mailName) { // the text is wrapped
					if !strings.Contains(flat(e.Text), flat(s)) {
						t.Errorf("text lacks %q:\n%s", s, e.Text)
					}
				}
				for _, line := range strings.Split(e.Text, "\n") {
					if f := strings.Fields(line); utf8.RuneCountInString(line) > textWidth &&
						!strings.HasPrefix(f[len(f)-1], "https://") && f[len(f)-1] != mailHash {
						t.Errorf("a line longer than %d characters: %q", textWidth, line)
					}
				}

				if strings.Contains(e.HTML, "<script") {
					t.Errorf("markup from people's values is not escaped:\n%s", e.HTML)
				}
				if !strings.HasPrefix(strings.ToLower(e.HTML), "<!doctype html>") {
					t.Errorf("not an HTML document: %.40q", e.HTML)
				}
				doc := mailDoc(t, e)
				if got := doc.Find("html").AttrOr("lang", ""); got != lang {
					t.Errorf("html lang %q", got)
				}
				if got := doc.Find("title").Text(); got != e.Subject {
					t.Errorf("title %q, subject %q", got, e.Subject)
				}
				if doc.Find("script, link, img, style, iframe, [src]").Length() != 0 {
					t.Error("the HTML runs or loads something")
				}
				if doc.Find(`a[href="`+tt.link+`"]`).Length() == 0 {
					t.Errorf("no link to %s", tt.link)
				}
				doc.Find("a[href]").Each(func(_ int, a *goquery.Selection) {
					if h := a.AttrOr("href", ""); !strings.HasPrefix(h, mailBase+"/") && !strings.HasPrefix(h, "tel:") && !strings.HasPrefix(h, "mailto:") {
						t.Errorf("a link that is not absolute: %q", h)
					}
				})
				body := text(doc.Find("body"))
				for _, s := range append(says, mailName) {
					if strings.HasPrefix(s, "https://") { // a link is a link, whether its address shows or not
						if doc.Find(`a[href="`+s+`"]`).Length() == 0 {
							t.Errorf("HTML has no link to %s", s)
						}
					} else if !strings.Contains(body, flat(s)) {
						t.Errorf("HTML lacks %q: %s", s, body)
					}
				}
				greeting := [2]string{"Yth. Bapak/Ibu " + mailName + ",", "Dear " + mailName + ","}[i]
				if !strings.HasPrefix(e.Text, greeting) || !strings.Contains(body, greeting) {
					t.Errorf("no greeting %q", greeting)
				}
				if !strings.Contains(body, "(021) 382-2255") || !strings.Contains(e.Text, "ksd@jakarta.go.id") {
					t.Error("no bureau contact")
				}

				unsubscribe := mailBase + "/unsubscribe/signed-token"
				if got := doc.Find(`a[href="`+unsubscribe+`"]`).Length() == 1; got != (d.Unsubscribe != "") || strings.Contains(e.Text, unsubscribe) != got {
					t.Errorf("unsubscribe link shown: %v, wanted: %v", got, d.Unsubscribe != "")
				}
			})
		}
	}
}

// A digest lists each of its notifications as a line with its link, and says how many.
func TestRenderEmailDigestListsItems(t *testing.T) {
	ending := mailParams()
	ending.AgreementID, ending.Number, ending.MonthsLeft = 9, "e-0300/KSB/2021", 1
	items := []models.OutboxMessage{
		mailMessage(t, 11, models.NotifyPublished, "en", mailParams()),
		mailMessage(t, 12, models.NotifyEnding, "en", ending),
	}
	e, err := RenderEmail(context.Background(), mailMessage(t, 20, models.NotifyDigest, "en", models.NotificationParams{Items: []uint{11, 12}}), EmailData{Base: mailBase, Items: items})
	if err != nil {
		t.Fatal(err)
	}
	if e.Subject != "Derap KSD daily digest: 2 notifications" {
		t.Errorf("subject %q", e.Subject)
	}
	lines := mailDoc(t, e).Find("li")
	want := []struct{ text, href string }{
		{"e-0117/KSB/2025 has been signed and published", mailBase + "/agreements/7"},
		{"e-0300/KSB/2021 ends in 1 month", mailBase + "/office/agreements/9"},
	}
	if lines.Length() != len(want) {
		t.Fatalf("%d lines, want %d", lines.Length(), len(want))
	}
	for i, w := range want {
		li := lines.Eq(i)
		if got := text(li); got != w.text {
			t.Errorf("line %d: %q, want %q", i, got, w.text)
		}
		if got := li.Find("a").AttrOr("href", ""); got != w.href {
			t.Errorf("line %d: link %q, want %q", i, got, w.href)
		}
		if !strings.Contains(e.Text, "- "+w.text+"\n  "+w.href+"\n") {
			t.Errorf("text lacks line %d:\n%s", i, e.Text)
		}
	}
	// A digest cannot be turned off, but its items can: it links to the choices.
	if !strings.Contains(e.Text, mailBase+"/account") || strings.Contains(e.Text, "/unsubscribe/") {
		t.Errorf("digest footer:\n%s", e.Text)
	}

	one, err := RenderEmail(context.Background(), mailMessage(t, 21, models.NotifyDigest, "en", models.NotificationParams{}), EmailData{Base: mailBase, Items: items[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if one.Subject != "Derap KSD daily digest: 1 notification" {
		t.Errorf("subject %q", one.Subject)
	}
}

// English counts take their number's form; Indonesian has one.
func TestRenderEmailPlurals(t *testing.T) {
	p := mailParams()
	p.PendingDays, p.MonthsLeft = 1, 1
	tests := []struct {
		kind models.NotificationKind
		lang string
		want string
	}{
		{models.NotifyReminder, "en", "is still pending (1 day)"},
		{models.NotifyReminder, "id", "masih ditunggu (1 hari)"},
		{models.NotifyEnding, "en", "e-0117/KSB/2025 ends in 1 month"},
		{models.NotifyEnding, "id", "e-0117/KSB/2025 berakhir dalam 1 bulan"},
	}
	for _, tt := range tests {
		e, err := RenderEmail(context.Background(), mailMessage(t, 1, tt.kind, tt.lang, p), EmailData{Base: mailBase})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(e.Subject, tt.want) {
			t.Errorf("%s %s: %q, want it to end %q", tt.kind, tt.lang, e.Subject, tt.want)
		}
	}
}

// The one-click unsubscribe link and the link to the choices are there exactly when the
// notification can be turned off; without a known contact, the footer goes without it.
func TestRenderEmailFooter(t *testing.T) {
	m := mailMessage(t, 1, models.NotifyPublished, "id", mailParams())
	with, err := RenderEmail(context.Background(), m, EmailData{Base: mailBase, Unsubscribe: mailBase + "/unsubscribe/abc"})
	if err != nil {
		t.Fatal(err)
	}
	without, err := RenderEmail(context.Background(), m, EmailData{Base: mailBase})
	if err != nil {
		t.Fatal(err)
	}
	doc := mailDoc(t, with)
	if got := doc.Find(`[data-testid="mail-unsubscribe"]`).AttrOr("href", ""); got != mailBase+"/unsubscribe/abc" {
		t.Errorf("unsubscribe link %q", got)
	}
	if got := doc.Find(`[data-testid="mail-preferences"]`).AttrOr("href", ""); got != mailBase+"/account" {
		t.Errorf("preferences link %q", got)
	}
	if !strings.Contains(with.Text, "Berhenti menerima pemberitahuan jenis ini:\n"+mailBase+"/unsubscribe/abc\n") {
		t.Errorf("text:\n%s", with.Text)
	}
	doc = mailDoc(t, without)
	if doc.Find(`[data-testid="mail-unsubscribe"], [data-testid="mail-preferences"]`).Length() != 0 ||
		strings.Contains(without.Text, "/unsubscribe/") || strings.Contains(without.Text, "Berhenti") {
		t.Error("an unsubscribe link without one")
	}
	if strings.Contains(without.Text, "Pertanyaan") || doc.Find(`a[href^="tel:"]`).Length() != 0 {
		t.Error("a contact without one")
	}
	if !strings.Contains(without.Text, "Pesan ini dikirim otomatis oleh portal Derap KSD.") {
		t.Errorf("text:\n%s", without.Text)
	}
}

// A message in a language the portal does not speak is written in Indonesian.
func TestRenderEmailDefaultLanguage(t *testing.T) {
	for _, lang := range []string{"", "fr", "EN"} {
		e, err := RenderEmail(context.Background(), mailMessage(t, 1, models.NotifyAgreed, lang, mailParams()), EmailData{Base: mailBase})
		if err != nil {
			t.Fatal(err)
		}
		want := "id"
		if lang == "EN" {
			want = "en"
		}
		if got := mailDoc(t, e).Find("html").AttrOr("lang", ""); got != want {
			t.Errorf("%q: lang %q, want %q", lang, got, want)
		}
	}
}

// A kind the mails do not know, even as a digest's item, is an error, not a blank mail.
func TestRenderEmailUnknownKind(t *testing.T) {
	_, err := RenderEmail(context.Background(), mailMessage(t, 5, "agreement.exploded", "id", mailParams()), EmailData{Base: mailBase})
	if !errors.Is(err, errUnknownKind) || !strings.HasPrefix(err.Error(), "views: ") {
		t.Errorf("unknown kind: %v", err)
	}
	items := []models.OutboxMessage{mailMessage(t, 6, "agreement.exploded", "id", mailParams())}
	_, err = RenderEmail(context.Background(), mailMessage(t, 7, models.NotifyDigest, "id", models.NotificationParams{}), EmailData{Base: mailBase, Items: items})
	if !errors.Is(err, errUnknownKind) {
		t.Errorf("unknown item of a digest: %v", err)
	}
}
