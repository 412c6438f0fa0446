// Command precompress draws the map's land (map/indonesia.svg) from its outline, then
// writes, beside each of the portal's static files that gains from it, its gzipped copy
// (name.gz), and removes copies that no longer belong to a file or no longer save
// anything. It runs at build time (go generate ./static, part of make generate), so that
// the server draws and compresses no static file, neither when it starts nor on a
// request; the static package's tests fail when the land or a copy is missing or stale.
package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"derap/static"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "precompress:", err)
		os.Exit(1)
	}
}

// run works in the static folder, where go generate runs it.
func run() error {
	// First the land, so that its gzipped copy is made from the picture just drawn.
	if err := drawLand(); err != nil {
		return err
	}
	for _, dir := range []string{"css", "img", "js", "map"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if source, ok := strings.CutSuffix(path, static.GzipSuffix); ok {
				if _, err := os.Stat(source); os.IsNotExist(err) {
					return os.Remove(path) // its file is gone
				}
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			gz, ok := static.Gzip(data)
			target := path + static.GzipSuffix
			if !ok {
				if err := os.Remove(target); err != nil && !os.IsNotExist(err) {
					return err
				}
				return nil
			}
			return writeIfChanged(target, gz)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// drawLand writes the land's picture from the outline, unless it is current.
func drawLand() error {
	outline, err := os.ReadFile(static.LandSource)
	if err != nil {
		return err
	}
	svg, err := static.DrawLand(outline)
	if err != nil {
		return fmt.Errorf("%s: %w", static.LandSource, err)
	}
	return writeIfChanged(static.LandSVG, svg)
}

// writeIfChanged writes a file unless it already holds data, so that a current file keeps
// its time.
func writeIfChanged(name string, data []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(name, data, 0o644)
}
