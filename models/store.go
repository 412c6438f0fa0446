// Package models holds the portal's entities, the rules of the agreement lifecycle and every
// query the pages need. It knows nothing of HTTP or HTML: rules are tested here without a
// server, and every action that writes several rows runs in one transaction.
package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	_ "time/tzdata" // the Asia/Jakarta zone must not depend on the host's tzdata
)

// Jakarta is the time zone the programme's dates are read in (WIB).
var Jakarta = mustLoadLocation("Asia/Jakarta")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Store is the portal's access to its database. On SQLite it keeps two pools over the same
// file: many read-only connections, and a single write connection whose transactions
// begin immediately. One writer means writers queue in Go instead of polling SQLite's
// lock, so concurrent requests never see "database is locked"; WAL lets the readers go on
// while it writes. On PostgreSQL one pool serves both, and writes lock the rows they
// change (engine_locking.go).
type Store struct {
	engine         Engine
	path           string   // the SQLite file
	db             *gorm.DB // reads; inside a transaction, the transaction itself
	w              *gorm.DB // writes; inside a transaction, the transaction itself
	now            func() time.Time
	passwordParams PasswordParams
	// hashes shares the password hashes fairly among client addresses.
	hashes *hashQueue
	// commits groups the write transactions on SQLite's single write connection so that
	// they share commits (engine_group_commit.go); nil on PostgreSQL and in bound stores.
	commits *groupCommit
	// effects is what the write transaction this store is bound to has done.
	effects *writeEffects
}

// writeEffects is what a write transaction tells about itself once it commits.
type writeEffects struct {
	// private says no page a visitor sees can have changed: the public version stays.
	private bool
	// quiet says no page at all can have changed: no version moves.
	quiet bool
	// scoped says the write named the public pages it touched (scopes, page_scopes.go);
	// anyPage that a write nested in it did not, so that it may have touched any.
	scoped  bool
	anyPage bool
	scopes  []string
}

// Open opens the database dsn names: a SQLite file (created if needed), or a PostgreSQL
// database by its postgres:// URL. It does not touch the schema: see Migrate.
func Open(dsn string) (*Store, error) {
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // multi-row writes use explicit transactions
		TranslateError:         true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
	s := &Store{
		engine: EngineOf(dsn), now: time.Now, passwordParams: DefaultPasswordParams,
		hashes: newHashQueue(runtime.NumCPU()),
	}
	var err error
	if s.engine == EnginePostgres {
		s.db, s.w, err = openPostgres(dsn, cfg)
	} else {
		s.db, s.w, err = openSQLite(dsn, cfg)
		s.path = dsn
	}
	if err != nil {
		return nil, err
	}
	if s.engine == EngineSQLite {
		s.commits = newGroupCommit(s.w)
	}
	return s, nil
}

// Pools are the store's connection pools by name ("reads" and "writes" on SQLite, "main"
// on PostgreSQL), for the metrics of their use.
func (s *Store) Pools() map[string]*sql.DB {
	out := map[string]*sql.DB{}
	if s.w == s.db {
		if db, err := s.db.DB(); err == nil {
			out["main"] = db
		}
		return out
	}
	if db, err := s.db.DB(); err == nil {
		out["reads"] = db
	}
	if db, err := s.w.DB(); err == nil {
		out["writes"] = db
	}
	return out
}

// Close closes the pools.
func (s *Store) Close() error {
	pools := []*gorm.DB{s.db}
	if s.w != s.db {
		pools = append(pools, s.w)
	}
	var errs []error
	for _, g := range pools {
		sqlDB, err := g.DB()
		if err == nil {
			err = sqlDB.Close()
		}
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// SetClock replaces the store's clock; tests use it to pin "today".
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// Now is the store's current time in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// Today is the current calendar day in Jakarta, as a UTC midnight like every stored date.
func (s *Store) Today() time.Time {
	y, m, d := s.now().In(Jakarta).Date()
	return Date(y, m, d)
}

// Date builds a calendar date the way the store keeps them: midnight UTC.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return fmt.Errorf("models: ping: %w", err)
	}
	return nil
}

// write runs fn in one immediate write transaction; fn gets a Store bound to it. Before it
// commits, the same transaction moves the database's data versions on (changes.go): the
// content version always, the public version unless fn said no public page can have
// changed (writeEffects.private). Every cache keyed by them, in any process, is then stale.
// On SQLite the transaction may be shared with other writes queued at the same moment
// (engine_group_commit.go): fn then runs in a savepoint of its own, and write returns
// after the shared commit. On PostgreSQL fn may run more than once: a transaction the
// database aborts for a deadlock is run again from the start (retryConflicts), so fn
// touches only the database and sets, never accumulates, what it hands back.
func (s *Store) write(ctx context.Context, fn func(tx *Store) error) error {
	return s.transact(ctx, &writeEffects{}, fn)
}

// writeQuiet is write for what no page shows and no cache keeps: a session's last activity
// (a cached session is read again a minute after it) and sign-in bookkeeping. It moves no
// version.
func (s *Store) writeQuiet(ctx context.Context, fn func(tx *Store) error) error {
	return s.transact(ctx, &writeEffects{private: true, quiet: true}, fn)
}

func (s *Store) transact(ctx context.Context, effects *writeEffects, fn func(tx *Store) error) error {
	start := *effects
	body := func(tx *gorm.DB) error {
		*effects = start // a retried transaction starts from what the caller asked
		b := s.bound(tx)
		b.effects = effects
		if err := fn(b); err != nil {
			return err
		}
		if outer := s.effects; outer != nil {
			// Nested in another write: that one's transaction records the change when it
			// commits, as the larger of the two.
			outer.merge(effects)
			return nil
		}
		if !effects.quiet {
			// Whatever fn changed that the search finds is indexed before the commit.
			if err := b.refreshSearch(); err != nil {
				return err
			}
		}
		if err := b.recordChange(); err != nil {
			return err
		}
		return b.recordScopes()
	}
	if s.commits != nil { // a root store on SQLite; a store bound to a transaction has none
		return unavailable(s.commits.run(ctx, body))
	}
	if s.effects != nil { // nested: the outer transaction is the one that may be retried
		return unavailable(s.w.WithContext(ctx).Transaction(body))
	}
	return unavailable(retryConflicts(ctx, func() error { return s.w.WithContext(ctx).Transaction(body) }))
}

// bound is a copy of the store whose reads and writes go through db.
func (s *Store) bound(db *gorm.DB) *Store {
	c := *s
	c.db, c.w = db, db
	c.commits = nil
	return &c
}

// Setting is a key/value row for facts about the database itself (e.g. the demo was loaded).
type Setting struct {
	Key   string `gorm:"primaryKey"`
	Value string `gorm:"not null"`
}

func (s *Store) setting(key string) (string, bool, error) {
	var row Setting
	err := s.db.Where("key = ?", key).Limit(1).Find(&row).Error
	if err != nil {
		return "", false, fmt.Errorf("models: read setting %s: %w", key, err)
	}
	return row.Value, row.Key != "", nil
}

// Pragmas reports the connection settings that matter for running as a web server, as
// the write connection sees them.
func (s *Store) Pragmas(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range []string{"journal_mode", "foreign_keys", "synchronous", "busy_timeout"} {
		var v string
		if err := s.w.WithContext(ctx).Raw("PRAGMA " + name).Scan(&v).Error; err != nil {
			return nil, fmt.Errorf("models: pragma %s: %w", name, err)
		}
		out[name] = v
	}
	return out, nil
}
