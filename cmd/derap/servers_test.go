package main

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/internal/portalproc"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// webClient is a browser for the two-server test: its own cookies, no redirects followed,
// and the forms of the last page it read.
type webClient struct {
	t    *testing.T
	http *http.Client
	last *goquery.Document
}

func newWebClient(t *testing.T) *webClient {
	jar, _ := cookiejar.New(nil)
	return &webClient{t: t, http: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (w *webClient) do(req *http.Request) (int, string) {
	w.t.Helper()
	resp, err := w.http.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body)); err == nil && resp.StatusCode == http.StatusOK {
		w.last = doc
	}
	return resp.StatusCode, string(body)
}

func (w *webClient) get(base, path string) (int, string) {
	w.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	return w.do(req)
}

// submit posts the form of the last page whose action ends with suffix, with its hidden
// fields and the values given.
func (w *webClient) submit(base, suffix string, values url.Values) (int, string) {
	w.t.Helper()
	action, all, ok := formBySuffix(w.last, suffix)
	if !ok {
		w.t.Fatalf("no form for %s on the last page", suffix)
	}
	for k, v := range values {
		all[k] = v
	}
	req, _ := http.NewRequest(http.MethodPost, base+action, strings.NewReader(all.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return w.do(req)
}

// formBySuffix finds the form of a page whose action ends with suffix: its action and
// its hidden fields.
func formBySuffix(doc *goquery.Document, suffix string) (string, url.Values, bool) {
	form := doc.Find("form").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.HasSuffix(s.AttrOr("action", ""), suffix)
	}).First()
	action, ok := form.Attr("action")
	values := url.Values{}
	form.Find(`input[type="hidden"]`).Each(func(_ int, s *goquery.Selection) {
		values.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	return action, values, ok
}

// login signs in on the server at base.
func (w *webClient) login(base, email, password string) int {
	w.t.Helper()
	w.get(base, "/login")
	code, _ := w.submit(base, "/login", url.Values{"email": {email}, "password": {password}})
	return code
}

// upload attaches a file to an agreement through the office's form.
func (w *webClient) upload(base string, agreement int64, title string, content []byte) int {
	w.t.Helper()
	w.get(base, "/office/agreements/"+itoa64(agreement))
	token, _ := w.last.Find(`input[name="_csrf"]`).Attr("value")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("_csrf", token)
	_ = mw.WriteField(form.FieldDocumentTitle, title)
	part, _ := mw.CreateFormFile("file", "naskah.pdf")
	_, _ = part.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/office/agreements/"+itoa64(agreement)+"/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	code, _ := w.do(req)
	return code
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

// queryInt reads one number from the database behind the servers' back.
func queryInt(t *testing.T, dsn, query string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := modeltest.OpenSQL(t, dsn).QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// Two `derap serve` processes on one database, each with a data folder of its own, as two
// servers behind a reverse proxy: whatever one writes, or the derap command, the other
// shows at its very next request.
func TestTwoServersOneDatabase(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	ctx := t.Context()
	db := modeltest.NewDatabase(t)
	if models.EngineOf(db) == models.EngineSQLite {
		db = filepath.Join(t.TempDir(), "shared", "derap.db")
	}
	bin := filepath.Join(t.TempDir(), "derap")
	if err := portalproc.Build(ctx, bin); err != nil {
		t.Fatal(err)
	}
	env := []string{"DERAP_SESSION_KEY=" + testSessionKey} // one key for both, as behind a proxy
	start := func(args ...string) *portalproc.Process {
		p, err := portalproc.Start(ctx, portalproc.Options{Binary: bin, DataDir: t.TempDir(), Args: append([]string{"--db", db}, args...), Env: env})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = p.Stop() })
		return p
	}
	a := start("--demo")
	b := start()
	A, B := a.Base(), b.Base()
	command := func(stdin string, args ...string) string {
		t.Helper()
		out, err := cli(t, t.TempDir(), stdin, append(args, "--db", db)...)
		if err != nil {
			t.Fatalf("derap %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return out
	}
	const officialEmail, delegateEmail, password = "pejabat@derap.test", "delegasi-14-71@derap.test", "kata sandi dua server"
	command(password+"\n", "user", "password", "--email", officialEmail, "--password-stdin")
	command(password+"\n", "user", "password", "--email", delegateEmail, "--password-stdin")

	// Publishing: a visitor's cached page on B follows what an official does on A.
	published := queryInt(t, db, "SELECT id FROM agreements WHERE number = 'e-0117/KSB/2025'")
	page := "/agreements/" + itoa64(published)
	visitor := newWebClient(t)
	for range 2 {
		if code, _ := visitor.get(B, page); code != http.StatusOK {
			t.Fatalf("B: %s answers %d", page, code)
		}
	}
	official := newWebClient(t)
	if code := official.login(A, officialEmail, password); code != http.StatusSeeOther {
		t.Fatalf("the official's sign-in on A: %d", code)
	}
	official.get(A, "/office/agreements/"+itoa64(published))
	if code, _ := official.submit(A, "/unpublish", url.Values{"understood": {"yes"}}); code != http.StatusSeeOther {
		t.Fatalf("unpublish on A: %d", code)
	}
	if code, _ := visitor.get(B, page); code != http.StatusNotFound {
		t.Errorf("B still shows an agreement A took off the public pages: %d", code)
	}
	// The search index is the database's: B's search follows A's write at once.
	search := "/search?q=" + url.QueryEscape("e-0117/KSB/2025")
	if _, body := visitor.get(B, search); strings.Contains(body, `href="`+page+`"`) {
		t.Error("B's search still finds an agreement A took off the public pages")
	}
	official.get(A, "/office/agreements/"+itoa64(published))
	if code, _ := official.submit(A, "/publish", nil); code != http.StatusSeeOther {
		t.Fatalf("publish on A: %d", code)
	}
	if code, _ := visitor.get(B, page); code != http.StatusOK {
		t.Errorf("B does not show an agreement A published again: %d", code)
	}
	if _, body := visitor.get(B, search); !strings.Contains(body, `href="`+page+`"`) {
		t.Error("B's search does not find an agreement A published again")
	}

	// A document uploaded through A downloads through B, byte for byte.
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("dua server "), 50_000)...)
	if code := official.upload(A, published, "Naskah bertanda tangan", pdf); code != http.StatusSeeOther {
		t.Fatalf("upload on A: %d", code)
	}
	doc := queryInt(t, db, "SELECT max(id) FROM documents")
	if code, body := visitor.get(B, "/documents/"+itoa64(doc)); code != http.StatusOK || body != string(pdf) {
		t.Errorf("the document from B: %d, %d bytes of %d", code, len(body), len(pdf))
	}

	// The derap command ends sessions on both servers at their next request.
	onA, onB := newWebClient(t), newWebClient(t)
	signedIn := func(c *webClient, base string) bool {
		code, _ := c.get(base, "/inbox")
		return code == http.StatusOK
	}
	signIn := func() {
		t.Helper()
		if onA.login(A, delegateEmail, password) != http.StatusSeeOther || onB.login(B, delegateEmail, password) != http.StatusSeeOther {
			t.Fatal("the delegate cannot sign in")
		}
		if !signedIn(onA, A) || !signedIn(onB, B) || !signedIn(onA, A) || !signedIn(onB, B) {
			t.Fatal("the delegate's inbox does not answer")
		}
	}
	signIn()
	command("", "user", "disable", "--email", delegateEmail)
	if signedIn(onA, A) || signedIn(onB, B) {
		t.Error("a session outlived derap user disable")
	}
	command("", "user", "enable", "--email", delegateEmail)
	signIn()
	command(password+" baru\n", "user", "password", "--email", delegateEmail, "--password-stdin")
	if signedIn(onA, A) || signedIn(onB, B) {
		t.Error("a session outlived derap user password")
	}
	if onA.login(A, delegateEmail, password+" baru") != http.StatusSeeOther {
		t.Fatal("the new password does not sign in")
	}

	// A delegate confirms on A while an official withdraws on B: both are answered with a
	// page (done, or refused with a reason), and the database tells the same story.
	review := queryInt(t, db, "SELECT id FROM agreements WHERE number = 'e-0204/KSB/2026'")
	onA.get(A, "/agreements/"+itoa64(review))
	officialB := newWebClient(t)
	if code := officialB.login(B, officialEmail, password); code != http.StatusSeeOther {
		t.Fatalf("the official's sign-in on B: %d", code)
	}
	officialB.get(B, "/office/agreements/"+itoa64(review))
	countAudit := func(action string) int64 {
		return queryInt(t, db, "SELECT count(*) FROM audit_entries WHERE action = $1 AND object_id = $2", action, review)
	}
	confirmedBefore, withdrawnBefore := countAudit("party.confirm"), countAudit("agreement.withdraw")
	confirmed, withdrawn := make(chan int), make(chan int)
	go func() { code, _ := onA.submit(A, "/confirm", nil); confirmed <- code }()
	go func() {
		code, _ := officialB.submit(B, "/withdraw", url.Values{"understood": {"yes"}})
		withdrawn <- code
	}()
	confirmCode, withdrawCode := <-confirmed, <-withdrawn
	for what, code := range map[string]int{"confirm": confirmCode, "withdraw": withdrawCode} {
		if code != http.StatusSeeOther && code != http.StatusConflict {
			t.Errorf("%s answered %d, want done (303) or refused (409)", what, code)
		}
	}
	confirmations := countAudit("party.confirm") - confirmedBefore
	withdrawals := countAudit("agreement.withdraw") - withdrawnBefore
	if (confirmCode == http.StatusSeeOther) != (confirmations == 1) || (withdrawCode == http.StatusSeeOther) != (withdrawals == 1) {
		t.Errorf("confirm %d, withdraw %d; the audit log has %d confirmations and %d withdrawals", confirmCode, withdrawCode, confirmations, withdrawals)
	}
	if status := queryInt(t, db, "SELECT count(*) FROM agreements WHERE id = $1 AND status = 'draft'", review); withdrawCode == http.StatusSeeOther && status != 1 {
		t.Error("the withdrawal was acknowledged but the agreement is not a draft")
	}

	// Failed sign-ins count across both servers.
	attacker := newWebClient(t)
	for i := range models.MaxFailuresAccount {
		base := A
		if i%2 == 1 {
			base = B
		}
		if code := attacker.login(base, officialEmail, "not the password"); code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, code)
		}
	}
	if code := attacker.login(A, officialEmail, password); code != http.StatusTooManyRequests {
		t.Errorf("after %d failures spread over both servers, the right password: %d, want 429", models.MaxFailuresAccount, code)
	}
	if code := attacker.login(B, officialEmail, password); code != http.StatusTooManyRequests {
		t.Errorf("and on B: %d, want 429", code)
	}
}
