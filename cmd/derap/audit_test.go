package main

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// The checkpoint key is generated once, mode 0600, and the same key is read afterwards; a
// file others may read, or one that holds no Ed25519 key, is refused with its reason.
func TestCheckpointKeyFile(t *testing.T) {
	dir := t.TempDir()
	log := slog.New(slog.DiscardHandler)
	if key, err := auditKey(dir, false, log); err != nil || key != nil {
		t.Fatalf("without create: %v, %v", key, err)
	}
	key, err := auditKey(dir, true, log)
	if err != nil || len(key) != ed25519.PrivateKeySize {
		t.Fatalf("generate: %v", err)
	}
	path := filepath.Join(dir, auditKeyName)
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the key file: %v, mode %v", err, info.Mode())
	}
	again, err := auditKey(dir, true, log)
	if err != nil || !again.Equal(key) {
		t.Errorf("read again: a different key, %v", err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := auditKey(dir, true, log); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others may read: %v", err)
	}
	if err := os.WriteFile(path, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := auditKey(dir, true, log); err == nil || !strings.Contains(err.Error(), "not an Ed25519 private key") {
		t.Errorf("a file that is no key: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "not a key\n" {
		t.Error("a refused key file was overwritten")
	}
}

// derap audit checkpoint signs the head; derap audit verify then passes, with the data
// dir's key or with --public-key alone; it fails, naming the fault, after an entry is
// changed, after a checkpoint is changed, and with another key.
func TestCheckpointCommandThenVerify(t *testing.T) {
	ctx := context.Background()
	c := testConfig(t)
	store := openTestStore(t, c)
	if _, err := store.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	args := func(more ...string) []string { return append(more, "--db", c.DB) }
	out, err := cli(t, c.DataDir, "", args("audit", "checkpoint")...)
	if err != nil || !strings.Contains(out, "checkpoint 1 recorded") || !strings.Contains(out, "derap-ksd-audit-checkpoint v1") {
		t.Fatalf("checkpoint: %v\n%s", err, out)
	}
	key, err := auditKey(c.DataDir, false, nil)
	if err != nil || key == nil {
		t.Fatalf("the key: %v", err)
	}
	if strings.Contains(out, base64.StdEncoding.EncodeToString(key.Seed())) || strings.Contains(out, "PRIVATE") {
		t.Error("the private key was printed")
	}
	public := base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))
	if !strings.Contains(out, public) {
		t.Errorf("the public key is not shown:\n%s", out)
	}
	out, err = cli(t, c.DataDir, "", args("audit", "verify")...)
	if err != nil || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "checkpoints intact: 1 verified") {
		t.Fatalf("verify: %v\n%s", err, out)
	}
	// Someone without the private key: another data dir, the public key given.
	elsewhere := t.TempDir()
	out, err = cli(t, elsewhere, "", args("audit", "verify", "--public-key", public)...)
	if err != nil || !strings.Contains(out, "checkpoints intact: 1 verified") {
		t.Fatalf("verify with --public-key: %v\n%s", err, out)
	}
	out, err = cli(t, elsewhere, "", args("audit", "verify")...)
	if err == nil || !strings.Contains(out, "NO KEY") {
		t.Errorf("verify without any key: %v\n%s", err, out)
	}
	other := ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)).Public().(ed25519.PublicKey)
	out, err = cli(t, elsewhere, "", args("audit", "verify", "--public-key", base64.StdEncoding.EncodeToString(other))...)
	if err == nil || !strings.Contains(out, "SIGNATURE INVALID: checkpoint 1") {
		t.Errorf("verify with another key: %v\n%s", err, out)
	}

	db := modeltest.OpenSQL(t, c.DB)
	var head int
	if err := db.QueryRow("SELECT entry_id FROM audit_checkpoints WHERE id = 1").Scan(&head); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE audit_entries SET note = note || ' (diubah)' WHERE id = $1", head); err != nil {
		t.Fatal(err)
	}
	out, err = cli(t, c.DataDir, "", args("audit", "verify")...)
	if err == nil || !strings.Contains(out, "BROKEN after") || !strings.Contains(out, "ENTRY ALTERED OR HISTORY REWRITTEN: checkpoint 1") || !strings.Contains(err.Error(), "broken at entry") {
		t.Errorf("after an entry was changed: %v\n%s", err, out)
	}
	if _, err := db.Exec("UPDATE audit_entries SET note = substr(note, 1, length(note) - 9) WHERE id = $1", head); err != nil {
		t.Fatal(err)
	}
	if out, err := cli(t, c.DataDir, "", args("audit", "verify")...); err != nil {
		t.Fatalf("the entry put back: %v\n%s", err, out)
	}
	if _, err := db.Exec("UPDATE audit_checkpoints SET entry_id = entry_id - 1, entry_hash = (SELECT prev_hash FROM audit_entries WHERE id = $1) WHERE id = 1", head); err != nil {
		t.Fatal(err)
	}
	out, err = cli(t, c.DataDir, "", args("audit", "verify")...)
	if err == nil || !strings.Contains(out, "audit chain intact") || !strings.Contains(out, "CHECKPOINT ALTERED: checkpoint 1") || !strings.Contains(err.Error(), "1 of 1 checkpoints do not hold") {
		t.Errorf("after a checkpoint was changed: %v\n%s", err, out)
	}
}

// A server records the day's checkpoint as it starts, signed with the data dir's key.
func TestCheckpointRecordedByTheDailyJob(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	c := testConfig(t)
	store := openTestStore(t, c)
	if _, err := store.LoadDemo(ctx); err != nil {
		t.Fatal(err)
	}
	key, err := auditKey(c.DataDir, true, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runCheckpoints(ctx, store, key, 10*time.Millisecond, slog.New(slog.DiscardHandler))
	}()
	defer func() { cancel(); <-done }()
	for range 200 {
		list, err := store.AuditCheckpoints(ctx, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		if list.Total > 0 {
			if list.Total != 1 || list.Items[0].KeyID != models.CheckpointKeyID(key.Public().(ed25519.PublicKey)) {
				t.Errorf("%+v", list)
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("no checkpoint recorded")
}
