//go:build e2e

package e2e

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// sha256Hex is a SHA-256 as the pages show it.
var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

// The trust anyone can check, at a desk and on a phone, in both languages: a visitor
// checks a published agreement's confirmed text by its SHA-256 on the verification page
// (and an unknown hash, a malformed one and an unregistered file), opens the agreement's
// sign-off certificate with its QR code and PDF, and the audit checkpoints with the key
// they are signed with; an official reads and filters the audit log; a delegate reads the
// log of their own region only. Every page passes axe and reads without sideways
// scrolling on a phone.
func TestTrustPages(t *testing.T) {
	for _, lang := range i18n.Locales {
		for _, vp := range []viewport{desktop, phone} {
			t.Run(string(lang)+"-"+vp.name, func(t *testing.T) {
				p := startPortal(t)
				browser := newBrowser(t)
				step := 0
				v := newPerson(t, browser, p, "visitor", "f-trust-visitor-"+string(lang), vp, &step)
				v.visit(string(views.HomeURL()), "home")
				v.speak(lang)
				cert := v.certificate(lang)
				key := v.verify(lang, cert)
				v.checkpoints(lang, key)

				official := newPerson(t, browser, p, "official", "f-trust-official-"+string(lang), vp, &step)
				official.signIn("pejabat@e2e.test")
				official.speak(lang)
				official.auditLog(lang)

				kolaka := newPerson(t, browser, p, "Kolaka's delegate", "f-trust-delegate-"+string(lang), vp, &step)
				kolaka.signIn("kolaka@e2e.test")
				kolaka.speak(lang)
				kolaka.regionAuditLog(lang, "74.01", "Kolaka")
			})
		}
	}
}

// certificate opens the first published agreement and its sign-off certificate by the
// link on its page: every party of the agreement, the confirmed text's hash, the QR code
// with its text alternative, the verification link and the PDF. It returns what the
// verification page should find.
func (p *person) certificate(lang i18n.Locale) published {
	p.t.Helper()
	p.visit(string(views.AgreementsURL()), "agreements")
	p.follow(`[data-testid="agreement-item"] h2 a`, "a published agreement")
	agreement, title := p.path(), p.text("h1")
	hash := p.text(`[data-testid="content-hash"]`)
	if !sha256Hex.MatchString(hash) {
		p.t.Fatalf("%s: the agreement's SHA-256 is %q", p.who, hash)
	}
	regions := strings.Join(p.attrs(`[data-testid="party"]`, "data-region"), " ")
	p.expect("the certificate's link", p.text(`[data-testid="certificate-link"]`), lang.T("certificate.link"))

	p.follow(`[data-testid="certificate-link"]`, "the sign-off certificate")
	if want := string(views.AgreementCertificateURL(agreementID(p.t, agreement))); p.path() != want {
		p.t.Errorf("%s: the certificate's link led to %s, want %s", p.who, p.path(), want)
	}
	p.expect("the certificate's heading", p.text("h1"), lang.T("certificate.title"))
	if got := p.text(`[data-testid="certificate-hash"]`); got != hash {
		p.t.Errorf("%s: the certificate's version hash is %q, the agreement's %q", p.who, got, hash)
	}
	if got := strings.Join(p.attrs(`[data-testid="certificate-party"]`, "data-region"), " "); got != regions || got == "" {
		p.t.Errorf("%s: the certificate's parties are %q, the agreement's %q", p.who, got, regions)
	}
	for i, c := range p.texts(`[data-testid="certificate-confirmed-at"]`) {
		if c == "" || c == "—" {
			p.t.Errorf("%s: party %d of a published agreement has no confirmation on the certificate", p.who, i+1)
		}
	}
	verifyURL := p.attr(`[data-testid="certificate-verify-url"]`, "href")
	p.expect("the certificate's verification link", verifyURL, string(views.VerifyURL()))
	p.expect("the certificate's verification link", verifyURL, hash)
	p.expect("the QR code's text alternative", p.attr(`img[data-testid="certificate-qr"]`, "alt"), lang.T("certificate.qr_alt", ""))
	loaded := run(p, "look at the QR code", chromedp.Evaluate[bool](`(() => { const i = document.querySelector("img[data-testid=certificate-qr]"); return !!i && i.complete && i.naturalWidth > 0 })()`))
	if !loaded {
		p.t.Errorf("%s: the certificate's QR code does not load", p.who)
	}
	qr := p.fetch(p.attr(`img[data-testid="certificate-qr"]`, "src"))
	if qr.Status != 200 || qr.Type != "image/png" {
		p.t.Errorf("%s: the QR code answers %d %q", p.who, qr.Status, qr.Type)
	}
	pdfURL := p.attr(`[data-testid="certificate-pdf"]`, "href")
	if want := string(views.AgreementCertificatePDFURL(agreementID(p.t, agreement))); pdfURL != want {
		p.t.Errorf("%s: the PDF link is %q, want %q", p.who, pdfURL, want)
	}
	pdf := p.fetch(pdfURL)
	if pdf.Status != 200 || !strings.HasPrefix(pdf.Type, "application/pdf") || pdf.Magic != "%PDF" {
		p.t.Errorf("%s: the certificate's PDF answers %d %q, starting %q", p.who, pdf.Status, pdf.Type, pdf.Magic)
	}
	if header, nav, pages := p.printed("the certificate printed"); !header || nav || pages < 1 {
		p.t.Errorf("%s: the certificate printed: header %v, navigation %v, %d A4 pages", p.who, header, nav, pages)
	}
	// A signed scan on the certificate (where the demo has one) is checked on /verify too.
	scan := ""
	if p.count(`[data-testid="certificate-scan-hash"]`) > 0 {
		scan = p.text(`[data-testid="certificate-scan-hash"]`)
	}
	return published{path: agreement, title: title, hash: hash, scan: scan}
}

// published is a published agreement as the verification page should find it: its public
// path, its title, the SHA-256 of its confirmed text and of a signed scan ("" when none).
type published struct{ path, title, hash, scan string }

// verify checks on the verification page: the agreement's confirmed text by its pasted
// SHA-256 (registered, naming the agreement), an unknown SHA-256 (not registered), a
// malformed one (a message by the field, the input kept, no check) and an uploaded file
// of random bytes (not registered). It returns the checkpoints' public key the page shows.
func (p *person) verify(lang i18n.Locale, a published) (key string) {
	p.t.Helper()
	agreement, hash := a.path, a.hash
	p.follow(`.site-footer a[href="`+string(views.VerifyURL())+`"]`, "the verification page")
	p.expect("the verification page's heading", p.text("h1"), lang.T("verify.title"))
	if n := p.count(`[data-testid="verify-status"]`); n != 0 {
		p.t.Errorf("%s: the verification page shows a result before any check", p.who)
	}
	key = p.text(`[data-testid="audit-key"] code`)
	if len(key) != 44 { // an Ed25519 public key, 32 bytes in base64
		p.t.Errorf("%s: the checkpoints' public key on /verify is %q", p.who, key)
	}
	p.expect("the checkpoints' link", p.attr(`[data-testid="checkpoints-link"]`, "href"), string(views.AuditCheckpointsURL()))

	// The confirmed text of the agreement, by its pasted SHA-256.
	p.setValue("#verify_sha256", hash)
	p.follow(`[data-testid="verify-hash"] button[type="submit"]`, "the agreement's SHA-256 checked")
	p.expect("the result", p.text(`[data-testid="verify-status"]`), lang.T("verify.registered"))
	if got := p.attr(`[data-testid="verify-status"]`, "data-state"); got != "registered" {
		p.t.Errorf("%s: the agreement's hash is %q", p.who, got)
	}
	p.expect("the hash checked", p.text(`[data-testid="verify-sha256"]`), hash)
	sel := `[data-testid="verified-version"][data-current="true"] [data-testid="verified-agreement"]`
	if got := p.attr(sel, "href"); got != agreement {
		p.t.Errorf("%s: the result links to %q, want the agreement %q", p.who, got, agreement)
	}
	if n := p.count(`[data-testid="verified-version"][data-current="true"] [data-testid="confirmations"] tbody tr`); n < 2 {
		p.t.Errorf("%s: %d confirmations of the agreement's text", p.who, n)
	}
	p.expect("the agreement named", p.text(sel), a.title)

	// The certificate's verification link fills the hash in; nothing is checked before the
	// visitor asks.
	p.visit(string(views.VerifyHashURL(hash)), "the verification link with the hash")
	p.expect("the hash filled in", p.value("#verify_sha256"), hash)
	if n := p.count(`[data-testid="verify-status"]`); n != 0 {
		p.t.Errorf("%s: the verification link checked before the visitor asked", p.who)
	}
	p.follow(`[data-testid="verify-hash"] button[type="submit"]`, "the filled-in SHA-256 checked")
	p.expect("the agreement named", p.text(sel), a.title)

	// A signed scan, where the certificate lists one: a registered document of the agreement.
	if a.scan != "" {
		p.visit(string(views.VerifyURL()), "the verification page for the scan")
		p.setValue("#verify_sha256", a.scan)
		p.follow(`[data-testid="verify-hash"] button[type="submit"]`, "the signed scan's SHA-256 checked")
		p.expect("the scan's result", p.text(`[data-testid="verify-status"]`), lang.T("verify.registered"))
		if got := p.attr(`[data-testid="verified-document"] [data-testid="verified-agreement"]`, "href"); got != agreement {
			p.t.Errorf("%s: the scan's result links to %q, want the agreement %q", p.who, got, agreement)
		}
	}

	// A SHA-256 the portal does not hold.
	p.visit(string(views.VerifyURL()), "the verification page again")
	unknown := strings.Repeat("0", 64)
	p.setValue("#verify_sha256", unknown)
	p.follow(`[data-testid="verify-hash"] button[type="submit"]`, "an unknown SHA-256 checked")
	p.expect("the result", p.text(`[data-testid="verify-status"]`), lang.T("verify.not_registered"))
	if got := p.attr(`[data-testid="verify-status"]`, "data-state"); got != "not-registered" {
		p.t.Errorf("%s: the unknown hash is %q", p.who, got)
	}
	p.expect("the hash checked", p.text(`[data-testid="verify-sha256"]`), unknown)
	if n := p.count(`[data-testid="verified-version"], [data-testid="verified-document"]`); n != 0 {
		p.t.Errorf("%s: %d matches for an unknown hash", p.who, n)
	}

	// Not a SHA-256 at all: a message by the field, the input kept, nothing checked.
	p.setValue("#verify_sha256", "xyz")
	p.follow(`[data-testid="verify-hash"] button[type="submit"]`, "a malformed SHA-256")
	p.expect("the message by the field", p.text("#verify_sha256-error"), lang.T("verify.sha256_invalid"))
	if got := p.attr("#verify_sha256", "aria-invalid"); got != "true" {
		p.t.Errorf("%s: the malformed field is aria-invalid=%q", p.who, got)
	}
	p.expect("the field described by its message", p.attr("#verify_sha256", "aria-describedby"), "verify_sha256-error")
	if got := p.value("#verify_sha256"); got != "xyz" {
		p.t.Errorf("%s: the malformed input came back as %q", p.who, got)
	}
	if n := p.count(`[data-testid="verify-status"]`); n != 0 {
		p.t.Errorf("%s: a malformed hash got a result", p.who)
	}

	// A file the portal has never seen, uploaded.
	file := filepath.Join(p.t.TempDir(), "salinan-naskah.pdf")
	random := make([]byte, 4096)
	_, _ = rand.Read(random)
	if err := os.WriteFile(file, random, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.visit(string(views.VerifyURL()), "the verification page for a file")
	p.do("choose the file", chromedp.SetUploadFiles(chromedp.CSS("#verify_file"), []string{file}))
	p.follow(`[data-testid="verify-upload"] button[type="submit"]`, "an unknown file checked")
	p.expect("the result", p.text(`[data-testid="verify-status"]`), lang.T("verify.not_registered"))
	p.expect("the file named", p.text(`[data-testid="verify-result"]`), "salinan-naskah.pdf")
	if got := p.text(`[data-testid="verify-sha256"]`); !sha256Hex.MatchString(got) || got == unknown {
		p.t.Errorf("%s: the uploaded file's SHA-256 shown is %q", p.who, got)
	}
	return key
}

// checkpoints opens the audit checkpoints from the verification page: the same public key,
// and the list (one a day; a new portal may have none yet) or the word that there is none.
func (p *person) checkpoints(lang i18n.Locale, key string) {
	p.t.Helper()
	p.follow(`[data-testid="checkpoints-link"]`, "the audit checkpoints")
	if p.path() != string(views.AuditCheckpointsURL()) {
		p.t.Errorf("%s: the checkpoints' link led to %s", p.who, p.path())
	}
	p.expect("the checkpoints' heading", p.text("h1"), lang.T("checkpoints.title"))
	if got := p.text(`[data-testid="checkpoint-public-key"]`); got != key {
		p.t.Errorf("%s: the checkpoints' key is %q, /verify's %q", p.who, got, key)
	}
	rows := p.count(`[data-testid="checkpoint"]`)
	p.t.Logf("%s: %d audit checkpoints listed", p.who, rows)
	if rows == 0 {
		p.expect("no checkpoint yet", p.text(`[data-testid="checkpoints-empty"]`), lang.T("checkpoints.none"))
		return
	}
	if h := p.text(`[data-testid="checkpoint-hash"]`); !sha256Hex.MatchString(h) {
		p.t.Errorf("%s: a checkpoint's entry hash is %q", p.who, h)
	}
	if s := p.text(`[data-testid="checkpoint-signature"]`); s == "" {
		p.t.Errorf("%s: a checkpoint without a signature", p.who)
	}
}

// auditLog reads the office's audit log from the area's menu, filters it by an action
// through the form and, when there are older entries, opens them.
func (p *person) auditLog(lang i18n.Locale) {
	p.t.Helper()
	p.follow(`.area-nav a[href="`+string(views.AuditLogURL())+`"]`, "the audit log")
	p.expect("the audit log's heading", p.text("h1"), lang.T("auditlog.title"))
	all := p.count(`[data-testid="audit-entry"]`)
	if all == 0 {
		p.t.Fatalf("%s: the audit log of the demo is empty", p.who)
	}
	p.olderEntries("the audit log")

	// Filter by an action: publishing where the demo has it, else the first one listed.
	p.visit(string(views.AuditLogURL()), "the audit log again")
	actions := p.attrs(`#f-action option`, "value")
	action := ""
	for _, a := range actions {
		if a == "agreement.publish" || (action == "" && a != "") {
			action = a
		}
	}
	if action == "" {
		p.t.Fatalf("%s: no action to filter the audit log by: %v", p.who, actions)
	}
	label := p.text(`#f-action option[value="` + action + `"]`)
	p.setValue("#f-action", action)
	p.follow(`[data-testid="audit-filter"] button[type="submit"]`, "the audit log filtered by an action")
	p.expect("the filter in the address", p.path(), form.FieldAuditAction+"="+action)
	if got := p.value("#f-action"); got != action {
		p.t.Errorf("%s: the action filter came back as %q", p.who, got)
	}
	shown := p.texts(`[data-testid="audit-action"]`)
	if len(shown) == 0 {
		p.t.Errorf("%s: no entry for the action %s", p.who, action)
	}
	for _, s := range shown {
		if s != label {
			p.t.Errorf("%s: filtered by %q, an entry is %q", p.who, label, s)
		}
	}
	p.olderEntries("the filtered audit log")
}

// regionAuditLog reads a delegate's log from the area's menu: the region named, each entry
// of that region, and no filter by who acted.
func (p *person) regionAuditLog(lang i18n.Locale, region, name string) {
	p.t.Helper()
	p.follow(`.area-nav a[href="`+string(views.RegionAuditLogURL())+`"]`, "the region's audit log")
	p.expect("the region's audit log's heading", p.text("h1"), lang.T("auditlog.region_title"))
	p.expect("the region named", p.text(".lead"), name)
	if n := p.count("#f-actor"); n != 0 {
		p.t.Errorf("%s: a delegate may filter the region's log by who acted", p.who)
	}
	regions := p.texts(`[data-testid="audit-region"]`)
	if len(regions) == 0 {
		p.t.Errorf("%s: no entry in the region's log", p.who)
	}
	for _, r := range regions {
		if r != region {
			p.t.Errorf("%s: an entry of region %q in %s's log", p.who, r, region)
		}
	}
	p.olderEntries("the region's audit log")
	// The office's log is not the delegate's.
	status := p.fetch(string(views.AuditLogURL())).Status
	if status != 403 && status != 404 {
		p.t.Errorf("%s: the office's audit log answers a delegate %d", p.who, status)
	}
}

// olderEntries opens the page of older entries by its link when there is one; when the
// log fits one page (the demo's does), at the address that link would have, older than
// the middle entry. That page holds older entries only, under the same filter, and leads
// back to the newest.
func (p *person) olderEntries(what string) {
	p.t.Helper()
	newest, here := p.entryIDs(), p.path()
	var before int
	if p.count(`[data-testid="audit-older"]`) > 0 {
		p.follow(`[data-testid="audit-older"]`, what+", older entries")
	} else {
		p.t.Logf("%s: %s has one page of %d entries", p.who, what, len(newest))
		if len(newest) < 2 {
			return
		}
		before = newest[len(newest)/2]
		sep := "?"
		if strings.Contains(here, "?") {
			sep = "&"
		}
		p.visit(here+sep+form.FieldAuditBefore+"="+strconv.Itoa(before), what+", entries older than one")
	}
	older := p.entryIDs()
	if len(older) == 0 || older[0] >= newest[len(newest)-1] && before == 0 || before != 0 && older[0] >= before {
		p.t.Errorf("%s: %s: the older page holds %v after %v", p.who, what, older, newest)
	}
	if p.count(`[data-testid="audit-newest"]`) != 1 {
		p.t.Errorf("%s: %s: no way back to the newest entries", p.who, what)
		return
	}
	p.follow(`[data-testid="audit-newest"]`, what+", the newest again")
	if got := p.entryIDs(); len(got) == 0 || got[0] != newest[0] {
		p.t.Errorf("%s: %s: back to the newest, the entries are %v, were %v", p.who, what, got, newest)
	}
}

// entryIDs are the numbers of the audit log's entries on the page, as shown.
func (p *person) entryIDs() []int {
	p.t.Helper()
	var ids []int
	for _, s := range p.texts(`[data-testid="audit-id"]`) {
		id, err := strconv.Atoi(s)
		if err != nil {
			p.t.Fatalf("%s: an entry numbered %q", p.who, s)
		}
		ids = append(ids, id)
	}
	return ids
}

// attrs is an attribute of every element a selector finds.
func (p *person) attrs(sel, name string) []string {
	p.t.Helper()
	return run(p, "read "+sel+" "+name, chromedp.Evaluate[[]string](fmt.Sprintf(
		`Array.from(document.querySelectorAll(%s)).map(e => e.getAttribute(%s) || "")`, strconv.Quote(sel), strconv.Quote(name))))
}

// fetched is what an address answers the page's own fetch, with the page's cookies.
type fetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Magic  string `json:"magic"` // the first four bytes, as Latin-1
}

func (p *person) fetch(path string) fetched {
	p.t.Helper()
	return run(p, "fetch "+path, chromedp.Evaluate[fetched](fmt.Sprintf(`fetch(%s, {redirect: "manual"})
		.then(r => r.arrayBuffer().then(b => ({status: r.status, type: r.headers.get("Content-Type") || "",
			magic: String.fromCharCode(...new Uint8Array(b.slice(0, 4)))})))`, strconv.Quote(path)), chromedp.EvalAwaitPromise))
}

// agreementID is the number at the end of an agreement's public path.
func agreementID(t *testing.T, path string) uint {
	t.Helper()
	id, err := strconv.Atoi(path[strings.LastIndex(path, "/")+1:])
	if err != nil {
		t.Fatalf("an agreement at %s", path)
	}
	return uint(id)
}
