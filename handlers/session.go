package handlers

import (
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"

	"derap/models"
)

// SessionStore is what the session store needs from the models layer.
type SessionStore interface {
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
	models  SessionStore
	codecs  []securecookie.Codec
	options sessions.Options
	idle    time.Duration
	maxAge  time.Duration
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
	rec, err := st.models.SessionByToken(r.Context(), token, st.idle)
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
