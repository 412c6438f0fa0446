package models

import "sync"

// memo keeps the results of the heavier queries of signed-in pages (the officials'
// dashboard, a delegate's inbox) for as long as nothing has been written: each result is
// tagged with the content version it was read at, and any committed write moves the
// version on. The first reader after a write reads the database again.
type memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	version uint64
	value   any
}

// memoLimit bounds the entries; past it the memo starts afresh rather than growing.
const memoLimit = 4096

// remember returns the value kept under key at the current content version, or loads,
// keeps and returns it. Results are shared between requests: callers must not change them.
func remember[T any](s *Store, key string, load func() (T, error)) (T, error) {
	return rememberAt(s, key, s.version.Load(), load)
}

// rememberAt is remember against a version of the caller's choosing.
func rememberAt[T any](s *Store, key string, version uint64, load func() (T, error)) (T, error) {
	s.memo.mu.Lock()
	e, ok := s.memo.entries[key]
	s.memo.mu.Unlock()
	if ok && e.version == version {
		return e.value.(T), nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	s.memo.mu.Lock()
	if len(s.memo.entries) >= memoLimit {
		s.memo.entries = map[string]memoEntry{}
	}
	s.memo.entries[key] = memoEntry{version: version, value: v}
	s.memo.mu.Unlock()
	return v, nil
}
