package views

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"derap/models"
	"derap/static"
)

// outline is the size and projection of Indonesia's outline, made by cmd/mapgen; the land
// itself is drawn in static.LandSVG, which the map shows as an image.
type outline struct {
	Width  float64 `json:"width"`
	Height float64 `json:"height"`
	LonMin float64 `json:"lon_min"`
	LatMax float64 `json:"lat_max"`
	Scale  float64 `json:"scale"`
}

var indonesia = func() outline {
	data, err := static.Read(static.LandSource)
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

// Marker is one region on the map with its number in the list under the map. On a wide
// screen it shows its name beside the dot where the name overlaps no other name, number,
// leader line or dot, and otherwise its number; on a phone every marker shows its number,
// in a badge large enough to tap, and the list under the map gives the names.
type Marker struct {
	Code, Name string
	Num        int // 1, 2, …: the marker's number in the list under the map
	X, Y       float64
	Host       bool // Jakarta
	Linked     bool // a published agreement: a line from Jakarta
	// On a wide screen: the name at LabelX, LabelY when Labelled, or else the number in Badge;
	// Leader joins the dot to a name set apart from it.
	Labelled bool
	LabelX   float64
	LabelY   float64
	Anchor   string // text-anchor of the label
	LabelBox Box
	Leader   *Line
	Badge    *Badge
	// On a phone: the number.
	Phone Badge
}

// Box is a rectangle in map units.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Line is a segment in map units.
type Line struct{ X1, Y1, X2, Y2 float64 }

// Badge is a number in a circle at X, Y of radius R, in letters Size high, joined to its dot
// by Leader when it is set apart from it.
type Badge struct {
	X, Y, R, Size float64
	Leader        *Line
}

// Box is the square the badge's circle fits in.
func (b Badge) Box() Box { return Box{b.X - b.R, b.Y - b.R, b.X + b.R, b.Y + b.R} }

// TextY is the baseline that centres the number in the circle.
func (b Badge) TextY() float64 { return round1(b.Y + 0.36*b.Size) }

// Sizes in map units on a wide screen, where static/css/site.css draws the labels 18px high.
const (
	labelSize  = 18.0
	labelCharW = 0.64 * labelSize // a bold sans serif's widest average, so no box is too short
	labelHalo  = 3.0              // the white outline around the letters
	hostR      = 9.0
	partnerR   = 7.0
	labelGap   = 4.0 // between a dot and its label or badge
	badgeSize  = 16.0
	badgeR     = 12.0
)

// A phone's viewport is 390 CSS px wide; the map in it is 332 px wide: 390 less the page's
// 1rem margins, the figure's 0.75rem padding and its 1px border on each side. There a
// number's badge is at least minTargetPX across (WCAG 2.2, 2.5.8 Target Size) and its
// figures at least minTextPX high.
const (
	phoneMapPX  = 390.0 - 2*16 - 2*12 - 2*1
	minTargetPX = 24.0
	minTextPX   = 12.0
	phoneDotR   = 12.0 // site.css draws the dots with a radius of 12 units on a phone
)

// PhoneScale is how many CSS px a map unit is on a 390 px wide phone.
func PhoneScale() float64 { return phoneMapPX / indonesia.Width }

// Rings are how far from the dot's edge a label or badge is tried; past the first, a leader
// line joins it to the dot.
var (
	labelRings      = []float64{labelGap, 24, 48, 76}
	badgeRings      = []float64{labelGap, 24}
	phoneBadgeRings = []float64{6}
)

// Markers places Jakarta and the partners on the map, numbered in that order. Regions
// without coordinates in their profile are left out, as are any that would fall outside the
// outline's box. The same regions always give the same places; the last few are kept, as
// every view of the home page asks again. Callers must not change what they get.
func Markers(m models.ProgrammeMap) []Marker {
	var regions []models.MapRegion
	if m.Host != nil {
		regions = append(regions, *m.Host)
	}
	regions = append(regions, m.Partners...)
	var out []Marker
	var key strings.Builder
	for _, r := range regions {
		p := r.Profile
		if p == nil || p.Latitude == nil || p.Longitude == nil {
			continue
		}
		x, y := Project(*p.Latitude, *p.Longitude)
		if x < 0 || y < 0 || x > indonesia.Width || y > indonesia.Height {
			continue
		}
		mk := Marker{Code: r.Code, Name: r.Name, Num: len(out) + 1, X: round1(x), Y: round1(y),
			Host: r.Code == models.JakartaCode, Linked: r.Published}
		out = append(out, mk)
		fmt.Fprintf(&key, "%q %q %g %g %t %t\n", mk.Code, mk.Name, mk.X, mk.Y, mk.Host, mk.Linked)
	}
	placed.Lock()
	defer placed.Unlock()
	if got, ok := placed.m[key.String()]; ok {
		return got
	}
	placeWide(out)
	placePhone(out)
	if len(placed.m) >= 16 {
		clear(placed.m)
	}
	placed.m[key.String()] = out
	return out
}

var placed = struct {
	sync.Mutex
	m map[string][]Marker
}{m: map[string][]Marker{}}

// DotR is the radius of a marker's dot on a wide screen.
func (mk Marker) DotR() float64 {
	if mk.Host {
		return hostR
	}
	return partnerR
}

// placeWide gives every marker its name where there is room, and then those left without
// one their number.
func placeWide(markers []Marker) {
	l := newLayout(markers, func(mk Marker) float64 { return mk.DotR() }, 0)
	for i := range markers {
		mk := &markers[i]
		w := float64(len([]rune(mk.Name)))*labelCharW + 2*labelHalo
		h := 1.2*labelSize + 2*labelHalo
		for _, c := range l.candidates(i, w, h, labelRings, false) {
			if l.free(c.box, i, false, c.leader) {
				l.take(i, c.box, c.leader)
				mk.Labelled, mk.LabelBox, mk.Leader = true, c.box, c.leader
				mk.Anchor = c.anchor
				switch c.anchor {
				case "start":
					mk.LabelX = round1(c.box.X0 + labelHalo)
				case "end":
					mk.LabelX = round1(c.box.X1 - labelHalo)
				default:
					mk.LabelX = round1((c.box.X0 + c.box.X1) / 2)
				}
				// The letters stand 0.95 of their size above the baseline, 0.25 below it.
				mk.LabelY = round1(c.box.Y0 + labelHalo + 0.95*labelSize)
				break
			}
		}
	}
	// Then numbers for the others: by their dots first, then further out.
	for i := range markers {
		if !markers[i].Labelled {
			if b, ok := l.badgeNear(i, markers[i].Num, badgeSize, badgeR, badgeRings); ok {
				markers[i].Badge = &b
			}
		}
	}
	for i := range markers {
		if !markers[i].Labelled && markers[i].Badge == nil {
			b := l.badgeFar(i, markers[i].Num, badgeSize, badgeR)
			markers[i].Badge = &b
		}
	}
}

// placePhone gives every marker its number in a badge large enough to read and tap on a
// phone: on the dot where there is room, else beside it, else further out with a leader.
func placePhone(markers []Marker) {
	scale := PhoneScale()
	size := math.Ceil(minTextPX / scale)
	r := math.Ceil(minTargetPX / 2 / scale)
	// Regions closer than a badge's width cannot each have their number on their dot: on a
	// phone they are one place.
	l := newLayout(markers, func(Marker) float64 { return phoneDotR }, 2*r)
	// First the numbers that fit on their dots; then the others by their dots or further
	// out, the least crowded first, so that a crowd takes the room the others leave.
	done := make([]bool, len(markers))
	for i := range markers {
		markers[i].Phone, done[i] = l.badgeNear(i, markers[i].Num, size, r, nil)
	}
	crowd := make([]int, len(markers))
	for i, a := range markers {
		for _, b := range markers {
			if math.Hypot(a.X-b.X, a.Y-b.Y) < 4*r {
				crowd[i]++
			}
		}
	}
	order := make([]int, len(markers))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return crowd[order[a]] < crowd[order[b]] })
	for _, i := range order {
		if done[i] {
			continue
		}
		var ok bool
		if markers[i].Phone, ok = l.badgeNear(i, markers[i].Num, size, r, phoneBadgeRings); !ok {
			markers[i].Phone = l.badgeFar(i, markers[i].Num, size, r)
		}
	}
}

// layout is what is already on the map: the dots, the labels and badges, the leaders, and
// whose each is.
type layout struct {
	nearBy  float64 // markers closer than this are one place; 0: those whose dots touch
	dots    []Box
	centres [][2]float64
	radii   []float64
	boxes   []Box
	lines   []Line
	owners  []int // of boxes
	lowners []int // of lines
}

func newLayout(markers []Marker, radius func(Marker) float64, nearBy float64) *layout {
	l := &layout{nearBy: nearBy}
	for _, mk := range markers {
		r := radius(mk)
		l.dots = append(l.dots, Box{mk.X - r, mk.Y - r, mk.X + r, mk.Y + r})
		l.centres = append(l.centres, [2]float64{mk.X, mk.Y})
		l.radii = append(l.radii, r)
	}
	return l
}

type candidate struct {
	box    Box
	anchor string
	leader *Line
}

// candidates are the places to try for a w×h box by dot i: first centred on the dot when
// onDot, then by the dot on its right, left, above, below and at its four corners, then
// on rings further out, each with more places and a leader line, the flattest first.
func (l *layout) candidates(i int, w, h float64, rings []float64, onDot bool) []candidate {
	x, y, r := l.centres[i][0], l.centres[i][1], l.radii[i]
	var out []candidate
	if onDot {
		out = append(out, candidate{box: Box{x - w/2, y - h/2, x + w/2, y + h/2}, anchor: "middle"})
	}
	for k, g := range rings {
		d := r + g
		for _, u := range ringDirections(k) {
			ux, uy := u[0], u[1]
			cx, cy := clamp(math.Sqrt2*ux), clamp(math.Sqrt2*uy)
			mx, my := x+ux*d+cx*w/2, y+uy*d+cy*h/2
			c := candidate{box: Box{mx - w/2, my - h/2, mx + w/2, my + h/2}, anchor: "middle"}
			if cx > 0.5 {
				c.anchor = "start"
			} else if cx < -0.5 {
				c.anchor = "end"
			}
			if k > 0 {
				c.leader = leader(x, y, r, c.box)
			}
			out = append(out, c)
		}
	}
	return out
}

// directions are the unit vectors to try on each ring: on the first, right, left, above,
// below and the four corners; on the k-th further out, 8(k+1) (at most 48) evenly spread,
// the flattest first, as names are wide.
var directions = func() [][][2]float64 {
	out := [][][2]float64{nil}
	for _, a := range []float64{0, 180, -90, 90, -45, -135, 45, 135} {
		out[0] = append(out[0], [2]float64{cosDeg(a), sinDeg(a)})
	}
	for k := 1; k < 8; k++ {
		n := min(8*(k+1), 48)
		var ring [][2]float64
		for j := range n {
			a := float64(j) * 360 / float64(n)
			ring = append(ring, [2]float64{cosDeg(a), sinDeg(a)})
		}
		sort.SliceStable(ring, func(a, b int) bool {
			return math.Round(math.Abs(ring[a][1])*1000) < math.Round(math.Abs(ring[b][1])*1000)
		})
		out = append(out, ring)
	}
	return out
}()

func ringDirections(k int) [][2]float64 { return directions[min(k, len(directions)-1)] }

// badgeRadius is r, or wider for a number of many figures, each about 0.7 of size wide.
func badgeRadius(n int, size, r float64) float64 {
	return math.Max(r, math.Ceil(float64(len(strconv.Itoa(n)))*0.36*size+2))
}

// badgeNear places number n in a circle of radius r on dot i, or else by it; ok is false
// when neither is free.
func (l *layout) badgeNear(i, n int, size, r float64, rings []float64) (b Badge, ok bool) {
	r = badgeRadius(n, size, r)
	for j, c := range l.candidates(i, 2*r, 2*r, rings, true) {
		if l.free(c.box, i, j == 0, c.leader) {
			return l.takeBadge(i, c, r, size), true
		}
	}
	return Badge{}, false
}

// badgeFar places number n in a circle of radius r at the free place nearest dot i of a
// grid over the whole map, with a leader; if need be with a leader that passes under other
// leaders and labels; when there is no free place at all it sits on the dot.
func (l *layout) badgeFar(i, n int, size, r float64) Badge {
	r = badgeRadius(n, size, r)
	x, y, dotR := l.centres[i][0], l.centres[i][1], l.radii[i]
	// The cells by distance, in bands r wide, each sorted only when reached.
	type cell struct{ x, y, d float64 }
	bands := make([][]cell, int(math.Hypot(indonesia.Width, indonesia.Height)/r)+2)
	for gy := r; gy+r <= indonesia.Height; gy += r {
		for gx := r; gx+r <= indonesia.Width; gx += r {
			d := math.Hypot(gx-x, gy-y)
			bands[int(d/r)] = append(bands[int(d/r)], cell{gx, gy, d})
		}
	}
	for _, strict := range []bool{true, false} {
		for _, band := range bands {
			slices.SortFunc(band, func(a, b cell) int {
				return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.y, b.y), cmp.Compare(a.x, b.x))
			})
			for _, g := range band {
				b := Box{g.x - r, g.y - r, g.x + r, g.y + r}
				c := candidate{box: b, anchor: "middle", leader: leader(x, y, dotR, b)}
				if l.fits(c.box, i, false, c.leader, strict) {
					return l.takeBadge(i, c, r, size)
				}
			}
		}
	}
	return l.takeBadge(i, candidate{box: Box{x - r, y - r, x + r, y + r}}, r, size)
}

func (l *layout) takeBadge(i int, c candidate, r, size float64) Badge {
	l.take(i, c.box, c.leader)
	return Badge{X: round1((c.box.X0 + c.box.X1) / 2), Y: round1((c.box.Y0 + c.box.Y1) / 2), R: r, Size: size, Leader: c.leader}
}

// free tells whether marker i's box stays inside the map and clear of every label, badge
// and dot (its own too, unless onOwnDot), and whether its leader and the leaders already
// drawn pass clear of it and of one another. The leaders of markers that are one place (see
// near) may pass under one another's dots, labels and leaders, as they cannot help it.
func (l *layout) free(b Box, i int, onOwnDot bool, ln *Line) bool {
	return l.fits(b, i, onOwnDot, ln, true)
}

// fits is free, or when not strict, the same but that leaders may pass under other labels
// and leaders (never under a dot).
func (l *layout) fits(b Box, i int, onOwnDot bool, ln *Line, strict bool) bool {
	if b.X0 < 0 || b.Y0 < 0 || b.X1 > indonesia.Width || b.Y1 > indonesia.Height {
		return false
	}
	for _, o := range l.boxes {
		if overlaps(b, o) {
			return false
		}
	}
	for j, d := range l.dots {
		if (j != i || !onOwnDot) && overlaps(b, d) {
			return false
		}
	}
	for k, o := range l.lines {
		if strict && !l.near(i, l.lowners[k]) && (crosses(o, b) || ln != nil && intersects(*ln, o)) {
			return false
		}
	}
	if ln == nil {
		return true
	}
	for j, d := range l.dots {
		if !l.near(i, j) && crosses(*ln, d) {
			return false
		}
	}
	for k, o := range l.boxes {
		if strict && !l.near(i, l.owners[k]) && crosses(*ln, o) {
			return false
		}
	}
	return true
}

// near tells whether markers i and j are one place (a marker is one place with itself).
func (l *layout) near(i, j int) bool {
	if l.nearBy > 0 {
		return math.Hypot(l.centres[i][0]-l.centres[j][0], l.centres[i][1]-l.centres[j][1]) < l.nearBy
	}
	return overlaps(l.dots[i], l.dots[j])
}

func (l *layout) take(i int, b Box, ln *Line) {
	l.boxes, l.owners = append(l.boxes, b), append(l.owners, i)
	if ln != nil {
		l.lines, l.lowners = append(l.lines, *ln), append(l.lowners, i)
	}
}

// leader runs from the edge of the dot at x, y of radius r to the nearest point of b.
func leader(x, y, r float64, b Box) *Line {
	nx, ny := math.Max(b.X0, math.Min(x, b.X1)), math.Max(b.Y0, math.Min(y, b.Y1))
	dx, dy := nx-x, ny-y
	n := math.Hypot(dx, dy)
	if n == 0 {
		return nil
	}
	return &Line{round1(x + dx/n*r), round1(y + dy/n*r), round1(nx), round1(ny)}
}

func overlaps(a, b Box) bool { return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1 }

// crosses tells whether any part of the segment lies inside the box (Liang–Barsky).
func crosses(s Line, b Box) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := s.X2-s.X1, s.Y2-s.Y1
	for _, e := range [4][2]float64{{-dx, s.X1 - b.X0}, {dx, b.X1 - s.X1}, {-dy, s.Y1 - b.Y0}, {dy, b.Y1 - s.Y1}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q <= 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 >= t1 {
			return false
		}
	}
	return true
}

// intersects tells whether two segments cross.
func intersects(a, b Line) bool {
	side := func(x1, y1, x2, y2, px, py float64) float64 { return (x2-x1)*(py-y1) - (y2-y1)*(px-x1) }
	d1 := side(b.X1, b.Y1, b.X2, b.Y2, a.X1, a.Y1)
	d2 := side(b.X1, b.Y1, b.X2, b.Y2, a.X2, a.Y2)
	d3 := side(a.X1, a.Y1, a.X2, a.Y2, b.X1, b.Y1)
	d4 := side(a.X1, a.Y1, a.X2, a.Y2, b.X2, b.Y2)
	return d1*d2 < 0 && d3*d4 < 0
}

func clamp(f float64) float64  { return math.Max(-1, math.Min(1, f)) }
func cosDeg(a float64) float64 { return math.Round(math.Cos(a*math.Pi/180)*1e9) / 1e9 }
func sinDeg(a float64) float64 { return math.Round(math.Sin(a*math.Pi/180)*1e9) / 1e9 }

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
