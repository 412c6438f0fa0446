package models

import (
	"context"
	"sync"
	"testing"
	"time"
)

func (q *hashQueue) waiters() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, list := range q.waiting {
		n += len(list)
	}
	return n
}

// With every slot taken, a burst of five from one address and one request from another:
// the other address's request gets the second slot handed out, not the sixth; a request
// that gives up leaves the line, and the slots all come back.
func TestHashQueueIsFairAmongAddresses(t *testing.T) {
	q := newHashQueue(1)
	if err := q.acquire(context.Background(), "held"); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var order []string
	var wg sync.WaitGroup
	enqueue := func(ctx context.Context, address string) {
		n := q.waiters()
		wg.Go(func() {
			if err := q.acquire(ctx, address); err != nil {
				return
			}
			mu.Lock()
			order = append(order, address)
			mu.Unlock()
			q.release()
		})
		for deadline := time.Now().Add(5 * time.Second); q.waiters() == n; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the request did not queue")
			}
		}
	}
	for range 5 {
		enqueue(context.Background(), "burst")
	}
	gaveUp, cancel := context.WithCancel(context.Background())
	enqueue(gaveUp, "impatient")
	enqueue(context.Background(), "other")
	cancel()
	for deadline := time.Now().Add(5 * time.Second); q.waiters() != 6; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d waiting after one gave up, want 6", q.waiters())
		}
	}
	q.release()
	wg.Wait()
	want := []string{"burst", "other", "burst", "burst", "burst", "burst"}
	if len(order) != len(want) {
		t.Fatalf("order %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if q.free != 1 || len(q.turns) != 0 || len(q.waiting) != 0 {
		t.Errorf("after all: %d free, turns %v, waiting %v", q.free, q.turns, q.waiting)
	}
}
