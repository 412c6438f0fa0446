package models

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"
)

// Group commit on SQLite. With synchronous=FULL every commit waits for the disk to sync
// the log, and SQLite has one writer: one transaction per request would allow no more
// confirmations per second than the disk allows syncs. Instead the write transactions
// that wait for the write connection run one after another inside one transaction, each
// in a savepoint of its own, and share its commit: one sync acknowledges them all. Nobody
// is answered before the commit that holds their write, so an acknowledged write is still
// on the disk; a write that fails rolls back to its savepoint and leaves the others be.
// PostgreSQL groups concurrent commits by itself and does not use this.

// maxCommitGroup bounds how many writes share one commit, so that the first of them does
// not wait for an unbounded queue behind it.
const maxCommitGroup = 64

// errCommitGroupLost is what the writes of a group learn when the transaction they shared
// ended before its commit (SQLite rolls a whole transaction back on some failures, a full
// disk among them): none of them was saved.
var errCommitGroupLost = errors.New("the shared transaction was rolled back")

// groupCommit queues write transactions for the single write connection.
type groupCommit struct {
	w *gorm.DB

	mu      sync.Mutex
	queue   []*commitJob
	running bool // a drain goroutine is at work on the queue

	// Commits and writes count what the group commit has done, for the metrics and tests.
	commits, writes atomic.Uint64
}

// commitJob is one caller's transaction body and the answer it waits for.
type commitJob struct {
	ctx  context.Context
	fn   func(tx *gorm.DB) error
	done chan commitResult
}

type commitResult struct {
	err      error
	panicked any // what fn panicked with, re-raised in the caller's goroutine
}

func newGroupCommit(w *gorm.DB) *groupCommit { return &groupCommit{w: w} }

// WriteCommits says how many commits the store's grouped writes took and how many writes
// they saved; both stay 0 on PostgreSQL, which groups its commits itself.
func (s *Store) WriteCommits() (commits, writes uint64) {
	if s.commits == nil {
		return 0, 0
	}
	return s.commits.commits.Load(), s.commits.writes.Load()
}

// run runs fn in a write transaction shared with the writes queued beside it, and returns
// once that transaction has committed (fn's writes are then on the disk) or fn has failed
// (they are not). A caller whose context ends before its turn is skipped; once fn has
// begun it runs to the end regardless, since SQLite answers an interrupted statement by
// rolling back the whole transaction, the others' writes with it.
func (g *groupCommit) run(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	job := &commitJob{ctx: ctx, fn: fn, done: make(chan commitResult, 1)}
	g.mu.Lock()
	g.queue = append(g.queue, job)
	if !g.running {
		g.running = true
		go g.drain()
	}
	g.mu.Unlock()
	r := <-job.done
	if r.panicked != nil {
		panic(r.panicked)
	}
	return r.err
}

// drain commits groups until the queue is empty. It holds no goroutine while the portal
// does not write.
func (g *groupCommit) drain() {
	for {
		g.mu.Lock()
		n := min(len(g.queue), maxCommitGroup)
		if n == 0 {
			g.running = false
			g.queue = nil
			g.mu.Unlock()
			return
		}
		group := make([]*commitJob, n)
		copy(group, g.queue)
		g.queue = g.queue[n:]
		g.mu.Unlock()
		g.commit(group)
	}
}

// commit runs one group in one transaction and answers each of its callers.
func (g *groupCommit) commit(group []*commitJob) {
	results := make([]commitResult, len(group))
	answer := func() {
		for i, job := range group {
			job.done <- results[i]
		}
	}
	tx := g.w.WithContext(context.Background()).Begin()
	if tx.Error != nil {
		for i := range results {
			results[i].err = fmt.Errorf("models: begin: %w", tx.Error)
		}
		answer()
		return
	}
	saved := make([]bool, len(group)) // fn returned without error and its savepoint holds
	for i, job := range group {
		if err := job.ctx.Err(); err != nil {
			results[i].err = err
			continue
		}
		results[i] = g.step(tx, job)
		if results[i].err != nil || results[i].panicked != nil {
			if err := tx.Exec("ROLLBACK TO group_write").Error; err != nil {
				// The transaction itself is gone: nothing of the group was saved.
				g.lose(tx, results, err)
				answer()
				return
			}
		} else {
			saved[i] = true
		}
		if err := tx.Exec("RELEASE group_write").Error; err != nil {
			g.lose(tx, results, err)
			answer()
			return
		}
	}
	if err := tx.Commit().Error; err != nil {
		for i := range results {
			if saved[i] {
				results[i].err = fmt.Errorf("models: commit: %w", err)
			}
		}
	} else {
		g.commits.Add(1)
		for i := range results {
			if saved[i] {
				g.writes.Add(1)
			}
		}
	}
	answer()
}

// step runs one caller's fn inside its own savepoint.
func (g *groupCommit) step(tx *gorm.DB, job *commitJob) (r commitResult) {
	if err := tx.Exec("SAVEPOINT group_write").Error; err != nil {
		return commitResult{err: fmt.Errorf("models: savepoint: %w", err)}
	}
	defer func() {
		if p := recover(); p != nil {
			r = commitResult{panicked: fmt.Sprintf("%v\n\n(in a grouped write transaction)\n%s", p, debug.Stack())}
		}
	}()
	return commitResult{err: job.fn(tx.WithContext(context.WithoutCancel(job.ctx)))}
}

// lose marks a group whose transaction ended under it: every write that did not fail on
// its own, those that seemed saved and those not yet run, learns that nothing was saved.
func (g *groupCommit) lose(tx *gorm.DB, results []commitResult, cause error) {
	_ = tx.Rollback().Error
	lost := fmt.Errorf("models: %w: %w", errCommitGroupLost, cause)
	for i := range results {
		if results[i].err == nil && results[i].panicked == nil {
			results[i].err = lost
		}
	}
}
