package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/form"
)

// settingsForm reads the settings form of a page as its browser would post it.
func settingsForm(t *testing.T, p page) url.Values {
	t.Helper()
	f := p.doc.Find(`[data-testid="settings-form"]`)
	if f.Length() != 1 {
		t.Fatalf("no settings form: %d %q", p.StatusCode, text(p.doc.Find("h1")))
	}
	return formValues(f)
}

// newContact fills the settings form with a new contact.
func newContact(v url.Values) url.Values {
	v.Set(form.FieldBureauOffice, "Biro Kerja Sama Daerah Setda Provinsi DKI Jakarta")
	v.Set(form.FieldBureauAddress, "Balai Kota Blok H Lantai 10, Jl. Medan Merdeka Selatan No. 8–9, Jakarta Pusat 10110")
	v.Set(form.FieldBureauPhone, "+62 21 382-2255")
	v.Set(form.FieldBureauEmail, "ksd@jakarta.go.id")
	v.Set(form.FieldBureauPPIDURL, "https://ppid.jakarta.go.id/permohonan-informasi")
	return v
}

func storedContact(t *testing.T, s *models.Store) models.BureauContact {
	t.Helper()
	c, err := s.BureauContact(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An administrator saves the bureau's contact: it is stored, the settings page says so,
// and the footer of a cached public page and the about page show it on the next request.
func TestSettingsAdminSavesContact(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	seeded := storedContact(t, p.store)

	visitor := p.browser(t)
	home := visitor.get("/")
	footer := home.doc.Find(`[data-testid="footer-contact"]`)
	if !strings.Contains(text(footer), seeded.Address) || footer.Find(`a[href^="tel:"]`).Length() != 1 {
		t.Fatalf("the footer before the change: %q", text(footer))
	}
	if again := visitor.get("/"); again.Header.Get("X-Cache") != "hit" {
		t.Fatalf("the home page is not cached: %q", again.Header.Get("X-Cache"))
	}

	admin := p.browser(t)
	admin.login(u.admin.Email, modeltest.Password)
	office := admin.get(string(views.OfficeURL()))
	if link := office.doc.Find(`.area-nav a[href="/office/settings"]`); text(link) != "Pengaturan" {
		t.Errorf("the office menu has no settings link for an administrator: %q", text(link))
	}
	edit := admin.get(string(views.SettingsURL()))
	if edit.StatusCode != http.StatusOK || edit.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("the settings page: %d, Cache-Control %q", edit.StatusCode, edit.Header.Get("Cache-Control"))
	}
	if got := edit.doc.Find("#"+form.FieldBureauAddress).AttrOr("value", ""); got != seeded.Address {
		t.Errorf("the form shows the address %q, stored %q", got, seeded.Address)
	}
	if got := edit.doc.Find("#"+form.FieldBureauOffice).AttrOr("maxlength", ""); got != strconv.Itoa(models.MaxBureauOffice) {
		t.Errorf("the office's maxlength: %q", got)
	}
	v := newContact(settingsForm(t, edit))
	if v.Get(form.FieldRevision) != strconv.FormatUint(seeded.Revision, 10) {
		t.Errorf("the form carries revision %q, stored %d", v.Get(form.FieldRevision), seeded.Revision)
	}
	saved := admin.post(string(views.SettingsURL()), v)
	if saved.StatusCode != http.StatusSeeOther || !strings.HasPrefix(saved.Header.Get("Location"), "/office/settings?") {
		t.Fatalf("save: %d %s %s", saved.StatusCode, saved.Header.Get("Location"), text(saved.doc.Find(".field-error")))
	}
	if flash := admin.get(saved.Header.Get("Location")).doc.Find(`[data-testid="flash"]`); !strings.Contains(text(flash), "Pengaturan telah disimpan") {
		t.Errorf("the flash after saving: %q", text(flash))
	}
	got := storedContact(t, p.store)
	if got.Address != v.Get(form.FieldBureauAddress) || got.Phone != "+62 21 382-2255" || got.Email != "ksd@jakarta.go.id" ||
		got.PPIDURL != "https://ppid.jakarta.go.id/permohonan-informasi" || got.Revision != seeded.Revision+1 {
		t.Fatalf("stored: %+v", got)
	}

	// The next public request shows it, though the page was cached.
	home = visitor.get("/")
	footer = home.doc.Find(`[data-testid="footer-contact"]`)
	if home.Header.Get("X-Cache") != "miss" || !strings.Contains(text(footer), got.Address) {
		t.Errorf("the footer after the change (%s): %q", home.Header.Get("X-Cache"), text(footer))
	}
	if href := footer.Find(`[data-testid="bureau-phone"]`).AttrOr("href", ""); href != "tel:+62213822255" {
		t.Errorf("the phone link: %q", href)
	}
	if href := footer.Find(`[data-testid="bureau-email"]`).AttrOr("href", ""); href != "mailto:ksd@jakarta.go.id" {
		t.Errorf("the email link: %q", href)
	}
	if href := footer.Find(`[data-testid="bureau-ppid"]`).AttrOr("href", ""); href != got.PPIDURL {
		t.Errorf("the PPID link: %q", href)
	}
	about := visitor.get(string(views.AboutURL()))
	contact := about.doc.Find(`[data-testid="about-contact"]`)
	if text(contact.Find("h2")) != "Kontak" || text(contact.Find(`[data-testid="bureau-office"]`)) != got.Office ||
		!strings.Contains(text(contact), got.Address) || contact.Find(`a[href="`+got.PPIDURL+`"]`).Length() != 1 {
		t.Errorf("the about page's contact: %q", text(contact))
	}
	// And a signed-in user's page too.
	if f := text(admin.get(string(views.AccountURL())).doc.Find(`[data-testid="footer-contact"]`)); !strings.Contains(f, got.Address) {
		t.Errorf("a signed-in page's footer: %q", f)
	}
}

// Officials, delegates and visitors can neither open the settings nor save them; the
// database is unchanged, and only administrators see the link.
func TestSettingsRefusedToOthers(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	before := storedContact(t, p.store)
	tests := []struct {
		name string
		user *models.User
		want int
	}{
		{"visitor", nil, http.StatusSeeOther},
		{"delegate", &u.delegate, http.StatusForbidden},
		{"official", &u.official, http.StatusForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := p.browser(t)
			if tt.user != nil {
				b.login(tt.user.Email, modeltest.Password)
			}
			got := b.get(string(views.SettingsURL()))
			if got.StatusCode != tt.want || got.doc.Find(`[data-testid="settings-form"]`).Length() != 0 {
				t.Errorf("GET: %d, want %d", got.StatusCode, tt.want)
			}
			if tt.user == nil && !strings.HasPrefix(got.Header.Get("Location"), "/login") {
				t.Errorf("a visitor is sent to %q, not to sign in", got.Header.Get("Location"))
			}
			b.get("/login") // a page that carries a token
			v := newContact(url.Values{})
			v.Set(form.FieldRevision, strconv.FormatUint(before.Revision, 10))
			if got := b.post(string(views.SettingsURL()), v); got.StatusCode != tt.want {
				t.Errorf("POST: %d, want %d", got.StatusCode, tt.want)
			}
			if now := storedContact(t, p.store); now != before {
				t.Errorf("a refused save wrote %+v", now)
			}
			if tt.user != nil && tt.user.Role == models.RoleOfficial {
				if n := b.get(string(views.OfficeURL())).doc.Find(`a[href="/office/settings"]`).Length(); n != 0 {
					t.Error("an official is offered the settings link")
				}
			}
		})
	}
}

// Invalid input is refused with 422: each message beside its field, the input kept, the
// database unchanged; in English too.
func TestSettingsInvalidInput(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	before := storedContact(t, p.store)
	tests := []struct {
		lang                 string
		office, alert        string
		email, phone         string
		ppidError, ppidLabel string
	}{
		{"id", "Wajib diisi.", "Ada isian yang perlu diperbaiki", "Alamat surel tidak valid.",
			"Nomor telepon hanya boleh berisi angka, spasi, +, -, ( dan ).", "Alamat web tidak valid", "Alamat permohonan informasi (PPID)"},
		{"en", "Required.", "Some fields need correcting", "The email address is not valid.",
			"A phone number may hold only digits, spaces, +, -, ( and ).", "Not a valid web address", "Address for information requests (PPID)"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			b := p.browser(t)
			b.header.Set("Accept-Language", tt.lang)
			b.login(u.admin.Email, modeltest.Password)
			v := settingsForm(t, b.get(string(views.SettingsURL())))
			v.Set(form.FieldBureauOffice, " ")
			v.Set(form.FieldBureauEmail, "biroksd@")
			v.Set(form.FieldBureauPhone, "021 BALAIKOTA")
			v.Set(form.FieldBureauPPIDURL, "javascript:alert(1)")
			bad := b.post(string(views.SettingsURL()), v)
			if bad.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("invalid input: %d", bad.StatusCode)
			}
			for field, want := range map[string]string{
				form.FieldBureauOffice: tt.office, form.FieldBureauEmail: tt.email, form.FieldBureauPhone: tt.phone,
			} {
				if got := text(bad.doc.Find("#" + field + "-error")); got != want {
					t.Errorf("%s: %q, want %q", field, got, want)
				}
			}
			if got := text(bad.doc.Find("#" + form.FieldBureauPPIDURL + "-error")); !strings.HasPrefix(got, tt.ppidError) {
				t.Errorf("PPID address: %q", got)
			}
			if got := text(bad.doc.Find(`label[for="` + form.FieldBureauPPIDURL + `"]`)); got != tt.ppidLabel {
				t.Errorf("the PPID label: %q", got)
			}
			if got := text(bad.doc.Find(`[data-testid="form-alert"]`)); !strings.HasPrefix(got, tt.alert) {
				t.Errorf("the alert: %q", got)
			}
			if bad.doc.Find("#"+form.FieldBureauEmail).AttrOr("value", "") != "biroksd@" ||
				bad.doc.Find("#"+form.FieldBureauPPIDURL).AttrOr("value", "") != "javascript:alert(1)" ||
				bad.doc.Find("#"+form.FieldBureauAddress).AttrOr("value", "") != before.Address {
				t.Error("the refused form lost the input")
			}
			if bad.doc.Find(`input[name="revision"]`).AttrOr("value", "") != strconv.FormatUint(before.Revision, 10) {
				t.Error("the refused form lost its revision")
			}
			// Over the field's length: the limit from the text rules, before the models.
			v = settingsForm(t, bad)
			v.Set(form.FieldBureauOffice, strings.Repeat("a", models.MaxBureauOffice+1))
			v.Set(form.FieldBureauEmail, "")
			v.Set(form.FieldBureauPhone, "")
			v.Set(form.FieldBureauPPIDURL, "")
			long := b.post(string(views.SettingsURL()), v)
			if long.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(long.doc.Find("#"+form.FieldBureauOffice+"-error")), "300") {
				t.Errorf("too long: %d %q", long.StatusCode, text(long.doc.Find("#"+form.FieldBureauOffice+"-error")))
			}
			if now := storedContact(t, p.store); now != before {
				t.Errorf("an invalid save wrote %+v", now)
			}
		})
	}
}

// Two administrators edit the contact from the same copy: the second save is refused with
// 409, the first one's values shown beside the fields and the second one's input kept;
// saving again then holds. In English the footer says the same.
func TestSettingsStaleRevision(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	desk := func(lang string) *browser {
		b := p.browser(t)
		b.header.Set("Accept-Language", lang)
		u := modeltest.CreateUser(t, p.store, models.RoleAdmin, "")
		b.login(u.Email, modeltest.Password)
		return b
	}
	a, b := desk("id"), desk("en")
	formA := settingsForm(t, a.get(string(views.SettingsURL())))
	formB := settingsForm(t, b.get(string(views.SettingsURL())))
	formA.Set(form.FieldBureauPhone, "(021) 111-2222")
	if got := a.post(string(views.SettingsURL()), formA); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("the first save: %d", got.StatusCode)
	}
	formB.Set(form.FieldBureauEmail, "humas.ksd@jakarta.go.id")
	refused := b.post(string(views.SettingsURL()), formB)
	if refused.StatusCode != http.StatusConflict {
		t.Fatalf("a save on the older copy: %d", refused.StatusCode)
	}
	if alert := text(refused.doc.Find(`[data-testid="form-alert"]`)); !strings.HasPrefix(alert, "Someone else saved a change") {
		t.Errorf("the alert: %q", alert)
	}
	if got := refused.doc.Find("#"+form.FieldBureauEmail).AttrOr("value", ""); got != "humas.ksd@jakarta.go.id" {
		t.Errorf("the input was not kept: %q", got)
	}
	if note := text(refused.doc.Find("#" + form.FieldBureauPhone + "-theirs")); note != "Saved version: (021) 111-2222" {
		t.Errorf("the other administrator's phone is not shown: %q", note)
	}
	if refused.doc.Find("#"+form.FieldBureauOffice+"-theirs").Length() != 0 {
		t.Error("a field nobody changed is marked as differing")
	}
	if got := storedContact(t, p.store); got.Phone != "(021) 111-2222" || got.Email == "humas.ksd@jakarta.go.id" {
		t.Fatalf("the refused save wrote something: %+v", got)
	}

	// Having seen it, B saves again: now it holds, from the revision the page carries.
	again := settingsForm(t, refused)
	if got := b.post(string(views.SettingsURL()), again); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving again after seeing the change: %d", got.StatusCode)
	}
	got := storedContact(t, p.store)
	if got.Email != "humas.ksd@jakarta.go.id" || got.Phone == "(021) 111-2222" {
		t.Fatalf("after saving again: %+v", got)
	}

	// The English footer.
	visitor := p.browser(t)
	visitor.header.Set("Accept-Language", "en")
	footer := visitor.get("/").doc.Find(`[data-testid="footer-contact"]`)
	if !strings.Contains(text(footer), "Email: humas.ksd@jakarta.go.id") || text(footer.Find(`[data-testid="bureau-ppid"]`)) != "Requests for public information (PPID)" {
		t.Errorf("the English footer: %q", text(footer))
	}
	if text(visitor.get(string(views.AboutURL())).doc.Find(`[data-testid="about-contact"] h2`)) != "Contact" {
		t.Error("the English about page has no Contact section")
	}
}
