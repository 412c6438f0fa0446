package static

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strconv"
)

// LandSource is the map's outline with its projection (made by cmd/mapgen); LandSVG is the
// land drawn from it, which the map shows as an image: a file the browser keeps for a
// year, instead of 22 kB of path written and gzipped on every page that has the map.
const (
	LandSource = "map/indonesia.json"
	LandSVG    = "map/indonesia.svg"
)

// The land's colours, as the style sheet gave them when the land was a path in the page: a
// style sheet cannot reach into an image, so they are drawn in.
const (
	landFill   = "#d9e7d2"
	landStroke = "#7a9a6f"
	landWidth  = "0.8"
)

// DrawLand makes the picture of the land from the outline's JSON (LandSource). The same
// outline always gives the same bytes, so that the build writes the file once and the
// static tests can tell a stale one.
func DrawLand(outline []byte) ([]byte, error) {
	var o struct {
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
		Path   string  `json:"path"`
	}
	if err := json.Unmarshal(outline, &o); err != nil {
		return nil, fmt.Errorf("read the outline: %w", err)
	}
	if o.Width <= 0 || o.Height <= 0 || o.Path == "" {
		return nil, errors.New("the outline has no size or no path")
	}
	w := strconv.FormatFloat(o.Width, 'g', -1, 64)
	h := strconv.FormatFloat(o.Height, 'g', -1, 64)
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s">`+
		`<path fill="%s" stroke="%s" stroke-width="%s" d="%s"/></svg>`+"\n",
		w, h, w, h, landFill, landStroke, landWidth, html.EscapeString(o.Path)), nil
}
