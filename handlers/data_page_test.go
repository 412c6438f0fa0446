package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/xuri/excelize/v2"

	"derap/handlers"
	"derap/views"
	"derap/views/i18n"
)

// The open-data page links every file the portal offers, says under which licences and
// how current they are, and gives examples to copy with the portal's own address; in
// both languages. The footer of every page and the about page's data section lead to it.
func TestDataPage(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	latest, err := s.store.RecentlyPublished(context.Background(), 1)
	if err != nil || len(latest) != 1 {
		t.Fatalf("the most recently published agreement: %v", err)
	}
	files := []string{
		"/agreements.csv", "/agreements/parties.csv", "/agreements.xlsx", "/agreements.json",
		"/regions.json", "/events.json", "/data/register.schema.json", "/agreements.atom", "/events.atom", "/sitemap.xml",
		"/audit/checkpoints.json", "/audit/checkpoints.atom",
		"/monitoring/supply.csv", "/monitoring/training.csv", "/monitoring/exchanges.csv",
	}
	for _, tt := range []struct {
		target, h1, licence, attribution string
	}{
		{"/data", "Data terbuka", "Creative Commons Atribusi 4.0", "Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD"},
		{"/data?lang=en", "Open data", "Creative Commons Attribution 4.0", "Biro Kerja Sama Daerah Provinsi DKI Jakarta, portal Derap KSD"},
	} {
		t.Run(tt.target, func(t *testing.T) {
			rec, doc := s.get(t, tt.target)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			if v := htmlRuleViolations(rec.Body.String()); len(v) != 0 {
				t.Errorf("the page breaks the HTML checker's rules: %q", v)
			}
			if got := text(doc.Find("h1")); got != tt.h1 {
				t.Errorf("h1 %q, want %q", got, tt.h1)
			}
			table := doc.Find(`[data-testid="data-files"]`)
			for _, f := range files {
				if table.Find(`a[href="`+f+`"]`).Length() != 1 {
					t.Errorf("%s is not linked", f)
				}
			}
			// One agreement as JSON: the pattern, linked to the example of a published one.
			one := table.Find(`[data-testid="file-agreement-json"] a`)
			if text(one) != "/agreements/{id}.json" || one.AttrOr("href", "") == "" || !strings.HasPrefix(one.AttrOr("href", ""), "/agreements/") {
				t.Errorf("one agreement's JSON: %q → %q", text(one), one.AttrOr("href", ""))
			}
			if table.Find("li").Length() != len(files)+1 {
				t.Errorf("%d files listed, want %d", table.Find("li").Length(), len(files)+1)
			}
			licences := doc.Find(`[data-testid="data-licences"]`)
			if !strings.Contains(text(licences), tt.licence) || !strings.Contains(text(licences), "ODbL") {
				t.Errorf("licences: %s", text(licences))
			}
			if text(licences.Find(`[data-testid="register-attribution"]`)) != tt.attribution {
				t.Errorf("attribution %q", text(licences.Find(`[data-testid="register-attribution"]`)))
			}
			if licences.Find(`a[rel="license"][href="https://creativecommons.org/licenses/by/4.0/"]`).Length() != 1 || licences.Find(`a[href="/about#data"]`).Length() != 1 {
				t.Error("the licences are not linked")
			}
			for _, param := range []string{"sector", "region", "type", "year", "state", "sort"} {
				if doc.Find(`[data-testid="data-filters"] dt code:contains("`+param+`")`).Length() != 1 {
					t.Errorf("the filter %s is not described", param)
				}
			}
			if doc.Find(`#columns table`).Length() != 2 {
				t.Error("the columns of the tables are not documented")
			}
			examples := doc.Find(`[data-testid="data-examples"] pre code`)
			if examples.Length() < 5 {
				t.Fatalf("%d examples", examples.Length())
			}
			var commands []string
			for i := range examples.Length() {
				cmd := examples.Eq(i).Text()
				commands = append(commands, cmd)
				if !strings.HasPrefix(cmd, "curl ") || !strings.Contains(cmd, "'https://ksd.example.go.id/") {
					t.Errorf("example %q does not fetch from the portal's address", cmd)
				}
			}
			all := strings.Join(commands, "\n")
			for _, want := range []string{"/agreements.csv?sector=food&state=active", "/agreements/" + itoa(latest[0].ID) + ".json", "If-None-Match"} {
				if !strings.Contains(all, want) {
					t.Errorf("no example with %s:\n%s", want, all)
				}
			}
		})
	}
	for _, target := range []string{"/", "/agreements", "/about"} {
		if _, doc := s.get(t, target); doc.Find(`footer a[href="/data"]`).Length() != 1 {
			t.Errorf("%s: the footer does not link the open-data page", target)
		}
	}
	if _, doc := s.get(t, "/about"); doc.Find(`[data-testid="data-licence"] a[href="/data"]`).Length() != 1 {
		t.Error("the about page's data section does not link the open-data page")
	}
}

// Every column of the register's tables has a type and a description in both languages:
// their keys are made from the columns at run time, out of the catalog test's sight.
func TestDataColumnsCatalog(t *testing.T) {
	for _, table := range []struct {
		name    string
		docs    []views.ColumnDoc
		columns []string
	}{
		{"agreements", views.AgreementColumnDocs(), views.AgreementColumns()},
		{"parties", views.PartyColumnDocs(), views.PartyColumns()},
	} {
		if got := columnDocNames(table.docs); !slices.Equal(got, table.columns) {
			t.Errorf("%s: documented %v, the files have %v", table.name, got, table.columns)
		}
		descriptions := map[string]string{}
		for _, c := range table.docs {
			for _, key := range []string{c.Type, c.Description} {
				if !i18n.Has(key) {
					t.Errorf("%s.%s: the catalog lacks %q", table.name, c.Name, key)
					continue
				}
				for _, l := range i18n.Locales {
					if strings.TrimSpace(l.T(key)) == "" {
						t.Errorf("%s.%s: %q is empty in %s", table.name, c.Name, key, l)
					}
				}
			}
			if other, ok := descriptions[c.Description]; ok {
				t.Errorf("%s: %s and %s share the description %q", table.name, other, c.Name, c.Description)
			}
			descriptions[c.Description] = c.Name
		}
	}
}

func columnDocNames(docs []views.ColumnDoc) []string {
	names := make([]string, 0, len(docs))
	for _, c := range docs {
		names = append(names, c.Name)
	}
	return names
}

// The open-data page documents every column of the CSV files and the workbook's sheets,
// in their order, each with its type and description, in both languages, in tables that
// become cards on phones; the files' header rows are the documented lists. It names the
// JSON Schema as the reference for the JSON files and their every top-level field.
func TestDataPageColumns(t *testing.T) {
	s := newServer(t, handlers.Config{BaseURL: feedBase})
	latest, err := s.store.RecentlyPublished(context.Background(), 1)
	if err != nil || len(latest) != 1 {
		t.Fatalf("the most recently published agreement: %v", err)
	}
	tables := []struct {
		testid, csv, sheet string
		docs               []views.ColumnDoc
	}{
		{"columns-agreements", "/agreements.csv", "agreements", views.AgreementColumnDocs()},
		{"columns-parties", "/agreements/parties.csv", "parties", views.PartyColumnDocs()},
	}
	workbook, err := excelize.OpenReader(bytes.NewReader(getFile(t, s, "/agreements.xlsx")))
	if err != nil {
		t.Fatal(err)
	}
	defer workbook.Close()
	jsonFields := map[string]bool{}
	for _, path := range []string{"/agreements.json", "/agreements/" + itoa(latest[0].ID) + ".json", "/regions.json", "/events.json"} {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(getFile(t, s, path), &fields); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for name := range fields {
			jsonFields[name] = true
		}
	}
	for _, tt := range []struct {
		target string
		locale i18n.Locale
	}{
		{"/data", i18n.ID},
		{"/data?lang=en", i18n.EN},
	} {
		t.Run(tt.target, func(t *testing.T) {
			rec, doc := s.get(t, tt.target)
			if rec.Code != 200 {
				t.Fatalf("status %d", rec.Code)
			}
			section := doc.Find(`section#columns`)
			for _, table := range tables {
				el := section.Find(`.table-scroll[role="region"] > table.cards[data-testid="` + table.testid + `"]`)
				if el.Length() != 1 {
					t.Fatalf("no table %s in a scrolling region", table.testid)
				}
				caption := el.Find("caption")
				if !strings.Contains(text(caption), table.csv) || el.Parent().AttrOr("aria-labelledby", "") != caption.AttrOr("id", "-") {
					t.Errorf("%s: caption %q does not name %s and label its region", table.testid, text(caption), table.csv)
				}
				if n := el.Find(`thead th[scope="col"]`).Length(); n != 3 {
					t.Errorf("%s: %d column headers", table.testid, n)
				}
				var documented []string
				el.Find("tbody tr").Each(func(i int, row *goquery.Selection) {
					name := text(row.Find(`th[scope="row"] > code`))
					documented = append(documented, name)
					if i >= len(table.docs) {
						return
					}
					c := table.docs[i]
					cells := row.Find("td")
					if cells.Length() != 2 {
						t.Errorf("%s %s: %d cells", table.testid, name, cells.Length())
						return
					}
					for j, want := range []string{tt.locale.T(c.Type), tt.locale.T(c.Description)} {
						cell := cells.Eq(j)
						if got := text(cell); got != want || got == "" || strings.HasPrefix(got, "opendata.") {
							t.Errorf("%s %s: cell %d %q, want %q", table.testid, name, j+1, got, want)
						}
						if cell.AttrOr("data-label", "") == "" {
							t.Errorf("%s %s: cell %d has no data-label for the phone's cards", table.testid, name, j+1)
						}
					}
				})
				if want := columnDocNames(table.docs); !slices.Equal(documented, want) {
					t.Errorf("%s documents %v, want %v", table.testid, documented, want)
				}
				if header, _ := readCSVFile(t, getFile(t, s, table.csv)); !slices.Equal(header, documented) {
					t.Errorf("%s's header %v, documented %v", table.csv, header, documented)
				}
				if rows, err := workbook.GetRows(table.sheet); err != nil || len(rows) == 0 || !slices.Equal(rows[0], documented) {
					t.Errorf("the %s sheet's header %v (%v), documented %v", table.sheet, rows, err, documented)
				}
			}
			if section.Find(`a[href="/data/register.schema.json"]`).Length() != 1 || !strings.Contains(text(section), "JSON Schema") {
				t.Error("the JSON Schema is not named as the JSON files' reference")
			}
			fields := section.Find(`[data-testid="columns-json"]`)
			for name := range jsonFields {
				dt := fields.Find("dt").FilterFunction(func(_ int, dt *goquery.Selection) bool { return text(dt.Find("code")) == name })
				if dt.Length() != 1 || text(dt.Next()) == "" || strings.HasPrefix(text(dt.Next()), "opendata.") {
					t.Errorf("the JSON field %s is not described", name)
				}
			}
			if n := fields.Find("dt").Length(); n != len(jsonFields) {
				t.Errorf("%d JSON fields described, the files have %d", n, len(jsonFields))
			}
		})
	}
}
