// Package chart draws the portal's figures as server-rendered SVG: a line chart and a
// horizontal bar chart, each followed by its legend and the same numbers as a table, with
// no JavaScript. It is pure: data in (already translated and formatted by the caller),
// templ components out, every text escaped by templ. Colour is never the only cue: lines
// carry their own markers and dashes, bars their own patterns and a direct label.
package chart

import (
	"math"
	"strconv"
)

// Data is one chart: its categories (the months along a line chart's axis, the groups of
// a bar chart), its series (the lines, or the bars of each group) and its words.
type Data struct {
	// ID prefixes the ids of the chart's elements; unique on the page.
	ID string
	// Title names the chart (the SVG's title and the table's caption); Desc says in words
	// what it shows (the SVG's description).
	Title, Desc string
	// Unit is what the values count, as the axis names it: "ton", "peserta".
	Unit string
	// CategoryHeader heads the table's first column: "Bulan", "Daerah".
	CategoryHeader string
	Categories     []Category
	Series         []Series
	// Empty is said instead of the chart when there is nothing to draw.
	Empty string
	// Tick writes an axis value in the page's language; plain digits when nil.
	Tick func(float64) string
}

// Category is a month or a group, with the short label an axis has room for.
type Category struct {
	Label string // in the table
	Short string // on the axis; Label when empty
}

// Series is a line, or the bars of one kind in each group, with a value per category.
type Series struct {
	Key    string // stable, for tests and styles
	Label  string
	Values []Value // one per category
}

// Value is one number: V to draw, Text to show; a value that is not OK is no value at all
// (a gap in a line, no bar, a dash in the table).
type Value struct {
	V    float64
	Text string
	OK   bool
}

// Of is a value to draw and show.
func Of(v float64, text string) Value { return Value{V: v, Text: text, OK: true} }

// empty reports whether the chart has no value to draw.
func (d Data) empty() bool {
	for _, s := range d.Series {
		for _, v := range s.Values {
			if v.OK {
				return false
			}
		}
	}
	return true
}

// value is series s's value for category c.
func (d Data) value(s, c int) Value {
	if c < len(d.Series[s].Values) {
		return d.Series[s].Values[c]
	}
	return Value{}
}

func (d Data) tick(v float64) string {
	if d.Tick != nil {
		return d.Tick(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func (c Category) short() string {
	if c.Short != "" {
		return c.Short
	}
	return c.Label
}

// maxValue is the largest value drawn (0 with none).
func (d Data) maxValue() float64 {
	m := 0.0
	for _, s := range d.Series {
		for _, v := range s.Values {
			if v.OK && v.V > m {
				m = v.V
			}
		}
	}
	return m
}

// niceScale is the top of an axis from 0 that holds max, and its step: 1, 2 or 5 times a
// power of ten, with four or five steps.
func niceScale(max float64) (top, step float64) {
	if max <= 0 {
		return 1, 0.25
	}
	raw := max / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		step = f * mag
		if step >= raw {
			break
		}
	}
	top = math.Ceil(max/step) * step
	return top, step
}

// Palette: fills and strokes of at least 4.5:1 against white, so that a line or a bar
// stands out from the page (WCAG 1.4.11 asks 3:1), each with its own marker, dash and
// pattern besides.
var colours = []string{"#0b5d7a", "#b45309", "#6d28d9", "#047857", "#be123c", "#374151"}

func colour(i int) string { return colours[i%len(colours)] }

// dashes are the lines' strokes by series.
var dashes = []string{"", "7 4", "2 4", "10 4 2 4"}

func dash(i int) string { return dashes[i%len(dashes)] }

// Marker shapes by series.
const (
	markerCircle = iota
	markerSquare
	markerTriangle
	markerDiamond
	markerCount
)

func marker(i int) int { return i % markerCount }

// markerPath draws a marker of shape at x, y, about 9 units across.
func markerPath(shape int, x, y float64) string {
	switch shape {
	case markerSquare:
		return "M" + f(x-4) + " " + f(y-4) + "h8v8h-8z"
	case markerTriangle:
		return "M" + f(x) + " " + f(y-5) + "L" + f(x+5) + " " + f(y+4) + "H" + f(x-5) + "z"
	case markerDiamond:
		return "M" + f(x) + " " + f(y-5.5) + "L" + f(x+5.5) + " " + f(y) + "L" + f(x) + " " + f(y+5.5) + "L" + f(x-5.5) + " " + f(y) + "z"
	}
	return "M" + f(x-4.5) + " " + f(y) + "a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0z"
}

// f writes a coordinate with at most two decimals.
func f(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }

// The drawings' sizes, in the viewBox's units. The SVG is as wide as its column: about
// 340 pixels on a phone, where a 13-unit text is 11 pixels high; the stylesheet caps its
// width so that the text never grows past a page's own.
const (
	width    = 400.0
	fontSize = 13.0
	charW    = 7.4 // a generous average advance of a character at fontSize
)

// Point is a drawn value.
type Point struct {
	X, Y  float64
	Value Value
	Cat   int
}

// Tick is a gridline with its label.
type Tick struct {
	Y     float64
	Label string
}

// XLabel is a category's label under the axis.
type XLabel struct {
	X, Y   float64
	Text   string
	Rotate bool
}

// LineSeries is a series as drawn: its path (one run per stretch without gaps), its
// points, and how it is told apart.
type LineSeries struct {
	Index  int
	Key    string
	Label  string
	Path   string
	Points []Point
	Colour string
	Dash   string
	Marker int
}

// LineGeometry is a line chart laid out.
type LineGeometry struct {
	Height               float64
	Left, Right, Top, Y0 float64 // the plot's edges; Y0 is the zero line
	Top1                 float64 // the value at the plot's top
	Ticks                []Tick
	XLabels              []XLabel
	Series               []LineSeries
}

// Line lays out a line chart: months along the bottom, values up from zero.
func Line(d Data) LineGeometry {
	g := LineGeometry{Left: 52, Right: width - 14, Top: 30}
	n := len(d.Categories)
	rotate := n > 6
	bottom := 30.0
	if rotate {
		longest := 0
		for _, c := range d.Categories {
			longest = max(longest, len([]rune(c.short())))
		}
		bottom = 16 + float64(longest)*charW*0.72 // the label's drop at 45 degrees
	}
	plot := 190.0
	g.Y0 = g.Top + plot
	g.Height = g.Y0 + bottom
	top, step := niceScale(d.maxValue())
	g.Top1 = top
	y := func(v float64) float64 { return g.Y0 - v/top*plot }
	for v := 0.0; v <= top+step/2; v += step {
		g.Ticks = append(g.Ticks, Tick{Y: y(v), Label: d.tick(v)})
	}
	x := func(i int) float64 {
		if n <= 1 {
			return (g.Left + g.Right) / 2
		}
		return g.Left + 8 + (g.Right-g.Left-16)*float64(i)/float64(n-1)
	}
	// Thin the labels so that they never overlap: a rotated label needs a line's height
	// between neighbours, a flat one its width.
	every := 1
	if n > 1 {
		gap := (g.Right - g.Left - 16) / float64(n-1)
		need := fontSize * 1.3
		if !rotate {
			longest := 0
			for _, c := range d.Categories {
				longest = max(longest, len([]rune(c.short())))
			}
			need = float64(longest)*charW + 6
		}
		every = int(math.Ceil(need / gap))
		every = max(every, 1)
	}
	for i, c := range d.Categories {
		if i%every != 0 && i != n-1 {
			continue
		}
		if i != n-1 && n-1-i < every && (n-1)%every != 0 {
			continue // the last label is always shown; drop the one crowding it
		}
		l := XLabel{X: x(i), Y: g.Y0 + 18, Text: c.short(), Rotate: rotate}
		if rotate {
			l.Y = g.Y0 + 14
		}
		g.XLabels = append(g.XLabels, l)
	}
	for si, s := range d.Series {
		ls := LineSeries{Index: si, Key: s.Key, Label: s.Label, Colour: colour(si), Dash: dash(si), Marker: marker(si)}
		pen := "M"
		for ci := range d.Categories {
			v := d.value(si, ci)
			if !v.OK {
				pen = "M"
				continue
			}
			p := Point{X: x(ci), Y: y(v.V), Value: v, Cat: ci}
			ls.Points = append(ls.Points, p)
			ls.Path += pen + f(p.X) + " " + f(p.Y)
			pen = "L"
		}
		g.Series = append(g.Series, ls)
	}
	return g
}

// Bar is a drawn bar with its direct label.
type Bar struct {
	Series, Cat int
	Key         string
	X, Y, W, H  float64
	Value       Value
	Label       string // the series and the value, beside the bar
	LabelX      float64
	Fill        string // a pattern's reference
}

// BarGroup is a category's label and its bars.
type BarGroup struct {
	Label  string
	LabelY float64
	Bars   []Bar
}

// BarGeometry is a bar chart laid out: a group per category, its label above its bars,
// each bar as long as its value on one scale for the whole chart.
type BarGeometry struct {
	Height float64
	X0     float64 // where every bar starts
	Scale  float64 // units of length per unit of value
	Groups []BarGroup
}

// Bar sizes.
const (
	barH       = 18.0
	barGap     = 5.0
	groupLabel = 22.0
	groupGap   = 14.0
)

// Bars lays out a horizontal bar chart: long region names get a line of their own, so
// that the bars keep the whole width of a phone.
func Bars(d Data) BarGeometry {
	g := BarGeometry{X0: 8}
	longest := 0.0
	for si, s := range d.Series {
		for ci := range d.Categories {
			if v := d.value(si, ci); v.OK {
				longest = max(longest, float64(len([]rune(s.Label+" "+v.Text))))
			}
		}
	}
	room := min(longest*charW+10, width/2)
	span := width - g.X0 - room
	top := d.maxValue()
	if top > 0 {
		g.Scale = span / top
	}
	y := 0.0
	for ci, c := range d.Categories {
		grp := BarGroup{Label: c.Label, LabelY: y + 16}
		y += groupLabel
		for si, s := range d.Series {
			v := d.value(si, ci)
			if !v.OK {
				continue
			}
			w := v.V * g.Scale
			b := Bar{Series: si, Cat: ci, Key: s.Key, X: g.X0, Y: y, W: w, H: barH, Value: v, Label: s.Label + " " + v.Text, Fill: "url(#" + patternID(d.ID, si) + ")"}
			b.LabelX = g.X0 + w + 5
			grp.Bars = append(grp.Bars, b)
			y += barH + barGap
		}
		g.Groups = append(g.Groups, grp)
		y += groupGap
	}
	g.Height = y
	return g
}

// patternID names series i's pattern in chart id's definitions.
func patternID(id string, i int) string { return id + "-pattern-" + strconv.Itoa(i) }

// Pattern is how a series' bars are filled: its colour, with a texture of its own.
type Pattern struct {
	ID     string
	Colour string
	Kind   int // 0 solid, 1 stripes, 2 dots, 3 cross-hatch
}

// patterns are the fills of d's series.
func patterns(d Data) []Pattern {
	out := make([]Pattern, len(d.Series))
	for i := range d.Series {
		out[i] = Pattern{ID: patternID(d.ID, i), Colour: colour(i), Kind: i % 4}
	}
	return out
}
