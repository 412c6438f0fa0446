package handlers

import (
	"context"
	"net/http"
	"sync"

	"derap/models"
)

// versionFeed reads the database's change counters for many requests at once. A request
// must see every write committed before it arrived, so it may only share a read that
// starts after it arrived: requests that come while a read is running wait together for
// the next one, which starts as soon as the running one ends. Under load that is one query
// for a whole batch of requests instead of one each, and when idle it is the one query a
// request would have made anyway.
type versionFeed struct {
	read func(ctx context.Context) (models.DataVersions, error)

	mu      sync.Mutex
	running bool
	next    *versionRead // the read not yet started, with the requests waiting for it
}

// versionRead is one read of the counters and everyone waiting for it.
type versionRead struct {
	done     chan struct{}
	waiters  int // requests sharing it
	versions models.DataVersions
	err      error
}

// get returns the counters as read after the call began.
func (f *versionFeed) get(ctx context.Context) (models.DataVersions, error) {
	f.mu.Lock()
	r := f.next
	if r == nil {
		r = &versionRead{done: make(chan struct{})}
		f.next = r
	}
	r.waiters++
	start := !f.running
	if start {
		f.running, f.next = true, nil
	}
	f.mu.Unlock()
	if start {
		// The caller reads for its batch itself; the batches after it get a goroutine, so
		// that no request waits for more than the read running and its own.
		f.run(ctx, r)
	}
	select {
	case <-r.done:
		return r.versions, r.err
	case <-ctx.Done():
		return models.DataVersions{}, ctx.Err()
	}
}

// run performs one read and starts the one waiting after it, if any.
func (f *versionFeed) run(ctx context.Context, r *versionRead) {
	// The read serves other requests too: one that gives up must not cancel it for them.
	r.versions, r.err = f.read(context.WithoutCancel(ctx))
	close(r.done)
	f.mu.Lock()
	next := f.next
	f.next = nil
	f.running = next != nil
	f.mu.Unlock()
	if next != nil {
		go f.run(ctx, next)
	}
}

// requestVersionsKey holds a request's *requestVersions in its context.
type requestVersionsKey struct{}

// requestVersions are the change counters of one request, read at most once: the page
// caches and the session cache of one request are keyed by the same reading.
type requestVersions struct {
	feed     *versionFeed
	read     bool
	versions models.DataVersions
}

// withRequestVersions gives a request its (not yet read) change counters.
func (h *Handler) withRequestVersions(r *http.Request) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), requestVersionsKey{}, &requestVersions{feed: h.versions}))
}

// dataVersions returns the change counters for the request, reading them on first use.
// A request that was not given any (a test calling a store directly) reads afresh.
func dataVersions(r *http.Request, feed *versionFeed) (models.DataVersions, error) {
	rv, _ := r.Context().Value(requestVersionsKey{}).(*requestVersions)
	if rv == nil {
		return feed.get(r.Context())
	}
	if !rv.read {
		v, err := rv.feed.get(r.Context())
		if err != nil {
			return models.DataVersions{}, err
		}
		rv.versions, rv.read = v, true
	}
	return rv.versions, nil
}
