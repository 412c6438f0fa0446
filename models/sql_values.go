package models

import "strings"

// valuesRows writes the VALUES list of a multi-row INSERT: rows groups of width
// placeholders, "(?, ?), (?, ?)". One statement for a write's rows, not one per row, is
// what keeps the portal's hottest writes short (README, Performance).
func valuesRows(rows, width int) string {
	row := "(" + strings.Repeat("?, ", width-1) + "?)"
	var b strings.Builder
	b.Grow(rows * (len(row) + 2))
	for i := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}
