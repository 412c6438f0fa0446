//go:build e2e

package e2e

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// What the demo's implementation record adds up to, as each language writes it: the rice
// Kalimantan Barat supplied in its ten accepted months, the same with the waiting
// September report (470.5 t) accepted, the first month's rice, and the corrected volume of
// Kolaka's returned beef report.
var monitoringNumbers = map[i18n.Locale]struct{ rice, riceAfter, firstMonth, beefFixed, beefShown string }{
	i18n.ID: {rice: "4.910", riceAfter: "5.380,5", firstMonth: "420,5", beefFixed: "17,5", beefShown: "17,5"},
	i18n.EN: {rice: "4,910", riceAfter: "5,380.5", firstMonth: "420.5", beefFixed: "17.5", beefShown: "17.5"},
}

// The implementation monitoring, at a desk and on a phone, in both languages: a visitor
// reads the programme page (three charts, each followed by its table, numbers in the
// page's language, the CSV files) and an agreement's implementation section; an official
// finds the overdue milestone and the waiting rice report on the dashboard, accepts the
// report (the programme page's rice total grows with it), and adds a milestone to the
// plan after an empty submission is refused field by field; Kolaka's delegate corrects the
// returned beef report and resubmits it, and opens a new supply report's form. Every page
// passes axe and reads without sideways scrolling on a phone, its tables as cards.
func TestMonitoringPages(t *testing.T) {
	for _, lang := range i18n.Locales {
		for _, vp := range []viewport{desktop, phone} {
			t.Run(string(lang)+"-"+vp.name, func(t *testing.T) {
				p := startPortal(t)
				browser := newBrowser(t)
				step := 0
				n := monitoringNumbers[lang]

				// 1. A visitor: the programme page from the navigation, then an agreement's part.
				v := newPerson(t, browser, p, "visitor", "g-monitoring-visitor-"+string(lang), vp, &step)
				v.visit(string(views.HomeURL()), "home")
				v.speak(lang)
				before := v.programme(lang)
				if before.rice != n.rice {
					t.Errorf("the programme page: Kalimantan Barat's rice is %q, want %q", before.rice, n.rice)
				}
				if before.firstMonth != n.firstMonth {
					t.Errorf("the programme page: the first month's rice is %q, want %q", before.firstMonth, n.firstMonth)
				}
				v.implementation(lang, n.rice)

				// 2. The official accepts the waiting report; the programme page counts it.
				official := newPerson(t, browser, p, "official", "g-monitoring-official-"+string(lang), vp, &step)
				official.signIn("pejabat@e2e.test")
				official.speak(lang)
				agreement := official.acceptWaitingReport(lang)
				v.visit(string(views.MonitoringURL()), "the programme page after the acceptance")
				after := v.programmeFigures()
				if after.rice != n.riceAfter {
					t.Errorf("after the acceptance Kalimantan Barat's rice is %q (was %q), want %q", after.rice, before.rice, n.riceAfter)
				}
				if after.months != before.months+1 {
					t.Errorf("after the acceptance the monthly table has %d months, had %d", after.months, before.months)
				}
				official.planActivity(lang, agreement, vp)

				// 3. Kolaka's delegate corrects the returned report and opens a new one's form.
				kolaka := newPerson(t, browser, p, "Kolaka's delegate", "g-monitoring-delegate-"+string(lang), vp, &step)
				kolaka.signIn("kolaka@e2e.test")
				kolaka.speak(lang)
				kolaka.correctReturnedReport(lang, n.beefFixed, n.beefShown)
			})
		}
	}
}

// figures are the programme page's numbers the journey follows: Kalimantan Barat's rice
// in the table by region, the first month's rice and how many months the monthly table has.
type figures struct {
	rice, firstMonth string
	months           int
}

// Where those numbers are: the charts' tables of supply in tonnes.
const (
	monthTable  = `[data-chart="supply-tonne-month"] [data-testid="chart-table"]`
	regionTable = `[data-chart="supply-tonne-region"] [data-testid="chart-table"]`
)

func (p *person) programmeFigures() figures {
	p.t.Helper()
	rice := p.tableCell(regionTable, "Kalimantan Barat", "rice")
	months := p.count(monthTable + ` tbody tr`)
	first := p.tableCell(monthTable, "", "rice")
	return figures{rice: rice, firstMonth: first, months: months}
}

// tableCell reads a chart table's cell: the row whose header says row (the first row when
// row is ""), the column of the series key.
func (p *person) tableCell(table, row, series string) string {
	p.t.Helper()
	return run(p, "read "+table, chromedp.Evaluate[string](fmt.Sprintf(`(() => {
		const t = document.querySelector(%s);
		if (!t) return "no table";
		const col = Array.from(t.querySelectorAll("thead th")).findIndex(th => th.dataset.series === %s);
		const tr = Array.from(t.querySelectorAll("tbody tr")).find(r => %s === "" || r.querySelector("th").textContent.trim() === %s);
		if (col < 0 || !tr) return "no cell";
		return tr.children[col].textContent.trim();
	})()`, strconv.Quote(table), strconv.Quote(series), strconv.Quote(row), strconv.Quote(row))))
}

// programme opens the programme page by the navigation's link and checks it: three charts,
// each an image with its title and followed by its table, the numbers in the page's
// language and each section's CSV file. It returns the figures the journey follows.
func (p *person) programme(lang i18n.Locale) figures {
	p.t.Helper()
	p.follow(`.site-nav a[href="`+string(views.MonitoringURL())+`"]`, "the programme page")
	if p.path() != string(views.MonitoringURL()) {
		p.t.Errorf("%s: the navigation's monitoring link led to %s", p.who, p.path())
	}
	p.expect("the programme page's heading", p.text("h1"), lang.T("monpub.title"))
	p.expect("the navigation's current page", p.attr(`.site-nav a[href="`+string(views.MonitoringURL())+`"]`, "aria-current"), "page")

	// Three charts, each an image named by its title, each followed by its table.
	charts := run(p, "look at the charts", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("figure[data-testid=chart]")).map(f => {
		const svg = f.querySelector("svg.chart-svg"), table = f.querySelector("table");
		if (!svg) return "no svg";
		if (svg.getAttribute("role") !== "img") return "svg role " + svg.getAttribute("role");
		const title = svg.querySelector(":scope > title");
		if (!title || !title.textContent.trim()) return "svg without a title";
		if (!(svg.getAttribute("aria-labelledby") || "").split(" ").includes(title.id)) return "svg not labelled by its title";
		if (!table) return "no table";
		if (!(svg.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)) return "the table before the chart";
		if (!table.querySelector("caption") || table.querySelectorAll("tbody tr").length === 0) return "a table without caption or rows";
		return "ok " + title.textContent.trim();
	})`))
	if len(charts) != 3 {
		p.t.Errorf("%s: the programme page has %d charts, want 3: %v", p.who, len(charts), charts)
	}
	for _, c := range charts {
		if !strings.HasPrefix(c, "ok ") {
			p.t.Errorf("%s: a chart on the programme page: %s", p.who, c)
		}
	}
	for _, title := range []string{"monpub.supply_month", "monpub.supply_region", "monpub.training_chart"} {
		p.expect("the charts' titles", strings.Join(charts, " | "), lang.T(title))
	}
	if n := p.count(`svg.chart-svg [data-testid="chart-bar"]`); n == 0 {
		p.t.Errorf("%s: no bars on the programme page's bar charts", p.who)
	}
	if n := p.count(`[data-testid="exchange"]`); n != 1 {
		p.t.Errorf("%s: %d exchanges listed, want the demo's one", p.who, n)
	}

	// Numbers in the page's language: no number in another language's form in the tables.
	other := map[i18n.Locale]string{
		i18n.ID: `^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(,\d{3})*\.\d{1,2}$`,
		i18n.EN: `^\d{1,3}(\.\d{3})+(,\d+)?$|^\d+(\.\d{3})*,\d{1,2}$`,
	}[lang]
	foreign := run(p, "read the tables' numbers", chromedp.Evaluate[[]string](fmt.Sprintf(
		`Array.from(document.querySelectorAll("[data-testid=chart-table] td, [data-testid=exchanges] td.num")).map(c => c.textContent.trim()).filter(s => new RegExp(%s).test(s))`,
		strconv.Quote(other))))
	if len(foreign) > 0 {
		p.t.Errorf("%s: numbers not written the %s way on the programme page: %v", p.who, lang, foreign)
	}

	// Each section's figures as a CSV file.
	for _, f := range []struct {
		testid string
		url    string
		header string
	}{
		{"download-supply", string(views.MonitoringSupplyCSVURL()), "month,commodity,from_region_code"},
		{"download-training", string(views.MonitoringTrainingCSVURL()), "region_code,region,enrolled,completed"},
		{"download-exchanges", string(views.MonitoringExchangesCSVURL()), "start_date,end_date,title,place,participants"},
	} {
		sel := `[data-testid="` + f.testid + `"]`
		href := p.attr(sel, "href")
		if href != f.url {
			p.t.Errorf("%s: the link %s is %q, want %q", p.who, f.testid, href, f.url)
			continue
		}
		p.expect("the download link's text", p.text(sel), lang.T("monpub.download"))
		if p.attr(sel, "download") == "" {
			p.t.Errorf("%s: the link %s does not name its file", p.who, f.testid)
		}
		csv := p.csvFile(href)
		if csv.Status != 200 || !strings.HasPrefix(csv.Type, "text/csv") {
			p.t.Errorf("%s: %s answers %d %q", p.who, href, csv.Status, csv.Type)
		}
		if !strings.Contains(csv.Head, f.header) || !strings.Contains(csv.Head, "\n") {
			p.t.Errorf("%s: %s starts %q", p.who, href, csv.Head)
		}
	}
	return p.programmeFigures()
}

// csvFetched is what a CSV file's address answers the page's own fetch: status, type and the
// file's first lines.
type csvFetched struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Head   string `json:"head"`
}

func (p *person) csvFile(path string) csvFetched {
	p.t.Helper()
	return run(p, "fetch "+path, chromedp.Evaluate[csvFetched](fmt.Sprintf(`fetch(%s, {redirect: "manual"})
		.then(r => r.text().then(t => ({status: r.status, type: r.headers.get("Content-Type") || "", head: t.slice(0, 300)})))`,
		strconv.Quote(path)), chromedp.EvalAwaitPromise))
}

// implementation opens Kalimantan Barat's agreement from the programme page's exchange and
// checks its implementation section: the activities with progress bars, the totals per
// commodity (the rice as the programme page counts it) and the way back to /monitoring.
func (p *person) implementation(lang i18n.Locale, rice string) {
	p.t.Helper()
	p.follow(`[data-testid="exchange"] a`, "the exchange's agreement")
	p.expect("the agreement", p.text("h1"), "Kalimantan Barat")
	sec := `[data-testid="implementation"]`
	if p.count(sec) != 1 {
		p.t.Fatalf("%s: no implementation section on %s", p.who, p.path())
	}
	p.expect("the section's heading", p.text(sec+" h2"), lang.T("monpub.section"))
	if n := p.count(sec + ` [data-testid="activity"]`); n != 3 {
		p.t.Errorf("%s: %d activities in Kalimantan Barat's plan, want 3", p.who, n)
	}
	bars := run(p, "read the progress bars", chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("[data-testid=implementation] progress")).map(b => {
		const ids = (b.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
		const named = ids.length > 0 && ids.every(id => { const e = document.getElementById(id); return e && e.textContent.trim() !== "" });
		return b.getAttribute("max") + ":" + b.getAttribute("value") + ":" + named;
	})`))
	if len(bars) < 4 {
		p.t.Errorf("%s: %d progress bars in the implementation section: %v", p.who, len(bars), bars)
	}
	for _, b := range bars {
		if !strings.HasPrefix(b, "100:") || !strings.HasSuffix(b, ":true") {
			p.t.Errorf("%s: a progress bar (max:value:named) %s", p.who, b)
		}
	}
	total := sec + ` [data-testid="total"][data-commodity="rice"]`
	p.expect("the rice total's target", p.text(total+` [data-testid="total-target"]`), map[i18n.Locale]string{i18n.ID: "12.000", i18n.EN: "12,000"}[lang])
	p.expect("the rice total accepted", p.text(total+` [data-testid="total-accepted"]`), rice)
	p.expect("the last report", p.text(sec+` [data-testid="last-reported"]`), map[i18n.Locale]string{i18n.ID: "31 Agustus 2026", i18n.EN: "31 August 2026"}[lang])
	if n := p.count(sec + ` [data-testid="activity-waiting"]`); n != 0 {
		p.t.Errorf("%s: a visitor sees %d counts of reports waiting", p.who, n)
	}
	link := sec + ` [data-testid="monitoring-link"]`
	if got := p.attr(link, "href"); got != string(views.MonitoringURL()) {
		p.t.Errorf("%s: the section's programme link is %q", p.who, got)
	}
	p.follow(link, "the programme page from the agreement")
	p.expect("the programme page", p.text("h1"), lang.T("monpub.title"))
}

// acceptWaitingReport finds the overdue milestone and the waiting rice report on the
// dashboard, opens the report from there and accepts it. It returns the office page of the
// report's agreement.
func (p *person) acceptWaitingReport(lang i18n.Locale) (agreement string) {
	p.t.Helper()
	if p.path() != string(views.OfficeURL())+"?lang="+string(lang) && p.path() != string(views.OfficeURL()) {
		p.visit(string(views.OfficeURL()), "the dashboard")
	}
	p.expect("the overdue heading", p.text("#h-overdue"), lang.T("monitoring_office.overdue_heading"))
	p.expect("the overdue milestone", p.text(`[data-testid="overdue-activities"]`), "Kajian bersama rantai pasok sapi")
	p.expect("the waiting report", p.text(`[data-testid="waiting-reports"]`), "Pasokan beras medium dan premium")
	p.expect("the waiting report's region", p.text(`[data-testid="waiting-reports"]`), "Kalimantan Barat")
	agreement = p.attr(`[data-testid="waiting-reports"] .item-sub a`, "href")
	if !strings.HasPrefix(agreement, string(views.OfficeAgreementsURL())+"/") {
		p.t.Fatalf("%s: the waiting report's agreement is at %q", p.who, agreement)
	}
	p.follow(`[data-testid="waiting-reports"] h3 a`, "the waiting report")
	p.expect("the report's state", p.text(`[data-testid="report-state"]`), lang.T("report.state.submitted"))
	p.expect("the report's quantity", p.text(`[data-testid="quantity"]`), map[i18n.Locale]string{i18n.ID: "470,5", i18n.EN: "470.5"}[lang])
	if p.count(`[data-testid="return-form"] textarea`) != 1 {
		p.t.Errorf("%s: no form to return the report with a note", p.who)
	}
	p.follow(`[data-testid="accept-form"] button`, "the report accepted")
	p.expect("accepted", p.text(`[data-testid="flash"]`), lang.T("flash.report_accepted"))
	p.expect("the report's state", p.text(`[data-testid="report-state"]`), lang.T("report.state.accepted"))
	if n := p.count(`[data-testid="review"]`); n != 0 {
		p.t.Errorf("%s: an accepted report still offers its review", p.who)
	}
	p.visit(string(views.OfficeURL()), "the dashboard after the acceptance")
	if n := p.count(`[data-testid="waiting-reports"]`); n != 0 {
		p.t.Errorf("%s: the dashboard still lists reports waiting: %s", p.who, p.text(`[data-testid="waiting-reports"]`))
	}
	// The office's list of every region's activities, from the area's menu.
	p.follow(`.area-nav a[href="`+string(views.OfficeMonitoringURL())+`"]`, "the office's monitoring")
	p.expect("the office's monitoring heading", p.text("h1"), lang.T("monitoring_office.title"))
	if n := p.count(`[data-testid="activities"] [data-testid="activity"]`); n != 7 {
		p.t.Errorf("%s: the office's monitoring lists %d activities, want the demo's 7", p.who, n)
	}
	return agreement
}

// planActivity opens the agreement's plan on its office page and the form of a new
// activity; an empty submission is refused with a message by each field and the input
// kept; a milestone filled in is saved and listed.
func (p *person) planActivity(lang i18n.Locale, agreement string, vp viewport) {
	p.t.Helper()
	p.visit(agreement, "the agreement's office page")
	p.expect("the plan's heading", p.text(`[data-testid="plan"] h2`), lang.T("plan.heading"))
	planned := p.count(`[data-testid="plan-activities"] [data-testid="activity"]`)
	if planned != 3 {
		p.t.Errorf("%s: %d activities in the plan, want 3", p.who, planned)
	}
	p.follow(`[data-testid="new-activity"]`, "a new activity's form")
	p.expect("the form's heading", p.text("h1"), lang.T("plan.new"))

	// Empty but for a target: refused, each message by its field, the target kept.
	p.setValue("#"+form.FieldTarget, "250")
	p.follow(`[data-testid="activity-form"] [data-testid="save"]`, "the empty activity refused")
	p.expect("the form's alert", p.text(`[data-testid="form-alert"]`), lang.T("form.has_errors"))
	for field, message := range map[string]string{
		form.FieldTitle:  lang.T("error.required"),
		form.FieldSector: lang.T("error.activity_sector"),
		form.FieldRegion: lang.T("error.not_a_party"),
	} {
		if got := p.attr("#"+field, "aria-invalid"); got != "true" {
			p.t.Errorf("%s: the empty field %s is aria-invalid=%q", p.who, field, got)
		}
		p.expect("the field "+field+" described by its message", p.attr("#"+field, "aria-describedby"), field+"-error")
		if p.count("#"+field+"-error") != 1 {
			p.t.Errorf("%s: no message by the field %s", p.who, field)
			continue
		}
		p.expect("the message by "+field, p.text("#"+field+"-error"), message)
	}
	if got := p.value("#" + form.FieldTarget); got != "250" {
		p.t.Errorf("%s: the target came back as %q", p.who, got)
	}

	// A milestone filled in.
	title := "Evaluasi bersama pasokan beras " + string(lang) + "-" + vp.name
	p.setValue("#"+form.FieldKind, "milestone")
	p.setValue("#"+form.FieldTitle, title)
	p.setValue("#"+form.FieldSector, "food")
	p.setValue("#"+form.FieldRegion, "61")
	p.clear("#" + form.FieldCommodity)
	p.clear("#" + form.FieldTarget)
	p.setValue("#"+form.FieldDueDate, "2027-06-30")
	p.follow(`[data-testid="activity-form"] [data-testid="save"]`, "the milestone saved")
	if p.count(`[data-testid="form-alert"]`) > 0 {
		p.t.Fatalf("%s: the milestone was refused: %s; %v", p.who, p.text(`[data-testid="form-alert"]`), p.texts(".field-error"))
	}
	p.expect("saved", p.text(`[data-testid="flash"]`), lang.T("flash.activity_saved"))
	if n := p.count(`[data-testid="plan-activities"] [data-testid="activity"]`); n != planned+1 {
		p.t.Errorf("%s: %d activities in the plan after adding one, were %d", p.who, n, planned)
	}
	p.expect("the milestone listed", p.text(`[data-testid="plan-activities"]`), title)
}

// correctReturnedReport finds the returned beef report with its note among the region's
// activities, corrects its quantity and resubmits it; the report waits for review again.
// Then it opens the form of a new report on the same supply activity.
func (p *person) correctReturnedReport(lang i18n.Locale, quantity, shown string) {
	p.t.Helper()
	if p.count(`[data-testid="inbox-activities-link"]`) > 0 {
		p.follow(`[data-testid="inbox-activities-link"]`, "the region's activities")
	} else {
		p.visit(string(views.InboxActivitiesURL()), "the region's activities")
	}
	if p.path() != string(views.InboxActivitiesURL()) {
		p.t.Errorf("%s: the activities are at %s", p.who, p.path())
	}
	p.expect("the page's heading", p.text("h1"), lang.T("monitoring_office.inbox_title"))
	for _, r := range p.texts(`[data-testid="activity"] [data-testid="region"]`) {
		if !strings.Contains(r, "Kolaka") {
			p.t.Errorf("%s: an activity of %q in Kolaka's list", p.who, r)
		}
	}
	returned := `[data-testid="returned"]`
	if p.count(returned) != 1 {
		p.t.Fatalf("%s: %d returned reports listed, want the demo's one", p.who, p.count(returned))
	}
	p.expect("the official's note", p.text(returned+` [data-testid="review-note"]`), "Volume berbeda dengan berita acara penerimaan")
	beef := run(p, "find the beef activity", chromedp.Evaluate[string](`(Array.from(document.querySelectorAll("[data-testid=activity]")).find(a => a.textContent.includes("Pasokan daging sapi dari Kolaka")) || {dataset: {}}).dataset.id || ""`))
	if beef == "" {
		p.t.Fatalf("%s: no beef activity in Kolaka's list", p.who)
	}

	p.follow(returned+` [data-testid="correct-report"]`, "the returned report's correction")
	p.expect("the form's heading", p.text("h1"), lang.T("report.correct"))
	p.expect("the official's note on the form", p.text(`[data-testid="review-note"]`), "Volume berbeda")
	if got := p.value("#" + form.FieldQuantity); got == "" {
		p.t.Errorf("%s: the returned quantity is not filled in", p.who)
	}
	p.setValue("#"+form.FieldQuantity, quantity)
	p.follow(`[data-testid="report-form"] [data-testid="submit"]`, "the corrected report resubmitted")
	if p.count(`[data-testid="form-alert"]`) > 0 {
		p.t.Fatalf("%s: the correction was refused: %s; %v", p.who, p.text(`[data-testid="form-alert"]`), p.texts(".field-error"))
	}
	p.expect("resubmitted", p.text(`[data-testid="flash"]`), lang.T("flash.report_resubmitted"))
	p.expect("the report's state", p.text(`[data-testid="report-state"]`), lang.T("report.state.submitted"))
	p.expect("the corrected quantity", p.text(`[data-testid="quantity"]`), shown)
	if n := p.count(`[data-testid="correct-report"]`); n != 0 {
		p.t.Errorf("%s: a report waiting for review still offers its correction", p.who)
	}
	// The activity's page lists it among its reports, waiting.
	p.follow(`main .lead a`, "the beef activity")
	if got := p.path(); got != string(views.ActivityURL(uint(atoi(p.t, beef)))) {
		p.t.Errorf("%s: the report's activity link led to %s", p.who, got)
	}
	states := strings.Join(p.texts(`[data-testid="reports"] [data-testid="report-state"]`), "|")
	if strings.Count(states, lang.T("report.state.accepted")) != 9 || strings.Count(states, lang.T("report.state.submitted")) != 1 || strings.Contains(states, lang.T("report.state.returned")) {
		p.t.Errorf("%s: the beef activity's reports are %s; want 9 accepted and 1 waiting", p.who, states)
	}

	// A new report on the supply activity: its form renders with a supply's fields.
	p.visit(string(views.InboxActivitiesURL()), "the region's activities again")
	if n := p.count(`[data-testid="returned"]`); n != 0 {
		p.t.Errorf("%s: the resubmitted report is still listed as returned", p.who)
	}
	id := atoi(p.t, beef)
	link := `[data-testid="activity"][data-id="` + beef + `"] [data-testid="new-report"]`
	if got := p.attr(link, "href"); got != string(views.NewReportURL(uint(id))) {
		p.t.Errorf("%s: the beef activity's new report link is %q", p.who, got)
	}
	p.follow(link, "a new supply report's form")
	p.expect("the form's heading", p.text("h1"), lang.T("report.new"))
	for _, f := range []string{form.FieldPeriodStart, form.FieldPeriodEnd, form.FieldCommodity, form.FieldQuantity, form.FieldUnit, form.FieldFromRegion, form.FieldDestination, form.FieldNote} {
		if p.count("#"+f) != 1 {
			p.t.Errorf("%s: the supply report's form has no field %s", p.who, f)
		}
	}
}

// clear empties a field (chromedp's SetValue will not set an empty value).
func (p *person) clear(sel string) {
	p.t.Helper()
	p.do("clear "+sel, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%s).value = ""`, strconv.Quote(sel))))
}

// atoi is a number a page shows, or the test stops.
func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return n
}
