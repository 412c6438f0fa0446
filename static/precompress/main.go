// Command precompress writes, beside each of the portal's static files that gains from
// it, its gzipped copy (name.gz), and removes copies that no longer belong to a file or
// no longer save anything. It runs at build time (go generate ./static, part of
// make generate), so that the server compresses no static file, neither when it starts
// nor on a request; the static package's tests fail when a copy is missing or stale.
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
	for _, dir := range []string{"css", "img", "map"} {
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
			if old, err := os.ReadFile(target); err == nil && bytes.Equal(old, gz) {
				return nil // current: leave its time alone
			}
			return os.WriteFile(target, gz, 0o644)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
