package models

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The errors every model function may return, whatever it does. The web layer maps each
// to a status and a message in one table (handlers/errors.go); a new error belongs both
// here and there.
var (
	// ErrNotFound is an object that does not exist, or that the asker may not see.
	ErrNotFound = errors.New("models: not found")
	// ErrForbidden is an action the actor's role or region does not allow.
	ErrForbidden = errors.New("models: not allowed for this actor")
	// ErrInvalidCredentials is a failed sign-in; it never says whether the email exists.
	ErrInvalidCredentials = errors.New("models: wrong email or password")
	// ErrInvalidTransition is an action the agreement's current status does not allow.
	ErrInvalidTransition = errors.New("models: not allowed in the agreement's current status")
	// ErrNotInReview is an answer to an agreement that no longer waits for answers: a
	// kind of ErrInvalidTransition that a delegate is told in their own words.
	ErrNotInReview = fmt.Errorf("%w: not in review", ErrInvalidTransition)
	// ErrStaleVersion is an answer to a version of the text that is no longer current.
	ErrStaleVersion = errors.New("models: the agreement's text has changed since it was shown")
	// ErrAlreadyDecided is a second answer by the same party to the same version.
	ErrAlreadyDecided = errors.New("models: the party already answered this version")
	// ErrChanged is an edit or an action made on a copy of a record that has changed since
	// it was loaded (the revision a form or a button carries is no longer the record's).
	// Nothing was written: the user sees the record as it is now and decides again.
	ErrChanged = errors.New("models: changed by someone else since it was loaded")
	// ErrInUse is a deletion refused because other records still point at the record.
	ErrInUse = errors.New("models: still linked from other records")
	// ErrTooLarge is an upload over the size limit.
	ErrTooLarge = errors.New("models: the file is larger than allowed")
	// ErrUnavailable is a write the database cannot take right now for a reason outside
	// the portal (a full disk, a read-only file, a server gone): nothing was saved, and a
	// later try may succeed. Its *UnavailableError names the cause.
	ErrUnavailable = errors.New("models: the database cannot save right now")
)

// ThrottledError is a sign-in refused because of too many recent failures.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("models: too many failed sign-ins; retry after %s", e.RetryAfter.Round(time.Second))
}

// FieldError is one problem with one input field. Code is a message catalog key, so the
// page can say it in the visitor's language next to the field.
type FieldError struct {
	Field string
	Code  string
}

// ValidationError is bad input: every problem found, by field. Nothing was written.
type ValidationError struct {
	Fields []FieldError
}

// Error lists the problems for logs; pages show the translated codes instead.
func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Code
	}
	return "models: invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with a field.
func (e *ValidationError) Add(field, code string) {
	e.Fields = append(e.Fields, FieldError{field, code})
}

// For returns the code of the first problem with a field, or "".
func (e *ValidationError) For(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Code
		}
	}
	return ""
}

// Err returns e when it holds any problem and nil otherwise.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid is a ValidationError of one field.
func Invalid(field, code string) *ValidationError {
	return &ValidationError{Fields: []FieldError{{field, code}}}
}
