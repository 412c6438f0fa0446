package models

import (
	"errors"
	"strings"
)

// Errors of the agreement lifecycle; handlers map them to status codes in one place.
var (
	// ErrInvalidTransition is an action the agreement's current status does not allow.
	ErrInvalidTransition = errors.New("models: not allowed in the agreement's current status")
	// ErrStaleVersion is an answer to a version of the text that is no longer current.
	ErrStaleVersion = errors.New("models: the agreement's text has changed since it was shown")
	// ErrAlreadyDecided is a second answer by the same party to the same version.
	ErrAlreadyDecided = errors.New("models: the party already answered this version")
)

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
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}
