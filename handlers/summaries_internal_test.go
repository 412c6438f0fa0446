package handlers

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// A kept value is read once per counter however many ask at once, read again when the
// counter moves, never replaced by the read of a request holding an older counter, and
// not kept when its read failed.
func TestVersionedReadsOncePerCounter(t *testing.T) {
	var m versioned[uint64]
	var reads atomic.Int64
	ctx := context.Background()
	load := func(v uint64) func(context.Context) (uint64, error) {
		return func(context.Context) (uint64, error) { reads.Add(1); return v, nil }
	}
	var wg sync.WaitGroup
	for range 32 {
		wg.Go(func() {
			if got, err := m.get(ctx, 5, load(5)); err != nil || got != 5 {
				t.Errorf("got %d, %v", got, err)
			}
		})
	}
	wg.Wait()
	if n := reads.Load(); n != 1 {
		t.Errorf("32 requests at one counter read %d times, want 1", n)
	}
	if got, _ := m.get(ctx, 6, load(6)); got != 6 || reads.Load() != 2 {
		t.Errorf("a moved counter: got %d after %d reads", got, reads.Load())
	}
	if got, _ := m.get(ctx, 5, load(5)); got != 5 {
		t.Errorf("an older counter got %d, want its own read", got)
	}
	if got, _ := m.get(ctx, 6, load(99)); got != 6 {
		t.Errorf("the older counter's read replaced the kept value: got %d", got)
	}
	failed := errors.New("database gone")
	if _, err := m.get(ctx, 7, func(context.Context) (uint64, error) { return 0, failed }); !errors.Is(err, failed) {
		t.Errorf("a failed read: %v", err)
	}
	if got, err := m.get(ctx, 7, load(7)); err != nil || got != 7 {
		t.Errorf("after a failed read the next one reads again: %d, %v", got, err)
	}
}
