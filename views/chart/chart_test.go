package chart_test

import (
	"bytes"
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"derap/views/chart"
)

func render(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var buf bytes.Buffer
	if err := c.Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func text(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

func attr(t *testing.T, s *goquery.Selection, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s.AttrOr(name, ""), 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s.AttrOr(name, ""), err)
	}
	return v
}

// indonesian writes numbers as the Indonesian pages do, for the ticks.
func indonesian(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
}

// training is three regions' participants, completed and enrolled.
func training() chart.Data {
	return chart.Data{
		ID: "training", Title: "ASN dilatih per daerah", Desc: "Batang per daerah", Unit: "peserta", CategoryHeader: "Daerah",
		Categories: []chart.Category{{Label: "Kota Pariaman"}, {Label: "Kota Pekanbaru"}, {Label: "Kabupaten <Uji>"}},
		Series: []chart.Series{
			{Key: "completed", Label: "Lulus", Values: []chart.Value{chart.Of(37, "37"), chart.Of(25, "25"), chart.Of(5, "5")}},
			{Key: "enrolled", Label: "Peserta", Values: []chart.Value{chart.Of(38, "38"), chart.Of(27, "27"), {}}},
		},
		Empty: "Belum ada data.", Tick: indonesian,
	}
}

// Every bar is as long as its value on one scale, labelled with its series and value;
// a missing value draws no bar and shows a dash in the table.
func TestBarChartProportional(t *testing.T) {
	d := training()
	doc := render(t, chart.BarChart(d))
	bars := doc.Find(`[data-testid="chart-bar"]`)
	if bars.Length() != 5 {
		t.Fatalf("%d bars, want 5", bars.Length())
	}
	var scale float64
	bars.Each(func(i int, b *goquery.Selection) {
		w, v := attr(t, b, "width"), attr(t, b, "data-value")
		if i == 0 {
			scale = w / v
		}
		if math.Abs(w-v*scale) > 0.02 {
			t.Errorf("bar %d: width %v for %v, want %v", i, w, v, v*scale)
		}
	})
	// The longest bar with its label stays inside the drawing.
	vb := strings.Fields(doc.Find("svg.chart-svg").AttrOr("viewbox", doc.Find("svg.chart-svg").AttrOr("viewBox", "")))
	if len(vb) != 4 {
		t.Fatalf("viewBox %v", vb)
	}
	if w := attr(t, bars.Eq(1), "width"); w > 400-8 || w < 100 {
		t.Errorf("the longest bar is %v units of 400", w)
	}
	var values []string
	doc.Find(`[data-testid="chart-value"]`).Each(func(_ int, s *goquery.Selection) { values = append(values, text(s)) })
	if want := "Lulus 37|Peserta 38|Lulus 25|Peserta 27|Lulus 5"; strings.Join(values, "|") != want {
		t.Errorf("direct labels %q, want %q", strings.Join(values, "|"), want)
	}
	var groups []string
	doc.Find(`[data-testid="chart-group"]`).Each(func(_ int, s *goquery.Selection) { groups = append(groups, text(s)) })
	if strings.Join(groups, "|") != "Kota Pariaman|Kota Pekanbaru|Kabupaten <Uji>" {
		t.Errorf("groups %q", groups)
	}
	// Each series has its own pattern, defined once, and a legend entry.
	if doc.Find("pattern").Length() != 2 || doc.Find(`[data-testid="chart-legend-label"]`).Length() != 2 {
		t.Errorf("%d patterns, %d legend entries", doc.Find("pattern").Length(), doc.Find(`[data-testid="chart-legend-label"]`).Length())
	}
	checkAccessible(t, doc, d)
	checkTable(t, doc, d)
}

// A line chart puts each value at its height on a scale from zero, with ticks and month
// labels, a marker per value, and breaks the line where a month has no value.
func TestLineChartScale(t *testing.T) {
	months := []string{"Nov 2025", "Des 2025", "Jan 2026", "Feb 2026", "Mar 2026", "Apr 2026", "Mei 2026", "Jun 2026", "Jul 2026", "Agu 2026", "Sep 2026", "Okt 2026"}
	d := chart.Data{ID: "supply-tonne", Title: "Pasokan pangan per bulan", Desc: "Garis per komoditas", Unit: "ton", CategoryHeader: "Bulan", Empty: "Belum ada data.", Tick: indonesian}
	rice := chart.Series{Key: "rice", Label: "Beras"}
	fish := chart.Series{Key: "fish", Label: "Ikan"}
	for i, m := range months {
		d.Categories = append(d.Categories, chart.Category{Label: m, Short: m})
		v := 420.5 + float64(i*37%160)
		rice.Values = append(rice.Values, chart.Of(v, indonesian(v)))
		if i == 4 {
			fish.Values = append(fish.Values, chart.Value{})
		} else {
			fish.Values = append(fish.Values, chart.Of(float64(36+i), strconv.Itoa(36+i)))
		}
	}
	d.Series = []chart.Series{rice, fish}
	g := chart.Line(d)
	for _, s := range g.Series {
		for _, p := range s.Points {
			want := g.Y0 - p.Value.V/g.Top1*(g.Y0-g.Top)
			if math.Abs(p.Y-want) > 1e-9 {
				t.Errorf("%s %d: y %v, want %v", s.Key, p.Cat, p.Y, want)
			}
		}
	}
	if g.Top1 < 420.5+150 || g.Ticks[0].Label != "0" {
		t.Errorf("the scale tops at %v, ticks %v", g.Top1, g.Ticks)
	}
	doc := render(t, chart.LineChart(d))
	if n := doc.Find(`[data-series="rice"] [data-testid="chart-point"]`).Length(); n != 12 {
		t.Errorf("%d rice markers", n)
	}
	if n := doc.Find(`[data-series="fish"] [data-testid="chart-point"]`).Length(); n != 11 {
		t.Errorf("%d fish markers", n)
	}
	// The fish line breaks at the missing month: two runs.
	if d := doc.Find(`[data-series="fish"] > path`).First().AttrOr("d", ""); strings.Count(d, "M") != 2 {
		t.Errorf("fish path %q", d)
	}
	// Ticks and month labels: rotated, thinned so that none overlap, the last one shown.
	var ticks []string
	doc.Find(`[data-testid="chart-tick"]`).Each(func(_ int, s *goquery.Selection) { ticks = append(ticks, text(s)) })
	if len(ticks) < 3 || ticks[0] != "0" {
		t.Errorf("ticks %q", ticks)
	}
	labels := doc.Find(`[data-testid="chart-xlabel"]`)
	if labels.Length() < 6 || text(labels.Last()) != "Okt 2026" || text(labels.First()) != "Nov 2025" {
		t.Errorf("%d month labels, from %q to %q", labels.Length(), text(labels.First()), text(labels.Last()))
	}
	prev := -1.0
	labels.Each(func(_ int, s *goquery.Selection) {
		x := attr(t, s, "x")
		if prev >= 0 && x-prev < 13*1.2 {
			t.Errorf("month labels %v apart", x-prev)
		}
		if !strings.HasPrefix(s.AttrOr("transform", ""), "rotate(-45") {
			t.Errorf("a month label is not rotated: %q", s.AttrOr("transform", ""))
		}
		prev = x
	})
	if text(doc.Find(`[data-testid="chart-unit"]`)) != "ton" {
		t.Errorf("unit %q", text(doc.Find(`[data-testid="chart-unit"]`)))
	}
	checkAccessible(t, doc, d)
	checkTable(t, doc, d)
}

// Many months thin the labels further; few months keep them flat, every one.
func TestLineChartLabels(t *testing.T) {
	for _, n := range []int{1, 3, 30} {
		d := chart.Data{ID: "x", Title: "x", Unit: "ton"}
		s := chart.Series{Key: "rice", Label: "Beras"}
		for i := range n {
			d.Categories = append(d.Categories, chart.Category{Label: strconv.Itoa(i)})
			s.Values = append(s.Values, chart.Of(float64(i+1), strconv.Itoa(i+1)))
		}
		d.Series = []chart.Series{s}
		g := chart.Line(d)
		switch {
		case n <= 3 && len(g.XLabels) != n:
			t.Errorf("%d months: %d labels", n, len(g.XLabels))
		case n == 30 && (len(g.XLabels) >= 30 || g.XLabels[len(g.XLabels)-1].Text != "29"):
			t.Errorf("%d months: %d labels, the last %q", n, len(g.XLabels), g.XLabels[len(g.XLabels)-1].Text)
		}
		for i := 1; i < len(g.XLabels); i++ {
			if g.XLabels[i].X-g.XLabels[i-1].X < 13*1.2 {
				t.Errorf("%d months: labels %d and %d overlap", n, i-1, i)
			}
		}
	}
}

// With nothing to draw, a chart says so in words: no drawing, no empty table.
func TestChartEmpty(t *testing.T) {
	for name, c := range map[string]func(chart.Data) templ.Component{"line": chart.LineChart, "bar": chart.BarChart} {
		for _, d := range []chart.Data{
			{ID: "e", Title: "Kosong", Empty: "Belum ada data."},
			{ID: "e", Title: "Kosong", Empty: "No data yet.", Categories: []chart.Category{{Label: "Kota Pariaman"}}, Series: []chart.Series{{Key: "a", Label: "A", Values: []chart.Value{{}}}}},
		} {
			doc := render(t, c(d))
			if doc.Find("svg, table").Length() != 0 || text(doc.Find(`[data-testid="chart-empty"]`)) != d.Empty {
				t.Errorf("%s: %q", name, text(doc.Find("body")))
			}
		}
	}
}

// checkAccessible: the drawing is an image named by its title and described by its
// description, both on the page.
func checkAccessible(t *testing.T, doc *goquery.Document, d chart.Data) {
	t.Helper()
	svg := doc.Find(`[data-testid="chart-svg"]`)
	if svg.AttrOr("role", "") != "img" || svg.AttrOr("aria-labelledby", "") != d.ID+"-title "+d.ID+"-desc" {
		t.Errorf("svg role %q, labelled by %q", svg.AttrOr("role", ""), svg.AttrOr("aria-labelledby", ""))
	}
	if text(doc.Find("#"+d.ID+"-title")) != d.Title || text(doc.Find("#"+d.ID+"-desc")) != d.Desc {
		t.Errorf("title %q, desc %q", text(doc.Find("#"+d.ID+"-title")), text(doc.Find("#"+d.ID+"-desc")))
	}
	if svg.Find("script, foreignObject").Length() != 0 || doc.Find("[style]").Length() != 0 {
		t.Error("the chart carries script or inline style")
	}
}

// checkTable: the table after the chart holds exactly the chart's numbers, with a caption
// and headers that say what each is.
func checkTable(t *testing.T, doc *goquery.Document, d chart.Data) {
	t.Helper()
	table := doc.Find(`[data-testid="chart-table"]`)
	if got, want := text(table.Find("caption")), d.Title+" ("+d.Unit+")"; got != want {
		t.Errorf("caption %q, want %q", got, want)
	}
	var head []string
	table.Find(`thead th[scope="col"]`).Each(func(_ int, s *goquery.Selection) { head = append(head, text(s)) })
	want := []string{d.CategoryHeader}
	for _, s := range d.Series {
		want = append(want, s.Label)
	}
	if strings.Join(head, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", head, want)
	}
	rows := table.Find("tbody tr")
	if rows.Length() != len(d.Categories) {
		t.Fatalf("%d rows, want %d", rows.Length(), len(d.Categories))
	}
	drawn := map[string]string{} // series|category → value drawn
	doc.Find(`[data-testid="chart-bar"], [data-testid="chart-point"]`).Each(func(_ int, s *goquery.Selection) {
		series := s.AttrOr("data-series", "")
		if series == "" {
			series = s.ParentsFiltered("[data-series]").AttrOr("data-series", "")
		}
		drawn[series] += s.AttrOr("data-value", "") + ";"
	})
	for ci, c := range d.Categories {
		row := rows.Eq(ci)
		if text(row.Find(`th[scope="row"]`)) != c.Label {
			t.Errorf("row %d: %q, want %q", ci, text(row.Find("th")), c.Label)
		}
		for si, s := range d.Series {
			cell := text(row.Find("td").Eq(si))
			v := s.Values[ci]
			switch {
			case !v.OK && cell != "–":
				t.Errorf("%s %s: %q for no value", c.Label, s.Key, cell)
			case v.OK && cell != v.Text:
				t.Errorf("%s %s: %q, want %q", c.Label, s.Key, cell, v.Text)
			}
		}
	}
	// Every value in the table is drawn, in order, and nothing else is.
	for _, s := range d.Series {
		var want string
		for _, v := range s.Values {
			if v.OK {
				want += strconv.FormatFloat(v.V, 'f', -1, 64) + ";"
			}
		}
		if drawn[s.Key] != want {
			t.Errorf("%s drawn %q, the table holds %q", s.Key, drawn[s.Key], want)
		}
	}
}
