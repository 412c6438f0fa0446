package main

import (
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
	"sync/atomic"
	"time"

	"derap/models/fixture"
	"derap/views"
	"derap/views/form"
)

// request is one request a worker sends, and the status that counts as success.
type request struct {
	method string
	path   string
	header http.Header
	body   string
	want   int
	// confirm marks a delegate's confirmation in the write mix.
	confirm bool
}

// scenario makes the requests of one measured run; next is called by many workers.
type scenario struct {
	name   string
	public bool // a page anyone sees
	signed bool // a signed-in page
	write  bool
	cold   bool                             // measured with the page cache off (cold.go)
	next   func(worker int) (request, bool) // false: nothing left to send
}

// client is an HTTP client that keeps connections, asks for gzip and does not unpack
// it, and follows no redirect: it sees what a browser's network layer would.
func newClient(conns int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			MaxIdleConns: conns * 2, MaxIdleConnsPerHost: conns * 2, MaxConnsPerHost: conns * 2,
			DisableCompression: true, IdleConnTimeout: time.Minute,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Timeout:       30 * time.Second,
	}
}

// session is a signed-in browser: its cookies and its CSRF token.
type session struct {
	cookies string
	csrf    string
}

var (
	csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)
	cssLink   = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)"`)
)

// signIn signs a user in through the form, as a browser does, and reads a page that
// carries a CSRF token.
func signIn(c *http.Client, base, email, page string) (session, error) {
	jar := map[string]string{}
	keep := func(resp *http.Response) {
		for _, ck := range resp.Cookies() {
			jar[ck.Name] = ck.Value
		}
	}
	cookieHeader := func() string {
		var parts []string
		for k, v := range jar {
			parts = append(parts, k+"="+v)
		}
		slices.Sort(parts)
		return strings.Join(parts, "; ")
	}
	get := func(path string) (string, error) {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		req.Header.Set("Cookie", cookieHeader())
		resp, err := c.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		keep(resp)
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	}
	body, err := get(string(views.LoginURL()))
	if err != nil {
		return session{}, err
	}
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		return session{}, errors.New("no CSRF token on /login")
	}
	values := url.Values{form.FieldCSRF: {m[1]}, form.FieldEmail: {email}, form.FieldPassword: {fixture.Password}}
	req, _ := http.NewRequest(http.MethodPost, base+string(views.LoginURL()), strings.NewReader(values.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", cookieHeader())
	resp, err := c.Do(req)
	if err != nil {
		return session{}, err
	}
	resp.Body.Close()
	keep(resp)
	if resp.StatusCode != http.StatusSeeOther {
		return session{}, fmt.Errorf("sign-in of %s: %d", email, resp.StatusCode)
	}
	body, err = get(page)
	if err != nil {
		return session{}, err
	}
	if m = csrfInput.FindStringSubmatch(body); m == nil {
		return session{}, fmt.Errorf("no CSRF token on %s", page)
	}
	return session{cookies: cookieHeader(), csrf: m[1]}, nil
}

// anonHeader is what a visitor's browser sends besides gzip: the public pages' language.
func anonHeader() http.Header { return http.Header{"Accept-Language": {"id-ID,id;q=0.9"}} }

// signedHeader is what a signed-in browser sends: its cookies and its language.
func signedHeader(s session) http.Header {
	return http.Header{"Cookie": {s.cookies}, "Accept-Language": {"id-ID,id;q=0.9"}}
}

// result is one scenario's figures.
type result struct {
	Name   string `json:"scenario"`
	Public bool   `json:"public"`
	Signed bool   `json:"signed_in"`
	Write  bool   `json:"write"`
	// Cold is a scenario measured on the server started with --page-cache-mb 0; its
	// ratio is to that run's static asset.
	Cold          bool    `json:"cold"`
	Requests      int     `json:"requests"`
	RPS           float64 `json:"requests_per_second"`
	P50ms         float64 `json:"p50_ms"`
	P99ms         float64 `json:"p99_ms"`
	Maxms         float64 `json:"max_ms"`
	Errors        int     `json:"errors"`
	BytesPerResp  float64 `json:"bytes_per_response"`
	Ratio         float64 `json:"ratio_to_static"`
	Confirmations int     `json:"confirmations,omitempty"`
	ConfirmsPS    float64 `json:"confirmations_per_second,omitempty"`
	FirstError    string  `json:"first_error,omitempty"`
	// Churn holds the writes and currency checks made while the reads ran (churn.go).
	Churn *churnFigures `json:"churn,omitempty"`
}

// drive runs a scenario with conns workers for d, each sending its next request as soon
// as the last is answered.
func drive(ctx context.Context, c *http.Client, base string, sc scenario, conns int, d time.Duration, record bool) result {
	type tally struct {
		lat      []time.Duration
		bytes    int64
		errs     int
		confirms int
		first    string
	}
	tallies := make([]tally, conns)
	deadline := time.Now().Add(d)
	var wg sync.WaitGroup
	var stopped atomic.Bool
	for w := range conns {
		wg.Go(func() {
			t := &tallies[w]
			for time.Now().Before(deadline) && !stopped.Load() {
				r, ok := sc.next(w)
				if !ok {
					return
				}
				resp, n, elapsed, err := send(ctx, c, r.method, base+r.path, r.header, r.body)
				if !record {
					continue
				}
				t.lat = append(t.lat, elapsed)
				t.bytes += n
				switch {
				case err != nil:
					t.errs++
					if t.first == "" {
						t.first = err.Error()
					}
				case resp.StatusCode != r.want:
					t.errs++
					if t.first == "" {
						t.first = fmt.Sprintf("%s %s: %d", r.method, r.path, resp.StatusCode)
					}
				case r.confirm:
					t.confirms++
				}
			}
		})
	}
	wg.Wait()
	elapsed := d
	res := result{Name: sc.name, Public: sc.public, Signed: sc.signed, Write: sc.write, Cold: sc.cold}
	var all []time.Duration
	var bytes int64
	for _, t := range tallies {
		all = append(all, t.lat...)
		bytes += t.bytes
		res.Errors += t.errs
		res.Confirmations += t.confirms
		if res.FirstError == "" {
			res.FirstError = t.first
		}
	}
	if len(all) == 0 {
		return res
	}
	slices.Sort(all)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	res.Requests = len(all)
	res.RPS = float64(len(all)) / elapsed.Seconds()
	res.P50ms = ms(all[len(all)/2])
	res.P99ms = ms(all[min(len(all)-1, len(all)*99/100)])
	res.Maxms = ms(all[len(all)-1])
	res.BytesPerResp = float64(bytes) / float64(len(all))
	res.ConfirmsPS = float64(res.Confirmations) / elapsed.Seconds()
	return res
}

// send makes one request as a browser's network layer would (gzip asked for, the body
// read to its end, not unpacked) and times it, to the body's last byte.
func send(ctx context.Context, c *http.Client, method, url string, header http.Header, body string) (resp *http.Response, n int64, elapsed time.Duration, err error) {
	req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
	if err != nil {
		return nil, 0, 0, err
	}
	req.Header = header.Clone()
	req.Header.Set("Accept-Encoding", "gzip")
	begin := time.Now()
	resp, err = c.Do(req)
	if err == nil {
		n, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, n, time.Since(begin), err
}

// cycle returns requests for paths in turn, for any worker.
func cycle(paths []string, header http.Header) func(int) (request, bool) {
	var i atomic.Uint64
	return func(int) (request, bool) {
		p := paths[int(i.Add(1)-1)%len(paths)]
		return request{method: http.MethodGet, path: p, header: header, want: http.StatusOK}, true
	}
}

// one returns requests for a single path, for any worker.
func one(path string, header http.Header) func(int) (request, bool) {
	return cycle([]string{path}, header)
}

// stylesheetOf finds the address of the stylesheet the home page links: the static asset
// every table's ratios are measured against.
func stylesheetOf(c *http.Client, base string) (string, error) {
	home, err := c.Get(base + string(views.HomeURL()))
	if err != nil {
		return "", err
	}
	body, _ := io.ReadAll(home.Body)
	home.Body.Close()
	css := cssLink.FindStringSubmatch(string(body))
	if css == nil {
		return "", errors.New("no stylesheet on the home page")
	}
	return css[1], nil
}

// runScenarios measures every scenario in turn against the running server.
func runScenarios(ctx context.Context, o options, srv *server, fx benchData) (*Report, error) {
	c := newClient(o.conns)
	stylesheet, err := stylesheetOf(c, srv.Base())
	if err != nil {
		return nil, err
	}
	anon := anonHeader()
	official, err := signIn(c, srv.Base(), fx.Official, string(views.OfficeURL()))
	if err != nil {
		return nil, err
	}
	// The delegate whose inbox is read: Jakarta's, a party to every agreement.
	jakarta, err := signIn(c, srv.Base(), fx.Delegates[0], string(views.InboxURL()))
	if err != nil {
		return nil, err
	}
	delegates := map[string]session{}
	for _, email := range fx.Delegates {
		s, err := signIn(c, srv.Base(), email, string(views.InboxURL()))
		if err != nil {
			return nil, err
		}
		delegates[email] = s
	}
	fmt.Fprintf(os.Stderr, "bench: %d delegates signed in\n", len(delegates))
	var agreementPages, regionPages []string
	for _, id := range fx.Published[:min(200, len(fx.Published))] {
		agreementPages = append(agreementPages, string(views.AgreementURL(id)))
	}
	var plannedPages []string
	for _, id := range fx.Planned {
		plannedPages = append(plannedPages, string(views.AgreementURL(id)))
	}
	if len(plannedPages) == 0 {
		plannedPages = agreementPages // no agreement took a plan: the plain pages
	}
	for _, code := range fx.Regions[:min(50, len(fx.Regions))] {
		regionPages = append(regionPages, string(views.RegionURL(code)))
	}
	agreements := string(views.AgreementsURL())
	filtered := agreements + "?" + url.Values{form.FieldSector: {"food"}, form.FieldRegion: {fx.Regions[0]}}.Encode()
	page50 := agreements + "?" + form.FieldPage + "=" + strconv.Itoa(min(50, max(1, len(fx.Published)/20)))

	// The write mix: half the connections confirm pending answers, one each, through the
	// real route; the other half read public pages.
	var pendingNext atomic.Int64
	readers := cycle(append([]string{string(views.HomeURL()), agreements}, agreementPages[:20]...), anon)
	writeMix := func(w int) (request, bool) {
		if w%2 == 1 {
			return readers(w)
		}
		i := pendingNext.Add(1) - 1
		if int(i) >= len(fx.Pending) {
			return readers(w)
		}
		p := fx.Pending[i]
		s := delegates[p.Delegate]
		h := signedHeader(s)
		h.Set("Content-Type", "application/x-www-form-urlencoded")
		h.Set("X-CSRF-Token", s.csrf)
		return request{
			method: http.MethodPost, path: string(views.ConfirmPartyURL(p.Agreement, p.Party)),
			header: h, body: url.Values{form.FieldHash: {p.Hash}}.Encode(), want: http.StatusSeeOther, confirm: true,
		}, true
	}

	scenarios := []scenario{
		{name: "static asset", next: one(stylesheet, anon)},
		{name: "/", public: true, next: one(string(views.HomeURL()), anon)},
		{name: "/agreements", public: true, next: one(agreements, anon)},
		{name: "/agreements by sector and region", public: true, next: one(filtered, anon)},
		{name: "/agreements page 50", public: true, next: one(page50, anon)},
		{name: "/agreements/{id}", public: true, next: cycle(agreementPages, anon)},
		{name: "/regions", public: true, next: one(string(views.RegionsURL()), anon)},
		{name: "/regions/{code}", public: true, next: cycle(regionPages, anon)},
		{name: "/events", public: true, next: one(string(views.EventsURL()), anon)},
		{name: "/monitoring", public: true, next: one(string(views.MonitoringURL()), anon)},
		{name: "/agreements/{id} with a plan", public: true, next: cycle(plannedPages, anon)},
		{name: "/inbox (delegate)", signed: true, next: one(string(views.InboxURL()), signedHeader(jakarta))},
		{name: "/office (official)", signed: true, next: one(string(views.OfficeURL()), signedHeader(official))},
		{name: "write mix", write: true, next: writeMix},
	}
	report := &Report{Conns: o.conns, Duration: o.duration.String(), Machine: machine()}
	for _, sc := range scenarios {
		if sc.write && o.churn {
			// The churn runs on the cached server before the write mix, whose
			// confirmations it leaves alone (churn.go).
			r, err := runChurn(ctx, o, c, srv.Base(), fx, official)
			if err != nil {
				return nil, err
			}
			report.Scenarios = append(report.Scenarios, r)
		}
		warm := sc
		if sc.write {
			warm.next = readers // the warm-up spends no pending answers
		}
		drive(ctx, c, srv.Base(), warm, o.conns, o.warmup, false)
		if sc.write {
			report.WriteMixStart = time.Now().UTC()
		}
		r := drive(ctx, c, srv.Base(), sc, o.conns, o.duration, true)
		if sc.write {
			report.ConfirmationsAcked = int64(r.Confirmations)
		}
		fmt.Fprintf(os.Stderr, "bench: %-34s %8.0f req/s  p99 %6.2f ms  errors %d\n", r.Name, r.RPS, r.P99ms, r.Errors)
		report.Scenarios = append(report.Scenarios, r)
	}
	setRatios(report.Scenarios)
	return report, nil
}

// setRatios divides each scenario's requests/s by those of the static asset measured
// first in the same run, the base that compares across machines and days.
func setRatios(rs []result) {
	if len(rs) == 0 || rs[0].RPS == 0 {
		return
	}
	for i := range rs {
		rs[i].Ratio = rs[i].RPS / rs[0].RPS
	}
}
