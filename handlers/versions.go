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
	// changes reads the scopes of the public changes after a version (page_scopes.go), so
	// that the page cache keeps the pages a change did not touch; nil keeps none.
	changes func(ctx context.Context, since uint64) ([]models.ScopeChange, error)
	scopes  scopeLog

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
	if r.err == nil && f.changes != nil {
		// Before anyone sees the new versions: a page is kept across a change only when
		// the log holds that change. A log that could not be read keeps no page across.
		_ = f.scopes.follow(context.WithoutCancel(ctx), r.versions.Public, f.changes)
	}
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

// scopeLog is what a server knows of the scopes the public changes touched, from the first
// public version it read on: for each scope the latest change of it, and the latest change
// that may have touched any page. The feed brings it up to date whenever the public version
// moves, before it hands the new version to the requests.
type scopeLog struct {
	mu      sync.RWMutex
	started bool
	floor   uint64 // the public version first read: nothing is known of changes before it
	seen    uint64 // the log holds every change up to this public version
	anyPage uint64 // the latest change that may have touched any page
	latest  map[string]uint64
}

// follow brings the log up to the public version just read.
func (l *scopeLog) follow(ctx context.Context, public uint64, changes func(context.Context, uint64) ([]models.ScopeChange, error)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.started {
		l.started, l.floor, l.seen, l.latest = true, public, public, map[string]uint64{}
		return nil
	}
	if public <= l.seen {
		return nil
	}
	list, err := changes(ctx, l.seen)
	if err != nil {
		return err
	}
	newest := uint64(0)
	versions := make(map[uint64]bool, len(list))
	for _, c := range list {
		newest = max(newest, c.Version)
		versions[c.Version] = true
		if c.Scope == models.ScopeAnyPage {
			l.anyPage = max(l.anyPage, c.Version)
		} else {
			l.latest[c.Scope] = max(l.latest[c.Scope], c.Version)
		}
	}
	// Every public change moves the counter by one, and each records its scopes. A version
	// with no row may be a change that recorded none (a process from before migration
	// 00014), or one whose rows a later change of the same scopes took over: the log
	// cannot tell, so it counts as touching any page. Rare for the second (the log is read
	// on every request after a change), and only ever a page dropped too many.
	for v := l.seen + 1; v <= public; v++ {
		if !versions[v] {
			l.anyPage = max(l.anyPage, public)
			break
		}
	}
	l.seen = max(public, newest)
	return nil
}

// unchanged reports whether no public change after since, up to now, touched scope.
func (l *scopeLog) unchanged(scope string, since, now uint64) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.started && since >= l.floor && l.seen >= now && l.anyPage <= since && l.latest[scope] <= since
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
