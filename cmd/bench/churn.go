package main

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"derap/views"
	"derap/views/form"
)

// churnFigures are the writes of the churn scenario and what the checks after each found.
type churnFigures struct {
	Writes          int     `json:"writes"`
	WriteErrors     int     `json:"write_errors"`
	WriteP50ms      float64 `json:"write_p50_ms"`
	WriteMaxms      float64 `json:"write_max_ms"`
	Checks          int     `json:"currency_checks"`
	Stale           int     `json:"stale_reads"`
	FirstStale      string  `json:"first_stale,omitempty"`
	FirstWriteError string  `json:"first_write_error,omitempty"`
}

// churnTarget is a published agreement the churn takes off the public pages and puts
// back, with the public pages that list it while it is published.
type churnTarget struct {
	id        uint
	witnesses []string
}

// churnTargets is how many agreements the churn takes turns with, so that the writes do
// not all touch the same pages.
const churnTargets = 3

var agreementLink = regexp.MustCompile(`href="/agreements/(\d+)"`)

// runChurn measures reads of the public pages while an official, signed in through the
// form, unpublishes or re-publishes an agreement once a second through the real routes.
// After each write is answered, anonymous requests of the agreement's page and of every
// public page that listed it must show the change: each that does not is a stale read.
// The agreements are left published, as they were.
func runChurn(ctx context.Context, o options, c *http.Client, base string, fx benchData, official session) (result, error) {
	const name = "reads while an official publishes"
	targets, err := pickChurnTargets(c, base)
	if err != nil {
		return result{}, err
	}
	var ids []uint
	for _, t := range targets {
		ids = append(ids, t.id)
		fmt.Fprintf(os.Stderr, "bench: churn: agreement %d, listed on %s\n", t.id, strings.Join(t.witnesses, ", "))
	}
	// The readers read what stays published: the pages that list the targets, other
	// agreements' pages and the partners' region pages. The targets' own pages answer
	// 404 half the time, and are read by the checks.
	paths := []string{string(views.HomeURL()), string(views.AgreementsURL())}
	for _, t := range targets {
		for _, w := range t.witnesses {
			if !slices.Contains(paths, w) {
				paths = append(paths, w)
			}
		}
	}
	n := 0
	for _, id := range fx.Published {
		if n == 200 {
			break
		}
		if !slices.Contains(ids, id) {
			paths = append(paths, string(views.AgreementURL(id)))
			n++
		}
	}
	for _, code := range fx.Regions[:min(50, len(fx.Regions))] {
		paths = append(paths, string(views.RegionURL(code)))
	}
	sc := scenario{name: name, public: true, next: cycle(paths, anonHeader())}
	drive(ctx, c, base, sc, o.conns, o.warmup, false)

	w := &churnWriter{c: c, base: base, official: official, targets: targets}
	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(runCtx) })
	r := drive(ctx, c, base, sc, o.conns, o.duration, true)
	stop()
	wg.Wait()
	if err := w.restore(); err != nil {
		return r, err
	}
	r.Churn = w.figures()
	fmt.Fprintf(os.Stderr, "bench: %-34s %8.0f req/s  p99 %6.2f ms  errors %d; %d writes, %d write errors, %d checks, %d stale\n",
		r.Name, r.RPS, r.P99ms, r.Errors, r.Churn.Writes, r.Churn.WriteErrors, r.Churn.Checks, r.Churn.Stale)
	return r, nil
}

// pickChurnTargets takes agreements from the first page of the public list, which shows
// the most recently signed, and finds the public pages that list each: the list, the
// home page when it does, and the region pages of its parties that do.
func pickChurnTargets(c *http.Client, base string) ([]churnTarget, error) {
	list := string(views.AgreementsURL())
	home := string(views.HomeURL())
	_, listBody, err := getPage(c, base, list, anonHeader())
	if err != nil {
		return nil, err
	}
	_, homeBody, err := getPage(c, base, home, anonHeader())
	if err != nil {
		return nil, err
	}
	var targets []churnTarget
	for _, m := range agreementLink.FindAllStringSubmatch(listBody, -1) {
		if len(targets) == churnTargets {
			break
		}
		n, err := strconv.ParseUint(m[1], 10, 64)
		if err != nil || slices.ContainsFunc(targets, func(t churnTarget) bool { return t.id == uint(n) }) {
			continue
		}
		id := uint(n)
		t := churnTarget{id: id, witnesses: []string{list}}
		if strings.Contains(homeBody, linkTo(id)) {
			t.witnesses = append(t.witnesses, home)
		}
		_, page, err := getPage(c, base, string(views.AgreementURL(id)), anonHeader())
		if err != nil {
			return nil, err
		}
		for _, rm := range regionLink.FindAllStringSubmatch(page, -1) {
			region := string(views.RegionURL(rm[1]))
			if slices.Contains(t.witnesses, region) {
				continue
			}
			if _, body, err := getPage(c, base, region, anonHeader()); err == nil && strings.Contains(body, linkTo(id)) {
				t.witnesses = append(t.witnesses, region)
			}
		}
		targets = append(targets, t)
	}
	if len(targets) == 0 {
		return nil, errors.New("churn: no agreement on the first page of the public list")
	}
	return targets, nil
}

var regionLink = regexp.MustCompile(`href="/regions/([^"/?#]+)"`)

// linkTo is how a page links to an agreement, quotes included, so that agreement 12 is
// not found in a link to 123.
func linkTo(id uint) string { return `"` + string(views.AgreementURL(id)) + `"` }

// getPage reads a page as a browser does, gzip and all, and returns its status and text.
func getPage(c *http.Client, base, path string, header http.Header) (int, string, error) {
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header = header.Clone()
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return resp.StatusCode, "", fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return resp.StatusCode, "", fmt.Errorf("%s: %w", path, err)
	}
	return resp.StatusCode, string(b), nil
}

// churnWriter is the official of the churn: one write a second, each followed by the
// checks of the pages it changes.
type churnWriter struct {
	c        *http.Client
	base     string
	official session
	targets  []churnTarget

	mu    sync.Mutex
	step  int // writes done: even, every target published; odd, targets[step/2%n] is not
	fig   churnFigures
	times []time.Duration
}

// run writes once a second until ctx ends. A refused write is retried at the next tick,
// so that the state stays known.
func (w *churnWriter) run(ctx context.Context) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			w.writeAndCheck()
		}
	}
}

// writeAndCheck takes the next step and checks every page it changes.
func (w *churnWriter) writeAndCheck() {
	w.mu.Lock()
	defer w.mu.Unlock()
	t := w.targets[w.step/2%len(w.targets)]
	publish := w.step%2 == 1
	begin := time.Now()
	err := w.write(t.id, publish)
	w.times = append(w.times, time.Since(begin))
	if err != nil {
		w.fig.WriteErrors++
		if w.fig.FirstWriteError == "" {
			w.fig.FirstWriteError = err.Error()
		}
		return
	}
	w.fig.Writes++
	w.step++
	w.check(t, publish)
}

// write unpublishes or publishes an agreement as an official does: the office page read
// for the revision its form carries, then the form posted.
func (w *churnWriter) write(id uint, publish bool) error {
	action := string(views.UnpublishAgreementURL(id))
	if publish {
		action = string(views.PublishAgreementURL(id))
	}
	status, page, err := getPage(w.c, w.base, string(views.OfficeAgreementURL(id)), signedHeader(w.official))
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("GET %s: %d", views.OfficeAgreementURL(id), status)
	}
	values := url.Values{}
	if rev, ok := revisionAfter(page, action); ok {
		values.Set(form.FieldRevision, rev)
	} else {
		return fmt.Errorf("no form posting to %s on the office page", action)
	}
	if !publish {
		values.Set(form.FieldUnderstood, form.UnderstoodValue())
	}
	h := signedHeader(w.official)
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("X-CSRF-Token", w.official.csrf)
	req, err := http.NewRequest(http.MethodPost, w.base+action, strings.NewReader(values.Encode()))
	if err != nil {
		return err
	}
	req.Header = h
	resp, err := w.c.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		return fmt.Errorf("POST %s: %d", action, resp.StatusCode)
	}
	return nil
}

// revisionAfter finds the revision carried by the form that posts to action.
func revisionAfter(page, action string) (string, bool) {
	_, rest, ok := strings.Cut(page, `action="`+action+`"`)
	if !ok {
		return "", false
	}
	rest, _, _ = strings.Cut(rest, "</form>")
	m := revisionInput.FindStringSubmatch(rest)
	if m == nil {
		return "", true // a record without a revision: the form sends none
	}
	return m[1], true
}

var revisionInput = regexp.MustCompile(`name="` + form.FieldRevision + `" value="([^"]*)"`)

// check reads, as an anonymous visitor and after the write was answered, the agreement's
// page and each page that listed it: all must show it published or all must not.
func (w *churnWriter) check(t churnTarget, published bool) {
	stale := func(format string, args ...any) {
		w.fig.Stale++
		if w.fig.FirstStale == "" {
			w.fig.FirstStale = fmt.Sprintf(format, args...)
		}
	}
	page := string(views.AgreementURL(t.id))
	want := http.StatusNotFound
	if published {
		want = http.StatusOK
	}
	w.fig.Checks++
	if status, _, err := getPage(w.c, w.base, page, anonHeader()); err != nil || status != want {
		stale("%s after %s: %d, %v (want %d)", page, verb(published), status, err, want)
	}
	for _, p := range t.witnesses {
		w.fig.Checks++
		status, body, err := getPage(w.c, w.base, p, anonHeader())
		if err != nil || status != http.StatusOK {
			stale("%s after %s: %d, %v", p, verb(published), status, err)
			continue
		}
		if strings.Contains(body, linkTo(t.id)) != published {
			stale("%s after %s of agreement %d: the list is as before", p, verb(published), t.id)
		}
	}
}

func verb(published bool) string {
	if published {
		return "publishing"
	}
	return "unpublishing"
}

// restore publishes the agreement the last write took off, so that the database is as
// the fixture built it for the write mix and the cold run.
func (w *churnWriter) restore() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	for range 3 {
		if w.step%2 == 0 {
			return nil
		}
		t := w.targets[w.step/2%len(w.targets)]
		if err := w.write(t.id, true); err != nil {
			continue
		}
		w.step++
	}
	if w.step%2 == 1 {
		return fmt.Errorf("churn: agreement %d left unpublished", w.targets[w.step/2%len(w.targets)].id)
	}
	return nil
}

// figures are the writes' figures, their latencies included.
func (w *churnWriter) figures() *churnFigures {
	w.mu.Lock()
	defer w.mu.Unlock()
	f := w.fig
	if len(w.times) > 0 {
		ts := slices.Clone(w.times)
		slices.Sort(ts)
		f.WriteP50ms = float64(ts[len(ts)/2].Microseconds()) / 1000
		f.WriteMaxms = float64(ts[len(ts)-1].Microseconds()) / 1000
	}
	return &f
}
