package models

import (
	"fmt"

	"gorm.io/gorm"
)

// Optimistic concurrency. Agreements, events, region profiles and accounts each carry a
// revision that every write to them moves on, in the same transaction. A form or an action
// button carries the revision its page was rendered at; a save or an action on a record
// that has moved on since is refused with ErrChanged, so that nobody's change is lost to
// an edit made on an older copy.

// AnyRevision, given as the revision a caller saw, acts on the record as it is now: for
// the operator's commands, the system and a record that has none yet.
const AnyRevision uint64 = 0

// checkRevision refuses an edit made on a copy older than the record.
func checkRevision(seen, current uint64) error {
	if seen != AnyRevision && seen != current {
		return fmt.Errorf("%w (revision %d, now %d)", ErrChanged, seen, current)
	}
	return nil
}

// claimRevision moves the revision of the rows matching the condition on if it is still
// the one the caller saw (whatever it is, for AnyRevision), and refuses with ErrChanged
// otherwise. The check and the claim are one statement, so that of two writers who saw the
// same revision only one passes, on either engine, without a lock taken beforehand. The
// caller has made sure the record exists.
func (tx *Store) claimRevision(model any, seen uint64, query string, args ...any) error {
	q := tx.w.Model(model).Where(query, args...)
	if seen != AnyRevision {
		q = q.Where("revision = ?", seen)
	}
	res := q.UpdateColumn("revision", gorm.Expr("revision + 1"))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("%w (revision %d)", ErrChanged, seen)
	}
	return nil
}

// bumpRevision moves the revision of the rows of model matching the condition on.
func (tx *Store) bumpRevision(model any, query string, args ...any) error {
	return tx.w.Model(model).Where(query, args...).UpdateColumn("revision", gorm.Expr("revision + 1")).Error
}
