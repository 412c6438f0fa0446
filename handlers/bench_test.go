package handlers_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/fixture"
	"derap/views"
)

// The cold-render benchmarks share one database of the benchmark's full size (5,000
// agreements), built on first use (about a minute and a half), or the one DERAP_BENCH_DB
// names: a database `go run ./cmd/bench -keep` left behind, say.
var (
	coldOnce  sync.Once
	coldStore *models.Store
	coldData  fixture.Result
)

func coldDatabase(b *testing.B) (*models.Store, fixture.Result) {
	b.Helper()
	coldOnce.Do(func() {
		ctx := context.Background()
		if dsn := os.Getenv("DERAP_BENCH_DB"); dsn != "" {
			s, err := models.Open(dsn)
			if err != nil {
				b.Fatal(err)
			}
			coldStore = s
			return
		}
		dir := b.TempDir()
		s, err := models.Open(filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		if coldData, err = fixture.Build(ctx, s, fixture.Full, 20261126, func(string) {}); err != nil {
			b.Fatal(err)
		}
		coldStore = s
	})
	if coldStore == nil {
		b.Skip("no benchmark database")
	}
	return coldStore, coldData
}

// BenchmarkColdPages renders public pages as a visitor's first request does, with the page
// cache off, one at a time, through the whole Echo stack (plain, as the cache takes a page
// before compressing it): go test -tags sqlite_fts5 -run X -bench ColdPages ./handlers
// (issue 21: home and /regions under 5 ms each).
func BenchmarkColdPages(b *testing.B) {
	store, _ := coldDatabase(b)
	ctx := context.Background()
	e, err := handlers.New(store, handlers.Config{NoPageCache: true, SessionKey: testKey}, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	latest, err := store.PublishedAgreements(ctx, models.AgreementFilter{}, 1)
	if err != nil || len(latest.Items) == 0 {
		b.Fatalf("no published agreement: %v", err)
	}
	pages := []struct{ name, path string }{
		{"home", string(views.HomeURL())},
		{"regions", string(views.RegionsURL())},
		{"events", string(views.EventsURL())},
		{"agreements", string(views.AgreementsURL())},
		{"agreement", string(views.AgreementURL(latest.Items[0].ID))},
		{"region Jakarta", string(views.RegionURL(models.JakartaCode))},
		{"monitoring", string(views.MonitoringURL())},
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p.path, nil))
				if rec.Code != http.StatusOK || rec.Header().Get("X-Cache") == "hit" {
					b.Fatalf("%s: %d, %q", p.path, rec.Code, rec.Header().Get("X-Cache"))
				}
			}
		})
	}
}
