package models

import "strings"

// SQL expressions that the two engines write differently.

// yearOf is the year of a date column, as an integer. SQLite keeps dates as text
// ("2025-10-03 00:00:00+00:00"); PostgreSQL as timestamps.
func (s *Store) yearOf(column string) string {
	if s.engine == EnginePostgres {
		return "CAST(EXTRACT(YEAR FROM " + column + ") AS INTEGER)"
	}
	return "CAST(substr(" + column + ", 1, 4) AS INTEGER)"
}

// containsText is the condition that a text column contains the argument, in any case;
// pass the argument through containsPattern. SQLite's LIKE ignores case (of ASCII
// letters, which region names are); PostgreSQL's does not, so it asks for ILIKE.
func (s *Store) containsText(column string) string {
	op := "LIKE"
	if s.engine == EnginePostgres {
		op = "ILIKE"
	}
	return column + " " + op + ` ? ESCAPE '\'`
}

// containsPattern is the pattern containsText matches: the text anywhere, its wildcards
// taken literally.
func containsPattern(text string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(text) + "%"
}
