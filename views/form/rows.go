package form

import (
	"strconv"
	"strings"
)

// MaxRows bounds the rows a form's list may hold.
const MaxRows = 30

// RowOp is a button that changes the rows of a form instead of saving it: its value is
// "add-<list>" or "<remove|up|down>-<list>-<index>", e.g. "add-parties", "up-speakers-2".
// The forms work without JavaScript this way: every change posts the form back.
type RowOp struct {
	Verb, List string
	Index      int
}

// The row changes a button may ask for.
const (
	RowAdd    = "add"
	RowRemove = "remove"
	RowUp     = "up"
	RowDown   = "down"
)

// Value is the op's button value.
func (op RowOp) Value() string {
	if op.Verb == RowAdd {
		return op.Verb + "-" + op.List
	}
	return op.Verb + "-" + op.List + "-" + strconv.Itoa(op.Index)
}

// AddRow is the button that adds a row to a list; RemoveRow, MoveUp and MoveDown act on
// row i.
func AddRow(list string) RowOp           { return RowOp{Verb: RowAdd, List: list} }
func RemoveRow(list string, i int) RowOp { return RowOp{Verb: RowRemove, List: list, Index: i} }
func MoveUp(list string, i int) RowOp    { return RowOp{Verb: RowUp, List: list, Index: i} }
func MoveDown(list string, i int) RowOp  { return RowOp{Verb: RowDown, List: list, Index: i} }

// parseRowOp reads a button's value; ok is false for any other button (saving). A value
// shaped like a row change that is not one is malformed.
func parseRowOp(value string) (RowOp, bool, error) {
	parts := strings.Split(value, "-")
	switch {
	case len(parts) == 2 && parts[0] == RowAdd:
		return RowOp{Verb: RowAdd, List: parts[1]}, true, nil
	case len(parts) == 3 && (parts[0] == RowRemove || parts[0] == RowUp || parts[0] == RowDown):
		i, err := strconv.Atoi(parts[2])
		if err != nil || i < 0 {
			return RowOp{}, false, malformed("row change %q", value)
		}
		return RowOp{Verb: parts[0], List: parts[1], Index: i}, true, nil
	}
	return RowOp{}, false, nil
}

// applyRows carries out a row change on one list of rows.
func applyRows[T any](rows []T, op RowOp, blank T) []T {
	i := op.Index
	switch {
	case op.Verb == RowAdd:
		if len(rows) < MaxRows {
			rows = append(rows, blank)
		}
	case i >= len(rows):
	case op.Verb == RowRemove:
		rows = append(rows[:i:i], rows[i+1:]...)
	case op.Verb == RowUp && i > 0:
		rows[i-1], rows[i] = rows[i], rows[i-1]
	case op.Verb == RowDown && i < len(rows)-1:
		rows[i], rows[i+1] = rows[i+1], rows[i]
	}
	return rows
}
