package main

// Cold renders at several database sizes (issue 21, point 3): a page's cost must not grow
// with the register. For each size the benchmark builds a database, starts the portal on
// it with the page cache off, and times each page alone, one request after another on one
// connection, so that what is measured is one render and its queries, not a queue.

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"derap/internal/portalproc"
	"derap/models"
	"derap/models/fixture"
	"derap/views"
	"derap/views/form"
)

// coldRequests is how many measured requests each page gets, after coldWarmup unmeasured
// ones (which fill the server's statement caches and SQLite's page cache, none of which
// is the page cache that is off).
const (
	coldRequests = 50
	coldWarmup   = 5
)

// The targets of issue 21, point 3.
const (
	maxSizeRatio = 1.5 // a page at ten times the full size against the full size
	maxColdMS    = 5.0 // home and /regions at the full size
)

// SizesReport is the cold render times of the pages at each database size measured.
type SizesReport struct {
	Machine  string    `json:"machine"`
	Requests int       `json:"requests_per_page"`
	Sizes    []SizeRun `json:"sizes"`
}

// SizeRun is one database size: what it held, how long it took to build, and its pages.
type SizeRun struct {
	Name         string     `json:"name"`  // small, full, or the scale ("10")
	Scale        int        `json:"scale"` // 0 for small
	Agreements   int        `json:"agreements"`
	Events       int        `json:"events"`
	AuditEntries int        `json:"audit_entries"`
	BuildSeconds float64    `json:"build_seconds"`
	Pages        []PageTime `json:"pages"`
}

// PageTime is one page's cold render at one size.
type PageTime struct {
	Page   string  `json:"page"` // what the row is called, the same at every size
	Path   string  `json:"path"` // what was requested at this size
	P50ms  float64 `json:"p50_ms"`
	P90ms  float64 `json:"p90_ms"`
	Bytes  int64   `json:"bytes"` // of the last response, as sent (gzipped)
	Errors int     `json:"errors"`
}

// sizeSpec is a size named on the command line.
type sizeSpec struct {
	name  string
	scale int
	size  fixture.Size
	dir   string // a folder kept (-keep) from an earlier run, measured again without a build
}

// smallSize is the -small database, for trying the benchmark itself.
var smallSize = fixture.Size{Agreements: 600, Events: 50, Users: 60, AuditEntries: 5000}

// parseSizes reads -sizes: a comma-separated list of small, full and scales (10 is ten
// times full); "default" is small,full,10. A size written name=folder measures the
// database a run with -keep left in that folder again, instead of building one: a build at
// ten times takes a quarter of an hour, a measurement a minute.
func parseSizes(list string) ([]sizeSpec, error) {
	if list == "default" {
		list = "small,full,10"
	}
	var out []sizeSpec
	for item := range strings.SplitSeq(list, ",") {
		name, dir, _ := strings.Cut(strings.TrimSpace(item), "=")
		spec := sizeSpec{name: name, dir: dir}
		switch name {
		case "small":
			spec.size = smallSize
		case "full", "1":
			spec.name, spec.scale, spec.size = "full", 1, fixture.Full
		default:
			n, err := strconv.Atoi(name)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("size %q: small, full or a scale such as 10", name)
			}
			spec.scale, spec.size = n, fixture.Scaled(n)
		}
		out = append(out, spec)
	}
	return out, nil
}

// buildSized is buildDatabase for a size of the caller's choice.
func buildSized(ctx context.Context, dsn string, size fixture.Size) (benchData, error) {
	s, err := models.Open(dsn)
	if err != nil {
		return benchData{}, err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return benchData{}, err
	}
	start := time.Now()
	res, err := fixture.Build(ctx, s, size, 20261126, func(msg string) {
		fmt.Fprintf(os.Stderr, "bench: %6.1fs %s\n", time.Since(start).Seconds(), msg)
	})
	if err != nil {
		return benchData{Result: res}, err
	}
	planned, err := addMonitoring(ctx, s, res.Published, plannedAgreements)
	if err != nil {
		return benchData{Result: res}, err
	}
	n, err := s.VerifyAuditChain(ctx)
	fmt.Fprintf(os.Stderr, "bench: %6.1fs built: %d audit entries, %d answers pending, %d published, %d with a plan\n", time.Since(start).Seconds(), n, len(res.Pending), len(res.Published), len(planned))
	return benchData{Result: res, Planned: planned}, err
}

// runSizes builds each size's database in turn, measures its cold renders, and prints
// and writes the table. Only SQLite: the sizes compare one engine with itself.
func runSizes(ctx context.Context, o options, list string) error {
	if o.engine != string(models.EngineSQLite) {
		return fmt.Errorf("-sizes measures SQLite only, not %s", o.engine)
	}
	specs, err := parseSizes(list)
	if err != nil {
		return err
	}
	if _, err := os.Stat(o.bin); err != nil {
		return fmt.Errorf("%s: %w (run make build first)", o.bin, err)
	}
	report := &SizesReport{Machine: machine(), Requests: coldRequests}
	for _, spec := range specs {
		run, err := measureSize(ctx, o, spec)
		if err != nil {
			return fmt.Errorf("size %s: %w", spec.name, err)
		}
		report.Sizes = append(report.Sizes, run)
	}
	report.print(os.Stdout)
	if o.out == "" {
		o.out = filepath.Join("bench-results", time.Now().UTC().Format("20060102-150405")+"-sizes.json")
	}
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(struct {
		Sizes *SizesReport `json:"sizes"`
	}{report}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("\nfigures written to %s\n", o.out)
	ok := true
	fmt.Println("\ntargets:")
	checkSizes(report, func(pass bool, format string, args ...any) {
		mark := "ok  "
		if !pass {
			mark, ok = "MISS", false
		}
		fmt.Printf("%s %s\n", mark, fmt.Sprintf(format, args...))
	})
	if !ok {
		return fmt.Errorf("some targets were missed")
	}
	return nil
}

// measureSize builds one size's database in a folder of its own (or takes a kept one)
// and times its pages.
func measureSize(ctx context.Context, o options, spec sizeSpec) (SizeRun, error) {
	run := SizeRun{Name: spec.name, Scale: spec.scale, Agreements: spec.size.Agreements, Events: spec.size.Events, AuditEntries: spec.size.AuditEntries}
	dir, fx, err := sizeDatabase(ctx, o, spec, &run)
	if err != nil {
		return run, err
	}
	if !o.keep && spec.dir == "" {
		defer os.RemoveAll(dir)
	}
	dsn := filepath.Join(dir, "derap.db")
	p, err := portalproc.Start(ctx, portalproc.Options{
		Binary: o.bin, DataDir: dir,
		Args: []string{"--db", dsn, "--page-cache-mb", "0"},
		Env:  []string{"DERAP_DEMO=0"},
		// A large database may take its time to open: migrations check, indexes warm.
		StartTimeout: 5 * time.Minute,
	})
	if err != nil {
		return run, err
	}
	defer p.Stop()
	run.Pages, err = coldPages(ctx, p.Base(), fx)
	if err != nil {
		return run, fmt.Errorf("%w; the end of %s:\n%s", err, p.LogPath(), p.LogTail(20))
	}
	return run, p.Stop()
}

// sizeDatabase builds the size's database in a new folder, or reads the one a run with
// -keep left in spec.dir, and returns the folder and what the fixture made.
func sizeDatabase(ctx context.Context, o options, spec sizeSpec, run *SizeRun) (string, benchData, error) {
	if spec.dir != "" {
		var fx benchData
		data, err := os.ReadFile(filepath.Join(spec.dir, fixtureFile))
		if err == nil {
			err = json.Unmarshal(data, &fx)
		}
		if err != nil {
			return "", fx, fmt.Errorf("a kept database: %w", err)
		}
		fmt.Fprintf(os.Stderr, "bench: measuring the %s database kept in %s\n", spec.name, spec.dir)
		return spec.dir, fx, nil
	}
	dir, err := os.MkdirTemp("", "derap-sizes-")
	if err != nil {
		return "", benchData{}, err
	}
	fmt.Fprintf(os.Stderr, "bench: building the %s database (%d agreements, %d events, %d audit entries; files in %s)\n",
		spec.name, spec.size.Agreements, spec.size.Events, spec.size.AuditEntries, dir)
	start := time.Now()
	fx, err := buildSized(ctx, filepath.Join(dir, "derap.db"), spec.size)
	if err == nil {
		run.BuildSeconds = time.Since(start).Seconds()
		// The build leaves up to a gigabyte (at 10×) of written pages in the kernel's cache;
		// written back while the pages are timed, they doubled some medians. Measure a
		// settled database, as a server that has been running meets it.
		syscall.Sync()
		var data []byte
		if data, err = json.Marshal(fx); err == nil {
			err = os.WriteFile(filepath.Join(dir, fixtureFile), data, 0o644)
		}
	}
	if err != nil && !o.keep {
		os.RemoveAll(dir)
	}
	return dir, fx, err
}

// fixtureFile is where a size's folder keeps what its fixture made, for measuring the
// database again later (-keep, then -sizes name=folder).
const fixtureFile = "fixture.json"

// pageNumbers finds the page links of a paginated list.
var pageNumbers = regexp.MustCompile(`[?&;]` + form.FieldPage + `=(\d+)`)

// coldPages times each page with sequential requests on one connection.
func coldPages(ctx context.Context, base string, fx benchData) ([]PageTime, error) {
	// One connection, kept: the time is the server's, not a handshake's.
	c := &http.Client{
		Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1, DisableCompression: true, IdleConnTimeout: time.Minute},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
		Timeout: time.Minute,
	}
	official, err := signIn(c, base, fx.Official, string(views.OfficeURL()))
	if err != nil {
		return nil, err
	}
	// Jakarta's delegate: Jakarta is a party to every agreement, so its inbox is the
	// longest there is.
	delegate, err := signIn(c, base, fx.Delegates[0], string(views.InboxURL()))
	if err != nil {
		return nil, err
	}
	anon := http.Header{"Accept-Language": {"id-ID,id;q=0.9"}}
	signed := func(s session) http.Header {
		return http.Header{"Cookie": {s.cookies}, "Accept-Language": {"id-ID,id;q=0.9"}}
	}
	type page struct {
		name, path string
		header     http.Header
	}
	agreements, events := string(views.AgreementsURL()), string(views.EventsURL())
	// A list's last page, where it has pages: found from the first page's links, as a
	// visitor would.
	withLast := func(name, path string) ([]page, error) {
		last, err := lastPage(ctx, c, base+path)
		if err != nil || last <= 1 {
			return []page{{name, path, anon}}, err
		}
		return []page{{name, path, anon}, {name + " last page", path + "?" + form.FieldPage + "=" + strconv.Itoa(last), anon}}, nil
	}
	pages := []page{
		{"/", string(views.HomeURL()), anon},
		{"/regions", string(views.RegionsURL()), anon},
	}
	for _, path := range []string{events, agreements} {
		more, err := withLast(path, path)
		if err != nil {
			return nil, err
		}
		pages = append(pages, more...)
	}
	published := fx.Published[len(fx.Published)/2]
	pages = append(pages,
		page{"/agreements/{id}", string(views.AgreementURL(published)), anon},
		page{"/regions/{code} (a partner)", string(views.RegionURL(fx.Regions[0])), anon},
		page{"/regions/{code} (Jakarta)", string(views.RegionURL(models.JakartaCode)), anon},
		page{"/office (official)", string(views.OfficeURL()), signed(official)},
		page{"/inbox (delegate)", string(views.InboxURL()), signed(delegate)},
	)
	var out []PageTime
	for _, pg := range pages {
		pt := PageTime{Page: pg.name, Path: pg.path}
		var lat []time.Duration
		for i := range coldWarmup + coldRequests {
			resp, n, elapsed, err := send(ctx, c, http.MethodGet, base+pg.path, pg.header, "")
			if i < coldWarmup {
				continue
			}
			if err != nil || resp.StatusCode != http.StatusOK {
				pt.Errors++
				continue
			}
			lat = append(lat, elapsed)
			pt.Bytes = n
		}
		if len(lat) > 0 {
			slices.Sort(lat)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			pt.P50ms = ms(lat[len(lat)/2])
			pt.P90ms = ms(lat[min(len(lat)-1, len(lat)*9/10)])
		}
		fmt.Fprintf(os.Stderr, "bench: %-32s median %7.2f ms  p90 %7.2f ms  errors %d\n", pg.name, pt.P50ms, pt.P90ms, pt.Errors)
		out = append(out, pt)
	}
	return out, nil
}

// lastPage reads a list's first page and returns the highest page it links to (1 when
// it has no pages).
func lastPage(ctx context.Context, c *http.Client, url string) (int, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return 0, fmt.Errorf("%s: %w", url, err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return 0, fmt.Errorf("%s: %w", url, err)
		}
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %d", url, resp.StatusCode)
	}
	last := 1
	for _, m := range pageNumbers.FindAllSubmatch(body, -1) {
		if n, err := strconv.Atoi(string(m[1])); err == nil {
			last = max(last, n)
		}
	}
	return last, nil
}

// pageRows returns the table's rows, pages in the order first measured, and each page's
// times by size name.
func (r *SizesReport) pageRows() (names []string, times map[string]map[string]PageTime) {
	times = map[string]map[string]PageTime{}
	for _, s := range r.Sizes {
		for _, p := range s.Pages {
			if times[p.Page] == nil {
				times[p.Page] = map[string]PageTime{}
				names = append(names, p.Page)
			}
			times[p.Page][s.Name] = p
		}
	}
	return names, times
}

// ratioSizes are the sizes the ratio column compares: ten times full against full, or
// else the largest scale against full.
func (r *SizesReport) ratioSizes() (big, full string, ok bool) {
	scale := 0
	for _, s := range r.Sizes {
		if s.Scale == 1 {
			full = s.Name
		}
		if s.Scale > 1 && (s.Scale == 10 || scale != 10 && s.Scale > scale) {
			big, scale = s.Name, s.Scale
		}
	}
	return big, full, big != "" && full != ""
}

// print writes the table: pages down, sizes across.
func (r *SizesReport) print(w io.Writer) {
	fmt.Fprintf(w, "\n%s; SQLite\n\ncold render time (ms, median of %d sequential requests on one connection, page cache off; p90 in brackets)\n\n", r.Machine, r.Requests)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	head := "page\t"
	for _, s := range r.Sizes {
		head += s.Name + "\t"
	}
	big, full, ratio := r.ratioSizes()
	if ratio {
		head += big + "/" + full + "\t"
	}
	fmt.Fprintln(tw, head)
	names, times := r.pageRows()
	for _, name := range names {
		row := name + "\t"
		for _, s := range r.Sizes {
			if t, ok := times[name][s.Name]; ok {
				row += fmt.Sprintf("%.2f (%.2f)\t", t.P50ms, t.P90ms)
			} else {
				row += "-\t"
			}
		}
		if ratio {
			b, okB := times[name][big]
			f, okF := times[name][full]
			if okB && okF && f.P50ms > 0 {
				row += fmt.Sprintf("%.2f\t", b.P50ms/f.P50ms)
			} else {
				row += "-\t"
			}
		}
		fmt.Fprintln(tw, row)
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, s := range r.Sizes {
		built := fmt.Sprintf("built in %.0f s", s.BuildSeconds)
		if s.BuildSeconds == 0 {
			built = "kept from an earlier run"
		}
		fmt.Fprintf(w, "%s: %d agreements, %d events, %d audit entries; %s\n", s.Name, s.Agreements, s.Events, s.AuditEntries, built)
	}
}

// checkSizes compares the cold renders with issue 21's targets: at ten times the full
// size each page costs at most 1.5 times what it costs at the full size, and home and
// /regions render in under 5 ms at the full size. Sizes not measured are reported as
// missing, since the target cannot be judged without them.
func checkSizes(r *SizesReport, verdict func(pass bool, format string, args ...any)) {
	if r == nil {
		verdict(false, "cold renders at several sizes: not measured (bench -sizes default)")
		return
	}
	var full, ten *SizeRun
	for i := range r.Sizes {
		switch r.Sizes[i].Scale {
		case 1:
			full = &r.Sizes[i]
		case 10:
			ten = &r.Sizes[i]
		}
	}
	if full == nil {
		verdict(false, "cold renders: the full size was not measured")
		return
	}
	for _, p := range full.Pages {
		if p.Page == "/" || p.Page == "/regions" {
			verdict(p.P50ms < maxColdMS && p.Errors == 0, "%-32s cold render %.2f ms at the full size, %d errors (target < %.0f ms, none)", p.Page, p.P50ms, p.Errors, maxColdMS)
		}
	}
	if ten == nil {
		verdict(false, "cold renders: ten times the full size was not measured")
		return
	}
	_, times := r.pageRows()
	for _, p := range full.Pages {
		t, ok := times[p.Page][ten.Name]
		if !ok {
			verdict(false, "%-32s not measured at ten times the full size", p.Page)
			continue
		}
		ratio := math.Inf(1)
		if p.P50ms > 0 {
			ratio = t.P50ms / p.P50ms
		}
		verdict(ratio <= maxSizeRatio && t.Errors == 0, "%-32s cold render %.2f ms at 10×, %.2f ms at full: %.2f× (target ≤ %.1f×)", p.Page, t.P50ms, p.P50ms, ratio, maxSizeRatio)
	}
}
