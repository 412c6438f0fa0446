package models

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Published checkpoints of the audit chain. A checkpoint is the chain's head at a moment
// (its last entry's id and hash, and the time it was recorded) signed with the portal's
// Ed25519 key. The portal publishes them (/audit/checkpoints); an outsider who saved one
// can later ask for the entry it names: if its hash is no longer the one signed, the
// history up to it was rewritten, even when the rewritten chain holds together.

// CheckpointFormat is the first line of the signed text, naming its format and version.
const CheckpointFormat = "derap-ksd-audit-checkpoint v1"

// CheckpointMessage is the exact byte string a checkpoint's signature covers, four lines
// each ended by a line feed (0x0A), in UTF-8 (all ASCII):
//
//	derap-ksd-audit-checkpoint v1
//	{entry id, decimal, no leading zeros}
//	{entry hash, 64 lowercase hex digits}
//	{time recorded, RFC 3339 in UTC to the second, e.g. 2026-11-26T03:00:00Z}
//
// The signature is Ed25519 (RFC 8032) over these bytes, published in standard base64.
func CheckpointMessage(entryID uint, entryHash string, at time.Time) []byte {
	return []byte(CheckpointFormat + "\n" + strconv.FormatUint(uint64(entryID), 10) + "\n" + entryHash + "\n" + at.UTC().Format(time.RFC3339) + "\n")
}

// CheckpointKeyID names a public key: the first 16 hex digits of the SHA-256 of its 32
// bytes.
func CheckpointKeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// AuditCheckpoint is one signed head of the audit chain.
type AuditCheckpoint struct {
	ID         uint      `gorm:"primaryKey"`
	EntryID    uint      `gorm:"not null"`
	EntryHash  string    `gorm:"not null"`
	RecordedAt time.Time `gorm:"not null"`
	KeyID      string    `gorm:"not null"`
	PublicKey  string    `gorm:"not null"` // base64 of the 32-byte Ed25519 public key
	Signature  string    `gorm:"not null"` // base64 of the 64-byte signature
}

// Message is the byte string the checkpoint's signature covers (CheckpointMessage).
func (c *AuditCheckpoint) Message() []byte {
	return CheckpointMessage(c.EntryID, c.EntryHash, c.RecordedAt)
}

// VerifySignature reports whether the checkpoint's signature verifies under pub.
func (c *AuditCheckpoint) VerifySignature(pub ed25519.PublicKey) bool {
	sig, err := base64.StdEncoding.DecodeString(c.Signature)
	if err != nil || len(sig) != ed25519.SignatureSize || len(pub) != ed25519.PublicKeySize {
		return false
	}
	return ed25519.Verify(pub, c.Message(), sig)
}

// ErrEmptyAuditLog is a checkpoint asked of an audit log without entries.
var ErrEmptyAuditLog = errors.New("models: the audit log has no entries to checkpoint")

// RecordCheckpoint signs the chain's head now with key and records it, whatever the last
// checkpoint was: the operator asked for one (derap audit checkpoint).
func (s *Store) RecordCheckpoint(ctx context.Context, key ed25519.PrivateKey) (AuditCheckpoint, error) {
	var cp AuditCheckpoint
	err := s.write(ctx, func(tx *Store) error {
		var err error
		cp, err = tx.recordCheckpoint(key)
		return err
	})
	if err != nil {
		return AuditCheckpoint{}, fmt.Errorf("models: record a checkpoint: %w", err)
	}
	return cp, nil
}

// RecordDailyCheckpoint records a checkpoint when the last one is at least every old and
// the chain has moved since it (or there is none and the chain has entries); it reports
// whether it recorded one. Several servers on one database may call it at the same
// moment: the write re-checks the last checkpoint under the chain's lock, so one records.
// Most calls find nothing due and only read.
func (s *Store) RecordDailyCheckpoint(ctx context.Context, key ed25519.PrivateKey, every time.Duration) (AuditCheckpoint, bool, error) {
	due, err := s.checkpointDue(every)
	if err != nil || !due {
		return AuditCheckpoint{}, false, err
	}
	var cp AuditCheckpoint
	var recorded bool
	err = s.write(ctx, func(tx *Store) error {
		cp, recorded = AuditCheckpoint{}, false // a retried transaction decides again
		if err := tx.lockAuditChain(); err != nil {
			return err
		}
		due, err := tx.checkpointDue(every)
		if err != nil || !due {
			tx.effects.quiet = true
			tx.effects.private = true
			return err
		}
		cp, err = tx.recordCheckpoint(key)
		recorded = err == nil
		return err
	})
	if err != nil {
		return AuditCheckpoint{}, false, fmt.Errorf("models: record the daily checkpoint: %w", err)
	}
	return cp, recorded, nil
}

// checkpointDue says whether a daily checkpoint is due: the chain has a head that no
// checkpoint younger than every names.
func (s *Store) checkpointDue(every time.Duration) (bool, error) {
	var last AuditCheckpoint
	if err := s.db.Order("id DESC").Limit(1).Find(&last).Error; err != nil {
		return false, err
	}
	if last.ID != 0 && s.Now().Sub(last.RecordedAt) < every {
		return false, nil
	}
	var head AuditEntry
	if err := s.db.Select("id").Order("id DESC").Limit(1).Find(&head).Error; err != nil {
		return false, err
	}
	return head.ID != 0 && head.ID != last.EntryID, nil
}

// recordCheckpoint reads the head inside the write transaction, under the chain's lock,
// signs it and stores the checkpoint.
func (tx *Store) recordCheckpoint(key ed25519.PrivateKey) (AuditCheckpoint, error) {
	if len(key) != ed25519.PrivateKeySize {
		return AuditCheckpoint{}, errors.New("the checkpoint key is not an Ed25519 private key")
	}
	if err := tx.lockAuditChain(); err != nil {
		return AuditCheckpoint{}, err
	}
	var head AuditEntry
	if err := tx.w.Select("id", "hash").Order("id DESC").Limit(1).Find(&head).Error; err != nil {
		return AuditCheckpoint{}, err
	}
	if head.ID == 0 {
		return AuditCheckpoint{}, ErrEmptyAuditLog
	}
	pub := key.Public().(ed25519.PublicKey)
	cp := AuditCheckpoint{
		EntryID: head.ID, EntryHash: head.Hash, RecordedAt: tx.Now().Truncate(time.Second),
		KeyID: CheckpointKeyID(pub), PublicKey: base64.StdEncoding.EncodeToString(pub),
	}
	cp.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, cp.Message()))
	if err := tx.w.Create(&cp).Error; err != nil {
		return AuditCheckpoint{}, err
	}
	return cp, nil
}

// CheckpointList is a page of checkpoints, the newest first.
type CheckpointList struct {
	Items   []AuditCheckpoint
	Total   int64
	Page    int
	PerPage int
}

// Pages is the number of pages the checkpoints fill (1 when there are none).
func (l CheckpointList) Pages() int { return pageCount(l.Total, l.PerPage) }

// AuditCheckpoints reads page (from 1) of the checkpoints, the newest first. They are
// public: anyone may read them.
func (s *Store) AuditCheckpoints(ctx context.Context, page, perPage int) (CheckpointList, error) {
	out := CheckpointList{Page: max(page, 1), PerPage: max(perPage, 1)}
	db := s.db.WithContext(ctx)
	if err := db.Model(&AuditCheckpoint{}).Count(&out.Total).Error; err != nil {
		return out, fmt.Errorf("models: audit checkpoints: %w", err)
	}
	if err := db.Order("id DESC").Offset((out.Page - 1) * out.PerPage).Limit(out.PerPage).Find(&out.Items).Error; err != nil {
		return out, fmt.Errorf("models: audit checkpoints: %w", err)
	}
	return out, nil
}

// CheckpointProblemKind is what is wrong with a checkpoint.
type CheckpointProblemKind string

// The kinds of problem VerifyCheckpoints reports.
const (
	// CheckpointEntryMissing: the entry the checkpoint names is gone from the log.
	CheckpointEntryMissing CheckpointProblemKind = "entry-missing"
	// CheckpointEntryAltered: the entry is there but its hash is not the one signed: the
	// entry was altered, or the history up to it rewritten.
	CheckpointEntryAltered CheckpointProblemKind = "entry-altered"
	// CheckpointAltered: the checkpoint names a key given but its signature does not cover
	// what it holds now: its entry id, hash or time (or its signature) was changed.
	CheckpointAltered CheckpointProblemKind = "checkpoint-altered"
	// CheckpointSignatureInvalid: the signature cannot be verified by any key given: it
	// names another key, or its key id does not match the key it holds.
	CheckpointSignatureInvalid CheckpointProblemKind = "signature-invalid"
)

// CheckpointProblem is one checkpoint that does not hold.
type CheckpointProblem struct {
	Checkpoint AuditCheckpoint
	Kind       CheckpointProblemKind
	Detail     string
}

func (p CheckpointProblem) Error() string {
	return fmt.Sprintf("checkpoint %d (entry %d): %s: %s", p.Checkpoint.ID, p.Checkpoint.EntryID, p.Kind, p.Detail)
}

// VerifyCheckpoints checks every checkpoint against the audit chain and the keys given (the
// portal's own public key, and any earlier ones): its signature verifies under the key its
// key id names, and the entry it names is in the log with the hash signed. It returns the
// number of checkpoints checked and each one that does not hold.
func (s *Store) VerifyCheckpoints(ctx context.Context, keys []ed25519.PublicKey) (int, []CheckpointProblem, error) {
	byID := map[string]ed25519.PublicKey{}
	for _, k := range keys {
		byID[CheckpointKeyID(k)] = k
	}
	var all []AuditCheckpoint
	if err := s.db.WithContext(ctx).Order("id").Find(&all).Error; err != nil {
		return 0, nil, fmt.Errorf("models: verify checkpoints: %w", err)
	}
	var problems []CheckpointProblem
	for _, cp := range all {
		pub, ok := byID[cp.KeyID]
		switch {
		case !ok:
			problems = append(problems, CheckpointProblem{cp, CheckpointSignatureInvalid, fmt.Sprintf("signed by key %s, which is not a key given", cp.KeyID)})
			continue
		case cp.PublicKey != base64.StdEncoding.EncodeToString(pub):
			problems = append(problems, CheckpointProblem{cp, CheckpointSignatureInvalid, fmt.Sprintf("the public key it holds is not key %s", cp.KeyID)})
			continue
		case !cp.VerifySignature(pub):
			problems = append(problems, CheckpointProblem{cp, CheckpointAltered, "its signature does not cover its entry id, hash and time: the checkpoint was changed"})
			continue
		}
		var e AuditEntry
		if err := s.db.WithContext(ctx).Where("id = ?", cp.EntryID).Limit(1).Find(&e).Error; err != nil {
			return 0, nil, fmt.Errorf("models: verify checkpoints: %w", err)
		}
		switch {
		case e.ID == 0:
			problems = append(problems, CheckpointProblem{cp, CheckpointEntryMissing, fmt.Sprintf("audit entry %d is no longer in the log", cp.EntryID)})
		case e.Hash != cp.EntryHash || entryHash(&e) != cp.EntryHash:
			problems = append(problems, CheckpointProblem{cp, CheckpointEntryAltered, fmt.Sprintf("audit entry %d no longer has the hash signed (%s): it or the history before it was rewritten", cp.EntryID, cp.EntryHash)})
		}
	}
	return len(all), problems, nil
}
