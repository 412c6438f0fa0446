package handlers_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/xuri/excelize/v2"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

// openDataBase is where the test portals say they are reached.
var openDataBase = &url.URL{Scheme: "https", Host: "ksd.example.go.id"}

// registerFixture adds to a demo database agreements in every term state, and agreements
// the public must never see, each titled "RAHASIA ...", one of them published once and
// taken back; a demo agreement signed at the demo event is taken back too. It returns the
// IDs of every agreement that is not published.
func registerFixture(t *testing.T, s *models.Store) (hidden []uint) {
	t.Helper()
	ctx := context.Background()
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Kerja sama lama", Partner: "53", Signed: models.Date(2020, 1, 1)})
	ended := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Kerja sama yang diakhiri", Partner: "13", Signed: models.Date(2024, 6, 1), Sectors: []string{"trade", "food"}})
	if err := s.Terminate(ctx, models.System, ended, models.TerminationInput{Date: models.Date(2025, 6, 1), Reason: "Kesepakatan para pihak", Revision: models.AnyRevision}); err != nil {
		t.Fatal(err)
	}
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed, modeltest.Signed, modeltest.Published} {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "RAHASIA tahap " + strconv.Itoa(int(stage)), Partner: "61", Stage: stage})
		if stage == modeltest.Published {
			if err := s.Unpublish(ctx, models.System, id, models.AnyRevision); err != nil {
				t.Fatal(err)
			}
		}
		hidden = append(hidden, id)
	}
	events, _, err := s.EventRecords(ctx)
	if err != nil || len(events) == 0 || len(events[0].Agreements) < 2 {
		t.Fatalf("the demo event's agreements: %v", err)
	}
	signedThere := events[0].Agreements[0].ID
	if err := s.Unpublish(ctx, models.System, signedThere, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	for _, status := range []models.Status{models.StatusDraft, models.StatusInReview, models.StatusAgreed, models.StatusSigned, models.StatusTerminated} {
		list, err := s.AgreementsByStatus(ctx, status)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range list {
			if !a.Published && !slices.Contains(hidden, a.ID) {
				hidden = append(hidden, a.ID)
			}
		}
	}
	if !slices.Contains(hidden, signedThere) {
		t.Fatal("the unpublished demo agreement is not among the hidden")
	}
	return hidden
}

func newOpenDataServer(t *testing.T, perPage int) (*server, []uint) {
	t.Helper()
	s := newServer(t, handlers.Config{PerPage: perPage, BaseURL: openDataBase})
	return s, registerFixture(t, s.store)
}

// listedIDs walks the public list's pages from a query and gives the agreements it shows,
// in order, with each row's term state and end date.
func listedIDs(t *testing.T, s *server, query string) (ids []uint, rows []*goquery.Selection) {
	t.Helper()
	next := "/agreements?" + query
	for range 100 {
		rec, doc := s.get(t, next)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d", next, rec.Code)
		}
		doc.Find(`[data-testid="agreement-item"]`).Each(func(_ int, row *goquery.Selection) {
			id, err := strconv.ParseUint(row.AttrOr("data-id", ""), 10, 32)
			if err != nil {
				t.Fatalf("row without its id: %v", err)
			}
			ids = append(ids, uint(id))
			rows = append(rows, row)
		})
		href, ok := doc.Find(`nav.pager a[rel="next"]`).Attr("href")
		if !ok {
			return ids, rows
		}
		next = href
	}
	t.Fatal("the list does not end")
	return nil, nil
}

// The list filters by term state on the store's today, exactly as the models' rule says,
// in every order; each row says whether it is in force and until when. A state or order
// no form offers is a bad request.
func TestAgreementListTermStateAndOrder(t *testing.T) {
	s, _ := newOpenDataServer(t, 100)
	ctx := context.Background()
	today := s.store.Today()
	all, err := s.store.PublishedAgreements(ctx, models.AgreementFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[uint]models.Agreement{}
	for _, a := range all.Items {
		byID[a.ID] = a
	}
	counts := map[string]int{}
	for _, state := range []string{"", "active", "ended", "terminated", "upcoming"} {
		var want []uint
		for _, a := range all.Items {
			if state == "" || form.TermStateValue(a.TermState(today)) == state {
				want = append(want, a.ID)
			}
		}
		got, rows := listedIDs(t, s, "state="+state)
		slices.Sort(want)
		sorted := slices.Sorted(slices.Values(got))
		if !slices.Equal(sorted, want) {
			t.Errorf("state %q: listed %v, want %v", state, sorted, want)
		}
		counts[state] = len(got)
		for i, row := range rows {
			a := byID[got[i]]
			term := row.Find(`[data-testid="term-state"]`)
			if term.AttrOr("data-state", "") != string(a.TermState(today)) || text(term) != i18n.ID.T("term."+string(a.TermState(today))) {
				t.Errorf("agreement %d: term %q %q, want %s", a.ID, term.AttrOr("data-state", ""), text(term), a.TermState(today))
			}
			end := row.Find(`[data-testid="term-end"]`)
			if end.AttrOr("datetime", "") != a.EndDate.Format(time.DateOnly) || text(end) != i18n.ID.Date(a.EndDate) {
				t.Errorf("agreement %d: end %q %q, want %s", a.ID, end.AttrOr("datetime", ""), text(end), a.EndDate.Format(time.DateOnly))
			}
		}
	}
	if counts["active"] == 0 || counts["ended"] == 0 || counts["terminated"] == 0 || counts["active"] == counts[""] {
		t.Errorf("the fixture cannot show the filter works: %v", counts)
	}

	orders := map[string][]uint{}
	for _, sort := range []string{"", "newest", "signed", "ends", "title"} {
		want, err := s.store.PublishedAgreements(ctx, models.AgreementFilter{Sort: models.AgreementSort(sort)}, 1000)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := listedIDs(t, s, "sort="+sort)
		if !slices.Equal(got, ids(want.Items)) {
			t.Errorf("sort %q: listed %v, want %v", sort, got, ids(want.Items))
		}
		orders[sort] = got
	}
	titles := make([]string, 0, len(orders["title"]))
	for _, id := range orders["title"] {
		a := byID[id]
		titles = append(titles, strings.ToLower(a.DisplayTitle()))
	}
	if !slices.IsSorted(titles) || slices.Equal(orders["title"], orders[""]) || !slices.Equal(orders[""], orders["newest"]) {
		t.Errorf("orders: %v; titles %q", orders, titles)
	}
	_, doc := s.get(t, "/agreements?state=active&sort=ends")
	if doc.Find(`#f-state option[selected]`).AttrOr("value", "") != "active" || doc.Find(`#f-sort option[selected]`).AttrOr("value", "") != "ends" {
		t.Error("the form does not show the filter and order it lists by")
	}

	for _, q := range []string{"state=expired", "state=Active", "state=all", "sort=random", "sort=title&state=x", "sort=TITLE"} {
		if rec, _ := s.get(t, "/agreements?"+q); rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", q, rec.Code)
		}
	}
}

func ids(items []models.Agreement) []uint {
	out := make([]uint, 0, len(items))
	for _, a := range items {
		out = append(out, a.ID)
	}
	return out
}

// The list links to its files with its filter and order, but not its page: the files hold
// every page.
func TestAgreementListLinksItsFiles(t *testing.T) {
	s, _ := newOpenDataServer(t, 2)
	rec, doc := s.get(t, "/agreements?type=memorandum&sort=title&state=active&page=1")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	want := "sort=title&state=active&type=memorandum"
	for testid, path := range map[string]string{"download-csv": "/agreements.csv", "download-xlsx": "/agreements.xlsx", "download-json": "/agreements.json", "download-parties": "/agreements/parties.csv"} {
		if href := doc.Find(`[data-testid="`+testid+`"]`).AttrOr("href", ""); href != path+"?"+want {
			t.Errorf("%s links to %q, want %q", testid, href, path+"?"+want)
		}
	}
	if got := text(doc.Find(`[data-testid="downloads"] p`).First()); got != "Unduh: CSV · Excel · JSON · CSV para pihak" {
		t.Errorf("downloads say %q", got)
	}
	_, en := s.get(t, "/agreements?lang=en")
	if got := text(en.Find(`[data-testid="downloads"] p`).First()); got != "Download: CSV · Excel · JSON · Parties CSV" {
		t.Errorf("downloads in English say %q", got)
	}
	if href := en.Find(`[data-testid="download-csv"]`).AttrOr("href", ""); href != "/agreements.csv" {
		t.Errorf("the unfiltered list's CSV is %q", href)
	}
}

// readCSVFile checks a CSV file starts with a UTF-8 byte order mark and reads it.
func readCSVFile(t *testing.T, body []byte) (header []string, rows [][]string) {
	t.Helper()
	rest, ok := bytes.CutPrefix(body, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatalf("no byte order mark: %q", body[:min(len(body), 20)])
	}
	records, err := csv.NewReader(bytes.NewReader(rest)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) == 0 {
		t.Fatal("an empty CSV file")
	}
	return records[0], records[1:]
}

// csvColumn gives the cells of a named column.
func csvColumn(t *testing.T, header []string, rows [][]string, name string) []string {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q in %v", name, header)
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r[i])
	}
	return out
}

func getFile(t *testing.T, s *server, path string, header ...string) []byte {
	t.Helper()
	rec := s.do(t, http.MethodGet, path, header...)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: status %d", path, rec.Code)
	}
	return rec.Body.Bytes()
}

// The CSV files hold the agreements the list shows over all its pages, in its order, and
// their parties, agreement by agreement in signing order.
func TestRegisterCSV(t *testing.T) {
	s, _ := newOpenDataServer(t, 2)
	ctx := context.Background()
	today := s.store.Today()
	multiPage := false
	for _, q := range []string{"", "state=active&sort=title", "region=61&sort=ends", "state=terminated", "sector=food&sort=signed", "sector=education"} {
		t.Run(q, func(t *testing.T) {
			listed, _ := listedIDs(t, s, q)
			multiPage = multiPage || len(listed) > 2
			rec := s.do(t, http.MethodGet, "/agreements.csv?"+q)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8; header=present" ||
				rec.Header().Get("Content-Disposition") != `attachment; filename="derap-ksd-agreements.csv"` {
				t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
			}
			header, rows := readCSVFile(t, rec.Body.Bytes())
			if !slices.Equal(header, views.AgreementColumns()) {
				t.Fatalf("header %v", header)
			}
			var got []uint
			for _, id := range csvColumn(t, header, rows, "id") {
				n, _ := strconv.ParseUint(id, 10, 32)
				got = append(got, uint(n))
			}
			if !slices.Equal(got, listed) {
				t.Fatalf("the CSV holds %v, the list %v", got, listed)
			}
			reg, err := s.store.PublishedRegister(ctx, models.AgreementFilter{})
			if err != nil {
				t.Fatal(err)
			}
			agreements := map[uint]models.Agreement{}
			for _, a := range reg.Agreements {
				agreements[a.ID] = a
			}
			var wantParties []string
			for i, id := range got {
				a := agreements[id]
				cell := func(name string) string { return rows[i][slices.Index(header, name)] }
				if cell("identifier") != "derap-ksd-a-"+itoa(id) || cell("title") != a.Title || cell("end_date") != a.EndDate.Format(time.DateOnly) ||
					cell("term_state") != form.TermStateValue(a.TermState(today)) || cell("version_sha256") != reg.Versions[id].ContentHash ||
					cell("url") != "https://ksd.example.go.id/agreements/"+itoa(id) || cell("sectors") != strings.Join(a.SectorKeys(), ";") {
					t.Errorf("row of %d: %v", id, rows[i])
				}
				if _, err := time.Parse(time.RFC3339, cell("published_at")); err != nil {
					t.Errorf("row of %d: published_at %q", id, cell("published_at"))
				}
				for _, p := range a.Parties {
					wantParties = append(wantParties, itoa(id)+"|"+strconv.Itoa(p.Position)+"|"+p.RegionCode+"|"+p.Region.Name+"|confirmed|"+reg.Versions[id].ContentHash)
				}
			}

			rec = s.do(t, http.MethodGet, "/agreements/parties.csv?"+q)
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Disposition") != `attachment; filename="derap-ksd-parties.csv"` {
				t.Fatalf("parties: status %d, headers %v", rec.Code, rec.Header())
			}
			pheader, prows := readCSVFile(t, rec.Body.Bytes())
			if !slices.Equal(pheader, views.PartyColumns()) {
				t.Fatalf("parties header %v", pheader)
			}
			var gotParties []string
			for _, r := range prows {
				cell := func(name string) string { return r[slices.Index(pheader, name)] }
				gotParties = append(gotParties, strings.Join([]string{cell("agreement_id"), cell("position"), cell("region_code"), cell("region_name"), cell("confirmation_status"), cell("confirmed_sha256")}, "|"))
				if _, err := time.Parse(time.RFC3339, cell("confirmed_at")); err != nil || cell("agreement_identifier") != "derap-ksd-a-"+cell("agreement_id") {
					t.Errorf("party row %v", r)
				}
			}
			if !slices.Equal(gotParties, wantParties) {
				t.Errorf("parties\n%v\nwant\n%v", gotParties, wantParties)
			}
		})
	}
	if !multiPage {
		t.Error("no list took more than a page: the files are not shown to hold every page")
	}
}

// The workbook holds the CSV files' rows in its two sheets, with dates as date cells and
// the header row frozen.
func TestRegisterXLSX(t *testing.T) {
	s, _ := newOpenDataServer(t, 2)
	for _, q := range []string{"state=active&sort=title", "", "sector=education"} {
		rec := s.do(t, http.MethodGet, "/agreements.xlsx?"+q)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
			rec.Header().Get("Content-Disposition") != `attachment; filename="derap-ksd-agreements.xlsx"` {
			t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
		}
		f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if sheets := f.GetSheetList(); len(sheets) < 2 || sheets[0] != "agreements" || sheets[1] != "parties" {
			t.Fatalf("sheets %v", sheets)
		}
		for sheet, csvPath := range map[string]string{"agreements": "/agreements.csv?" + q, "parties": "/agreements/parties.csv?" + q} {
			header, want := readCSVFile(t, getFile(t, s, csvPath))
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != len(want)+1 || !slices.Equal(rows[0], header) {
				t.Fatalf("%s %q: %d rows, header %v; the CSV has %d rows", sheet, q, len(rows), rows[0], len(want))
			}
			panes, err := f.GetPanes(sheet)
			if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
				t.Errorf("%s: panes %+v %v", sheet, panes, err)
			}
			if width, _ := f.GetColWidth(sheet, map[string]string{"agreements": "D", "parties": "F"}[sheet]); width < 30 {
				t.Errorf("%s: the title or name column is %v wide", sheet, width)
			}
			dates := 0
			for i, csvRow := range want {
				for j, name := range header {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
					got := ""
					if j < len(rows[i+1]) {
						got = rows[i+1][j]
					}
					isDate, isTime := strings.HasSuffix(name, "_date") || strings.HasSuffix(name, "_on"), strings.HasSuffix(name, "_at")
					if !isDate && !isTime || csvRow[j] == "" {
						if got != csvRow[j] {
							t.Errorf("%s %s (%s): %q, the CSV has %q", sheet, cell, name, got, csvRow[j])
						}
						continue
					}
					raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
					serial, err := strconv.ParseFloat(raw, 64)
					if err != nil {
						t.Errorf("%s %s (%s): %q is no date number", sheet, cell, name, raw)
						continue
					}
					at, _ := excelize.ExcelDateToTime(serial, false)
					style, _ := f.GetCellStyle(sheet, cell)
					format, _ := f.GetStyle(style)
					dates++
					if isDate {
						if at.Format(time.DateOnly) != csvRow[j] || format.CustomNumFmt == nil || *format.CustomNumFmt != "yyyy-mm-dd" || got != csvRow[j] {
							t.Errorf("%s %s (%s): %v shown %q, the CSV has %q", sheet, cell, name, at, got, csvRow[j])
						}
						continue
					}
					want, _ := time.Parse(time.RFC3339, csvRow[j])
					if d := at.Sub(want.UTC()); d < -time.Second || d > time.Second || format.CustomNumFmt == nil || !strings.HasPrefix(*format.CustomNumFmt, "yyyy-mm-dd") {
						t.Errorf("%s %s (%s): %v, the CSV has %s", sheet, cell, name, at, csvRow[j])
					}
				}
			}
			if len(want) > 0 && dates == 0 {
				t.Errorf("%s: no date cells", sheet)
			}
		}
		_ = f.Close()
	}
}

// registerSchema compiles the schema file the repository ships, checking formats.
func registerSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("../views/register.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validJSON(t *testing.T, sch *jsonschema.Schema, path string, body []byte) map[string]any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("%s does not follow the schema: %v", path, err)
	}
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// Every JSON file the portal emits follows the schema the repository ships, which the
// portal serves as it is, and says so; the register's JSON holds the list's agreements in
// its order, with absolute addresses on the portal's own base.
func TestRegisterJSONFollowsTheSchema(t *testing.T) {
	s, hidden := newOpenDataServer(t, 2)
	sch := registerSchema(t)
	schemaURL := "https://ksd.example.go.id/data/register.schema.json"

	shipped, err := os.ReadFile("../views/register.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	rec := s.do(t, http.MethodGet, "/data/register.schema.json")
	if rec.Code != http.StatusOK || !bytes.Equal(rec.Body.Bytes(), shipped) || rec.Header().Get("Content-Type") != "application/schema+json" {
		t.Fatalf("the served schema: status %d, %s, same as shipped: %v", rec.Code, rec.Header().Get("Content-Type"), bytes.Equal(rec.Body.Bytes(), shipped))
	}

	listed, _ := listedIDs(t, s, "")
	paths := []string{"/agreements.json", "/agreements.json?state=active&sort=ends", "/agreements.json?sector=education", "/regions.json", "/events.json"}
	for _, id := range listed {
		paths = append(paths, "/agreements/"+itoa(id)+".json")
	}
	for _, path := range paths {
		rec := s.do(t, http.MethodGet, path)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json" {
			t.Fatalf("%s: status %d, %s", path, rec.Code, rec.Header().Get("Content-Type"))
		}
		doc := validJSON(t, sch, path, rec.Body.Bytes())
		asked, _ := url.Parse("https://ksd.example.go.id" + path)
		uri, _ := url.Parse(doc["uri"].(string))
		if doc["$schema"] != schemaURL || uri.Host != asked.Host || uri.Path != asked.Path || uri.Query().Encode() != asked.Query().Encode() || doc["license"] != "https://creativecommons.org/licenses/by/4.0/" {
			t.Errorf("%s: $schema %v, uri %v, license %v", path, doc["$schema"], doc["uri"], doc["license"])
		}
	}

	for _, q := range []string{"state=active&sort=ends", "sort=title"} {
		listed, _ := listedIDs(t, s, q)
		var filtered struct {
			Agreements []struct {
				ID, URL string
				Term    struct{ InForce string }
			}
		}
		if err := json.Unmarshal(getFile(t, s, "/agreements.json?"+q), &filtered); err != nil {
			t.Fatal(err)
		}
		var got []uint
		for _, a := range filtered.Agreements {
			id, _ := strconv.ParseUint(strings.TrimPrefix(a.ID, "derap-ksd-a-"), 10, 32)
			got = append(got, uint(id))
			if a.URL != "https://ksd.example.go.id/agreements/"+itoa(uint(id)) || (strings.Contains(q, "state=active") && a.Term.InForce != "active") {
				t.Errorf("agreement %s: url %s, in force %q", a.ID, a.URL, a.Term.InForce)
			}
		}
		if !slices.Equal(got, listed) || len(got) < 2 {
			t.Errorf("%s: the JSON holds %v, the list %v", q, got, listed)
		}
	}

	var regions struct{ Regions []map[string]any }
	_ = json.Unmarshal(getFile(t, s, "/regions.json"), &regions)
	profiles := 0
	for _, r := range regions.Regions {
		if _, ok := r["profile"]; ok {
			profiles++
		}
	}
	if len(regions.Regions) != 552 || profiles == 0 {
		t.Errorf("%d regions, %d with a profile", len(regions.Regions), profiles)
	}
	var events struct {
		Events []struct {
			Agreements []struct{ ID string }
			Speakers   []map[string]any
		}
	}
	_ = json.Unmarshal(getFile(t, s, "/events.json"), &events)
	if len(events.Events) == 0 || len(events.Events[0].Agreements) == 0 || len(events.Events[0].Speakers) == 0 {
		t.Fatalf("events %+v", events)
	}
	for _, a := range events.Events[0].Agreements {
		id, _ := strconv.ParseUint(strings.TrimPrefix(a.ID, "derap-ksd-a-"), 10, 32)
		if slices.Contains(hidden, uint(id)) {
			t.Errorf("the event names unpublished agreement %s", a.ID)
		}
	}

	// The check can fail: a term state the schema does not know, a record without its
	// identifier, a field the schema does not name.
	body := getFile(t, s, "/agreements.json")
	for _, spoil := range []func(doc map[string]any){
		func(doc map[string]any) { first(doc)["term"].(map[string]any)["inForce"] = "expired" },
		func(doc map[string]any) { delete(first(doc), "id") },
		func(doc map[string]any) { first(doc)["secret"] = "draft" },
		func(doc map[string]any) { doc["regions"] = []any{} },
	} {
		var doc map[string]any
		_ = json.Unmarshal(body, &doc)
		spoil(doc)
		spoilt, _ := json.Marshal(doc)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(spoilt))
		if sch.Validate(inst) == nil {
			t.Errorf("a spoilt file passes the schema: %.200s", spoilt)
		}
	}
}

func first(doc map[string]any) map[string]any {
	return doc["agreements"].([]any)[0].(map[string]any)
}

// agreementIdentifiers finds every agreement identifier in a file.
var agreementIdentifiers = regexp.MustCompile(`derap-ksd-a-(\d+)`)

// No file holds an agreement that is not published, nor names one, whoever asks; one that
// is not published has no JSON of its own.
func TestOpenDataHoldsPublishedAgreementsOnly(t *testing.T) {
	p := newPortalOn(t, modeltest.NewDemoStore(t), handlers.Config{})
	hidden := registerFixture(t, p.store)
	official := p.browser(t)
	official.login(p.users(t).official.Email, modeltest.Password)
	visitor := p.browser(t)
	files := []string{"/agreements.csv", "/agreements/parties.csv", "/agreements.json", "/agreements.xlsx", "/regions.json", "/events.json",
		"/agreements.csv?region=61", "/agreements.json?region=61&state=active", "/agreements.xlsx?region=61"}
	for _, who := range []*browser{visitor, official} {
		for _, path := range files {
			res := who.get(path)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s: status %d", path, res.StatusCode)
			}
			content := res.body
			if strings.HasSuffix(strings.Split(path, "?")[0], ".xlsx") {
				content = workbookText(t, []byte(res.body))
			}
			if strings.Contains(content, "RAHASIA") {
				t.Errorf("%s holds an unpublished agreement's title", path)
			}
			for _, m := range agreementIdentifiers.FindAllStringSubmatch(content, -1) {
				if id, _ := strconv.ParseUint(m[1], 10, 32); slices.Contains(hidden, uint(id)) {
					t.Errorf("%s names unpublished agreement %s", path, m[0])
				}
			}
		}
		for _, id := range hidden {
			if res := who.get("/agreements/" + itoa(id) + ".json"); res.StatusCode != http.StatusNotFound {
				t.Errorf("/agreements/%d.json: status %d, want 404", id, res.StatusCode)
			}
		}
	}
	if res := visitor.get("/agreements/" + itoa(hidden[0])); res.StatusCode != http.StatusNotFound {
		t.Errorf("the page of unpublished %d: status %d for a visitor", hidden[0], res.StatusCode)
	}
	if res := official.get("/agreements/" + itoa(hidden[0])); res.StatusCode != http.StatusOK {
		t.Errorf("the page of unpublished %d: status %d for an official", hidden[0], res.StatusCode)
	}
}

// workbookText is every cell of a workbook, one per line.
func workbookText(t *testing.T, body []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\n") + "\n")
		}
	}
	return b.String()
}

// Every file may be read by any site's scripts, carries a strong ETag that a conditional
// GET is answered by (304, no body) until the data changes, answers HEAD, and is gzipped
// for those who take it (but the workbook, which is zipped already).
func TestOpenDataHeaders(t *testing.T) {
	s, _ := newOpenDataServer(t, 20)
	one := publishedIDs(t, s.store)[0]
	files := map[string]string{
		"/agreements.csv?state=active": "text/csv; charset=utf-8; header=present", "/agreements/parties.csv": "text/csv; charset=utf-8; header=present",
		"/agreements.xlsx?sort=title": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "/agreements.json": "application/json",
		"/agreements/" + itoa(one) + ".json": "application/json", "/regions.json": "application/json", "/events.json": "application/json",
		"/data/register.schema.json": "application/schema+json",
	}
	for path, contentType := range files {
		t.Run(path, func(t *testing.T) {
			rec := s.do(t, http.MethodGet, path)
			etag := rec.Header().Get("ETag")
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != contentType || rec.Header().Get("Access-Control-Allow-Origin") != "*" ||
				!regexp.MustCompile(`^"[0-9a-f]{32}"$`).MatchString(etag) {
				t.Fatalf("status %d, headers %v", rec.Code, rec.Header())
			}
			// The file is kept (it costs far more to make than a page) with what the
			// handler said of it, until the data changes (below).
			if got := rec.Header().Get("X-Cache"); got != "miss" {
				t.Errorf("first request: X-Cache %q", got)
			}
			kept := s.do(t, http.MethodGet, path)
			for _, name := range []string{"X-Cache", "Content-Type", "Content-Disposition", "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "ETag"} {
				want := rec.Header().Get(name)
				if name == "X-Cache" {
					want = "hit"
				}
				if got := kept.Header().Get(name); got != want {
					t.Errorf("kept copy: %s %q, want %q", name, got, want)
				}
			}
			if !bytes.Equal(kept.Body.Bytes(), rec.Body.Bytes()) {
				t.Error("the kept copy differs")
			}
			again := s.do(t, http.MethodGet, path, "If-None-Match", etag)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 || again.Header().Get("ETag") != etag || again.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("conditional GET: status %d, %d bytes, headers %v", again.Code, again.Body.Len(), again.Header())
			}
			if other := s.do(t, http.MethodGet, path, "If-None-Match", `"0123"`); other.Code != http.StatusOK {
				t.Errorf("another ETag: status %d", other.Code)
			}
			if head := s.do(t, http.MethodHead, path); head.Code != http.StatusOK || head.Header().Get("ETag") != etag {
				t.Errorf("HEAD: status %d, ETag %q", head.Code, head.Header().Get("ETag"))
			}
			zipped := s.do(t, http.MethodGet, path, "Accept-Encoding", "gzip")
			body := zipped.Body.Bytes()
			if zipped.Header().Get("Content-Encoding") == "gzip" {
				r, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				body, _ = io.ReadAll(r)
			} else if !strings.Contains(path, ".xlsx") {
				t.Error("not gzipped")
			}
			if !bytes.Equal(body, rec.Body.Bytes()) {
				t.Error("the gzipped file differs")
			}
		})
	}
	if rec := s.do(t, http.MethodGet, "/agreements.csv?state=whatever"); rec.Code != http.StatusBadRequest {
		t.Errorf("a state no form offers: status %d", rec.Code)
	}
	if rec := s.do(t, http.MethodGet, "/agreements/999999.json"); rec.Code != http.StatusNotFound {
		t.Errorf("no such agreement: status %d", rec.Code)
	}

	// A change to the data is a new file with a new ETag.
	before := s.do(t, http.MethodGet, "/agreements.json").Header().Get("ETag")
	if err := s.store.Terminate(context.Background(), models.System, one, models.TerminationInput{Date: s.store.Today(), Reason: "Uji", Revision: models.AnyRevision}); err != nil {
		t.Fatal(err)
	}
	if after := s.do(t, http.MethodGet, "/agreements.json", "If-None-Match", before); after.Code != http.StatusOK || after.Header().Get("ETag") == before ||
		after.Header().Get("X-Cache") != "miss" || !strings.Contains(after.Body.String(), `"terminated"`) {
		t.Errorf("after a termination: status %d, ETag %q, X-Cache %q", after.Code, after.Header().Get("ETag"), after.Header().Get("X-Cache"))
	}
}

// The register's JSON holds each published agreement's plan and, of each activity, the
// accepted reports only: on the demo, every activity's accepted total and its reports'
// quantities equal the database's sums of accepted reports, and no submitted or returned
// report (nor any report of an unpublished agreement) appears; the file follows the schema.
func TestRegisterJSONHoldsAcceptedRealisations(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: openDataBase})
	sch := registerSchema(t)
	body := getFile(t, s, "/agreements.json")
	validJSON(t, sch, "/agreements.json", body)
	var file struct {
		Agreements []struct {
			ID         string
			Activities []struct {
				ID, Kind, Unit string
				Target         *json.Number
				Accepted       *json.Number
				Reports        []struct {
					ID         string
					Quantity   *json.Number
					Unit       string
					Attendance []struct{ Region string }
				}
			}
		}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&file); err != nil {
		t.Fatal(err)
	}
	// The database's own sums, in thousandths, of the accepted reports of published agreements.
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s.store))
	rows, err := db.Query(`SELECT r.activity_id, COUNT(*), SUM(r.quantity) FROM activity_reports r JOIN agreements a ON a.id = r.agreement_id
		WHERE r.state = 'accepted' AND a.published = TRUE GROUP BY r.activity_id`)
	if err != nil {
		t.Fatal(err)
	}
	type sum struct{ n, total int64 }
	want := map[string]sum{}
	for rows.Next() {
		var id uint
		var v sum
		if err := rows.Scan(&id, &v.n, &v.total); err != nil {
			t.Fatal(err)
		}
		want[views.ActivityIdentifier(id)] = v
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	thousandths := func(n *json.Number) int64 {
		t.Helper()
		if n == nil {
			return 0
		}
		r, ok := new(big.Rat).SetString(n.String())
		if !ok {
			t.Fatalf("quantity %q", n)
		}
		r.Mul(r, big.NewRat(models.QuantityScale, 1))
		if !r.IsInt() {
			t.Fatalf("quantity %q has more than three decimals", n)
		}
		return r.Num().Int64()
	}
	listed := map[string]bool{}
	activities, reports, training := 0, 0, 0
	for _, a := range file.Agreements {
		for _, act := range a.Activities {
			activities++
			var got sum
			for _, r := range act.Reports {
				listed[r.ID] = true
				got.n++
				got.total += thousandths(r.Quantity)
				if act.Unit != "" && r.Unit != act.Unit {
					t.Errorf("%s: a report in %q of an activity in %q", r.ID, r.Unit, act.Unit)
				}
				if len(r.Attendance) > 0 {
					training++
				}
			}
			reports += int(got.n)
			if w := want[act.ID]; got != w {
				t.Errorf("%s: %d reports totalling %d thousandths, the database has %d totalling %d", act.ID, got.n, got.total, w.n, w.total)
			}
			if act.Unit != "" && thousandths(act.Accepted) != want[act.ID].total {
				t.Errorf("%s: accepted %v, the database sums %d thousandths", act.ID, act.Accepted, want[act.ID].total)
			}
			delete(want, act.ID)
		}
	}
	if len(want) != 0 {
		t.Errorf("activities with accepted reports missing from the file: %v", want)
	}
	if activities == 0 || reports == 0 || training == 0 {
		t.Fatalf("the demo's file holds %d activities, %d reports, %d with attendance", activities, reports, training)
	}
	// No report waiting for review or returned is published.
	rows, err = db.Query(`SELECT id, state FROM activity_reports WHERE state <> 'accepted'`)
	if err != nil {
		t.Fatal(err)
	}
	unaccepted := 0
	for rows.Next() {
		var id uint
		var state string
		if err := rows.Scan(&id, &state); err != nil {
			t.Fatal(err)
		}
		unaccepted++
		if listed[views.ReportIdentifier(id)] {
			t.Errorf("the file holds %s report %d", state, id)
		}
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if unaccepted == 0 {
		t.Error("the demo has no report waiting or returned to check")
	}
	// One agreement's file holds the same plan; the schema refuses a report's state, an
	// unknown unit and a quantity with more than three decimals.
	reportIDs := func(b []byte, agreement string) []string {
		var doc struct {
			Agreements []struct {
				ID         string
				Activities []struct{ Reports []struct{ ID string } }
			}
			Agreement *struct {
				ID         string
				Activities []struct{ Reports []struct{ ID string } }
			}
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Agreement != nil {
			doc.Agreements = append(doc.Agreements, *doc.Agreement)
		}
		var ids []string
		for _, a := range doc.Agreements {
			if a.ID != agreement {
				continue
			}
			for _, act := range a.Activities {
				for _, r := range act.Reports {
					ids = append(ids, r.ID)
				}
			}
		}
		return ids
	}
	checked := 0
	for _, a := range file.Agreements {
		id := strings.TrimPrefix(a.ID, "derap-ksd-a-")
		one := getFile(t, s, "/agreements/"+id+".json")
		validJSON(t, sch, "/agreements/"+id+".json", one)
		if got, want := reportIDs(one, a.ID), reportIDs(body, a.ID); !slices.Equal(got, want) {
			t.Errorf("/agreements/%s.json holds reports %v, the register %v", id, got, want)
		}
		if len(a.Activities) > 0 {
			checked++
		}
	}
	if checked == 0 {
		t.Error("no published agreement has a plan")
	}
	for _, spoil := range []func(act map[string]any){
		func(act map[string]any) { act["reports"].([]any)[0].(map[string]any)["state"] = "submitted" },
		func(act map[string]any) { act["unit"] = "kilogram" },
		func(act map[string]any) { act["reports"].([]any)[0].(map[string]any)["quantity"] = 1.0005 },
		func(act map[string]any) { act["id"] = "derap-ksd-a-1" },
	} {
		var doc map[string]any
		_ = json.Unmarshal(body, &doc)
		spoilt := false
		for _, a := range doc["agreements"].([]any) {
			for _, act := range a.(map[string]any)["activities"].([]any) {
				if act := act.(map[string]any); len(act["reports"].([]any)) > 0 && !spoilt {
					spoil(act)
					spoilt = true
				}
			}
		}
		b, _ := json.Marshal(doc)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if !spoilt || sch.Validate(inst) == nil {
			t.Errorf("a spoilt plan passes the schema (spoilt: %v)", spoilt)
		}
	}
}

// The open-data page documents every member of a plan's activities and of their accepted
// reports, as the writers list them, in both languages; every member the demo's files
// hold is among them.
func TestDataPageDocumentsPlans(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: openDataBase})
	var file struct {
		Agreements []struct {
			Activities []map[string]json.RawMessage
		}
	}
	if err := json.Unmarshal(getFile(t, s, "/agreements.json"), &file); err != nil {
		t.Fatal(err)
	}
	present := map[string]map[string]bool{"json-activities": {}, "json-reports": {}}
	for _, a := range file.Agreements {
		for _, act := range a.Activities {
			for name := range act {
				present["json-activities"][name] = true
			}
			var reports []map[string]json.RawMessage
			_ = json.Unmarshal(act["reports"], &reports)
			for _, r := range reports {
				for name := range r {
					present["json-reports"][name] = true
				}
			}
		}
	}
	tables := map[string][]views.ColumnDoc{"json-activities": views.ActivityFieldDocs(), "json-reports": views.ReportFieldDocs()}
	for _, locale := range []i18n.Locale{i18n.ID, i18n.EN} {
		_, doc := s.get(t, "/data?lang="+string(locale))
		for testid, docs := range tables {
			table := doc.Find(`section#plans table[data-testid="` + testid + `"]`)
			if table.Length() != 1 {
				t.Fatalf("%s: no table %s", locale, testid)
			}
			var names []string
			table.Find("tbody tr").Each(func(i int, row *goquery.Selection) {
				names = append(names, text(row.Find("th code")))
				for j, key := range []string{docs[i].Type, docs[i].Description} {
					if got := text(row.Find("td").Eq(j)); got != locale.T(key) || got == "" || strings.HasPrefix(got, "opendata.") {
						t.Errorf("%s %s %s: %q", locale, testid, docs[i].Name, got)
					}
				}
			})
			want := make([]string, 0, len(docs))
			for _, d := range docs {
				want = append(want, d.Name)
			}
			if !slices.Equal(names, want) {
				t.Errorf("%s %s documents %v, the writer %v", locale, testid, names, want)
			}
			for name := range present[testid] {
				if !slices.Contains(names, name) {
					t.Errorf("%s: the files' member %s is not documented", testid, name)
				}
			}
		}
	}
}
