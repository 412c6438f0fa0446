//go:build e2e

// Package e2e drives the portal in Debian's Chromium, as its users do: the visitor's,
// the official's and the delegate's journeys, each step checked on the screen, every page
// checked by axe-core against WCAG 2.2 A and AA, and a screenshot of every step.
//
//	make e2e     # go test -tags e2e ./e2e/
package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"derap/internal/portalproc"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/i18n"
)

//go:embed axe/axe.min.js
var axeSource string

// chromium is Debian's browser; CHROMIUM overrides where it lives.
var chromium = envOr("CHROMIUM", "/usr/bin/chromium")

// screenshots is where every step's picture goes (git-ignored).
var screenshots = envOr("E2E_SCREENSHOTS", filepath.Join("..", "e2e-screenshots"))

// binary is the portal's binary, built once for the run.
var binary string

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func TestMain(m *testing.M) {
	if _, err := os.Stat(chromium); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: no Chromium at %s (apt-get install -y chromium): %v\n", chromium, err)
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "derap-e2e-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "derap")
	if err := portalproc.Build(context.Background(), binary); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	if err := os.MkdirAll(screenshots, 0o755); err != nil {
		panic(err)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// Accounts the journeys sign in with, created with `derap user add --password-stdin`.
const password = "ujian peramban yang panjang"

var accounts = []struct{ email, name, role, region string }{
	{"pejabat@e2e.test", "Pejabat Uji", "official", ""},
	{"kolaka@e2e.test", "Delegasi Kolaka", "delegate", "74.01"},
	{"jakarta@e2e.test", "Delegasi Jakarta", "delegate", "31"},
	{"admin@e2e.test", "Admin Uji", "admin", ""},
	{"pekanbaru@e2e.test", "Delegasi Pekanbaru", "delegate", "14.71"}, // the demo's memorandum with Pekanbaru awaits its answer
}

// portal is the real server on a free loopback port with a fresh database and the demo.
type portal struct {
	base string
}

// startPortal starts the portal on a fresh database with the journeys' accounts: a SQLite
// file, or with DERAP_TEST_ENGINE=postgres a new PostgreSQL database (see modeltest).
func startPortal(t *testing.T) *portal {
	t.Helper()
	dir, db := t.TempDir(), modeltest.NewDatabase(t)
	run := func(stdin string, args ...string) {
		cmd := exec.Command(binary, args...)
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("derap %v: %v\n%s", args, err, out)
		}
	}
	for _, a := range accounts {
		args := []string{"user", "add", "--data-dir", dir, "--db", db, "--email", a.email, "--name", a.name, "--role", a.role, "--password-stdin"}
		if a.region != "" {
			args = append(args, "--region", a.region)
		}
		run(password+"\n", args...)
	}
	proc, err := portalproc.Start(context.Background(), portalproc.Options{Binary: binary, DataDir: dir, Args: []string{"--demo", "--db", db}, StartTimeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := proc.Stop(); err != nil {
			t.Log(err)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", proc.LogTail(40))
		}
	})
	return &portal{base: proc.Base()}
}

// viewport is a screen the journeys run on.
type viewport struct {
	name          string
	width, height int64
	phone         bool
}

var (
	desktop = viewport{"desktop", 1280, 900, false}
	phone   = viewport{"phone", 390, 844, true}
)

// newBrowser starts Chromium for one journey: headless, no sandbox (root in CI), no
// background networking, sync or component updates, a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "id-ID"),
		chromedp.Flag("accept-lang", "id-ID,id"),
		chromedp.UserDataDir(t.TempDir()),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	// The first run on a context starts the browser; people then get contexts of their own.
	browser, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	if err := chromedp.Do(browser); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return browser
}

// person is one browser context (its own cookies) of a journey, on one viewport.
type person struct {
	t       *testing.T
	ctx     context.Context
	base    string
	who     string
	vp      viewport
	journey string
	step    *int // shared by the journey's people, so that screenshots keep their order
}

// newPerson opens a fresh browser context: a person with no cookies.
func newPerson(t *testing.T, browser context.Context, p *portal, who, journey string, vp viewport, step *int) *person {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(vp.width, vp.height)); err != nil {
		t.Fatalf("%s: start the browser: %v", who, err)
	}
	return &person{t: t, ctx: ctx, base: p.base, who: who, vp: vp, journey: journey, step: step}
}

// do runs actions with a deadline, failing the test with what was being done.
func (p *person) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %s: %v", p.who, what, err)
	}
}

func run[T any](p *person, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.who, what, err)
	}
	return v
}

// loads runs an action that makes the browser load a new page (a click on a link or a
// submit button, a key press) and waits until that page has loaded.
func loads[T any](trigger chromedp.Action[T]) chromedp.Action[page.EventLoadEventFired] {
	return chromedp.WaitEvent(page.LoadEventFired, nil, trigger)
}

// visit opens a path and checks the page.
func (p *person) visit(path, step string) {
	p.t.Helper()
	p.do("open "+path, chromedp.Navigate(p.base+path), chromedp.WaitReady(chromedp.CSS("body")))
	p.check(step)
}

// follow clicks something that loads a new page (a link, a submit button), waits for that
// page and checks it.
func (p *person) follow(sel, step string) {
	p.t.Helper()
	run(p, "click "+sel+" and wait for the page", loads(chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)))
	p.check(step)
}

// check is what every page gets: a full-page screenshot, axe-core against WCAG 2.2 A and
// AA, and on a phone no horizontal scrolling, tables included: their rows are cards.
func (p *person) check(step string) {
	p.t.Helper()
	*p.step++
	name := fmt.Sprintf("%s-%s-%02d-%s.png", p.journey, p.vp.name, *p.step, slug(step))
	shot := run(p, "screenshot", chromedp.FullScreenshot(100)) // quality 100 makes a PNG
	if err := os.WriteFile(filepath.Join(screenshots, name), shot, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.axe(step)
	if p.vp.phone {
		wide := run(p, "measure the page", chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
		if wide {
			culprits := run(p, "find what is too wide", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("body *"))
				.filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
				.filter(e => !e.closest(".table-scroll"))
				.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ").join(".") : "") + " " + Math.round(e.getBoundingClientRect().right) + "px")`))
			p.t.Errorf("%s, %s: the page scrolls sideways on a phone (%s): %v", p.who, step, p.path(), culprits)
		}
		// A table that scrolls inside its box hides columns: every table is read as cards.
		tables := run(p, "measure the tables", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("table"))
			.filter(t => !t.classList.contains("cards") || getComputedStyle(t.querySelector("tbody tr") || t).display !== "block" ||
				Array.from(t.querySelectorAll("th, td")).some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
			.map(t => t.getAttribute("data-testid") || t.className)`))
		if len(tables) > 0 {
			p.t.Errorf("%s, %s: tables not read as cards on a phone (%s): %v", p.who, step, p.path(), tables)
		}
	}
}

// printed looks at the page as it prints: the print rules applied (a picture of them) and
// the PDF Chromium makes of it on A4, both beside the screenshots. It reports whether the
// print header shows, the site's navigation does not, and how many A4 pages it takes.
func (p *person) printed(step string) (header, navigation bool, pages int) {
	p.t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return chromedp.Void{}, err
		}
	}
	p.do("emulate print", media("print"))
	defer p.do("back to the screen", media(""))
	*p.step++
	name := fmt.Sprintf("%s-%s-%02d-%s", p.journey, p.vp.name, *p.step, slug(step))
	shot := run(p, "screenshot as printed", chromedp.FullScreenshot(100))
	if err := os.WriteFile(filepath.Join(screenshots, name+".png"), shot, 0o644); err != nil {
		p.t.Fatal(err)
	}
	pdf := run(p, "print to PDF", chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err := os.WriteFile(filepath.Join(screenshots, name+".pdf"), pdf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	header = run(p, "is the print header shown", chromedp.Evaluate[bool](`(() => { const h = document.querySelector("[data-testid=print-header]"); return !!h && getComputedStyle(h).display !== "none" })()`))
	navigation = run(p, "is the navigation shown", chromedp.Evaluate[bool](`getComputedStyle(document.querySelector(".site-header")).display !== "none"`))
	pages = len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	return header, navigation, pages
}

func slug(s string) string {
	return strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// violation is one failed axe rule.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axe runs axe-core on the page and fails the test on any WCAG 2.2 A or AA violation.
func (p *person) axe(step string) {
	p.t.Helper()
	for _, v := range p.axeViolations() {
		p.t.Errorf("%s, %s (%s): axe %s (%s): %s\n    %s", p.who, step, p.vp.name, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n    "))
	}
}

// axeViolations injects axe-core into the page (once per document) and runs the WCAG 2.0,
// 2.1 and 2.2 A and AA rules (2.2 adds target size among others).
func (p *person) axeViolations() []violation {
	p.t.Helper()
	loaded := run(p, "look for axe", chromedp.Evaluate[bool](`typeof axe !== "undefined"`))
	if !loaded {
		p.do("inject axe", chromedp.Evaluate[chromedp.Void](axeSource))
	}
	return run(p, "run axe", chromedp.Evaluate[[]violation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))})))`,
		chromedp.EvalAwaitPromise))
}

// text is the visible text of the first element a selector finds, spaces folded.
func (p *person) text(sel string) string {
	p.t.Helper()
	s := run(p, "read "+sel, chromedp.TextContent(chromedp.CSS(sel)))
	return strings.Join(strings.Fields(s), " ")
}

// texts is the visible text of every element a selector finds.
func (p *person) texts(sel string) []string {
	p.t.Helper()
	return run(p, "read "+sel, chromedp.Evaluate[[]string](fmt.Sprintf(
		`Array.from(document.querySelectorAll(%s)).map(e => e.textContent.replace(/\s+/g, " ").trim())`, strconv.Quote(sel))))
}

func (p *person) count(sel string) int {
	p.t.Helper()
	return run(p, "count "+sel, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%s).length`, strconv.Quote(sel))))
}

func (p *person) attr(sel, name string) string {
	p.t.Helper()
	return run(p, "read "+sel+" "+name, chromedp.Evaluate[string](fmt.Sprintf(
		`(document.querySelector(%s) || {getAttribute: () => ""}).getAttribute(%s) || ""`, strconv.Quote(sel), strconv.Quote(name))))
}

func (p *person) path() string {
	return run(p, "url", chromedp.Evaluate[string](`location.pathname + location.search`))
}

// expect fails the test when got does not contain want.
func (p *person) expect(what, got, want string) {
	p.t.Helper()
	if !strings.Contains(got, want) {
		p.t.Errorf("%s: %s: %q does not say %q", p.who, what, got, want)
	}
}

// tabTo presses Tab until the element a selector finds has the focus, as someone using
// only a keyboard would; it fails when Tab never gets there.
func (p *person) tabTo(sel string) {
	p.t.Helper()
	for range 80 {
		focused := run(p, "look at the focus", chromedp.Evaluate[bool](fmt.Sprintf(`document.activeElement === document.querySelector(%s)`, strconv.Quote(sel))))
		if focused {
			return
		}
		p.do("press Tab", chromedp.KeyEvent(kb.Tab))
	}
	p.t.Fatalf("%s: Tab never reaches %s", p.who, sel)
}

// signIn signs in with the keyboard alone: Tab to the email field, type, Tab, type, Enter.
func (p *person) signIn(email string) {
	p.t.Helper()
	p.visit(string(views.LoginURL()), "sign-in page")
	p.do("start from the top of the page", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`))
	p.tabTo("#email")
	p.do("type the email", chromedp.KeyEvent(email))
	p.tabTo("#password")
	p.do("type the password", chromedp.KeyEvent(password))
	run(p, "press Enter and wait for the start page", loads(chromedp.KeyEvent(kb.Enter)))
	p.check("signed in")
	if got := p.text(`[data-testid="account-menu"]`); !strings.Contains(got, nameOf(email)) {
		p.t.Fatalf("%s: after signing in the header says %q", p.who, got)
	}
}

func nameOf(email string) string {
	for _, a := range accounts {
		if a.email == email {
			return a.name
		}
	}
	return email
}

// speak switches the person's pages to the language through the header's switch.
func (p *person) speak(lang i18n.Locale) {
	p.t.Helper()
	if p.attr("html", "lang") == string(lang) {
		return
	}
	p.follow(`.lang-switch a[lang="`+string(lang)+`"]`, "in "+string(lang))
	if got := p.attr("html", "lang"); got != string(lang) {
		p.t.Fatalf("%s: the page is in %q after switching to %q", p.who, got, lang)
	}
}

// value is what a field holds now.
func (p *person) value(sel string) string {
	p.t.Helper()
	return run(p, "read "+sel, chromedp.Value(chromedp.CSS(sel)))
}

// tick clicks a box (or anything else that loads no page).
func (p *person) tick(sel string) {
	p.t.Helper()
	p.do("click "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// setValue puts a value in a field the way a pasted value would land.
func (p *person) setValue(sel, value string) {
	p.t.Helper()
	p.do("fill "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

func (p *person) typeInto(sel, value string) {
	p.t.Helper()
	p.do("type into "+sel, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible), chromedp.SendKeys(chromedp.CSS(sel), value))
}
