// Package form holds every form of the portal: the names of its fields, shared by the
// template that renders a field and the parser that reads it; the form as a user last
// submitted it, so that a page can show it again with the input kept; and its Validate,
// which checks what the form alone can tell (a date that is no date, a reference that is
// no number) and turns it into the input of a model function. What needs the database
// (a region that does not exist, a number already taken) the models check, reporting
// errors under the same field names.
package form

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"derap/models"
)

// ErrMalformed is a request no form of the portal produces: more rows than a form holds,
// a button that does not exist, a filter value outside its list. It is answered with 400,
// not with a message by a field, since no one typed it.
var ErrMalformed = errors.New("form: malformed request")

// malformed says what was malformed.
func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}

// Errors maps a form's fields to the catalog keys of what is wrong with them.
type Errors map[string]string

// For is the error of one field, or "".
func (e Errors) For(field string) string { return e[field] }

// Row is the error of one field of one row of a form's list of rows (field "" for a list
// of plain values, such as an event's regions).
func (e Errors) Row(list string, i int, field string) string { return e[RowKey(list, i, field)] }

// ErrorsOf turns a validation error into the errors a form shows by its fields, the first
// one for each field; ok is false for any other error.
func ErrorsOf(err error) (Errors, bool) {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return nil, false
	}
	out := Errors{}
	for _, f := range v.Fields {
		if _, seen := out[f.Field]; !seen {
			out[f.Field] = f.Code
		}
	}
	return out, true
}

// RowKey is the key of the error of one field of one row: "parties.2.region", or
// "regions.1" for a list of plain values. The models report row errors under it.
func RowKey(list string, i int, field string) string {
	key := list + "." + strconv.Itoa(i)
	if field != "" {
		key += "." + field
	}
	return key
}

// RowInput is the name of a field repeated once per row: "parties.region".
func RowInput(list, field string) string { return list + "." + field }

// DateLayout is how a date travels in a form: the value of an <input type="date">.
const DateLayout = time.DateOnly

// date reads an optional date field: empty is the zero time; anything that is not a date
// is reported under field as "error.date_invalid", on every form alike.
func date(v *models.ValidationError, field, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		v.Add(field, "error.date_invalid")
		return time.Time{}
	}
	return t
}

// FormatDate writes a date as a form field holds it; the zero time is empty.
func FormatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(DateLayout)
}

// reference reads an optional reference to a record (a parent agreement, an event): empty
// is none; anything that is not an ID is reported under field with code.
func reference(v *models.ValidationError, field, code, s string) *uint {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	id, err := strconv.ParseUint(s, 10, 32)
	if err != nil || id == 0 {
		v.Add(field, code)
		return nil
	}
	ref := uint(id)
	return &ref
}

// rows reads the values of a field repeated once per row, at most MaxRows of them.
func rows(values url.Values, name string) ([]string, error) {
	list := values[name]
	if len(list) > MaxRows {
		return nil, malformed("%d rows of %s", len(list), name)
	}
	return list, nil
}

// at is the i-th value of a repeated field, or "" when a row sent fewer.
func at(values url.Values, name string, i int) string {
	if list := values[name]; i < len(list) {
		return list[i]
	}
	return ""
}
