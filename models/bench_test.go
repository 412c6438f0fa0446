package models_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"derap/models"
	"derap/models/fixture"
	"derap/models/modeltest"
)

// The benchmarks share one database of realistic size, built on first use.
var (
	benchOnce  sync.Once
	benchStore *models.Store
	benchData  fixture.Result
	benchDir   string
)

func benchDB(b *testing.B) (*models.Store, fixture.Result) {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "derap-models-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		s, err := models.Open(filepath.Join(dir, "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		if _, err := s.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		size := fixture.Size{Agreements: 2000, Events: 100, Users: 100, AuditEntries: 10000}
		if benchData, err = fixture.Build(ctx, s, size, 1, func(string) {}); err != nil {
			b.Fatal(err)
		}
		benchStore = s
	})
	if benchStore == nil {
		b.Skip("no benchmark database")
	}
	return benchStore, benchData
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchStore != nil {
		_ = benchStore.Close()
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// The public list of agreements: the query behind /agreements.
func BenchmarkPublishedAgreements(b *testing.B) {
	s, data := benchDB(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		f    models.AgreementFilter
	}{
		{"page 1", models.AgreementFilter{}},
		{"page 20", models.AgreementFilter{Page: 20}},
		{"sector and region", models.AgreementFilter{Sector: "food", Region: data.Regions[0]}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.PublishedAgreements(ctx, bc.f, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// The search: the queries behind /search, a word most agreements hold (the worst case:
// counting and ranking thousands), a region's name and a code that find few.
func BenchmarkSearch(b *testing.B) {
	s, data := benchDB(b)
	ctx := context.Background()
	for _, bc := range []struct{ name, text string }{
		{"common word", "pangan"},
		{"two words", "kerja pangan"},
		{"region code", data.Regions[0]},
		{"nothing", "zzqxv"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(ctx, models.Actor{}, models.SearchQuery{Text: bc.text, PerKind: 4, PerPage: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// An agreement's page: the query behind /agreements/{id}.
func BenchmarkAgreementPage(b *testing.B) {
	s, data := benchDB(b)
	ctx := context.Background()
	i := 0
	for b.Loop() {
		id := data.Published[i%len(data.Published)]
		i++
		if _, err := s.AgreementFor(ctx, models.Actor{}, id); err != nil {
			b.Fatal(err)
		}
		if _, err := s.AgreementHistory(ctx, models.Actor{}, id); err != nil {
			b.Fatal(err)
		}
	}
}

// The per-request truth check: reading the database's change counters, which every
// request answered from a page cache does first.
func BenchmarkDataVersions(b *testing.B) {
	s, _ := benchDB(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.DataVersions(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// A signed-in request's session, with its user and region, read from the database.
func BenchmarkSessionByToken(b *testing.B) {
	s, data := benchDB(b)
	ctx := context.Background()
	official, err := s.UserByEmail(ctx, data.Official)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.CreateSession(ctx, "bench-session", official.ID, nil, time.Hour); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.SessionByToken(ctx, "bench-session", time.Hour); err != nil {
			b.Fatal(err)
		}
	}
}

// Confirmations by 16 delegates at once, the write path's hot spot: what SQLite's
// synchronous=FULL (the portal's setting: every commit syncs the log) costs against NORMAL,
// with the group commit and with one commit per confirmation. Each run builds its own
// database with enough pending answers; run it with a fixed count, e.g.
// go test -run X -bench Confirmations -benchtime 2000x ./models
func BenchmarkConfirmations(b *testing.B) {
	if modeltest.TestEngine() != models.EngineSQLite {
		b.Skip("the synchronous setting and the group commit are SQLite's")
	}
	for _, mode := range []string{"FULL", "NORMAL"} {
		for _, grouped := range []bool{true, false} {
			name := mode + "/one-commit-each"
			if grouped {
				name = mode + "/grouped"
			}
			b.Run(name, func(b *testing.B) {
				s, pending, actors := confirmationsDB(b, b.N)
				ctx := context.Background()
				if err := s.ExecForTest(ctx, "PRAGMA synchronous="+mode); err != nil {
					b.Fatal(err)
				}
				if !grouped {
					s.CommitEachWriteForTest()
				}
				var next atomic.Int64
				b.SetParallelism(8)
				statements, stop := s.CountStatementsForTest()
				defer stop()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						p := pending[next.Add(1)-1]
						if err := s.ConfirmParty(ctx, actors[p.Delegate], p.Agreement, p.Party, p.Hash, "", ""); err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "confirmations/s")
				// Every statement the confirmations ran, the group commit's savepoints
				// included (TestConfirmationStatements counts a confirmation's own).
				b.ReportMetric(float64(statements())/float64(b.N), "statements/op")
			})
		}
	}
}

// confirmationsDB builds a database with at least n answers pending, and their delegates.
func confirmationsDB(b *testing.B, n int) (*models.Store, []fixture.Pending, map[string]models.Actor) {
	b.Helper()
	s, err := models.Open(filepath.Join(b.TempDir(), "confirmations.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	fx, err := fixture.Build(ctx, s, fixture.Size{Agreements: max(40, n), Events: 5, Users: 40}, 1, func(string) {})
	if err != nil {
		b.Fatal(err)
	}
	if len(fx.Pending) < n {
		b.Fatalf("%d answers pending, %d wanted", len(fx.Pending), n)
	}
	actors := map[string]models.Actor{}
	for _, p := range fx.Pending[:n] {
		if _, ok := actors[p.Delegate]; ok {
			continue
		}
		u, err := s.UserByEmail(ctx, p.Delegate)
		if err != nil {
			b.Fatal(err)
		}
		actors[p.Delegate] = models.Actor{User: &u, IP: "192.0.2.30", UserAgent: "bench"}
	}
	return s, fx.Pending[:n], actors
}
