package views

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/models"
	"derap/static"
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
	// The marker's name holds what it shows: its number on a phone, its name on a desk.
	if label := doc.Find(`[data-testid="map-marker"]`).First().AttrOr("aria-label", ""); label != "1. Daerah Khusus Ibukota Jakarta" {
		t.Errorf("Jakarta's marker is named %q", label)
	}
	if href := doc.Find(`[data-testid="map-marker"][data-code="53"]`).AttrOr("href", ""); href != "/regions/53" {
		t.Errorf("marker link %q", href)
	}
	if doc.Find("svg title").Length() != 1 {
		t.Error("the map has no title")
	}
	// The land is the static picture, cached for a year, over the whole map: not a path
	// written into every page.
	land := doc.Find("svg image.map-land")
	if href := land.AttrOr("href", ""); land.Length() != 1 || href != static.Path(static.LandSVG) {
		t.Errorf("the land is %d images at %q, want one at %q", land.Length(), href, static.Path(static.LandSVG))
	}
	if w, h := MapBox(); land.AttrOr("x", "") != "0" || land.AttrOr("y", "") != "0" ||
		attr(t, land, "width") != w || attr(t, land, "height") != h || land.AttrOr("aria-hidden", "") != "true" {
		t.Error("the land's picture does not cover the map or is not hidden from screen readers")
	}
	if doc.Find("svg.map-svg path").Length() != 0 {
		t.Error("the map still draws the land as a path")
	}
}

// demoMap is the demo's map: Jakarta and the partners at their seats (models/demo.go).
func demoMap() models.ProgrammeMap {
	host := region("31", "Daerah Khusus Ibukota Jakarta", f(-6.21), f(106.85), true)
	return models.ProgrammeMap{Host: &host, Partners: []models.MapRegion{
		region("61", "Kalimantan Barat", f(-0.03), f(109.34), true),
		region("74.01", "Kabupaten Kolaka", f(-4.05), f(121.59), true),
		region("13.77", "Kota Pariaman", f(-0.63), f(100.12), true),
		region("14.71", "Kota Pekanbaru", f(0.51), f(101.45), false),
		region("61.04", "Kabupaten Ketapang", f(-1.83), f(109.97), false),
		region("53", "Nusa Tenggara Timur", f(-10.18), f(123.61), false),
		region("13", "Sumatera Barat", f(-0.95), f(100.42), false),
	}}
}

// clusterMap adds to the demo's map fifteen regions of Sumatera Barat within half a degree
// of Padang.
func clusterMap() models.ProgrammeMap {
	m := demoMap()
	names := []string{"Kota Padang", "Kabupaten Padang Pariaman", "Kabupaten Agam", "Kota Bukittinggi",
		"Kota Padang Panjang", "Kabupaten Tanah Datar", "Kabupaten Solok", "Kota Solok", "Kota Sawahlunto",
		"Kabupaten Sijunjung", "Kabupaten Pesisir Selatan", "Kabupaten Lima Puluh Kota", "Kota Payakumbuh",
		"Kabupaten Pasaman", "Kabupaten Solok Selatan"}
	for i, name := range names {
		lat, lon := -0.95+float64(i%5-2)*0.1, 100.35+float64(i/5-1)*0.2
		m.Partners = append(m.Partners, region(fmt.Sprintf("13.%02d", i+1), name, f(lat), f(lon), i%3 == 0))
	}
	return m
}

// box is a rectangle on the map, from the drawing.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 }

func (a box) inside(w, h float64) bool { return a.x0 >= 0 && a.y0 >= 0 && a.x1 <= w && a.y1 <= h }

func attr(t *testing.T, s *goquery.Selection, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s.AttrOr(name, ""), 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", name, s.AttrOr(name, ""), err)
	}
	return v
}

func circleBox(t *testing.T, c *goquery.Selection) box {
	x, y, r := attr(t, c, "cx"), attr(t, c, "cy"), attr(t, c, "r")
	return box{x - r, y - r, x + r, y + r}
}

// textBox is where a label's letters and their white outline fall, measured from the
// drawing: bold letters about 0.6 of their 18 units wide, 17 above the baseline, 4 below.
func textBox(t *testing.T, s *goquery.Selection) box {
	x, y := attr(t, s, "x"), attr(t, s, "y")
	w := float64(len([]rune(s.Text())))*0.6*18 + 4
	switch s.AttrOr("text-anchor", "start") {
	case "middle":
		x -= w / 2
	case "end":
		x -= w
	}
	return box{x, y - 19, x + w, y + 6}
}

// drawn is what one marker shows in one layer of the drawing.
type drawn struct {
	code    string
	dot     box
	items   []box // its label or number
	leaders [][4]float64
}

// layer reads the markers of the wide-screen drawing (phone false) or the phone's.
func layer(t *testing.T, doc *goquery.Document, phone bool, phoneDotR float64) []drawn {
	var out []drawn
	doc.Find(`[data-testid="map-marker"]`).Each(func(_ int, a *goquery.Selection) {
		d := drawn{code: a.AttrOr("data-code", "")}
		d.dot = circleBox(t, a.Find("circle.map-host, circle.map-partner").First())
		if phone {
			cx, cy := (d.dot.x0+d.dot.x1)/2, (d.dot.y0+d.dot.y1)/2
			d.dot = box{cx - phoneDotR, cy - phoneDotR, cx + phoneDotR, cy + phoneDotR}
		}
		wanted := func(s *goquery.Selection) bool { return (s.ParentsFiltered(".map-narrow").Length() > 0) == phone }
		a.Find("text.map-label").Each(func(_ int, s *goquery.Selection) {
			if wanted(s) {
				d.items = append(d.items, textBox(t, s))
			}
		})
		a.Find("circle.map-badge").Each(func(_ int, s *goquery.Selection) {
			if wanted(s) {
				d.items = append(d.items, circleBox(t, s))
			}
		})
		doc.Find(fmt.Sprintf(`line.map-leader[data-code=%q]`, d.code)).Each(func(_ int, s *goquery.Selection) {
			if wanted(s) {
				d.leaders = append(d.leaders, [4]float64{attr(t, s, "x1"), attr(t, s, "y1"), attr(t, s, "x2"), attr(t, s, "y2")})
			}
		})
		out = append(out, d)
	})
	return out
}

// onePlace tells whether two markers are too close for each to have its label or number by
// its own dot: on a wide screen their dots touch, on a phone they are closer than a 24 px
// badge is wide.
func onePlace(a, b drawn, phone bool) bool {
	if !phone {
		return a.dot.overlaps(b.dot)
	}
	return math.Hypot((a.dot.x0+a.dot.x1-b.dot.x0-b.dot.x1)/2, (a.dot.y0+a.dot.y1-b.dot.y0-b.dot.y1)/2) < 24/PhoneScale()
}

// A dense cluster of regions still gives every marker a name or a number that overlaps no
// other name, number or dot, on a wide screen and on a phone, and every number on the map
// is the same region's number in the list under it.
func TestMapLabelsDoNotCollide(t *testing.T) {
	one := region("61", "Kalimantan Barat", f(-0.03), f(109.34), false)
	same := region("61.04", "Kabupaten Ketapang", f(-0.03), f(109.34), false)
	edge := region("11.01", "Kabupaten Simeulue", f(2.6), f(96.1), false)
	for _, c := range []struct {
		name         string
		m            models.ProgrammeMap
		markers      int
		allNamedWide bool // on a wide screen every marker shows its name, not a number
	}{
		{"the demo's partners", demoMap(), 8, true},
		{"fifteen regions around Padang and the demo's", clusterMap(), 23, false},
		{"one region", models.ProgrammeMap{Partners: []models.MapRegion{one}}, 1, true},
		{"two regions at one place", models.ProgrammeMap{Partners: []models.MapRegion{one, same}}, 2, true},
		{"a region at the map's edge", models.ProgrammeMap{Partners: []models.MapRegion{edge}}, 1, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := render(t, ProgrammeMapView(c.m, "h-map"), i18n.EN, "/")
			w, h := MapBox()
			if got := doc.Find(`[data-testid="map-marker"]`).Length(); got != c.markers {
				t.Fatalf("%d markers drawn, want %d", got, c.markers)
			}
			for _, phone := range []bool{false, true} {
				markers := layer(t, doc, phone, phoneDotR)
				for i, mk := range markers {
					if len(mk.items) != 1 {
						t.Errorf("phone %v: marker %s shows %d names or numbers, want one", phone, mk.code, len(mk.items))
						continue
					}
					it := mk.items[0]
					if !mk.dot.inside(w, h) || !it.inside(w, h) {
						t.Errorf("phone %v: marker %s or its label %v leaves the %gx%g map", phone, mk.code, it, w, h)
					}
					for j, other := range markers {
						if j == i {
							continue
						}
						if it.overlaps(other.dot) {
							t.Errorf("phone %v: the label of %s %v covers the dot of %s %v", phone, mk.code, it, other.code, other.dot)
						}
						if j > i && len(other.items) == 1 && it.overlaps(other.items[0]) {
							t.Errorf("phone %v: the labels of %s %v and %s %v overlap", phone, mk.code, it, other.code, other.items[0])
						}
						// A leader passes no other marker's dot, nor on a wide screen its label,
						// but those of markers in the same place. (On a phone a crowd may need
						// its leaders to pass under other numbers.)
						for _, l := range mk.leaders {
							for k := 0.0; k <= 1; k += 0.01 {
								px, py := l[0]+k*(l[2]-l[0]), l[1]+k*(l[3]-l[1])
								p := box{px, py, px, py}
								if onePlace(mk, other, phone) {
									break
								}
								if p.overlaps(box{other.dot.x0 + 0.5, other.dot.y0 + 0.5, other.dot.x1 - 0.5, other.dot.y1 - 0.5}) ||
									!phone && len(other.items) == 1 && p.overlaps(other.items[0]) {
									t.Errorf("phone %v: the leader of %s crosses %s", phone, mk.code, other.code)
									break
								}
							}
						}
					}
					if !phone && c.allNamedWide && doc.Find(fmt.Sprintf(`[data-code=%q] .map-wide text.map-label`, mk.code)).Length() != 1 {
						t.Errorf("marker %s shows a number where its name fits", mk.code)
					}
				}
			}

			// Every marker has its number on a phone, large enough to tap and to read, and
			// the list names the same region with that number.
			scale := PhoneScale()
			list := map[string]string{}
			doc.Find(`[data-testid="map-list"] li`).Each(func(_ int, li *goquery.Selection) {
				n := strings.TrimSuffix(text(li.Find(`[data-testid="map-list-num"]`)), ".")
				list[n] = li.Find("a").AttrOr("href", "")
			})
			seen := map[string]bool{}
			doc.Find(`[data-testid="map-marker"]`).Each(func(_ int, a *goquery.Selection) {
				code := a.AttrOr("data-code", "")
				nums := a.Find(".map-narrow text.map-num")
				if nums.Length() != 1 {
					t.Errorf("marker %s has %d numbers on a phone", code, nums.Length())
					return
				}
				n := text(nums)
				if seen[n] {
					t.Errorf("number %s given twice", n)
				}
				seen[n] = true
				if list[n] != "/regions/"+code {
					t.Errorf("number %s is %s on the map and %q in the list", n, code, list[n])
				}
				if wide := a.Find(".map-wide text.map-num"); wide.Length() == 1 && text(wide) != n {
					t.Errorf("marker %s is number %s on a phone and %s on a wide screen", code, n, text(wide))
				}
				badge := a.Find(".map-narrow circle.map-badge")
				if d := 2 * attr(t, badge, "r") * scale; d < 24 {
					t.Errorf("marker %s: the badge is %.1f CSS px across on a 390 px phone, under WCAG's 24", code, d)
				}
				if px := attr(t, nums, "font-size") * scale; px < 11 {
					t.Errorf("marker %s: the number is %.1f CSS px on a 390 px phone", code, px)
				}
			})
			if len(list) != c.markers {
				t.Errorf("the list numbers %d regions, want %d", len(list), c.markers)
			}
			if doc.Find(`[data-testid="map-marker"] .map-narrow`).Length() != c.markers || doc.Find(`.map-narrow:not([display="none"])`).Length() != 0 {
				t.Error("the phone's numbers are not hidden until the style sheet shows them")
			}
		})
	}
}

// The same regions always give the same drawing.
func TestMapIsDeterministic(t *testing.T) {
	draw := func() string {
		placed.Lock()
		clear(placed.m) // place them afresh each time
		placed.Unlock()
		ctx := WithRequest(context.Background(), Request{Locale: i18n.ID, URL: &url.URL{Path: "/"}})
		var buf bytes.Buffer
		if err := ProgrammeMapView(clusterMap(), "h-map").Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	first := draw()
	for range 5 {
		if draw() != first {
			t.Fatal("the same regions gave two drawings")
		}
	}
	if !strings.Contains(first, "map-leader") {
		t.Error("a dense cluster needs leader lines; none drawn")
	}
	if math.IsNaN(PhoneScale()) || PhoneScale() <= 0 {
		t.Error("no phone scale")
	}
}
