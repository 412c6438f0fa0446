package models

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// AuditEntry is one step in the append-only audit log. Each entry carries the hash of the
// one before it, so that a removed or altered entry breaks the chain (VerifyAuditChain).
type AuditEntry struct {
	ID         uint      `gorm:"primaryKey"`
	At         time.Time `gorm:"not null;index"`
	ActorID    *uint     `gorm:"index"`
	ActorName  string    `gorm:"not null;default:''"` // as the actor was named then
	ActorRole  string    `gorm:"not null;default:''"`
	Action     string    `gorm:"not null;index"` // e.g. agreement.send, party.confirm
	ObjectType string    `gorm:"not null;index:idx_audit_object,priority:1"`
	ObjectID   uint      `gorm:"not null;index:idx_audit_object,priority:2"`
	// RegionCode is the region the step concerns (a party's answer), so that a delegate
	// can be shown their region's steps.
	RegionCode string `gorm:"not null;default:'';index"`
	Before     string `gorm:"not null;default:''"` // JSON
	After      string `gorm:"not null;default:''"` // JSON
	Note       string `gorm:"not null;default:''"` // a reason or a remark given with the step
	IP         string `gorm:"not null;default:''"`
	UserAgent  string `gorm:"not null;default:''"`
	PrevHash   string `gorm:"not null;default:''"`
	Hash       string `gorm:"not null;uniqueIndex"`
}

// Consequence reports whether the step followed from another by rule, not from its
// actor's choice: an agreement becomes agreed when the last party confirms, which the log
// records under that delegate, but which no single delegate did.
func (e *AuditEntry) Consequence() bool { return e.Action == "agreement.agreed" }

// auditStep is what an action tells the log about itself.
type auditStep struct {
	action     string
	objectType string
	objectID   uint
	region     string
	before     any
	after      any
	note       string
}

// entryHash covers every field of an entry but its own hash and ID.
func entryHash(e *AuditEntry) string {
	actor := ""
	if e.ActorID != nil {
		actor = strconv.FormatUint(uint64(*e.ActorID), 10)
	}
	b, _ := json.Marshal([]string{
		e.PrevHash, e.At.UTC().Format(time.RFC3339Nano), actor, e.ActorName, e.ActorRole, e.Action,
		e.ObjectType, strconv.FormatUint(uint64(e.ObjectID), 10), e.RegionCode, e.Before, e.After, e.Note, e.IP, e.UserAgent,
	})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// audit appends steps to the log, in order; it must run inside the action's write
// transaction, so that the steps and the change they record stand or fall together.
// Several steps of one action (an answer that makes its agreement agreed) are chained to
// one read of the chain's head and written by one statement.
func (tx *Store) audit(actor Actor, steps ...auditStep) error {
	if len(steps) == 0 {
		return nil
	}
	entries := make([]AuditEntry, len(steps))
	// To the microsecond: what PostgreSQL keeps, so that the hash computed now is the one
	// a later check computes from the stored row.
	at := tx.Now().Truncate(time.Microsecond)
	for i, step := range steps {
		e := &entries[i]
		*e = AuditEntry{
			At: at, Action: step.action, ObjectType: step.objectType, ObjectID: step.objectID,
			RegionCode: step.region, Note: step.note, IP: actor.IP, UserAgent: actor.UserAgent, ActorName: actor.auditName(),
		}
		if u := actor.User; u != nil {
			id := u.ID
			e.ActorID, e.ActorRole = &id, string(u.Role)
		}
		for _, s := range []struct {
			v   any
			dst *string
		}{{step.before, &e.Before}, {step.after, &e.After}} {
			if s.v == nil {
				continue
			}
			b, err := json.Marshal(s.v)
			if err != nil {
				return err
			}
			*s.dst = string(b)
		}
	}
	if err := tx.lockAuditChain(); err != nil {
		return err
	}
	// Only the head's hash: the entry's states may be long.
	var prev string
	rows, err := tx.db.Raw("SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1").Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		if err := rows.Scan(&prev); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	_ = rows.Close()
	for i := range entries {
		entries[i].PrevHash = prev
		entries[i].Hash = entryHash(&entries[i])
		prev = entries[i].Hash
	}
	return tx.insertAuditEntries(entries)
}

// auditColumns are the columns insertAuditEntries writes, in the order it gives them.
const auditColumns = `at, actor_id, actor_name, actor_role, action, object_type, object_id, region_code, "before", "after", note, ip, user_agent, prev_hash, hash`

// insertAuditEntries writes entries already chained, in their order, with one statement
// that returns nothing (no caller needs the IDs). The rows of one VALUES list take their
// IDs in the list's order on both engines, which is the order the chain is verified in.
func (tx *Store) insertAuditEntries(entries []AuditEntry) error {
	args := make([]any, 0, 15*len(entries))
	for i := range entries {
		e := &entries[i]
		args = append(args, e.At, e.ActorID, e.ActorName, e.ActorRole, e.Action, e.ObjectType, e.ObjectID, e.RegionCode,
			e.Before, e.After, e.Note, e.IP, e.UserAgent, e.PrevHash, e.Hash)
	}
	return tx.w.Exec("INSERT INTO audit_entries ("+auditColumns+") VALUES "+valuesRows(len(entries), 15), args...).Error
}

// AuditChainBreak is the first entry where the audit chain does not hold: its link to the
// entry before (an entry removed or reordered), or its own hash (an entry changed).
type AuditChainBreak struct {
	ID       uint
	Link     bool   // the link to the entry before is wrong, rather than the entry's own hash
	Expected string // what the hash should be
	Found    string // what the entry holds
}

func (b *AuditChainBreak) Error() string {
	what := "hash"
	if b.Link {
		what = "link to the entry before (prev_hash)"
	}
	return fmt.Sprintf("audit entry %d breaks the chain: its %s is %s, expected %s", b.ID, what, b.Found, b.Expected)
}

// VerifyAuditChain checks that every entry's hash is right and points at the entry before.
// It returns the number of entries checked; a break is an *AuditChainBreak.
func (s *Store) VerifyAuditChain(ctx context.Context) (int, error) {
	prev, n := "", 0
	var batch []AuditEntry
	err := s.db.WithContext(ctx).Order("id").FindInBatches(&batch, 1000, func(_ *gorm.DB, _ int) error {
		for i := range batch {
			e := &batch[i]
			if e.PrevHash != prev {
				return &AuditChainBreak{ID: e.ID, Link: true, Expected: prev, Found: e.PrevHash}
			}
			if want := entryHash(e); want != e.Hash {
				return &AuditChainBreak{ID: e.ID, Expected: want, Found: e.Hash}
			}
			prev = e.Hash
			n++
		}
		return nil
	}).Error
	if err != nil {
		return n, fmt.Errorf("models: verify audit chain: %w", err)
	}
	return n, nil
}
