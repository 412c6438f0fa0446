package handlers

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"derap/models"
)

// SessionStore is what the session store needs from the models layer.
type SessionStore interface {
	Now() time.Time
	DataVersions(ctx context.Context) (models.DataVersions, error)
	CreateSession(ctx context.Context, token string, userID uint, data []byte, maxAge time.Duration) error
	SessionByToken(ctx context.Context, token string, idle time.Duration) (models.Session, error)
	SaveSessionData(ctx context.Context, token string, data []byte) error
	DeleteSession(ctx context.Context, token string) error
}

// userKey holds, in a session's values, the signed-in user loaded with it. It is never
// stored: the session row itself names the user.
type userKey struct{}

// dbSessions is a gorilla/sessions store that keeps sessions in the database. The cookie
// carries only a random token, signed and encrypted; the row holds the user and the other
// values, so ending a session anywhere ends it everywhere at once.
type dbSessions struct {
	models   SessionStore
	versions *versionFeed
	cache    *sessionCache
	codecs   []securecookie.Codec
	options  sessions.Options
	idle     time.Duration
	maxAge   time.Duration
}

// Get returns the request's session, loading it once per request.
func (st *dbSessions) Get(r *http.Request, name string) (*sessions.Session, error) {
	return sessions.GetRegistry(r).Get(st, name)
}

// New loads the session named by the request's cookie, or starts an empty one when there
// is no cookie or its session has ended.
func (st *dbSessions) New(r *http.Request, name string) (*sessions.Session, error) {
	s := sessions.NewSession(st, name)
	opts := st.options
	s.Options = &opts
	s.IsNew = true
	cookie, err := r.Cookie(name)
	if err != nil {
		return s, nil
	}
	var token string
	if err := securecookie.DecodeMulti(name, cookie.Value, &token, st.codecs...); err != nil {
		return s, nil // forged, from old keys, or expired: start afresh
	}
	rec, err := st.load(r, token)
	if errors.Is(err, models.ErrNotFound) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if len(rec.Data) > 0 {
		if err := (securecookie.GobEncoder{}).Deserialize(rec.Data, &s.Values); err != nil {
			return s, err
		}
	}
	user := rec.User
	s.Values[userKey{}] = &user
	s.ID = token
	s.IsNew = false
	return s, nil
}

// load returns the live session of a token: from the cache while the database's content
// version is the one it was read at and its last activity is recent, from the database
// otherwise. Every change to a session or an account (a sign-out, a disabled user, a new
// password, ended sessions), by any process, moves the content version on, so a cached
// session is never one the database has since ended.
func (st *dbSessions) load(r *http.Request, token string) (models.Session, error) {
	versions, err := dataVersions(r, st.versions)
	if err != nil {
		return models.Session{}, err
	}
	if rec, ok := st.cache.get(token, versions.Content, st.models.Now()); ok {
		return rec, nil
	}
	rec, err := st.models.SessionByToken(r.Context(), token, st.idle)
	if err != nil {
		st.cache.drop(token)
		return rec, err
	}
	st.cache.put(token, versions.Content, rec)
	return rec, nil
}

// Save writes the session: a new row when it has none (a sign-in, or a renewed ID), its
// values otherwise, and the cookie. A session without a user is not kept; MaxAge < 0
// deletes it.
func (st *dbSessions) Save(r *http.Request, w http.ResponseWriter, s *sessions.Session) error {
	ctx := r.Context()
	if s.Options.MaxAge < 0 {
		if s.ID != "" {
			if err := st.models.DeleteSession(ctx, s.ID); err != nil {
				return err
			}
		}
		http.SetCookie(w, sessions.NewCookie(s.Name(), "", s.Options))
		return nil
	}
	user := sessionUser(s)
	if user == nil {
		return nil
	}
	values := make(map[any]any, len(s.Values))
	for k, v := range s.Values {
		if _, ok := k.(userKey); !ok {
			values[k] = v
		}
	}
	data, err := (securecookie.GobEncoder{}).Serialize(values)
	if err != nil {
		return err
	}
	if s.ID == "" {
		s.ID = models.NewSessionToken()
		if err := st.models.CreateSession(ctx, s.ID, user.ID, data, st.maxAge); err != nil {
			return err
		}
	} else if err := st.models.SaveSessionData(ctx, s.ID, data); err != nil {
		return err
	}
	encoded, err := securecookie.EncodeMulti(s.Name(), s.ID, st.codecs...)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessions.NewCookie(s.Name(), encoded, s.Options))
	return nil
}

// sessionUser is the user a session is signed in as, or nil.
func sessionUser(s *sessions.Session) *models.User {
	u, _ := s.Values[userKey{}].(*models.User)
	return u
}

// sessionCache keeps the sessions read from the database, each under the content version
// it was read at, so that a signed-in request costs one read of the change counters instead
// of one of its session. An entry serves only while it is within a minute of the activity
// recorded for it (models.SessionTouchInterval): past that the database is asked, which
// records the activity and judges idleness, because another server may have served the
// session since.
type sessionCache struct {
	metrics *Metrics
	mu      sync.Mutex
	entries map[string]cachedSession
}

type cachedSession struct {
	version uint64
	session models.Session
}

// maxCachedSessions bounds the cache; when it is full it starts again empty, which costs
// each active session one read.
const maxCachedSessions = 10000

func newSessionCache(m *Metrics) *sessionCache {
	return &sessionCache{metrics: m, entries: map[string]cachedSession{}}
}

func (sc *sessionCache) get(token string, version uint64, now time.Time) (models.Session, bool) {
	sc.mu.Lock()
	e, ok := sc.entries[token]
	sc.mu.Unlock()
	ok = ok && e.version == version && now.Before(e.session.ExpiresAt) &&
		now.Sub(e.session.LastSeenAt) < models.SessionTouchInterval
	sc.metrics.cacheLookup("sessions", ok)
	return e.session, ok
}

func (sc *sessionCache) put(token string, version uint64, s models.Session) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if len(sc.entries) >= maxCachedSessions {
		clear(sc.entries)
	}
	sc.entries[token] = cachedSession{version: version, session: s}
}

func (sc *sessionCache) drop(token string) {
	sc.mu.Lock()
	delete(sc.entries, token)
	sc.mu.Unlock()
}
