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
