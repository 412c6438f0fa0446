package models

import (
	"context"

	"gorm.io/gorm"
)

// TamperAuditEntryForTest alters an audit entry behind the log's back, as an intruder with
// the database file could.
func (s *Store) TamperAuditEntryForTest(ctx context.Context, id uint) error {
	return s.w.WithContext(ctx).Model(&AuditEntry{}).Where("id = ?", id).Update("note", "altered").Error
}

// DBForTest is the read pool, for tests that check rows no model function returns.
func (s *Store) DBForTest() *gorm.DB { return s.db }

// ExecForTest runs a statement on the write connection, as an operator with the database
// file could.
func (s *Store) ExecForTest(ctx context.Context, sql string, args ...any) error {
	return s.w.WithContext(ctx).Exec(sql, args...).Error
}

// CommitEachWriteForTest turns the group commit off: every write transaction commits on its
// own, as before it, for the benchmark that compares the two.
func (s *Store) CommitEachWriteForTest() { s.commits = nil }

// SetInboxCountCapForTest lowers how far the inbox counts, until restore is called.
func SetInboxCountCapForTest(n int) (restore func()) {
	inboxCountCap = n
	return func() { inboxCountCap = InboxCountCap }
}

// WriteForTest runs fn as a write transaction of the portal, on its connection.
func (s *Store) WriteForTest(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.write(ctx, func(tx *Store) error { return fn(tx.w) })
}

// FindAgreementsForTest reads every agreement through the hand-written scan the lists use.
func (s *Store) FindAgreementsForTest() ([]Agreement, error) {
	var out []Agreement
	err := findAgreements(s.db.Order("id"), &out)
	return out, err
}
