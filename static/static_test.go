package static

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"strings"
	"testing"
)

// Every file that gains from compression has its gzipped copy, made at build time from
// its current content: a file edited without go generate ./static fails here.
func TestGzippedCopiesAreCurrent(t *testing.T) {
	if len(byName) == 0 {
		t.Fatal("no static files")
	}
	for name, a := range byName {
		_, worth := Gzip(a.Data)
		if worth != (a.Gzip != nil) {
			t.Errorf("%s: gzipped copy present %v, worth it %v (run go generate ./static)", name, a.Gzip != nil, worth)
			continue
		}
		if a.Gzip == nil {
			continue
		}
		r, err := gzip.NewReader(bytes.NewReader(a.Gzip))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || !bytes.Equal(got, a.Data) {
			t.Errorf("%s: the gzipped copy is not the file's content (run go generate ./static): %v", name, err)
		}
	}
}

// A gzipped copy is never a file of its own, and never outlives its file.
func TestGzippedCopiesBelongToAFile(t *testing.T) {
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		source, isCopy := strings.CutSuffix(name, GzipSuffix)
		if _, served := byName[name]; isCopy && served {
			t.Errorf("%s is served as a file of its own", name)
		}
		if _, ok := byName[source]; isCopy && !ok {
			t.Errorf("%s has no file %s", name, source)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The land's picture is the one the build draws from the current outline: an outline
// made again without go generate ./static fails here.
func TestLandIsCurrent(t *testing.T) {
	outline, err := Read(LandSource)
	if err != nil {
		t.Fatal(err)
	}
	want, err := DrawLand(outline)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Read(LandSVG)
	if err != nil {
		t.Fatalf("%v (run go generate ./static)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not drawn from %s (run go generate ./static)", LandSVG, LandSource)
	}
	if a, ok := byName[LandSVG]; !ok || a.ContentType != "image/svg+xml" || a.Gzip == nil {
		t.Errorf("%s is not served as a gzipped SVG", LandSVG)
	}
	if _, err := DrawLand([]byte(`{"width": 1000, "height": 384}`)); err == nil {
		t.Error("an outline without a path drew a picture")
	}
}
