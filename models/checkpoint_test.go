package models_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"strconv"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// testCheckpointKey is a fixed Ed25519 key for tests.
func testCheckpointKey(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func publicOf(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// The signed text is the documented four lines, and the signature verifies under the key
// and no other, nor after any of its fields changes.
func TestCheckpointSigning(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	key := testCheckpointKey(1)
	cp, err := s.RecordCheckpoint(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	var head models.AuditEntry
	if err := s.DBForTest().Order("id DESC").First(&head).Error; err != nil {
		t.Fatal(err)
	}
	if cp.EntryID != head.ID || cp.EntryHash != head.Hash || !cp.RecordedAt.Equal(modeltest.Today.Truncate(time.Second)) {
		t.Errorf("checkpoint %+v of head %d %s", cp, head.ID, head.Hash)
	}
	want := "derap-ksd-audit-checkpoint v1\n" + itoa(head.ID) + "\n" + head.Hash + "\n2026-11-26T03:00:00Z\n"
	if got := string(cp.Message()); got != want {
		t.Errorf("message %q, want %q", got, want)
	}
	sig, _ := base64.StdEncoding.DecodeString(cp.Signature)
	if !ed25519.Verify(publicOf(key), []byte(want), sig) || !cp.VerifySignature(publicOf(key)) {
		t.Error("the signature does not verify")
	}
	if cp.VerifySignature(publicOf(testCheckpointKey(2))) {
		t.Error("the signature verifies under another key")
	}
	if cp.KeyID != models.CheckpointKeyID(publicOf(key)) || len(cp.KeyID) != 16 || cp.PublicKey != base64.StdEncoding.EncodeToString(publicOf(key)) {
		t.Errorf("key id %s, public key %s", cp.KeyID, cp.PublicKey)
	}
	for name, change := range map[string]func(*models.AuditCheckpoint){
		"entry":     func(c *models.AuditCheckpoint) { c.EntryID-- },
		"hash":      func(c *models.AuditCheckpoint) { c.EntryHash = head.PrevHash },
		"time":      func(c *models.AuditCheckpoint) { c.RecordedAt = c.RecordedAt.Add(time.Second) },
		"signature": func(c *models.AuditCheckpoint) { c.Signature = c.Signature[:10] },
	} {
		c := cp
		change(&c)
		if c.VerifySignature(publicOf(key)) {
			t.Errorf("the signature verifies after its %s changed", name)
		}
	}
	list, err := s.AuditCheckpoints(ctx, 1, 10)
	if err != nil || list.Total != 1 || len(list.Items) != 1 || list.Items[0].Signature != cp.Signature || !list.Items[0].VerifySignature(publicOf(key)) {
		t.Errorf("the stored checkpoints: %+v, %v", list, err)
	}
	if n, problems, err := s.VerifyCheckpoints(ctx, []ed25519.PublicKey{publicOf(key)}); err != nil || n != 1 || len(problems) != 0 {
		t.Errorf("verify: %d, %v, %v", n, problems, err)
	}
	empty := modeltest.NewStore(t)
	if _, err := empty.RecordCheckpoint(ctx, key); err == nil {
		t.Error("a checkpoint of an empty log")
	}
}

func itoa(n uint) string { return strconv.FormatUint(uint64(n), 10) }

// kinds lists the kinds of the problems found, by checkpoint id.
func kinds(problems []models.CheckpointProblem) map[uint]models.CheckpointProblemKind {
	out := map[uint]models.CheckpointProblemKind{}
	for _, p := range problems {
		out[p.Checkpoint.ID] = p.Kind
	}
	return out
}

// Each way of tampering is reported as its own kind: an entry altered in place, a history
// rewritten so that the chain holds together, a checkpoint's entry id, hash or time
// changed, and a key that did not sign.
func TestCheckpointTampering(t *testing.T) {
	ctx := context.Background()
	key := testCheckpointKey(1)
	keys := []ed25519.PublicKey{publicOf(key)}
	setup := func(t *testing.T) (*models.Store, models.AuditCheckpoint) {
		s := modeltest.NewDemoStore(t)
		cp, err := s.RecordCheckpoint(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		return s, cp
	}
	verify := func(t *testing.T, s *models.Store, keys []ed25519.PublicKey) map[uint]models.CheckpointProblemKind {
		t.Helper()
		n, problems, err := s.VerifyCheckpoints(ctx, keys)
		if err != nil || n != 1 {
			t.Fatalf("verify: %d, %v", n, err)
		}
		return kinds(problems)
	}
	t.Run("entry altered", func(t *testing.T) {
		s, cp := setup(t)
		modeltest.Exec(t, s, "UPDATE audit_entries SET note = note || ' (diubah)' WHERE id = $1", cp.EntryID)
		if got := verify(t, s, keys); got[cp.ID] != models.CheckpointEntryAltered {
			t.Errorf("%v", got)
		}
		if _, err := s.VerifyAuditChain(ctx); err == nil {
			t.Error("the chain holds")
		}
	})
	t.Run("history rewritten", func(t *testing.T) {
		s, cp := setup(t)
		if err := s.RewriteAuditChainForTest(ctx, cp.EntryID-2); err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAuditChain(ctx); err != nil {
			t.Fatalf("the rewritten chain does not hold together: %v", err)
		}
		if got := verify(t, s, keys); got[cp.ID] != models.CheckpointEntryAltered {
			t.Errorf("%v", got)
		}
	})
	t.Run("entry removed", func(t *testing.T) {
		s, cp := setup(t)
		modeltest.Exec(t, s, "DELETE FROM audit_entries WHERE id = $1", cp.EntryID)
		if got := verify(t, s, keys); got[cp.ID] != models.CheckpointEntryMissing {
			t.Errorf("%v", got)
		}
	})
	for name, update := range map[string]string{
		"checkpoint hash":  "UPDATE audit_checkpoints SET entry_hash = (SELECT hash FROM audit_entries WHERE id = entry_id - 1) WHERE id = $1",
		"checkpoint entry": "UPDATE audit_checkpoints SET entry_id = entry_id - 1, entry_hash = (SELECT hash FROM audit_entries WHERE id = entry_id - 1) WHERE id = $1",
		"checkpoint time":  "UPDATE audit_checkpoints SET recorded_at = $1 WHERE id = $2",
	} {
		t.Run(name, func(t *testing.T) {
			s, cp := setup(t)
			if name == "checkpoint time" {
				modeltest.Exec(t, s, update, cp.RecordedAt.Add(-48*time.Hour), cp.ID) // SQLite binds $n in the order they appear
			} else {
				modeltest.Exec(t, s, update, cp.ID)
			}
			if got := verify(t, s, keys); got[cp.ID] != models.CheckpointAltered {
				t.Errorf("%v", got)
			}
		})
	}
	t.Run("wrong key", func(t *testing.T) {
		s, cp := setup(t)
		if got := verify(t, s, []ed25519.PublicKey{publicOf(testCheckpointKey(2))}); got[cp.ID] != models.CheckpointSignatureInvalid {
			t.Errorf("%v", got)
		}
		// A checkpoint re-signed by an intruder's key, its key id and public key swapped in.
		forged := testCheckpointKey(3)
		cp.RecordedAt = cp.RecordedAt.Add(time.Hour)
		sig := ed25519.Sign(forged, cp.Message())
		modeltest.Exec(t, s, "UPDATE audit_checkpoints SET recorded_at = $1, key_id = $2, public_key = $3, signature = $4 WHERE id = $5",
			cp.RecordedAt, models.CheckpointKeyID(publicOf(forged)), base64.StdEncoding.EncodeToString(publicOf(forged)), base64.StdEncoding.EncodeToString(sig), cp.ID)
		if got := verify(t, s, keys); got[cp.ID] != models.CheckpointSignatureInvalid {
			t.Errorf("a forged key: %v", got)
		}
	})
}

// The daily checkpoint: two servers on one database asking at the same moment record one;
// neither records again within 24 hours, nor after them while the chain has not moved; a
// day after a new entry, one more.
func TestCheckpointDailyOnceAcrossServers(t *testing.T) {
	ctx := context.Background()
	key := testCheckpointKey(1)
	a := modeltest.NewDemoStore(t)
	b, err := models.Open(modeltest.DSN(t, a))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	clock := modeltest.NewClock(a)
	b.SetClock(a.Now)
	round := func() int {
		var wg sync.WaitGroup
		var mu sync.Mutex
		recorded := 0
		for _, s := range []*models.Store{a, b, a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, ok, err := s.RecordDailyCheckpoint(ctx, key, 24*time.Hour)
				if err != nil {
					t.Error(err)
				}
				if ok {
					mu.Lock()
					recorded++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return recorded
	}
	count := func() int64 {
		list, err := a.AuditCheckpoints(ctx, 1, 1)
		if err != nil {
			t.Fatal(err)
		}
		return list.Total
	}
	if n := round(); n != 1 || count() != 1 {
		t.Fatalf("first round: %d recorded, %d stored", n, count())
	}
	modeltest.CreateAgreement(t, a, modeltest.Agreement{Stage: modeltest.Draft}) // the chain moves
	clock.Advance(23 * time.Hour)
	if n := round(); n != 0 || count() != 1 {
		t.Errorf("within 24 hours: %d recorded, %d stored", n, count())
	}
	clock.Advance(2 * time.Hour)
	if n := round(); n != 1 || count() != 2 {
		t.Errorf("after 24 hours: %d recorded, %d stored", n, count())
	}
	clock.Advance(48 * time.Hour)
	if n := round(); n != 0 || count() != 2 {
		t.Errorf("the chain has not moved: %d recorded, %d stored", n, count())
	}
}
