// Command mapgen converts Indonesia's outline from Natural Earth, as the npm package
// world-atlas 2.0.2 ships it (countries-50m.json, TopoJSON), into the SVG path and the
// projection the portal's map draws with. It runs once, by hand; its output is committed.
//
//	npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//	go run ./cmd/mapgen -in package/countries-50m.json -out static/map/indonesia.json
//
// The projection is equirectangular (plate carrée) over Indonesia's box: the country lies
// across the equator, where it distorts least. Rings are simplified (Douglas–Peucker) and
// the smallest islets dropped, so that the page stays light.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

// topology is the part of a TopoJSON file this tool reads.
type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				ID         string          `json:"id"`
				Type       string          `json:"type"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

// Map is what the portal reads: the outline and how to place a coordinate on it.
type Map struct {
	Source string  `json:"source"`
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	LonMin float64 `json:"lon_min"`
	LatMax float64 `json:"lat_max"`
	Scale  float64 `json:"scale"` // pixels per degree
	Path   string  `json:"path"`
}

const (
	width     = 1000.0
	margin    = 0.6 // degrees around the outline
	tolerance = 0.45
	minArea   = 3.0 // square pixels: smaller islets are dropped
)

func main() {
	in := flag.String("in", "countries-50m.json", "world-atlas countries-50m.json")
	out := flag.String("out", "static/map/indonesia.json", "where to write the map")
	flag.Parse()
	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mapgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var topo topology
	if err := json.Unmarshal(raw, &topo); err != nil {
		return err
	}
	var polygons [][][]int
	for _, g := range topo.Objects.Countries.Geometries {
		if g.ID != "360" { // ISO 3166-1 numeric for Indonesia
			continue
		}
		if g.Type != "MultiPolygon" {
			return fmt.Errorf("the feature of Indonesia is a %s", g.Type)
		}
		if err := json.Unmarshal(g.Arcs, &polygons); err != nil {
			return err
		}
	}
	if polygons == nil {
		return errors.New("no Indonesia in the file")
	}
	arcs := decodeArcs(topo)
	var rings [][][2]float64
	lonMin, lonMax, latMin, latMax := 180.0, -180.0, 90.0, -90.0
	for _, poly := range polygons {
		for _, ring := range poly {
			pts := stitch(arcs, ring)
			rings = append(rings, pts)
			for _, p := range pts {
				lonMin, lonMax = math.Min(lonMin, p[0]), math.Max(lonMax, p[0])
				latMin, latMax = math.Min(latMin, p[1]), math.Max(latMax, p[1])
			}
		}
	}
	lonMin, lonMax, latMin, latMax = lonMin-margin, lonMax+margin, latMin-margin, latMax+margin
	m := Map{
		Source: "Natural Earth 1:50m admin 0 countries (public domain) via world-atlas 2.0.2 countries-50m.json (ISC, Mike Bostock)",
		Width:  width, LonMin: lonMin, LatMax: latMax, Scale: width / (lonMax - lonMin),
	}
	m.Height = math.Round((latMax - latMin) * m.Scale)
	var b strings.Builder
	kept := 0
	for _, ring := range rings {
		proj := make([][2]float64, len(ring))
		for i, p := range ring {
			proj[i] = [2]float64{(p[0] - lonMin) * m.Scale, (latMax - p[1]) * m.Scale}
		}
		if math.Abs(area(proj)) < minArea {
			continue
		}
		simple := simplify(proj, tolerance)
		if len(simple) < 4 {
			continue
		}
		kept++
		for i, p := range simple[:len(simple)-1] {
			if i == 0 {
				b.WriteString("M")
			} else {
				b.WriteString("L")
			}
			b.WriteString(num(p[0]) + " " + num(p[1]))
		}
		b.WriteString("Z")
	}
	m.Path = b.String()
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "mapgen: %d of %d rings, %d bytes of path, %gx%g\n", kept, len(rings), len(m.Path), m.Width, m.Height)
	return os.WriteFile(out, append(data, '\n'), 0o644)
}

func num(f float64) string { return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) }

// decodeArcs turns quantized, delta-encoded arcs into longitude and latitude.
func decodeArcs(t topology) [][][2]float64 {
	out := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, d := range arc {
			x, y = x+d[0], y+d[1]
			out[i] = append(out[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	return out
}

// stitch joins a ring's arcs; a negative index ~i means arc i reversed.
func stitch(arcs [][][2]float64, ring []int) [][2]float64 {
	var pts [][2]float64
	for _, i := range ring {
		var a [][2]float64
		if i < 0 {
			src := arcs[^i]
			for j := len(src) - 1; j >= 0; j-- {
				a = append(a, src[j])
			}
		} else {
			a = arcs[i]
		}
		if len(pts) > 0 {
			a = a[1:] // arcs share their end points
		}
		pts = append(pts, a...)
	}
	return pts
}

func area(ring [][2]float64) float64 {
	s := 0.0
	for i := range ring {
		j := (i + 1) % len(ring)
		s += ring[i][0]*ring[j][1] - ring[j][0]*ring[i][1]
	}
	return s / 2
}

// simplify drops the points that lie within tol of the line between their neighbours.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(a, b int)
	rec = func(a, b int) {
		far, idx := 0.0, -1
		for i := a + 1; i < b; i++ {
			if d := dist(pts[i], pts[a], pts[b]); d > far {
				far, idx = d, i
			}
		}
		if far > tol {
			keep[idx] = true
			rec(a, idx)
			rec(idx, b)
		}
	}
	rec(0, len(pts)-1)
	var out [][2]float64
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

func dist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	return math.Abs(dy*p[0]-dx*p[1]+b[0]*a[1]-b[1]*a[0]) / math.Hypot(dx, dy)
}
