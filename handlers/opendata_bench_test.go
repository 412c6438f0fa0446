package handlers_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"derap/handlers"
	"derap/views"
)

// BenchmarkWholeRegister builds each file of the whole register as a client that takes
// gzip asks for it, with the page cache off, through the whole Echo stack: what a file
// costs in allocations is what the server's peak RSS comes from when clients download
// them at once. On the benchmark's full database (DERAP_BENCH_DB names a copy of one, or
// it is built on first use):
// go test -tags sqlite_fts5 -run X -bench WholeRegister -benchmem ./handlers
func BenchmarkWholeRegister(b *testing.B) {
	store, _ := coldDatabase(b)
	e, err := handlers.New(store, handlers.Config{NoPageCache: true, SessionKey: testKey}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	files := []struct{ name, path string }{
		{"agreements.json", string(views.AgreementsJSONURL(nil))},
		{"agreements.xlsx", string(views.AgreementsXLSXURL(nil))},
		{"agreements.csv", string(views.AgreementsCSVURL(nil))},
		{"parties.csv", string(views.PartiesCSVURL(nil))},
		{"events.json", string(views.EventsJSONURL())},
		{"sitemap.xml", string(views.SitemapURL())},
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, f.path, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				e.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", f.path, rec.Code)
				}
				size = rec.Body.Len()
			}
			b.ReportMetric(float64(size), "bytes/file")
		})
	}
}
