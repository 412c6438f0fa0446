package models_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/fixture"
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
