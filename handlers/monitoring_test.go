package handlers_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/i18n"
)

// The public side of implementation monitoring, on the demo, through the full stack: each
// published agreement's plan with its accepted totals, the programme page's tables (the
// same numbers as its charts) and CSV files, against the database's own sums.

// inLocale is a context that renders in a language, for the views' own formatters.
func inLocale(l i18n.Locale) context.Context {
	return views.WithRequest(context.Background(), views.Request{Locale: l})
}

// plannedAgreements are the agreements with a plan, by ID.
func plannedAgreements(t *testing.T, db *sql.DB) []uint {
	t.Helper()
	rows, err := db.Query("SELECT DISTINCT agreement_id FROM activities ORDER BY agreement_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []uint
	for rows.Next() {
		var id uint
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		t.Fatal("the demo has no plan")
	}
	return ids
}

// acceptedSum is the database's own sum of an activity's accepted reports.
func acceptedSum(t *testing.T, db *sql.DB, where string, args ...any) (models.Quantity, int) {
	t.Helper()
	var sum int64
	var n int
	err := db.QueryRow("SELECT COALESCE(SUM(r.quantity), 0), COUNT(r.id) FROM activity_reports r JOIN activities a ON a.id = r.activity_id WHERE r.state = 'accepted' AND "+where, args...).Scan(&sum, &n)
	if err != nil {
		t.Fatal(err)
	}
	return models.Quantity(sum), n
}

// Each published agreement with a plan shows every activity with its target and the sum
// of its accepted reports, and the totals per kind, commodity and unit; in both languages.
func TestMonitoringAgreementProgress(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	visitor := p.browser(t)
	for _, id := range plannedAgreements(t, db) {
		for _, l := range i18n.Locales {
			ctx := inLocale(l)
			page := visitor.get("/agreements/" + itoa(id) + "?lang=" + string(l))
			if page.StatusCode != http.StatusOK {
				t.Fatalf("agreement %d: %d", id, page.StatusCode)
			}
			if bad := htmlRuleViolations(page.body); len(bad) > 0 {
				t.Errorf("agreement %d: %s", id, strings.Join(bad, "\n\t"))
			}
			section := page.doc.Find(`[data-testid="implementation"]`)
			if want := map[i18n.Locale]string{i18n.ID: "Pelaksanaan", i18n.EN: "Implementation"}[l]; text(section.Find("h2")) != want {
				t.Errorf("agreement %d %s: heading %q", id, l, text(section.Find("h2")))
			}
			var activities int
			if err := db.QueryRow("SELECT COUNT(*) FROM activities WHERE agreement_id = $1", id).Scan(&activities); err != nil {
				t.Fatal(err)
			}
			rows := section.Find(`[data-testid="activity"]`)
			if rows.Length() != activities {
				t.Errorf("agreement %d: %d activities shown, %d planned", id, rows.Length(), activities)
			}
			rows.Each(func(_ int, row *goquery.Selection) {
				aid, _ := strconv.Atoi(row.AttrOr("data-activity", ""))
				var unit models.Unit
				var kind models.ActivityKind
				var target int64
				var due time.Time
				var status models.ActivityStatus
				if err := db.QueryRow("SELECT unit, kind, target, due_date, status FROM activities WHERE id = $1", aid).Scan(&unit, &kind, &target, &due, &status); err != nil {
					t.Fatal(err)
				}
				sum, n := acceptedSum(t, db, "a.id = $1", aid)
				accepted := text(row.Find(`[data-testid="activity-accepted"]`))
				if kind != models.KindMilestone {
					if want := views.FormatQuantity(ctx, sum, unit); !strings.HasPrefix(accepted, want) {
						t.Errorf("activity %d: accepted %q, the database sums %q", aid, accepted, want)
					}
					if want := views.FormatQuantity(ctx, models.Quantity(target), unit); text(row.Find(`[data-testid="activity-target"]`)) != want {
						t.Errorf("activity %d: target %q, want %q", aid, text(row.Find(`[data-testid="activity-target"]`)), want)
					}
					if target > 0 {
						pct := min(100, sum*100/models.Quantity(target))
						if got := row.Find("progress").AttrOr("value", ""); got != strconv.Itoa(int(pct)) || row.Find("progress").AttrOr("max", "") != "100" {
							t.Errorf("activity %d: progress %s, want %d", aid, got, pct)
						}
						if !strings.Contains(text(row.Find(`[data-testid="activity-progress"]`)), strconv.Itoa(int(pct))+"%") {
							t.Errorf("activity %d: progress text %q", aid, text(row.Find(`[data-testid="activity-progress"]`)))
						}
					}
				}
				if n > 0 && row.Find(`[data-testid="activity-last"] time`).Length() != 1 {
					t.Errorf("activity %d: no last reported period", aid)
				}
				// An open activity past its due date says so in words, not colour alone.
				overdue := status.Open() && due.Before(modeltest.Today)
				if got := row.Find(`[data-testid="activity-overdue"]`).Length() == 1; got != overdue {
					t.Errorf("activity %d: overdue shown %v, want %v", aid, got, overdue)
				}
				// The public sees no report waiting or returned.
				if row.Find(`[data-testid="activity-waiting"], [data-testid="activity-returned"]`).Length() != 0 {
					t.Errorf("activity %d: a visitor sees the reports under review", aid)
				}
			})
			section.Find(`[data-testid="total"]`).Each(func(_ int, row *goquery.Selection) {
				kind, commodity, unit := row.AttrOr("data-kind", ""), row.AttrOr("data-commodity", ""), models.Unit(row.AttrOr("data-unit", ""))
				where := "a.agreement_id = $1 AND a.kind = $2 AND a.commodity = $3 AND a.unit = $4 AND a.status <> 'cancelled'"
				sum, _ := acceptedSum(t, db, where, id, kind, commodity, unit)
				if got, want := text(row.Find(`[data-testid="total-accepted"]`)), views.FormatQuantity(ctx, sum, unit); got != want {
					t.Errorf("agreement %d total %s %s: %q, the database sums %q", id, kind, commodity, got, want)
				}
			})
			if section.Find(`[data-testid="total"]`).Length() == 0 {
				t.Errorf("agreement %d: no totals", id)
			}
			if section.Find(`a[data-testid="monitoring-link"]`).AttrOr("href", "") != "/monitoring" {
				t.Errorf("agreement %d: no link to the programme page", id)
			}
		}
	}
	// The demo's rice target in both languages' separators and plurals.
	page := visitor.get("/agreements/" + itoa(plannedAgreements(t, db)[0]) + "?lang=id")
	if !strings.Contains(text(page.doc.Find(`[data-testid="activity-target"]`)), "12.000 ton") {
		t.Errorf("targets %q", text(page.doc.Find(`[data-testid="activity-target"]`)))
	}
	page = visitor.get("/agreements/" + itoa(plannedAgreements(t, db)[0]) + "?lang=en")
	if !strings.Contains(text(page.doc.Find(`[data-testid="activity-target"]`)), "12,000 tonnes") {
		t.Errorf("targets %q", text(page.doc.Find(`[data-testid="activity-target"]`)))
	}
}

// The delegate of the responsible region sees how many of their reports wait for review;
// a delegate of another region does not.
func TestMonitoringAgreementWaitingForDelegate(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	var agreement, activity uint
	if err := db.QueryRow("SELECT a.agreement_id, a.id FROM activity_reports r JOIN activities a ON a.id = r.activity_id WHERE r.state = 'submitted' AND a.region_code = '61'").Scan(&agreement, &activity); err != nil {
		t.Fatal(err)
	}
	own := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	other := modeltest.CreateUser(t, p.store, models.RoleDelegate, "74.01")
	for _, tt := range []struct {
		user models.User
		want string
	}{{own, "1 menunggu tinjauan"}, {other, ""}} {
		b := p.browser(t)
		b.login(tt.user.Email, modeltest.Password)
		page := b.get("/agreements/" + itoa(agreement))
		got := text(page.doc.Find(`[data-activity="` + itoa(activity) + `"] [data-testid="activity-waiting"]`))
		if got != tt.want {
			t.Errorf("delegate %s: %q, want %q", tt.user.Email, got, tt.want)
		}
	}
}

// monitoringTables reads the programme page's tables: caption → rows of cells (the row
// header first).
func monitoringTables(doc *goquery.Document) map[string][][]string {
	out := map[string][][]string{}
	doc.Find(`[data-testid="chart-table"]`).Each(func(_ int, table *goquery.Selection) {
		var rows [][]string
		var head []string
		table.Find("thead th").Each(func(_ int, th *goquery.Selection) { head = append(head, text(th)) })
		rows = append(rows, head)
		table.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
			var cells []string
			tr.Children().Each(func(_ int, c *goquery.Selection) { cells = append(cells, text(c)) })
			rows = append(rows, cells)
		})
		out[text(table.Find("caption"))] = rows
	})
	return out
}

// checkMonitoringPage compares the programme page's tables with the figures: the supply
// per month and commodity and per region and commodity (sums within one unit), the
// participants per region, the exchanges.
func checkMonitoringPage(t *testing.T, doc *goquery.Document, f models.MonitoringFigures, l i18n.Locale) {
	t.Helper()
	ctx := inLocale(l)
	tables := monitoringTables(doc)
	number := func(q models.Quantity) string {
		s := views.FormatQuantity(ctx, q, models.UnitNone)
		return s
	}
	for _, unit := range models.Units {
		perMonth := map[[2]string]models.Quantity{}
		perRegion := map[[2]string]models.Quantity{}
		var commodities []string
		for _, s := range f.Supply {
			if s.Unit != unit {
				continue
			}
			perMonth[[2]string{s.Month, s.Commodity}] += s.Quantity
			perRegion[[2]string{s.FromRegionName, s.Commodity}] += s.Quantity
			if !slices.Contains(commodities, s.Commodity) {
				commodities = append(commodities, s.Commodity)
			}
		}
		unitName := l.T("monpub.unit." + string(unit))
		monthTable := tables[l.T("monpub.supply_month")+" ("+unitName+")"]
		regionTable := tables[l.T("monpub.supply_region")+" ("+unitName+")"]
		if len(perMonth) == 0 {
			if monthTable != nil || regionTable != nil {
				t.Errorf("%s: a table for a unit with no supply", unit)
			}
			continue
		}
		if monthTable == nil || regionTable == nil {
			t.Fatalf("%s: no supply tables among %v", unit, keys(tables))
		}
		check := func(name string, table [][]string, want map[[2]string]models.Quantity, row func(string) string) {
			header := table[0]
			if len(header)-1 != len(commodities) {
				t.Errorf("%s: columns %q for commodities %q", name, header, commodities)
			}
			seen := 0
			for _, cells := range table[1:] {
				for i, cell := range cells[1:] {
					commodity := ""
					for _, c := range commodities {
						if l.T("commodity."+c) == header[i+1] {
							commodity = c
						}
					}
					var key [2]string
					found := false
					for k := range want {
						if k[1] == commodity && row(k[0]) == cells[0] {
							key, found = k, true
						}
					}
					switch {
					case found && cell != number(want[key]):
						t.Errorf("%s %s %s: %q, the figures sum %q", name, cells[0], commodity, cell, number(want[key]))
					case !found && cell != "–":
						t.Errorf("%s %s %s: %q where the figures have nothing", name, cells[0], commodity, cell)
					}
					if found {
						seen++
					}
				}
			}
			if seen != len(want) {
				t.Errorf("%s: %d values shown, the figures have %d", name, seen, len(want))
			}
		}
		check("per month", monthTable, perMonth, func(m string) string {
			tm, _ := time.Parse("2006-01", m)
			return strings.TrimPrefix(l.Date(tm), "1 ")
		})
		check("per region", regionTable, perRegion, func(r string) string { return r })
	}
	training := tables[l.T("monpub.training_chart")+" ("+l.T("monpub.unit.participant")+")"]
	if len(training)-1 != len(f.Training) {
		t.Fatalf("training: %d rows, the figures have %d", len(training)-1, len(f.Training))
	}
	for i, tr := range f.Training {
		if want := []string{tr.RegionName, l.Int(int64(tr.Completed)), l.Int(int64(tr.Enrolled))}; !slices.Equal(training[i+1], want) {
			t.Errorf("training row %d: %q, want %q", i, training[i+1], want)
		}
	}
	exchanges := doc.Find(`[data-testid="exchange"]`)
	if exchanges.Length() != len(f.Exchanges) {
		t.Errorf("%d exchanges shown, the figures have %d", exchanges.Length(), len(f.Exchanges))
	}
	for i, e := range f.Exchanges {
		row := exchanges.Eq(i)
		if text(row.Find("th")) != e.Title || row.Find(`a[href="/agreements/`+itoa(e.AgreementID)+`"]`).Length() != 1 ||
			!strings.Contains(text(row), l.Int(int64(e.Participants))) || !strings.Contains(text(row), e.Place) {
			t.Errorf("exchange %d: %q", i, text(row))
		}
	}
	if len(f.Exchanges) > 0 && text(doc.Find(`[data-testid="exchange-count"]`)) != l.N("monpub.exchange_count", int64(len(f.Exchanges)), l.Int(int64(len(f.Exchanges)))) {
		t.Errorf("exchange count %q", text(doc.Find(`[data-testid="exchange-count"]`)))
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// The programme page shows the figures as charts and the same numbers as tables, with a
// CSV file each, in both languages with their labels and separators; it is in the public
// navigation.
func TestMonitoringPage(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	f, err := p.store.Figures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Supply) == 0 || len(f.Training) == 0 || len(f.Exchanges) == 0 {
		t.Fatalf("the demo's figures: %d supply, %d training, %d exchanges", len(f.Supply), len(f.Training), len(f.Exchanges))
	}
	visitor := p.browser(t)
	idNumber := regexp.MustCompile(`^(–|\d{1,3}(\.\d{3})*(,\d{1,3})?)$`)
	enNumber := regexp.MustCompile(`^(–|\d{1,3}(,\d{3})*(\.\d{1,3})?)$`)
	for _, tt := range []struct {
		lang   i18n.Locale
		h1     string
		nav    string
		number *regexp.Regexp
		words  []string
	}{
		{i18n.ID, "Pemantauan pelaksanaan kerja sama", "Pemantauan", idNumber, []string{"Beras", "Ikan", "Daging sapi", "Bulan", "Lulus", "Mengikuti"}},
		{i18n.EN, "Monitoring what the cooperation delivers", "Monitoring", enNumber, []string{"Rice", "Fish", "Beef", "Month", "Completed", "Enrolled"}},
	} {
		t.Run(string(tt.lang), func(t *testing.T) {
			page := visitor.get("/monitoring?lang=" + string(tt.lang))
			if page.StatusCode != http.StatusOK {
				t.Fatalf("status %d", page.StatusCode)
			}
			if bad := htmlRuleViolations(page.body); len(bad) > 0 {
				t.Errorf("the page breaks the HTML checker's rules:\n\t%s", strings.Join(bad, "\n\t"))
			}
			doc := page.doc
			if text(doc.Find("h1")) != tt.h1 {
				t.Errorf("h1 %q", text(doc.Find("h1")))
			}
			nav := doc.Find(`a[href^="/monitoring"][aria-current="page"]`)
			if text(nav) != tt.nav {
				t.Errorf("navigation %q", text(nav))
			}
			checkMonitoringPage(t, doc, f, tt.lang)
			// Every number in the tables is written with the language's separators.
			doc.Find(`[data-testid="chart-table"] td`).Each(func(_ int, td *goquery.Selection) {
				if !tt.number.MatchString(text(td)) {
					t.Errorf("%q is not a number as %s writes it", text(td), tt.lang)
				}
			})
			all := text(doc.Find("main"))
			for _, w := range tt.words {
				if !strings.Contains(all, w) {
					t.Errorf("no %q on the page", w)
				}
			}
			// Charts: an image each, with its title and description; a line chart per unit of
			// supply, bar charts for the regions and the training.
			svgs := doc.Find(`svg[data-testid="chart-svg"]`)
			if svgs.Length() != 3 {
				t.Errorf("%d charts, want 3", svgs.Length())
			}
			svgs.Each(func(_ int, svg *goquery.Selection) {
				ids := strings.Fields(svg.AttrOr("aria-labelledby", ""))
				if svg.AttrOr("role", "") != "img" || len(ids) != 2 || text(doc.Find("#"+ids[0])) == "" || text(doc.Find("#"+ids[1])) == "" {
					t.Errorf("a chart without its title and description: %v", ids)
				}
			})
			for _, link := range []string{"/monitoring/supply.csv", "/monitoring/training.csv", "/monitoring/exchanges.csv"} {
				if doc.Find(`a[href="`+link+`"]`).Length() != 1 {
					t.Errorf("no link to %s", link)
				}
			}
		})
	}
}

// readCSV parses a monitoring file, checking its byte order mark and header.
func readCSV(t *testing.T, body []byte, header ...string) [][]string {
	t.Helper()
	rest, ok := bytes.CutPrefix(body, []byte("\uFEFF"))
	if !ok {
		t.Error("no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		t.Fatalf("header %q, want %q", rows[0], header)
	}
	return rows[1:]
}

// The CSV files parse back to the figures, numbers with a point and no thousands
// separators, each with its unit; they answer a conditional GET with 304.
func TestMonitoringCSV(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	f, err := p.store.Figures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	visitor := p.browser(t)
	resp, body := visitor.download("/monitoring/supply.csv")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") ||
		!strings.Contains(resp.Header.Get("Content-Disposition"), views.SupplyFileName) {
		t.Fatalf("supply.csv: %d %q %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
	}
	rows := readCSV(t, body, "month", "commodity", "from_region_code", "from_region", "quantity", "unit")
	if len(rows) != len(f.Supply) {
		t.Fatalf("%d supply rows, the figures have %d", len(rows), len(f.Supply))
	}
	plain := regexp.MustCompile(`^\d+(\.\d{1,3})?$`)
	for i, s := range f.Supply {
		r := rows[i]
		q, ok := models.ParseQuantity(r[4], false)
		if !plain.MatchString(r[4]) || !ok || q != s.Quantity {
			t.Errorf("row %d: quantity %q, want %d thousandths", i, r[4], s.Quantity)
		}
		if r[0] != s.Month || r[1] != s.Commodity || r[2] != s.FromRegionCode || r[3] != s.FromRegionName || r[5] != string(s.Unit) {
			t.Errorf("row %d: %q, want %+v", i, r, s)
		}
	}
	// A reader polling the file gets a 304 while nothing changed.
	if again, _ := visitor.download("/monitoring/supply.csv", "If-None-Match", resp.Header.Get("ETag")); again.StatusCode != http.StatusNotModified {
		t.Errorf("a conditional GET: %d", again.StatusCode)
	}

	_, body = visitor.download("/monitoring/training.csv")
	rows = readCSV(t, body, "region_code", "region", "enrolled", "completed", "unit")
	if len(rows) != len(f.Training) {
		t.Fatalf("%d training rows, the figures have %d", len(rows), len(f.Training))
	}
	for i, tr := range f.Training {
		if want := []string{tr.RegionCode, tr.RegionName, strconv.Itoa(tr.Enrolled), strconv.Itoa(tr.Completed), "participant"}; !slices.Equal(rows[i], want) {
			t.Errorf("training row %d: %q, want %q", i, rows[i], want)
		}
	}

	_, body = visitor.download("/monitoring/exchanges.csv")
	rows = readCSV(t, body, "start_date", "end_date", "title", "place", "participants", "unit", "agreement_id", "agreement_number", "agreement_url")
	if len(rows) != len(f.Exchanges) {
		t.Fatalf("%d exchange rows, the figures have %d", len(rows), len(f.Exchanges))
	}
	for i, e := range f.Exchanges {
		r := rows[i]
		if r[0] != e.Start.Format(time.DateOnly) || r[1] != e.End.Format(time.DateOnly) || r[2] != e.Title || r[3] != e.Place ||
			r[4] != strconv.Itoa(e.Participants) || r[6] != views.AgreementIdentifier(e.AgreementID) || r[7] != e.Number ||
			!strings.HasSuffix(r[8], "/agreements/"+itoa(e.AgreementID)) {
			t.Errorf("exchange row %d: %q", i, r)
		}
	}
}

// A report an official accepts counts on the very next request: the programme page (from
// the page cache, or with it off from the figures kept per change) and the agreement's
// page show it.
func TestMonitoringAcceptedReportShowsNext(t *testing.T) {
	for _, cfg := range []handlers.Config{{}, {NoPageCache: true}} {
		acceptedReportShowsNext(t, cfg)
	}
}

func acceptedReportShowsNext(t *testing.T, cfg handlers.Config) {
	p := newPortal(t, cfg)
	ctx := context.Background()
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	visitor := p.browser(t)
	before := visitor.get("/monitoring")
	visitor.get("/monitoring") // from the cache now
	official := modeltest.Official(t, p.store)
	queue, err := p.store.MonitoringQueueFor(ctx, official, 10)
	if err != nil {
		t.Fatal(err)
	}
	var waiting *models.WaitingReport
	for i := range queue.Waiting {
		if queue.Waiting[i].RegionCode == "61" {
			waiting = &queue.Waiting[i]
		}
	}
	if waiting == nil {
		t.Fatalf("no rice report waits among %+v", queue.Waiting)
	}
	riceBefore, _ := acceptedSum(t, db, "a.id = $1", waiting.ActivityID)
	agreementBefore := visitor.get("/agreements/" + itoa(waiting.AgreementID))
	if err := p.store.AcceptReport(ctx, official, waiting.ReportID, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	riceAfter, _ := acceptedSum(t, db, "a.id = $1", waiting.ActivityID)
	if riceAfter <= riceBefore {
		t.Fatalf("accepting changed nothing: %d → %d", riceBefore, riceAfter)
	}
	f, err := p.store.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	after := visitor.get("/monitoring")
	if after.body == before.body {
		t.Fatal("the programme page did not change")
	}
	checkMonitoringPage(t, after.doc, f, i18n.ID)
	// The report's month now shows on the programme page.
	month := waiting.PeriodStart.Format("2006-01")
	tm, _ := time.Parse("2006-01", month)
	label := strings.TrimPrefix(i18n.ID.Date(tm), "1 ")
	if !strings.Contains(text(after.doc.Find(`[data-testid="monitoring-supply"] table`)), label) {
		t.Errorf("the accepted month %s is not shown", label)
	}
	agreementAfter := visitor.get("/agreements/" + itoa(waiting.AgreementID))
	cell := func(pg page) string {
		return text(pg.doc.Find(`[data-activity="` + itoa(waiting.ActivityID) + `"] [data-testid="activity-accepted"]`))
	}
	ctxID := inLocale(i18n.ID)
	if !strings.HasPrefix(cell(agreementBefore), views.FormatQuantity(ctxID, riceBefore, models.UnitTonne)) ||
		!strings.HasPrefix(cell(agreementAfter), views.FormatQuantity(ctxID, riceAfter, models.UnitTonne)) {
		t.Errorf("the agreement's rice: %q → %q, the database: %d → %d", cell(agreementBefore), cell(agreementAfter), riceBefore, riceAfter)
	}
}

// An agreement no longer published takes its reports off the programme page, its files
// and its own page.
func TestMonitoringUnpublishedNeverCounts(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	db := modeltest.OpenSQL(t, modeltest.DSN(t, p.store))
	var id uint
	if err := db.QueryRow("SELECT agreement_id FROM activities WHERE commodity = 'beef'").Scan(&id); err != nil {
		t.Fatal(err)
	}
	visitor := p.browser(t)
	if page := visitor.get("/monitoring"); !strings.Contains(text(page.doc.Find("main")), "Kolaka") {
		t.Fatal("the demo's beef from Kolaka is not on the page")
	}
	if err := p.store.Unpublish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	f, err := p.store.Figures(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Supply {
		if s.Commodity == "beef" {
			t.Errorf("the figures count an unpublished agreement's report: %+v", s)
		}
	}
	page := visitor.get("/monitoring")
	checkMonitoringPage(t, page.doc, f, i18n.ID)
	if strings.Contains(text(page.doc.Find(`[data-testid="monitoring-supply"]`)), "Daging sapi") {
		t.Error("the programme page shows an unpublished agreement's beef")
	}
	_, body := visitor.download("/monitoring/supply.csv")
	if bytes.Contains(body, []byte("beef")) || bytes.Contains(body, []byte("74.01")) {
		t.Error("supply.csv holds an unpublished agreement's beef")
	}
	if got := visitor.get("/agreements/" + itoa(id)); got.StatusCode != http.StatusNotFound {
		t.Errorf("the unpublished agreement: %d", got.StatusCode)
	}
}

// With no accepted report, the programme page says so instead of drawing empty charts.
func TestMonitoringEmpty(t *testing.T) {
	p := newPortalOn(t, modeltest.NewStore(t), handlers.Config{})
	page := p.browser(t).get("/monitoring")
	if page.StatusCode != http.StatusOK {
		t.Fatalf("status %d", page.StatusCode)
	}
	if page.doc.Find("svg.chart-svg, [data-testid=chart-table]").Length() != 0 || page.doc.Find(`[data-testid="chart-empty"]`).Length() != 3 {
		t.Errorf("an empty programme page: %q", text(page.doc.Find("main")))
	}
	if bad := htmlRuleViolations(page.body); len(bad) > 0 {
		t.Errorf("%s", strings.Join(bad, "\n\t"))
	}
}
