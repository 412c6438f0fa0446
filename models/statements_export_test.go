package models

import (
	"context"
	"sync/atomic"
	"time"

	"gorm.io/gorm/logger"
)

// TraceStatementsForTest calls fn with every statement the store's connections run (its
// SQL with the arguments in it, the rows it touched, how long it took), until stop is
// called. Triggers' statements run inside the one that fires them and are not seen.
func (s *Store) TraceStatementsForTest(fn func(sql string, rows int64, elapsed time.Duration)) (stop func()) {
	t := statementTracer{fn: fn}
	readsLog, writesLog := s.db.Config.Logger, s.w.Config.Logger
	s.db.Config.Logger, s.w.Config.Logger = t, t
	return func() { s.db.Config.Logger, s.w.Config.Logger = readsLog, writesLog }
}

type statementTracer struct {
	fn func(sql string, rows int64, elapsed time.Duration)
}

func (t statementTracer) LogMode(logger.LogLevel) logger.Interface { return t }
func (statementTracer) Info(context.Context, string, ...any)       {}
func (statementTracer) Warn(context.Context, string, ...any)       {}
func (statementTracer) Error(context.Context, string, ...any)      {}
func (t statementTracer) Trace(_ context.Context, begin time.Time, fc func() (string, int64), _ error) {
	sql, rows := fc()
	t.fn(sql, rows, time.Since(begin))
}

// CountStatementsForTest counts the statements the store's connections run, without
// formatting them (cheap enough to leave on in a benchmark), until stop is called.
func (s *Store) CountStatementsForTest() (count func() int64, stop func()) {
	c := &statementCounter{}
	readsLog, writesLog := s.db.Config.Logger, s.w.Config.Logger
	s.db.Config.Logger, s.w.Config.Logger = c, c
	return c.n.Load, func() { s.db.Config.Logger, s.w.Config.Logger = readsLog, writesLog }
}

type statementCounter struct{ n atomic.Int64 }

func (c *statementCounter) LogMode(logger.LogLevel) logger.Interface { return c }
func (*statementCounter) Info(context.Context, string, ...any)       {}
func (*statementCounter) Warn(context.Context, string, ...any)       {}
func (*statementCounter) Error(context.Context, string, ...any)      {}
func (c *statementCounter) Trace(context.Context, time.Time, func() (string, int64), error) {
	c.n.Add(1)
}
