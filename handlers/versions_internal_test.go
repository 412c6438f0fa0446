package handlers

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"derap/models"
)

// A request shares only a read of the change counters that starts after it arrived, so it
// sees every write committed before it; requests arriving during one read share the next.
func TestVersionFeedNeverServesAnOlderRead(t *testing.T) {
	var counter, reads atomic.Uint64
	counter.Store(1)
	release := make(chan struct{})
	started := make(chan struct{}, 16)
	f := &versionFeed{read: func(context.Context) (models.DataVersions, error) {
		v := counter.Load() // what the database holds when the read starts
		reads.Add(1)
		started <- struct{}{}
		<-release
		return models.DataVersions{Public: v, Content: v}, nil
	}}
	ctx := context.Background()

	first := make(chan uint64)
	go func() {
		v, _ := f.get(ctx)
		first <- v.Content
	}()
	<-started // the first read is running, at version 1

	counter.Store(2) // a write commits
	var wg sync.WaitGroup
	later := make(chan uint64, 10)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := f.get(ctx)
			later <- v.Content
		}()
	}
	waitFor(t, func() bool { // all ten are waiting for a read not yet started
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.next != nil && f.next.waiters == 10
	})
	close(release)
	if v := <-first; v != 1 {
		t.Errorf("the first request got version %d, want 1", v)
	}
	wg.Wait()
	close(later)
	for v := range later {
		if v != 2 {
			t.Fatalf("a request that came after the write got version %d", v)
		}
	}
	if n := reads.Load(); n != 2 {
		t.Errorf("%d reads for 11 requests in two batches, want 2", n)
	}

	// Idle again: the next request reads for itself.
	counter.Store(3)
	if v, _ := f.get(ctx); v.Content != 3 {
		t.Errorf("an idle request got version %d, want 3", v.Content)
	}
}

// A request that gives up waiting does not cancel the read the others wait for.
func TestVersionFeedOutlivesAnAbandonedRequest(t *testing.T) {
	release := make(chan struct{})
	f := &versionFeed{read: func(ctx context.Context) (models.DataVersions, error) {
		<-release
		if err := ctx.Err(); err != nil {
			return models.DataVersions{}, err
		}
		return models.DataVersions{Content: 7}, nil
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() {
		_, err := f.get(ctx)
		done <- err
	}()
	waitFor(t, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.running
	})
	other := make(chan models.DataVersions)
	go func() {
		v, _ := f.get(context.Background())
		other <- v
	}()
	waitFor(t, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.next != nil
	})
	cancel()
	close(release)
	<-done
	if v := <-other; v.Content != 7 {
		t.Errorf("the waiting request got %+v", v)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(time.Millisecond)
	}
}

// The log keeps a scoped page across the changes that did not touch it, and no page
// across a change that left no scope (a process from before migration 00014), even when
// a scoped change followed it before the log was read, one it could not read, or one from
// before it started.
func TestScopeLogKeepsOnlyUntouchedPages(t *testing.T) {
	var l scopeLog
	ctx := context.Background()
	rows := map[uint64][]models.ScopeChange{}
	changes := func(_ context.Context, since uint64) ([]models.ScopeChange, error) {
		var out []models.ScopeChange
		for v, list := range rows {
			if v > since {
				out = append(out, list...)
			}
		}
		return out, nil
	}
	_ = l.follow(ctx, 10, changes)
	rows[11] = []models.ScopeChange{{Scope: "agreement:1", Version: 11}, {Scope: "region:61", Version: 11}}
	_ = l.follow(ctx, 11, changes)
	if !l.unchanged("agreement:2", 10, 11) || l.unchanged("agreement:1", 10, 11) || l.unchanged("region:61", 10, 11) {
		t.Error("a publication's scopes")
	}
	if l.unchanged("agreement:2", 9, 11) {
		t.Error("a page from before the log began was kept")
	}
	if l.unchanged("agreement:2", 11, 12) {
		t.Error("a page was kept across a change the log does not hold yet")
	}
	_ = l.follow(ctx, 12, changes) // version 12 left no row
	if l.unchanged("agreement:2", 11, 12) {
		t.Error("a page was kept across a change without scopes")
	}
	rows[13] = []models.ScopeChange{{Scope: models.ScopeAnyPage, Version: 13}}
	_ = l.follow(ctx, 13, changes)
	if l.unchanged("agreement:2", 12, 13) {
		t.Error("a page was kept across a change of any page")
	}
	// Version 14 left no row, and 15, a publication, came before the log was read again.
	rows[15] = []models.ScopeChange{{Scope: "agreement:1", Version: 15}}
	_ = l.follow(ctx, 15, changes)
	if l.unchanged("agreement:2", 13, 15) {
		t.Error("a page was kept across a change without scopes that a later publication followed")
	}
	rows[16] = []models.ScopeChange{{Scope: "agreement:1", Version: 16}}
	_ = l.follow(ctx, 16, changes)
	if !l.unchanged("agreement:2", 15, 16) {
		t.Error("a page was dropped by another agreement's publication")
	}
	failing := func(context.Context, uint64) ([]models.ScopeChange, error) { return nil, context.Canceled }
	if err := l.follow(ctx, 17, failing); err == nil || l.unchanged("agreement:2", 16, 17) {
		t.Error("a page was kept across a change the log could not read")
	}
}
