package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"derap/models"

	_ "github.com/mattn/go-sqlite3" // the driver behind gorm.io/driver/sqlite, for altering the file behind the portal's back
)

func migrateCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"migrate"}, args...), nil, &out, slog.New(slog.DiscardHandler))
	return out.String(), err
}

// derap migrate says what it applied, then that nothing was left; status lists the
// versions; a database of the last release is adopted; a newer one stops serve and migrate
// with a one-line reason and is left as it was.
func TestMigrateCommand(t *testing.T) {
	dir := t.TempDir()
	latest, err := fs.Glob(models.MigrationFiles(), "migrations/sqlite/*.sql")
	if err != nil || len(latest) < 2 {
		t.Fatalf("migrations: %v %v", latest, err)
	}
	out, err := migrateCmd(t, "--data-dir", dir)
	if err != nil || !strings.Contains(out, "applied migration version=1 name=00001_initial.sql") || !strings.Contains(out, fmt.Sprintf("schema at version %d, up to date", len(latest))) {
		t.Fatalf("first migrate: %v\n%s", err, out)
	}
	out, err = migrateCmd(t, "--data-dir", dir)
	if err != nil || strings.Contains(out, "applied migration") {
		t.Errorf("second migrate: %v\n%s", err, out)
	}
	out, err = migrateCmd(t, "status", "--data-dir", dir)
	if err != nil || !strings.Contains(out, "00001_initial.sql") || !strings.Contains(out, "up to date") || strings.Contains(out, "pending") {
		t.Errorf("status: %v\n%s", err, out)
	}

	release := t.TempDir()
	data, err := os.ReadFile("../../models/testdata/release-2026-11-26/derap.db")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(release, "derap.db"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	const doc = "a8ea9f63d81e0927b1935af65c5c4ae12be654d6d1d57907772491a65a562aa5"
	content, err := os.ReadFile("../../models/testdata/release-2026-11-26/files/a8/" + doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(release, "files", "a8"), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(release, "files", "a8", doc), content, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _ := migrateCmd(t, "status", "--data-dir", release); !strings.Contains(out, fmt.Sprintf("%d pending", len(latest))) {
		t.Errorf("status of the release's database:\n%s", out)
	}
	if out, err := migrateCmd(t, "--data-dir", release); err != nil || !strings.Contains(out, "applied migration version=1") || !strings.Contains(out, "moved documents into the database") || !strings.Contains(out, "documents=1") {
		t.Errorf("adopting the release's database: %v\n%s", err, out)
	}

	db, err := sql.Open("sqlite3", filepath.Join(dir, "derap.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO goose_db_version (version_id, is_applied) VALUES (42, 1)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, args := range [][]string{{"migrate", "--data-dir", dir}, {"serve", "--data-dir", dir, "--addr", "127.0.0.1:0"}} {
		err := run(context.Background(), args, nil, io.Discard, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("version 42, this program knows up to %d", len(latest))) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s on a newer database: %v", args[0], err)
		}
	}
	if out, _ := migrateCmd(t, "status", "--data-dir", dir); !strings.Contains(out, "newer than this program") {
		t.Errorf("status of a newer database:\n%s", out)
	}
}
