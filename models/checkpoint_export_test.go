package models

import "context"

// RewriteAuditChainForTest changes the note of entry id and computes every hash from it
// on again, as an intruder who knows the chain's rule would: the chain then holds
// together, and only a checkpoint signed before can tell.
func (s *Store) RewriteAuditChainForTest(ctx context.Context, id uint) error {
	var entries []AuditEntry
	if err := s.db.WithContext(ctx).Order("id").Find(&entries).Error; err != nil {
		return err
	}
	prev := ""
	for i := range entries {
		e := &entries[i]
		if e.ID < id {
			prev = e.Hash
			continue
		}
		if e.ID == id {
			e.Note += " (ditulis ulang)"
		}
		e.PrevHash = prev
		e.Hash = entryHash(e)
		if err := s.w.WithContext(ctx).Model(&AuditEntry{}).Where("id = ?", e.ID).
			Updates(map[string]any{"note": e.Note, "prev_hash": e.PrevHash, "hash": e.Hash}).Error; err != nil {
			return err
		}
		prev = e.Hash
	}
	return nil
}
