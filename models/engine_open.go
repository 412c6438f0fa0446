package models

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// Opening connections: the one concern where the engines differ most.

// whyNotWritable names the operating system's reason when a SQLite file, or the folder
// where its log and lock files go, cannot be written (a read-only filesystem, say): SQLite
// itself only says it could not open the file.
func whyNotWritable(path string, err error) error {
	const writable = 2 // W_OK
	for _, p := range []string{path, filepath.Dir(path)} {
		if aerr := syscall.Access(p, writable); aerr != nil && !errors.Is(aerr, fs.ErrNotExist) {
			return fmt.Errorf("%s cannot be written (%w): %w", p, aerr, err)
		}
	}
	return err
}

// openSQLite opens the two pools over a SQLite file: many read-only connections and one
// write connection whose transactions begin immediately.
func openSQLite(path string, cfg *gorm.Config) (reads, writes *gorm.DB, err error) {
	// _synchronous=FULL: in WAL mode, NORMAL may lose the last transactions acknowledged
	// before a power cut (the WAL is not synced at each commit); FULL syncs it at every
	// commit, so a confirmation the portal has acknowledged is on the disk.
	// _stmt_cache_size keeps each connection's recently used statements prepared inside
	// the driver: the few queries every page runs are parsed once per connection, with no
	// statement object shared between connections (so none can wait on a busy one).
	const common = "_busy_timeout=10000&_foreign_keys=on&_synchronous=FULL&_stmt_cache_size=128"
	w, err := gorm.Open(sqlite.Open(path+"?_journal_mode=WAL&_txlock=immediate&"+common), cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("models: open %s for writing: %w", path, whyNotWritable(path, err))
	}
	wsql, err := w.DB()
	if err != nil {
		return nil, nil, fmt.Errorf("models: open %s: %w", path, err)
	}
	wsql.SetMaxOpenConns(1)
	wsql.SetConnMaxLifetime(0)
	// The write connection sets WAL mode on the file before any reader opens it.
	if err := wsql.Ping(); err != nil {
		_ = wsql.Close()
		return nil, nil, fmt.Errorf("models: open %s: %w", path, whyNotWritable(path, err))
	}
	r, err := gorm.Open(sqlite.Open(path+"?_query_only=1&"+common), cfg)
	if err != nil {
		_ = wsql.Close()
		return nil, nil, fmt.Errorf("models: open %s for reading: %w", path, err)
	}
	rsql, err := r.DB()
	if err != nil {
		_ = wsql.Close()
		return nil, nil, fmt.Errorf("models: open %s: %w", path, err)
	}
	readers := max(4, 2*runtime.NumCPU())
	rsql.SetMaxOpenConns(readers)
	rsql.SetMaxIdleConns(readers)
	rsql.SetConnMaxLifetime(0)
	return r, w, nil
}

// postgresConns bounds the PostgreSQL pool of one portal server; several servers share
// the database, so each takes a modest share of its max_connections (100 by default).
const postgresConns = 20

// openPostgres opens one pool for reads and writes. Instants come back in UTC, as SQLite
// gives them, so that dates compare and print alike on both engines.
func openPostgres(dsn string, cfg *gorm.Config) (reads, writes *gorm.DB, err error) {
	conf, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("models: the PostgreSQL URL: %w", err)
	}
	sqlDB := stdlib.OpenDB(*conf, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID, Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
		return nil
	}))
	sqlDB.SetMaxOpenConns(postgresConns)
	sqlDB.SetMaxIdleConns(postgresConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), cfg)
	if err != nil {
		_ = sqlDB.Close()
		return nil, nil, fmt.Errorf("models: open %s@%s/%s: %w", conf.User, conf.Host, conf.Database, err)
	}
	if err := sqlDB.Ping(); err != nil {
		_ = sqlDB.Close()
		return nil, nil, fmt.Errorf("models: connect to %s@%s/%s: %w", conf.User, conf.Host, conf.Database, err)
	}
	return db, db, nil
}

// PlansKept reports whether the database keeps a prepared statement's plan whatever values
// are bound to it. SQLite does when built with SQLITE_ENABLE_QPSG, as make builds it:
// otherwise the driver's statement cache, which clears a statement's bindings when it
// takes it back, makes SQLite plan almost every query again on its next run (15 % of a
// list page's cost). PostgreSQL always keeps them.
func (s *Store) PlansKept(ctx context.Context) (bool, error) {
	if s.engine != EngineSQLite {
		return true, nil
	}
	var on int
	if err := s.db.WithContext(ctx).Raw("SELECT sqlite_compileoption_used('ENABLE_QPSG')").Scan(&on).Error; err != nil {
		return false, fmt.Errorf("models: check the SQLite build: %w", err)
	}
	return on == 1, nil
}
