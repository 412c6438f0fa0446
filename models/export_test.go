package models

import "context"

// TamperAuditEntryForTest alters an audit entry behind the log's back, as an intruder with
// the database file could.
func (s *Store) TamperAuditEntryForTest(ctx context.Context, id uint) error {
	return s.w.WithContext(ctx).Model(&AuditEntry{}).Where("id = ?", id).Update("note", "altered").Error
}
