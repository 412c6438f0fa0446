package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strconv"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// searchWords are what the cold search scenario asks for in turn: words found in many
// agreements, events or regions, so that each search ranks and renders a full page.
var searchWords = []string{"pangan", "kerja sama", "budaya", "pelatihan", "pariwisata", "Jakarta"}

// runCold restarts the portal on the same database with its page cache off
// (--page-cache-mb 0), so that every page is rendered, compressed and given its ETag for
// each request, and measures the static asset again (the cold table's base, in the same
// run), a cold variant of every public page, the search, the open-data files, and the
// signed-in pages no cache ever serves. Its results are appended to the report, marked
// cold; the report's peak RSS becomes the higher of the two runs.
func runCold(ctx context.Context, o options, dir, dsn string, fx benchData, report *Report) error {
	states, err := agreementsByState(ctx, dsn)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "bench: restarting the server with --page-cache-mb 0 for the cold scenarios")
	srv, err := startServer(ctx, o.bin, dir, dsn, "server-cold.log", "--page-cache-mb", "0")
	if err != nil {
		return err
	}
	defer func() {
		srv.stop()
		report.PeakRSSMB = max(report.PeakRSSMB, srv.peakRSSMB())
	}()
	scenarios, err := coldScenarios(o, srv, fx, states)
	if err != nil {
		return err
	}
	c := newClient(o.conns)
	var results []result
	for _, sc := range scenarios {
		drive(ctx, c, srv.Base(), sc, o.conns, o.warmup, false)
		r := drive(ctx, c, srv.Base(), sc, o.conns, o.duration, true)
		fmt.Fprintf(os.Stderr, "bench: cold %-29s %8.0f req/s  p99 %6.2f ms  errors %d\n", r.Name, r.RPS, r.P99ms, r.Errors)
		results = append(results, r)
	}
	setRatios(results)
	report.Scenarios = append(report.Scenarios, results...)
	return nil
}

// agreementsByState reads, with the portal stopped, the agreements in each lifecycle
// state as they are after the write mix: the drafts for their form, the ones a delegate
// may read, and all of them for the office.
func agreementsByState(ctx context.Context, dsn string) (map[models.Status][]uint, error) {
	s, err := models.Open(dsn)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	out := map[models.Status][]uint{}
	for _, st := range models.Statuses {
		items, err := s.AgreementsByStatus(ctx, st)
		if err != nil {
			return nil, fmt.Errorf("agreements in %s: %w", st, err)
		}
		for _, a := range items {
			out[st] = append(out[st], a.ID)
		}
	}
	return out, nil
}

// interleave takes one id of each list in turn, so that a scenario cycling over the
// result meets every state from its first requests on.
func interleave(lists ...[]uint) []uint {
	var out []uint
	for i := 0; ; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) {
				out = append(out, l[i])
				added = true
			}
		}
		if !added {
			return out
		}
	}
}

// coldScenarios are the cold run's scenarios, the static asset first.
func coldScenarios(o options, srv *server, fx benchData, states map[models.Status][]uint) ([]scenario, error) {
	c := newClient(o.conns)
	stylesheet, err := stylesheetOf(c, srv.Base())
	if err != nil {
		return nil, err
	}
	official, err := signIn(c, srv.Base(), fx.Official, string(views.OfficeURL()))
	if err != nil {
		return nil, err
	}
	jakarta, err := signIn(c, srv.Base(), fx.Delegates[0], string(views.InboxURL()))
	if err != nil {
		return nil, err
	}
	anon := anonHeader()
	paths := func(ids []uint, to func(uint) string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, to(id))
		}
		return out
	}
	agreementPage := func(id uint) string { return string(views.AgreementURL(id)) }
	agreementPages := paths(fx.Published, agreementPage)
	plannedPages := paths(fx.Planned, agreementPage)
	if len(plannedPages) == 0 {
		plannedPages = agreementPages
	}
	var regionPages []string
	for _, code := range fx.Regions {
		regionPages = append(regionPages, string(views.RegionURL(code)))
	}
	var searches []string
	for _, w := range searchWords {
		searches = append(searches, string(views.SearchURL())+"?"+url.Values{form.FieldQuery: {w}}.Encode())
	}
	agreements := string(views.AgreementsURL())
	filtered := agreements + "?" + url.Values{form.FieldSector: {"food"}, form.FieldRegion: {fx.Regions[0]}}.Encode()
	page50 := agreements + "?" + form.FieldPage + "=" + strconv.Itoa(min(50, max(1, len(fx.Published)/20)))

	officePages := paths(interleave(states[models.StatusDraft], states[models.StatusInReview], states[models.StatusAgreed],
		states[models.StatusSigned], states[models.StatusTerminated]), func(id uint) string { return string(views.OfficeAgreementURL(id)) })
	draftForms := paths(states[models.StatusDraft], func(id uint) string { return string(views.EditAgreementURL(id)) })
	// Jakarta is a party to every agreement: its delegate reads any that was sent.
	delegatePages := paths(interleave(states[models.StatusInReview], states[models.StatusAgreed],
		states[models.StatusSigned], states[models.StatusTerminated]), agreementPage)
	if len(officePages) == 0 || len(draftForms) == 0 || len(delegatePages) == 0 {
		return nil, fmt.Errorf("cold: %d agreements, %d drafts, %d sent: a state is missing", len(officePages), len(draftForms), len(delegatePages))
	}

	pub := func(name string, next func(int) (request, bool)) scenario {
		return scenario{name: name, public: true, cold: true, next: next}
	}
	signed := func(name string, next func(int) (request, bool)) scenario {
		return scenario{name: name, signed: true, cold: true, next: next}
	}
	return []scenario{
		{name: "static asset", cold: true, next: one(stylesheet, anon)},
		pub("/", one(string(views.HomeURL()), anon)),
		pub("/agreements", one(agreements, anon)),
		pub("/agreements by sector and region", one(filtered, anon)),
		pub("/agreements page 50", one(page50, anon)),
		pub("/agreements/{id}", cycle(agreementPages, anon)),
		pub("/regions", one(string(views.RegionsURL()), anon)),
		pub("/regions/{code}", cycle(regionPages, anon)),
		pub("/events", one(string(views.EventsURL()), anon)),
		pub("/monitoring", one(string(views.MonitoringURL()), anon)),
		pub("/agreements/{id} with a plan", cycle(plannedPages, anon)),
		pub("/search?q=…", cycle(searches, anon)),
		pub("/agreements.csv", one(string(views.AgreementsCSVURL(nil)), anon)),
		pub("/agreements.json", one(string(views.AgreementsJSONURL(nil)), anon)),
		pub("/regions.json", one(string(views.RegionsJSONURL()), anon)),
		pub("/events.json", one(string(views.EventsJSONURL()), anon)),
		pub("/agreements.atom", one(string(views.AgreementsFeedURL()), anon)),
		pub("/sitemap.xml", one(string(views.SitemapURL()), anon)),
		signed("/office/agreements/{id} (official)", cycle(officePages, signedHeader(official))),
		signed("/office/agreements/{id}/edit (draft)", cycle(draftForms, signedHeader(official))),
		signed("/agreements/{id} (delegate)", cycle(delegatePages, signedHeader(jakarta))),
	}, nil
}
