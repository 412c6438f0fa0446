package form

import (
	"errors"
	"net/url"
)

// FieldUnderstood is the box a user ticks to say they understand what a step that is hard
// to undo does (withdrawing an agreement, unpublishing it, ending it early, disabling an
// account); the step is refused without it, so one stray click never takes it.
const FieldUnderstood = "understood"

// understoodValue is what the ticked box sends.
const understoodValue = "yes"

// ErrNotUnderstood is a step that is hard to undo posted without its box ticked. It is
// answered with the page again and an alert, and nothing is done.
var ErrNotUnderstood = errors.New("form: a step that is hard to undo was not confirmed")

// Understood checks that a step's form had its box ticked.
func Understood(values url.Values) error {
	if values.Get(FieldUnderstood) != understoodValue {
		return ErrNotUnderstood
	}
	return nil
}

// UnderstoodValue is the value of the box's input.
func UnderstoodValue() string { return understoodValue }
