package models

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
)

// Online snapshots for backups, as each engine takes them. Either is consistent: one
// moment of the database, while the portal goes on serving and writing.

// Snapshot writes a consistent copy of the whole database to the file path: on SQLite a
// database file made by VACUUM INTO, on PostgreSQL a pg_dump archive (custom format),
// which pg_restore reads. The file must not exist yet.
func (s *Store) Snapshot(ctx context.Context, dsn, path string) error {
	if s.engine != EnginePostgres {
		// A connection of its own, neither the pool's read-only ones nor the writers'
		// one: VACUUM INTO reads in one transaction, so the copy is the database as of its
		// start, and writers go on meanwhile (WAL).
		db, err := sql.Open("sqlite3", dsn+"?_busy_timeout=10000")
		if err != nil {
			return fmt.Errorf("models: snapshot: %w", err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
			return fmt.Errorf("models: snapshot: %w", err)
		}
		return nil
	}
	if err := runPostgresTool(ctx, dsn, "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", path); err != nil {
		return fmt.Errorf("models: snapshot: %w", err)
	}
	return nil
}

// RestorePostgres loads a pg_dump archive made by Snapshot into the database dsn names,
// which must be empty unless clean is set, when what it holds is dropped first.
func RestorePostgres(ctx context.Context, dsn, path string, clean bool) error {
	args := []string{"--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"}
	if clean {
		args = append(args, "--clean", "--if-exists")
	}
	if err := runPostgresTool(ctx, dsn, "pg_restore", append(args, path)...); err != nil {
		return fmt.Errorf("models: restore: %w", err)
	}
	return nil
}

// runPostgresTool runs pg_dump or pg_restore against dsn. The password goes in the
// environment, never on a command line other users can read.
func runPostgresTool(ctx context.Context, dsn, tool string, args ...string) error {
	u, err := url.Parse(dsn)
	if err != nil {
		return fmt.Errorf("the database URL: %w", err)
	}
	env := os.Environ()
	if pw, ok := u.User.Password(); ok {
		env = append(env, "PGPASSWORD="+pw)
		u.User = url.User(u.User.Username())
	}
	cmd := exec.CommandContext(ctx, tool, append([]string{"--dbname=" + u.String()}, args...)...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		var missing *exec.Error
		if errors.As(err, &missing) {
			return fmt.Errorf("%s is needed for PostgreSQL backups (Debian: apt-get install postgresql-client): %w", tool, err)
		}
		return fmt.Errorf("%s: %w: %s", tool, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// IntegrityCheck asks the engine to check the database's own structure: SQLite's
// PRAGMA integrity_check. PostgreSQL checks its pages as it reads them; there it reads
// every table once.
func (s *Store) IntegrityCheck(ctx context.Context) error {
	if s.engine == EnginePostgres {
		var tables []string
		err := s.db.WithContext(ctx).Raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").Scan(&tables).Error
		if err != nil {
			return fmt.Errorf("models: integrity check: %w", err)
		}
		for _, t := range tables {
			var n int64
			if err := s.db.WithContext(ctx).Table(t).Count(&n).Error; err != nil {
				return fmt.Errorf("models: integrity check of %s: %w", t, err)
			}
		}
		return nil
	}
	if err := s.sqliteCheck(ctx, "integrity_check"); err != nil {
		return fmt.Errorf("models: integrity check: %w", err)
	}
	return nil
}

// sqliteCheck runs one of SQLite's checks of its own pages (integrity_check, or the
// faster quick_check) and turns anything but "ok" into an error listing the problems.
func (s *Store) sqliteCheck(ctx context.Context, pragma string) error {
	var results []string
	if err := s.db.WithContext(ctx).Raw("PRAGMA " + pragma).Scan(&results).Error; err != nil {
		return err
	}
	if len(results) != 1 || results[0] != "ok" {
		return errors.New(strings.Join(results, "; "))
	}
	return nil
}

// IsEmpty reports whether the database holds no table of the portal's yet.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	var n int64
	q := "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
	if s.engine == EnginePostgres {
		q = "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"
	}
	if err := s.db.WithContext(ctx).Raw(q).Scan(&n).Error; err != nil {
		return false, fmt.Errorf("models: is empty: %w", err)
	}
	return n == 0, nil
}

// DocumentContents lists every stored document content, by hash, with its size.
func (s *Store) DocumentContents(ctx context.Context) (map[string]int64, error) {
	var rows []documentContent
	if err := s.db.WithContext(ctx).Order("sha256").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("models: document contents: %w", err)
	}
	out := make(map[string]int64, len(rows))
	for _, r := range rows {
		out[r.SHA256] = r.Size
	}
	return out, nil
}

// CheckServable refuses, before a server says it is ready, a database it could not serve:
// on SQLite one whose pages fail PRAGMA quick_check; on both, one it cannot write (a
// read-only file or replica), found by a write that changes nothing.
func (s *Store) CheckServable(ctx context.Context) error {
	if s.engine == EngineSQLite {
		if err := s.sqliteCheck(ctx, "quick_check"); err != nil {
			return fmt.Errorf("models: the database fails its quick check: %w", err)
		}
	}
	if err := s.ProbeWrite(ctx); err != nil {
		return fmt.Errorf("models: the database cannot be written: %w", err)
	}
	return nil
}

// ProbeWrite runs a write transaction that changes nothing, to learn whether the
// database takes writes now; a failure is an *UnavailableError when its cause is known.
func (s *Store) ProbeWrite(ctx context.Context) error {
	return s.writeQuiet(ctx, func(tx *Store) error {
		return tx.w.Exec("UPDATE data_versions SET content_version = content_version WHERE id = 1").Error
	})
}

// MinFreeSpace is the free disk space under which a SQLite portal reports itself
// unhealthy, before writes start to fail.
const MinFreeSpace = 64 << 20

// FreeSpace is the free space of the disk that holds a SQLite database, in bytes; ok is
// false on PostgreSQL, whose server watches its own disk.
func (s *Store) FreeSpace() (free uint64, ok bool) {
	if s.engine != EngineSQLite || s.path == "" {
		return 0, false
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(s.path), &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
