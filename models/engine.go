package models

import "strings"

// Engine is the database the portal runs on: SQLite, the embedded default, or PostgreSQL
// when one machine is outgrown. Both run the same models code; where they differ, the
// difference lives in one small file per concern: opening connections (engine_open.go),
// SQL expressions (engine_sql.go), locking inside write transactions (engine_locking.go),
// and reading the schema (engine_schema.go).
type Engine string

// The two engines; each names its folder of migrations.
const (
	EngineSQLite   Engine = "sqlite"
	EnginePostgres Engine = "postgres"
)

// EngineOf tells the engine from a --db value: a postgres:// (or postgresql://) URL is
// PostgreSQL, anything else a SQLite file.
func EngineOf(dsn string) Engine {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return EnginePostgres
	}
	return EngineSQLite
}

// Engine is the database this store runs on.
func (s *Store) Engine() Engine { return s.engine }
