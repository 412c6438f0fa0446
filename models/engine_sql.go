package models

import "strings"

// SQL expressions that the two engines write differently.

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
