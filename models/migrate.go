package models

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// The schema is versioned: numbered SQL migrations, one folder per engine, embedded in the
// binary and applied in order with goose, which records each in goose_db_version. A
// schema change is always a new migration in both folders, never an edit of an old one.

//go:embed migrations
var migrationFiles embed.FS

// MigrationFiles are the embedded migrations, a folder per engine.
func MigrationFiles() fs.FS { return migrationFiles }

// Migration is one version of the schema, applied or pending.
type Migration struct {
	Version   int64
	Name      string     // the file, e.g. 00001_initial.sql
	AppliedAt *time.Time // nil while pending
	Took      time.Duration
}

// ErrSchemaTooNew is a database whose schema a newer derap made: this one does not know
// it and must not write to it.
var ErrSchemaTooNew = errors.New("models: the database's schema is newer than this program")

// migrations makes the goose provider for the store's engine. goose needs a *sql.DB; on
// SQLite it is the single write connection, so that migrating waits its turn like any
// other write.
func (s *Store) migrations() (*goose.Provider, *sql.DB, error) {
	db, err := s.w.DB()
	if err != nil {
		return nil, nil, err
	}
	files, err := fs.Sub(migrationFiles, "migrations/"+string(s.engine))
	if err != nil {
		return nil, nil, err
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	dialect := goose.DialectSQLite3
	if s.engine == EnginePostgres {
		dialect = goose.DialectPostgres
		// Several portal servers may start at once: one migrates, the others wait.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db, files, opts...)
	return p, db, err
}

// Migrate brings the schema up to date and returns the migrations it applied (none when it
// was current). A database older than versioned migrations, made by GORM's AutoMigrate, is
// adopted: its schema is first checked against the one the migrations make, then the
// first migration creates nothing that exists and records version 1. A database newer
// than this program is refused with ErrSchemaTooNew, untouched.
func (s *Store) Migrate(ctx context.Context) ([]Migration, error) {
	p, db, err := s.migrations()
	if err != nil {
		return nil, fmt.Errorf("models: migrate: %w", err)
	}
	current, err := s.checkNotNewer(ctx, p)
	if err != nil {
		return nil, err
	}
	adopting, err := s.unversioned(ctx, db, current)
	if err != nil {
		return nil, fmt.Errorf("models: migrate: %w", err)
	}
	if adopting {
		// Checked before anything is recorded, so that a schema that is not the release's
		// is refused as it is.
		if err := s.checkAdoptedSchema(ctx, db); err != nil {
			return nil, fmt.Errorf("models: adopt the existing schema: %w", err)
		}
	}
	if err := s.checkFullTextSearch(ctx); err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("models: migrate: %w", err)
	}
	// A migration may leave things for the search index to take in (the one that adds
	// the index, on a database with data): they are indexed now, not at the first edit.
	if err := s.RefreshSearch(ctx); err != nil {
		return nil, fmt.Errorf("models: migrate: %w", err)
	}
	out := make([]Migration, 0, len(results))
	now := s.Now()
	for _, r := range results {
		out = append(out, Migration{Version: r.Source.Version, Name: baseName(r.Source.Path), AppliedAt: &now, Took: r.Duration})
	}
	return out, nil
}

// Migrations lists every migration the program knows and any the database records beyond
// them, oldest first, each applied or pending.
func (s *Store) Migrations(ctx context.Context) ([]Migration, error) {
	p, _, err := s.migrations()
	if err != nil {
		return nil, fmt.Errorf("models: migrations: %w", err)
	}
	current, err := s.checkNotNewer(ctx, p)
	if err != nil && !errors.Is(err, ErrSchemaTooNew) {
		return nil, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("models: migrations: %w", err)
	}
	out := make([]Migration, 0, len(status))
	for _, st := range status {
		m := Migration{Version: st.Source.Version, Name: baseName(st.Source.Path)}
		if st.State == goose.StateApplied {
			at := st.AppliedAt.UTC()
			m.AppliedAt = &at
		}
		out = append(out, m)
	}
	if len(out) > 0 && current > out[len(out)-1].Version {
		out = append(out, Migration{Version: current, Name: "(made by a newer derap)", AppliedAt: &time.Time{}})
	}
	return out, nil
}

// SchemaVersion is the database's schema version and the newest this program knows:
// migrations are pending while the first is below the second.
func (s *Store) SchemaVersion(ctx context.Context) (current, newest int64, err error) {
	p, _, err := s.migrations()
	if err != nil {
		return 0, 0, fmt.Errorf("models: schema version: %w", err)
	}
	current, newest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("models: schema version: %w", err)
	}
	return current, newest, nil
}

// checkNotNewer returns the database's schema version, refusing one that a newer program
// made.
func (s *Store) checkNotNewer(ctx context.Context, p *goose.Provider) (int64, error) {
	current, newest, err := p.GetVersions(ctx)
	if err != nil {
		return 0, fmt.Errorf("models: schema version: %w", err)
	}
	if current > newest {
		return current, fmt.Errorf("%w: it is at version %d, this program knows up to %d; run the newer derap, or restore a backup made with this one", ErrSchemaTooNew, current, newest)
	}
	return current, nil
}

// unversioned reports whether the database holds the portal's tables while goose records
// no version: a database made by AutoMigrate, before versioned migrations.
func (s *Store) unversioned(ctx context.Context, db *sql.DB, current int64) (bool, error) {
	if current > 0 {
		return false, nil
	}
	tables, err := s.tableNames(ctx, db)
	if err != nil {
		return false, err
	}
	return slices.Contains(tables, "agreements"), nil
}

func baseName(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}
