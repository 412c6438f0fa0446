package views

import (
	"encoding/json"
	"math"

	"derap/models"
	"derap/static"
)

// outline is Indonesia's outline and its projection, made by cmd/mapgen.
type outline struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	LonMin float64 `json:"lon_min"`
	LatMax float64 `json:"lat_max"`
	Scale  float64 `json:"scale"`
	Path   string  `json:"path"`
}

var indonesia = func() outline {
	data, err := static.Read("map/indonesia.json")
	if err != nil {
		panic(err)
	}
	var o outline
	if err := json.Unmarshal(data, &o); err != nil {
		panic(err)
	}
	return o
}()

// Project places a coordinate on the map, in the outline's pixels.
func Project(lat, lon float64) (x, y float64) {
	return (lon - indonesia.LonMin) * indonesia.Scale, (indonesia.LatMax - lat) * indonesia.Scale
}

// MapBox is the size of the map in its own units.
func MapBox() (width, height float64) { return indonesia.Width, indonesia.Height }

// Marker is one region on the map, placed, with its label placed where it overlaps no
// other label.
type Marker struct {
	Code, Name string
	X, Y       float64
	Host       bool // Jakarta
	Linked     bool // a published agreement: a line from Jakarta
	LabelX     float64
	LabelY     float64
	Anchor     string // text-anchor of the label
}

const (
	labelSize   = 18.0 // font size in map units
	labelCharW  = 0.56 * labelSize
	labelMargin = 9.0
)

// Markers places Jakarta and the partners on the map. Regions without coordinates in
// their profile are left out, as are any that would fall outside the outline's box.
func Markers(m models.ProgrammeMap) []Marker {
	var regions []models.MapRegion
	if m.Host != nil {
		regions = append(regions, *m.Host)
	}
	regions = append(regions, m.Partners...)
	var out []Marker
	var placed [][4]float64 // label boxes: x0, y0, x1, y1
	for _, r := range regions {
		p := r.Profile
		if p == nil || p.Latitude == nil || p.Longitude == nil {
			continue
		}
		x, y := Project(*p.Latitude, *p.Longitude)
		if x < 0 || y < 0 || x > indonesia.Width || y > indonesia.Height {
			continue
		}
		mk := Marker{Code: r.Code, Name: r.Name, X: round1(x), Y: round1(y), Host: r.Code == models.JakartaCode, Linked: r.Published}
		w := float64(len([]rune(r.Name))) * labelCharW
		// Right, left, above, below: the first place that overlaps no label already placed.
		for _, c := range []struct {
			dx, dy float64
			anchor string
			x0     float64
		}{
			{labelMargin, labelSize / 3, "start", 0}, {-labelMargin, labelSize / 3, "end", -w},
			{0, -labelMargin - 2, "middle", -w / 2}, {0, labelMargin + labelSize, "middle", -w / 2},
		} {
			lx, ly := x+c.dx, y+c.dy
			box := [4]float64{lx + c.x0, ly - labelSize, lx + c.x0 + w, ly + 2}
			if c.anchor == "end" {
				box = [4]float64{lx - w, ly - labelSize, lx, ly + 2}
			}
			inside := box[0] >= 0 && box[2] <= indonesia.Width && box[1] >= 0 && box[3] <= indonesia.Height
			if inside && !overlapsAny(box, placed) || c.anchor == "middle" && c.dy > 0 {
				mk.LabelX, mk.LabelY, mk.Anchor = round1(lx), round1(ly), c.anchor
				placed = append(placed, box)
				break
			}
		}
		out = append(out, mk)
	}
	return out
}

func overlapsAny(b [4]float64, boxes [][4]float64) bool {
	for _, o := range boxes {
		if b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3] {
			return true
		}
	}
	return false
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// host finds Jakarta's marker.
func host(markers []Marker) *Marker {
	for i := range markers {
		if markers[i].Host {
			return &markers[i]
		}
	}
	return nil
}

func indonesiaPath() string { return indonesia.Path }
