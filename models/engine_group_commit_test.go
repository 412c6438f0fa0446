package models

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
)

// queued is how many writes wait for the next group.
func (g *groupCommit) queued() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.queue)
}

// groupStore opens a SQLite store with a notes table for the group commit's own tests.
func groupStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "group.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if err := s.w.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}
	return s
}

func notes(t *testing.T, s *Store) []string {
	t.Helper()
	var bodies []string
	if err := s.db.Raw("SELECT body FROM notes ORDER BY body").Scan(&bodies).Error; err != nil {
		t.Fatal(err)
	}
	return bodies
}

func insertNote(body string) func(tx *gorm.DB) error {
	return func(tx *gorm.DB) error { return tx.Exec("INSERT INTO notes (body) VALUES (?)", body).Error }
}

// holdWriter starts a write that keeps the write connection until release is closed, and
// returns once it runs: whatever is queued meanwhile forms the next group.
func holdWriter(t *testing.T, g *groupCommit) (release func(), done <-chan error) {
	t.Helper()
	running, hold := make(chan struct{}), make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		errs <- g.run(context.Background(), func(tx *gorm.DB) error {
			close(running)
			<-hold
			return insertNote("held")(tx)
		})
	}()
	<-running
	return func() { close(hold) }, errs
}

func waitQueued(t *testing.T, g *groupCommit, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); g.queued() < n; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d writes queued, want %d", g.queued(), n)
		}
	}
}

// Writes that queue while another commits share one commit; one that fails, panics or is
// abandoned before its turn leaves nothing, and the others of its group are saved.
func TestGroupCommitSharesACommitAndIsolatesFailures(t *testing.T) {
	s := groupStore(t)
	g := s.commits
	release, held := holdWriter(t, g)

	const n = 20
	const failing, panicking, abandoned = 5, 7, 9
	results := make([]error, n)
	panics := make([]any, n)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var wg sync.WaitGroup
	for i := range n {
		body := fmt.Sprintf("note %02d", i)
		fn := insertNote(body)
		jobCtx := context.Background()
		switch i {
		case failing:
			fn = func(tx *gorm.DB) error {
				if err := insertNote(body)(tx); err != nil {
					return err
				}
				return errors.New("refused after writing")
			}
		case panicking:
			fn = func(tx *gorm.DB) error {
				_ = insertNote(body)(tx)
				panic("broken rule")
			}
		case abandoned:
			jobCtx = ctx
		}
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			results[i] = g.run(jobCtx, fn)
		})
		waitQueued(t, g, i+1) // in order, so that the group's order is known
	}
	cancel() // the abandoned caller leaves before its turn
	release()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	wg.Wait()

	for i := range n {
		switch i {
		case failing:
			if results[i] == nil || !strings.Contains(results[i].Error(), "refused after writing") {
				t.Errorf("failing write: %v", results[i])
			}
		case panicking:
			if p, _ := panics[i].(string); !strings.Contains(p, "broken rule") {
				t.Errorf("panicking write: panic %v, error %v", panics[i], results[i])
			}
		case abandoned:
			if !errors.Is(results[i], context.Canceled) {
				t.Errorf("abandoned write: %v", results[i])
			}
		default:
			if results[i] != nil || panics[i] != nil {
				t.Errorf("write %d: %v %v", i, results[i], panics[i])
			}
		}
	}
	got := notes(t, s)
	if len(got) != 1+n-3 {
		t.Errorf("%d notes saved, want %d: %q", len(got), 1+n-3, got)
	}
	for _, body := range got {
		for _, lost := range []int{failing, panicking, abandoned} {
			if body == fmt.Sprintf("note %02d", lost) {
				t.Errorf("%q was saved", body)
			}
		}
	}
	if c, w := g.commits.Load(), g.writes.Load(); c != 2 || w != 1+n-3 {
		t.Errorf("%d commits for %d writes, want 2 for %d", c, w, 1+n-3)
	}
}

// When the shared transaction itself ends under a group (SQLite rolls it back on a full
// disk, say), every write of the group is told it was not saved, none of them is, and the
// next write works.
func TestGroupCommitLostTransactionSavesNothing(t *testing.T) {
	s := groupStore(t)
	g := s.commits
	release, held := holdWriter(t, g)
	fns := []func(tx *gorm.DB) error{
		insertNote("before"),
		func(tx *gorm.DB) error {
			_ = insertNote("killer")(tx)
			_ = tx.Exec("ROLLBACK").Error // as SQLite does itself on SQLITE_FULL
			return errors.New("disk full")
		},
		insertNote("after"),
	}
	results := make([]error, len(fns))
	var wg sync.WaitGroup
	for i, fn := range fns {
		wg.Go(func() { results[i] = g.run(context.Background(), fn) })
		waitQueued(t, g, i+1)
	}
	release()
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if !errors.Is(results[0], errCommitGroupLost) || !errors.Is(results[2], errCommitGroupLost) {
		t.Errorf("the others of the group: %v, %v; want them told nothing was saved", results[0], results[2])
	}
	if results[1] == nil || !strings.Contains(results[1].Error(), "disk full") {
		t.Errorf("the failing write: %v", results[1])
	}
	if got := notes(t, s); len(got) != 1 || got[0] != "held" {
		t.Errorf("notes %q, want only the earlier group's", got)
	}
	if err := g.run(context.Background(), insertNote("later")); err != nil {
		t.Fatalf("the next write: %v", err)
	}
	if got := notes(t, s); len(got) != 2 {
		t.Errorf("notes %q after the next write", got)
	}
}

// Through the store's own write: every saved write moves the change counter once, a failed
// one not at all, and a write nested in another joins it instead of waiting for itself.
func TestGroupedWritesRecordTheirOwnChanges(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "versions.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := s.DataVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 60
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = s.write(ctx, func(tx *Store) error {
				key := fmt.Sprintf("group.%02d", i)
				if err := tx.w.Create(&Setting{Key: key, Value: "v"}).Error; err != nil {
					return err
				}
				if i%3 == 0 {
					return errors.New("refused")
				}
				return tx.write(ctx, func(inner *Store) error {
					return inner.w.Create(&Setting{Key: key + ".inner", Value: "v"}).Error
				})
			})
		})
	}
	wg.Wait()
	saved := 0
	for i, err := range errs {
		if (i%3 == 0) != (err != nil) {
			t.Errorf("write %d: %v", i, err)
		}
		if err == nil {
			saved++
		}
	}
	var rows int64
	if err := s.db.Model(&Setting{}).Where("key LIKE 'group.%'").Count(&rows).Error; err != nil {
		t.Fatal(err)
	}
	if rows != int64(2*saved) {
		t.Errorf("%d rows, want %d", rows, 2*saved)
	}
	after, err := s.DataVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := after.Content - before.Content; got != uint64(saved) {
		t.Errorf("the content version moved by %d, want %d (one per saved write)", got, saved)
	}
}
