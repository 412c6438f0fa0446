package handlers

import (
	"fmt"
	"strconv"
	"strings"
)

// rowOp is a button that changes the rows of a form instead of saving it: its value is
// "add-<list>" or "<remove|up|down>-<list>-<index>", e.g. "add-party", "up-speaker-2".
type rowOp struct {
	verb, list string
	index      int
}

// parseRowOp reads a button's value; ok is false for any other button (saving).
func parseRowOp(op string) (rowOp, bool, error) {
	parts := strings.Split(op, "-")
	switch {
	case len(parts) == 2 && parts[0] == "add":
		return rowOp{verb: "add", list: parts[1]}, true, nil
	case len(parts) == 3 && (parts[0] == "remove" || parts[0] == "up" || parts[0] == "down"):
		i, err := strconv.Atoi(parts[2])
		if err != nil || i < 0 {
			return rowOp{}, false, badRequest(fmt.Errorf("handlers: bad row change %q", op))
		}
		return rowOp{verb: parts[0], list: parts[1], index: i}, true, nil
	}
	return rowOp{}, false, nil
}

// maxRows bounds the rows a form may hold.
const maxRows = 30

// applyRows carries out a row change on one list of rows.
func applyRows[T any](rows []T, op rowOp, blank T) []T {
	i := op.index
	switch {
	case op.verb == "add":
		if len(rows) < maxRows {
			rows = append(rows, blank)
		}
	case i >= len(rows):
	case op.verb == "remove":
		rows = append(rows[:i:i], rows[i+1:]...)
	case op.verb == "up" && i > 0:
		rows[i-1], rows[i] = rows[i], rows[i-1]
	case op.verb == "down" && i < len(rows)-1:
		rows[i], rows[i+1] = rows[i+1], rows[i]
	}
	return rows
}
