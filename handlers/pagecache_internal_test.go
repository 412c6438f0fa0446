package handlers

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/labstack/echo/v4"
)

// A big file (the register's JSON is 5 MB of text) is kept gzipped only, so that it fits
// the page cache's share for one entry; clients that take gzip get the kept bytes, the
// others the same file unzipped as it is sent, with the handler's headers either way.
func TestBigPagesAreKeptGzippedOnly(t *testing.T) {
	big := bytes.Repeat([]byte("nomor;judul;daerah;tanggal\n"), 20000)
	e := echo.New()
	file := func(c echo.Context) error {
		c.Response().Header().Set("Content-Disposition", `attachment; filename="register.csv"`)
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", big)
	}
	p, err := renderToKeep(e.NewContext(httptest.NewRequest(http.MethodGet, "/register.csv", nil), httptest.NewRecorder()), file, "k", 1, true)
	if err != nil || p == nil {
		t.Fatalf("not kept: %v", err)
	}
	if p.body != nil || p.gz == nil || p.plainBytes != len(big) || p.size() > len(big)/10 {
		t.Fatalf("kept %d plain bytes and %d gzipped of %d", len(p.body), len(p.gz), len(big))
	}
	for _, takesGzip := range []bool{true, false} {
		req := httptest.NewRequest(http.MethodGet, "/register.csv", nil)
		if takesGzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		if err := sendPage(e.NewContext(req, rec), p, false); err != nil {
			t.Fatal(err)
		}
		body := rec.Body.Bytes()
		if got := rec.Header().Get("Content-Encoding") == "gzip"; got != takesGzip {
			t.Fatalf("takes gzip %v, sent gzipped %v", takesGzip, got)
		}
		if takesGzip {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(body, big) || rec.Header().Get("Content-Disposition") == "" ||
			rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("takes gzip %v: %d bytes (want %d), headers %v", takesGzip, len(body), len(big), rec.Header())
		}
	}
}
