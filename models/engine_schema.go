package models

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"slices"

	"github.com/pressly/goose/v3"
)

// Reading the schema back, for adopting a database made before versioned migrations.

// tableNames lists the tables of the database.
func (s *Store) tableNames(ctx context.Context, db *sql.DB) ([]string, error) {
	q := `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
	if s.engine == EnginePostgres {
		q = `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

// checkAdoptedSchema compares an adopted database's schema with the one the migrations
// make on an empty database: every table with its columns (name, type, NOT NULL, primary
// key) and every index with its columns. Only SQLite databases predate the migrations.
func (s *Store) checkAdoptedSchema(ctx context.Context, db *sql.DB) error {
	if s.engine != EngineSQLite {
		return nil
	}
	fresh, err := sql.Open("sqlite3", "file:adopt?mode=memory&cache=private")
	if err != nil {
		return err
	}
	defer fresh.Close()
	fresh.SetMaxOpenConns(1)
	files, err := fs.Sub(migrationFiles, "migrations/sqlite")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, fresh, files, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	// The release's schema is the first migration's: what it made is what it adopts.
	if _, err := p.UpTo(ctx, 1); err != nil {
		return err
	}
	want, err := sqliteSchema(ctx, fresh)
	if err != nil {
		return err
	}
	got, err := sqliteSchema(ctx, db)
	if err != nil {
		return err
	}
	for _, line := range want {
		if !slices.Contains(got, line) {
			return fmt.Errorf("the database lacks %s", line)
		}
	}
	return nil
}

// sqliteSchema describes a SQLite schema as lines that compare: one per column and one per
// index of every table but SQLite's and goose's own.
func sqliteSchema(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT m.name, c.name, lower(c.type), c."notnull", c.pk
		FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'goose_db_version'`)
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var table, column, typ string
		var notNull, pk int
		if err := rows.Scan(&table, &column, &typ, &notNull, &pk); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, fmt.Sprintf("column %s.%s %s notnull=%d pk=%d", table, column, typ, notNull, pk))
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT m.name, i.name, i."unique", group_concat(c.name, ',')
		FROM sqlite_master AS m JOIN pragma_index_list(m.name) AS i JOIN pragma_index_info(i.name) AS c
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND i.origin = 'c'
		GROUP BY m.name, i.name, i."unique"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var table, index, columns string
		var unique int
		if err := rows.Scan(&table, &index, &unique, &columns); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("index %s on %s(%s) unique=%d", index, table, columns, unique))
	}
	slices.Sort(out)
	return out, rows.Err()
}
