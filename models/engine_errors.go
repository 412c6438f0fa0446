package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// Telling the failures a user cannot fix (a full disk, a read-only file or replica, a
// database busy past its timeout, a server that went away) from the portal's own bugs,
// as each engine reports them. The first are ErrUnavailable: the web layer answers 503,
// "nothing was saved, try again shortly", and the portal recovers without a restart once
// the cause is gone.

// unavailable wraps err in ErrUnavailable when it is such a failure, naming its cause.
func unavailable(err error) error {
	if err == nil || errors.Is(err, ErrUnavailable) {
		return err
	}
	if cause := unavailableCause(err); cause != "" {
		return &UnavailableError{Cause: cause, Err: err}
	}
	return err
}

// unavailableCause names why the database cannot save, or is "" for another error.
func unavailableCause(err error) string {
	var lite sqlite3.Error
	if errors.As(err, &lite) {
		switch lite.Code {
		case sqlite3.ErrFull:
			return "the disk is full"
		case sqlite3.ErrReadonly, sqlite3.ErrPerm, sqlite3.ErrCantOpen:
			return "the database file cannot be written"
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return "the database is busy"
		case sqlite3.ErrIoErr:
			return "the disk fails to read or write"
		}
		return ""
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch {
		case pg.Code == "53100":
			return "the database server's disk is full"
		case strings.HasPrefix(pg.Code, "53"):
			return "the database server is out of resources"
		case pg.Code == "25006":
			return "the database is read-only"
		case strings.HasPrefix(pg.Code, "57P"), strings.HasPrefix(pg.Code, "08"):
			return "the database server is not available"
		}
		return ""
	}
	var netErr net.Error
	switch {
	case errors.Is(err, driver.ErrBadConn), errors.As(err, &netErr), pgconn.SafeToRetry(err):
		return "the database server cannot be reached"
	case errors.Is(err, context.DeadlineExceeded):
		return "the database did not answer in time"
	}
	return ""
}

// UnavailableError is a write the database could not take, for a reason outside the
// portal (Cause); it is ErrUnavailable.
type UnavailableError struct {
	Cause string
	Err   error
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("models: the database cannot save right now (%s): %v", e.Cause, e.Err)
}

// Is makes every UnavailableError match ErrUnavailable.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

func (e *UnavailableError) Unwrap() error { return e.Err }

// maxWriteAttempts bounds how often a write transaction runs when the database keeps
// choosing it as the victim of a conflict.
const maxWriteAttempts = 5

// retryConflicts runs a whole write transaction again when PostgreSQL aborted it for a
// deadlock or a serialization failure. Either can strike two correct transactions that
// lock the same rows in a different order (a confirmation and a publication touching the
// same delegates' notifications, say); the database rolled the victim back entirely, so
// running it again is safe and is what PostgreSQL's manual asks of the application. Write
// bodies therefore touch only the database and their own results. SQLite has one writer
// and never reports these.
func retryConflicts(ctx context.Context, run func() error) error {
	for attempt := 1; ; attempt++ {
		err := run()
		if err == nil || !conflicted(err) || attempt == maxWriteAttempts {
			return err
		}
		// A short, growing, jittered pause, so the transactions that collided do not
		// collide again at once.
		pause := time.Duration(attempt) * time.Duration(1+rand.IntN(5)) * time.Millisecond
		select {
		case <-ctx.Done():
			return err
		case <-time.After(pause):
		}
	}
}

// conflicted says PostgreSQL aborted a transaction to resolve a deadlock (40P01) or a
// serialization failure (40001).
func conflicted(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40P01" || pg.Code == "40001")
}
