package models

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Locking inside write transactions. On SQLite there is one writer at a time: the single
// write connection's transactions begin immediately, so a transaction that reads and then
// writes sees nothing change in between. On PostgreSQL, transactions run side by side at
// READ COMMITTED; the two places where that could lose a write take a lock:
//   - a step on an agreement reads it FOR UPDATE, so that two steps on one agreement (a
//     withdrawal and a confirmation, the last two parties confirming) take turns;
//   - an append to the audit chain takes a transaction-wide advisory lock, so that entries
//     are appended one after another, each on the hash of the one before;
//   - a sign-in attempt takes one too, so that counting the recent failures and recording
//     the attempt are one step for parallel attempts.
// Locks are taken in that order (rows, then the chain) and released at commit, so two
// transactions cannot wait on each other.

// forUpdate locks the rows a read inside a write transaction returns until it commits.
// GORM's SQLite dialect leaves the clause out: there, the transaction already holds the
// database's one write lock.
func forUpdate(q *gorm.DB) *gorm.DB {
	return q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
}

// auditChainLock is the advisory lock key of the audit chain ("derap" "audit").
const auditChainLock = 0x64657261_61756469

// lockAuditChain makes this transaction the only one appending to the audit chain until
// it commits.
func (tx *Store) lockAuditChain() error {
	if tx.engine != EnginePostgres {
		return nil
	}
	return tx.w.Exec("SELECT pg_advisory_xact_lock(?)", int64(auditChainLock)).Error
}

// signInLock is the advisory lock key of sign-in attempts ("derap" "sign").
const signInLock = 0x64657261_7369676e

// lockSignIns makes this transaction the only one counting and recording sign-in
// attempts until it commits.
func (tx *Store) lockSignIns() error {
	if tx.engine != EnginePostgres {
		return nil
	}
	return tx.w.Exec("SELECT pg_advisory_xact_lock(?)", int64(signInLock)).Error
}
