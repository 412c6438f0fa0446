package views

import (
	"testing"

	"derap/models"
	"derap/views/i18n"
)

func region(code, name string, lat, lon *float64, published bool) models.MapRegion {
	r := models.MapRegion{Region: models.Region{Code: code, Name: name, Partner: code != "31"}, Published: published}
	r.Profile = &models.RegionProfile{RegionCode: code, Latitude: lat, Longitude: lon}
	return r
}

func f(v float64) *float64 { return &v }

func TestMapMarkers(t *testing.T) {
	host := region("31", "Daerah Khusus Ibukota Jakarta", f(-6.21), f(106.85), true)
	m := models.ProgrammeMap{Host: &host, Partners: []models.MapRegion{
		region("13.77", "Kota Pariaman", f(-0.63), f(100.12), true),
		region("13", "Sumatera Barat", f(-0.95), f(100.42), false),
		region("53", "Nusa Tenggara Timur", f(-10.18), f(123.61), false),
		region("99", "Tanpa Koordinat", nil, nil, false),
		region("98", "Di Luar Peta", f(35.0), f(139.7), false),
	}}
	markers := Markers(m)
	if len(markers) != 4 {
		t.Fatalf("%d markers, want Jakarta and the three partners with coordinates inside the map", len(markers))
	}
	w, h := MapBox()
	for _, mk := range markers {
		if mk.X < 0 || mk.X > w || mk.Y < 0 || mk.Y > h {
			t.Errorf("%s at (%g, %g) lies outside the map's %gx%g box", mk.Name, mk.X, mk.Y, w, h)
		}
	}
	jakarta := markers[0]
	if !jakarta.Host || jakarta.X < w*0.2 || jakarta.X > w*0.35 || jakarta.Y < h*0.6 || jakarta.Y > h*0.8 {
		t.Errorf("Jakarta at (%g, %g) is not on Java's west end", jakarta.X, jakarta.Y)
	}
	// Pariaman and Sumatera Barat nearly touch: their labels must not overlap.
	a, b := markers[1], markers[2]
	if a.LabelX == b.LabelX && a.LabelY == b.LabelY {
		t.Error("two labels in the same place")
	}

	doc := render(t, ProgrammeMapView(m, "h-map"), i18n.ID, "/")
	if got := doc.Find(`[data-testid="map-marker"]`).Length(); got != 4 {
		t.Errorf("%d markers drawn", got)
	}
	if got := doc.Find(`[data-testid="map-line"]`).Length(); got != 1 {
		t.Errorf("%d lines: only Pariaman has a published agreement", got)
	}
	if got := doc.Find(`[data-testid="map-list"] a`).Length(); got != 4 {
		t.Errorf("the text alternative lists %d regions", got)
	}
	if href := doc.Find(`[data-testid="map-marker"][data-code="53"]`).AttrOr("href", ""); href != "/regions/53" {
		t.Errorf("marker link %q", href)
	}
	if doc.Find("svg title").Length() != 1 || doc.Find("path.map-land").AttrOr("d", "") == "" {
		t.Error("the map has no title or no outline")
	}
}
