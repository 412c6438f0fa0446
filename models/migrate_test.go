package models_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// copyDir copies a folder of test data into a fresh one.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o750)
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		dst, err := os.Create(filepath.Join(to, rel))
		if err != nil {
			return err
		}
		defer dst.Close()
		_, err = io.Copy(dst, src)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// A new database gets every migration once; the second run applies nothing.
func TestMigrateFreshDatabase(t *testing.T) {
	ctx := context.Background()
	s, err := models.Open(filepath.Join(t.TempDir(), "derap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	first, err := s.Migrate(ctx)
	if err != nil || len(first) == 0 || first[0].Version != 1 || first[0].Name != "00001_initial.sql" {
		t.Fatalf("first run: %+v %v", first, err)
	}
	again, err := s.Migrate(ctx)
	if err != nil || len(again) != 0 {
		t.Errorf("second run applied %+v, %v", again, err)
	}
	list, err := s.Migrations(ctx)
	if err != nil || len(list) != len(first) {
		t.Fatalf("status %+v %v", list, err)
	}
	for _, m := range list {
		if m.AppliedAt == nil {
			t.Errorf("%s pending after migrating", m.Name)
		}
	}
	if current, newest, err := s.SchemaVersion(ctx); err != nil || current != newest {
		t.Errorf("version %d of %d, %v", current, newest, err)
	}
}

// tableCounts counts the rows of every table of the release's schema.
func tableCounts(t *testing.T, s *models.Store) map[string]int64 {
	t.Helper()
	tables := []string{"settings", "regions", "region_profiles", "events", "event_speakers", "event_participants",
		"agreements", "agreement_sectors", "parties", "agreement_versions", "sign_offs", "users", "invitations",
		"login_failures", "sessions", "audit_entries", "documents"}
	out := map[string]int64{}
	for _, table := range tables {
		var n int64
		if err := s.DBForTest().Table(table).Count(&n).Error; err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		out[table] = n
	}
	return out
}

// A database the release of 26 November 2026 made (by AutoMigrate) is adopted by the
// versioned migrations with every row kept: the tables' counts, the audit chain, the
// sign-offs bound to their versions' hashes, the document and its file, the sessions and
// the passwords.
func TestAdoptDatabaseOfTheLastRelease(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "testdata/release-2026-11-26")
	s, err := models.Open(filepath.Join(dir, "derap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := tableCounts(t, s)
	if before["agreements"] == 0 || before["sessions"] != 2 || before["documents"] != 1 {
		t.Fatalf("the fixture is not what its README says: %v", before)
	}
	applied, err := s.Migrate(ctx)
	if err != nil || len(applied) == 0 {
		t.Fatalf("adopting: %+v %v", applied, err)
	}
	after := tableCounts(t, s)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("%s: %d rows, %d before", table, after[table], n)
		}
	}
	if n, err := s.VerifyAuditChain(ctx); err != nil || int64(n) != before["audit_entries"] {
		t.Errorf("audit chain: %d of %d entries, %v", n, before["audit_entries"], err)
	}
	var signOffs []models.SignOffRecord
	s.DBForTest().Find(&signOffs)
	if len(signOffs) == 0 {
		t.Fatal("no sign-offs in the fixture")
	}
	for _, so := range signOffs {
		var v models.AgreementVersion
		if err := s.DBForTest().Where("id = ?", so.VersionID).First(&v).Error; err != nil {
			t.Fatal(err)
		}
		if so.ContentHash != v.ContentHash || models.ContentHash([]byte(v.Content)) != v.ContentHash {
			t.Errorf("sign-off %d: hash %s, version %s, content hashes to %s", so.ID, so.ContentHash, v.ContentHash, models.ContentHash([]byte(v.Content)))
		}
	}
	// The release kept documents as files beside the database; they move into it.
	if imported, missing, err := s.ImportDocumentFiles(ctx, filepath.Join(dir, "files")); err != nil || imported != 1 || len(missing) != 0 {
		t.Fatalf("importing the release's files: %d imported, missing %v, %v", imported, missing, err)
	}
	if again, _, err := s.ImportDocumentFiles(ctx, filepath.Join(dir, "files")); err != nil || again != 0 {
		t.Errorf("a second import took %d files again (%v)", again, err)
	}
	d, f, err := s.DocumentFor(ctx, models.System, 1)
	if err != nil {
		t.Fatal(err)
	}
	content, err := io.ReadAll(f)
	if sum := sha256.Sum256(content); err != nil || hex.EncodeToString(sum[:]) != d.SHA256 || int64(len(content)) != d.Size {
		t.Errorf("document %+v: %d bytes read, %v", d, len(content), err)
	}
	if d.SHA256 != "a8ea9f63d81e0927b1935af65c5c4ae12be654d6d1d57907772491a65a562aa5" {
		t.Errorf("document %+v", d)
	}
	if checked, faults, err := s.VerifyDocuments(ctx); err != nil || checked != 1 || len(faults) != 0 {
		t.Errorf("verifying the documents: %d checked, %v, %v", checked, faults, err)
	}
	if _, err := s.SessionByToken(ctx, "fixture-session-one", 100*365*24*time.Hour); err != nil {
		t.Errorf("a session of the release: %v", err)
	}
	s.SetPasswordParams(modeltest.FastPasswords)
	if _, err := s.Authenticate(ctx, "ani@fixture.test", "a long fixture passphrase", "192.0.2.1"); err != nil {
		t.Errorf("signing in with the release's password: %v", err)
	}
	// And the adopted database takes the portal's writes as a new one does.
	if _, err := s.CreateDraft(ctx, models.System, models.AgreementInput{}); err == nil {
		t.Error("an empty draft was accepted")
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Setelah migrasi"})
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Error(err)
	}
}

// A database whose schema is not the release's is refused as it is, nothing recorded; one
// newer than the program is refused untouched.
func TestMigrateRefuses(t *testing.T) {
	ctx := context.Background()
	dir := copyDir(t, "testdata/release-2026-11-26")
	s, err := models.Open(filepath.Join(dir, "derap.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.ExecForTest(ctx, "ALTER TABLE users DROP COLUMN last_login_at"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err == nil {
		t.Fatal("a schema without users.last_login_at was adopted")
	}
	if current, _, err := s.SchemaVersion(ctx); err != nil || current != 0 {
		t.Errorf("the refused adoption recorded version %d (%v)", current, err)
	}

	fresh := modeltest.NewStore(t)
	if err := fresh.ExecForTest(ctx, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (9999, true)"); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Migrate(ctx); !errors.Is(err, models.ErrSchemaTooNew) {
		t.Errorf("a newer schema: %v", err)
	}
	if list, err := fresh.Migrations(ctx); err != nil || list[len(list)-1].Version != 9999 {
		t.Errorf("status of a newer schema: %+v %v", list, err)
	}
}
