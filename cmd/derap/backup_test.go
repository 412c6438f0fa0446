package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// testConfig is the configuration of a portal in a fresh data folder, on the engine the
// tests run on.
func testConfig(t *testing.T) config {
	t.Helper()
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	c := config{DataDir: dir, DB: modeltest.NewDatabase(t)}
	if models.EngineOf(c.DB) == models.EngineSQLite {
		c.DB = filepath.Join(dir, "derap.db")
	}
	if err := c.finish(); err != nil {
		t.Fatal(err)
	}
	return c
}

// openTestStore opens c's portal as serve does: migrated, with the reference regions.
func openTestStore(t *testing.T, c config) *models.Store {
	t.Helper()
	store, err := openStore(t.Context(), c, func(string, ...any) {})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	store.SetPasswordParams(modeltest.FastPasswords)
	return store
}

// storageArgs are the flags that name c's portal.
func storageArgs(c config) []string { return []string{"--data-dir", c.DataDir, "--db", c.DB} }

// A backup taken while delegates confirm holds every confirmation acknowledged before it
// began, restores into a fresh portal that passes every check, and a portal that is there
// is replaced only with --force.
func TestBackupUnderWritesRestores(t *testing.T) {
	ctx := context.Background()
	c := testConfig(t)
	store := openTestStore(t, c)
	if err := os.WriteFile(filepath.Join(c.DataDir, sessionKeyName), []byte(testSessionKey), 0o600); err != nil {
		t.Fatal(err)
	}
	official := modeltest.Official(t, store)
	first := modeltest.CreateAgreement(t, store, modeltest.Agreement{Stage: modeltest.Signed})
	pdf := append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("scan "), 100_000)...)
	doc, err := store.AddDocument(ctx, official, models.OwnerAgreement, first, "Naskah", "naskah.pdf", bytes.NewReader(pdf), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	// A published checkpoint, signed with the data folder's key, which the backup must carry.
	if out, err := cli(t, c.DataDir, "", "audit", "checkpoint", "--db", c.DB); err != nil {
		t.Fatalf("checkpoint: %v\n%s", err, out)
	}
	auditKeyFile, err := os.ReadFile(filepath.Join(c.DataDir, auditKeyName))
	if err != nil {
		t.Fatal(err)
	}

	// Agreements in review, each awaiting its partner's confirmation.
	type pending struct {
		actor       models.Actor
		id, party   uint
		hash        string
		confirmedAt time.Time
	}
	partners := []string{"13.77", "61", "74.01", "61.04", "11", "12", "14", "15", "16", "17", "18", "19", "21", "32", "33", "34", "35", "36", "51", "52"}
	jobs := make([]*pending, len(partners))
	for i, code := range partners {
		id := modeltest.CreateAgreement(t, store, modeltest.Agreement{Partner: code, Stage: modeltest.InReview})
		actor := modeltest.Delegate(t, store, code)
		v, err := store.AgreementFor(ctx, actor, id)
		if err != nil {
			t.Fatal(err)
		}
		jobs[i] = &pending{actor: actor, id: id, party: v.Parties[1].ID, hash: v.Version.ContentHash}
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(jobs); i += 4 {
				j := jobs[i]
				if err := store.ConfirmParty(ctx, j.actor, j.id, j.party, j.hash, "", ""); err != nil {
					t.Error(err)
					return
				}
				j.confirmedAt = time.Now()
				time.Sleep(5 * time.Millisecond)
			}
		})
	}
	archive := filepath.Join(t.TempDir(), "derap-backup.tar.gz")
	time.Sleep(20 * time.Millisecond) // some confirmations before the backup, some during
	begun := time.Now()
	m, err := createBackup(ctx, store, c, archive)
	if err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if m.Engine == models.EngineSQLite && (m.AuditEntries == 0 || m.Documents[doc.SHA256] != int64(len(pdf))) {
		t.Errorf("manifest: %d audit entries, documents %v", m.AuditEntries, m.Documents)
	}
	if _, err := createBackup(ctx, store, c, archive); err == nil {
		t.Error("a backup overwrote an archive that was there")
	}

	to := testConfig(t)
	out, err := cli(t, to.DataDir, "", "restore", "--from", archive, "--db", to.DB)
	if err != nil || !strings.Contains(out, "audit entries verified") {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	restored, err := models.Open(to.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if err := restored.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if n, err := restored.VerifyAuditChain(ctx); err != nil || n == 0 {
		t.Errorf("the restored audit chain: %d entries, %v", n, err)
	}
	if checked, faults, err := restored.VerifyDocuments(ctx); err != nil || checked != 1 || len(faults) != 0 {
		t.Errorf("the restored documents: %d checked, %v, %v", checked, faults, err)
	}
	inBackup := 0
	for _, j := range jobs {
		v, err := restored.AgreementFor(ctx, models.System, j.id)
		if err != nil {
			t.Fatal(err)
		}
		confirmed := v.Parties[1].Status == models.SignOffConfirmed
		if confirmed {
			inBackup++
		}
		if !j.confirmedAt.IsZero() && j.confirmedAt.Before(begun) && !confirmed {
			t.Errorf("agreement %d: a confirmation acknowledged before the backup began is missing", j.id)
		}
	}
	t.Logf("%d of %d confirmations in the backup", inBackup, len(jobs))
	if key, err := os.ReadFile(filepath.Join(to.DataDir, sessionKeyName)); err != nil || len(key) != 64 {
		t.Errorf("the session key was not restored: %v", err)
	}

	if key, err := os.ReadFile(filepath.Join(to.DataDir, auditKeyName)); err != nil || !bytes.Equal(key, auditKeyFile) {
		t.Errorf("the audit checkpoint key was not restored: %v", err)
	} else if fi, err := os.Stat(filepath.Join(to.DataDir, auditKeyName)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the restored audit checkpoint key: %v, %v", fi.Mode(), err)
	}

	// The restored portal serves: the command's own checks pass on it, its checkpoint
	// verified with the restored key.
	if out, err := cli(t, to.DataDir, "", "audit", "verify", "--db", to.DB); err != nil || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "checkpoints intact: 1 verified") {
		t.Errorf("audit verify on the restored portal: %v\n%s", err, out)
	}
	// A portal that is there is not overwritten by mistake.
	if _, err := cli(t, to.DataDir, "", "restore", "--from", archive, "--db", to.DB); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("a restore over a portal: %v", err)
	}
	if _, err := cli(t, to.DataDir, "", "restore", "--from", archive, "--db", to.DB, "--force"); err != nil {
		t.Errorf("a forced restore: %v", err)
	}
}

// A damaged archive is refused before anything is put in place.
func TestRestoreRefusesADamagedArchive(t *testing.T) {
	if modeltest.TestEngine() != models.EngineSQLite {
		t.Skip("the archive checks do not depend on the engine")
	}
	ctx := context.Background()
	c := testConfig(t)
	store := openTestStore(t, c)
	archive := filepath.Join(t.TempDir(), "b.tar.gz")
	if _, err := createBackup(ctx, store, c, archive); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"truncated": data[:len(data)/2],
		"not gzip":  []byte("hello"),
	} {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		to := t.TempDir()
		if _, err := cli(t, to, "", "restore", "--from", path); err == nil {
			t.Errorf("%s: restored", name)
		}
		if fileExists(filepath.Join(to, "derap.db")) {
			t.Errorf("%s: a database was put in place", name)
		}
	}
}

// derap audit verify reports an intact chain, then the first broken link after one entry
// is changed behind the portal's back, and exits non-zero.
func TestAuditVerify(t *testing.T) {
	ctx := context.Background()
	c := testConfig(t)
	store := openTestStore(t, c)
	if _, err := store.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := store.VerifyAuditChain(ctx)
	if err != nil || n < 3 {
		t.Fatalf("the demo's chain: %d, %v", n, err)
	}
	out, err := cli(t, c.DataDir, "", append([]string{"audit", "verify"}, storageArgs(c)[2:]...)...)
	if err != nil || !strings.Contains(out, "audit chain intact: ") {
		t.Fatalf("on the demo: %v\n%s", err, out)
	}
	db := modeltest.OpenSQL(t, c.DB)
	var id int
	if err := db.QueryRow("SELECT id FROM audit_entries ORDER BY id LIMIT 1 OFFSET 2").Scan(&id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE audit_entries SET note = note || ' (diubah)' WHERE id = $1", id); err != nil {
		t.Fatal(err)
	}
	out, err = cli(t, c.DataDir, "", append([]string{"audit", "verify"}, storageArgs(c)[2:]...)...)
	if err == nil || !strings.Contains(out, "BROKEN after 2 intact entries") || !strings.Contains(out, "expected ") || !strings.Contains(err.Error(), "broken at entry") {
		t.Errorf("after tampering: %v\n%s", err, out)
	}
}
