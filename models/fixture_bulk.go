package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ContactEdit is one save of a region's contact office by an account that may edit it,
// as SaveContact takes it.
type ContactEdit struct {
	Actor   Actor
	Region  string
	Contact ContactInput
}

// AppendContactEdits records many contact saves in one write transaction, for the
// benchmark's fixture: a log of a million entries written one transaction each takes
// hours, the same rows written together take seconds. Each edit leaves exactly what
// SaveContact would have left (the region's profile at its new contact and next revision,
// and the same audit entry, chained on the one before), so the chain verifies and the
// pages read the log as they would a real one. The portal itself never calls it.
func (s *Store) AppendContactEdits(ctx context.Context, edits []ContactEdit) error {
	if len(edits) == 0 {
		return nil
	}
	for _, e := range edits {
		if !e.Actor.MayEditContact(e.Region) {
			return fmt.Errorf("models: append contact edits: %s: %w", e.Region, ErrForbidden)
		}
	}
	err := s.write(ctx, func(tx *Store) error {
		profiles := map[string]*RegionProfile{}
		var order []string // profiles in first-touched order, so that saves are deterministic
		if err := tx.lockAuditChain(); err != nil {
			return err
		}
		var last AuditEntry
		if err := tx.db.Select("hash").Order("id DESC").Limit(1).Find(&last).Error; err != nil {
			return err
		}
		prev := last.Hash
		entries := make([]AuditEntry, 0, len(edits))
		for _, ed := range edits {
			p, ok := profiles[ed.Region]
			if !ok {
				r, err := tx.RegionByCode(ctx, ed.Region)
				if err != nil {
					return err
				}
				p = &RegionProfile{RegionCode: ed.Region}
				if r.Profile != nil {
					*p = *r.Profile
				}
				profiles[ed.Region] = p
				order = append(order, ed.Region)
			}
			v := &ValidationError{}
			contact := ed.Contact.check(v)
			if err := v.Err(); err != nil {
				return err
			}
			before := ContactInput{Office: p.ContactOffice, Address: p.ContactAddress, Phone: p.ContactPhone, Email: p.ContactEmail}
			p.ContactOffice, p.ContactAddress, p.ContactPhone, p.ContactEmail = contact.Office, contact.Address, contact.Phone, contact.Email
			p.Revision++ // a new profile starts at 1, as profileOf makes it
			e, err := contactEntry(tx.Now(), ed, before, contact)
			if err != nil {
				return err
			}
			e.PrevHash = prev
			e.Hash = entryHash(&e)
			prev = e.Hash
			entries = append(entries, e)
		}
		// 15 columns a row: 500 rows stay far below SQLite's and PostgreSQL's limits on
		// the parameters of one statement.
		if err := tx.w.CreateInBatches(entries, 500).Error; err != nil {
			return err
		}
		for _, code := range order {
			if err := tx.w.Save(profiles[code]).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("models: append contact edits: %w", err)
	}
	return nil
}

// contactEntry is the audit entry SaveContact writes (audit.go's audit), without its
// place in the chain.
func contactEntry(now time.Time, ed ContactEdit, before, after ContactInput) (AuditEntry, error) {
	e := AuditEntry{
		At: now.Truncate(time.Microsecond), Action: "region.contact", ObjectType: "region",
		RegionCode: ed.Region, IP: ed.Actor.IP, UserAgent: ed.Actor.UserAgent, ActorName: ed.Actor.auditName(),
	}
	if u := ed.Actor.User; u != nil {
		id := u.ID
		e.ActorID, e.ActorRole = &id, string(u.Role)
	}
	b, err := json.Marshal(before)
	if err != nil {
		return e, err
	}
	a, err := json.Marshal(after)
	if err != nil {
		return e, err
	}
	e.Before, e.After = string(b), string(a)
	return e, nil
}

// fixtureCacheKiB is the SQLite page cache of the write connection during a fixture build.
// The default 2 MB holds little of a database of a million audit entries, and every write
// would read the same index pages back from the operating system again and again.
const fixtureCacheKiB = 512 * 1024

// FixtureBuildMode readies the store for a fixture build that writes far more, and faster,
// than the portal ever does; end undoes it, leaving the database the portal's own
// migrations make. It is for the benchmark's fixture; the portal itself never calls it.
// On SQLite the write connection stops syncing to the disk (a failed build is thrown away,
// so it need not be durable; the setting belongs to the connection, so a server opening
// the file later syncs as ever) and takes a large page cache. On PostgreSQL it
// changes nothing.
func (s *Store) FixtureBuildMode(ctx context.Context) (end func() error, err error) {
	var pragmas, undo []string
	if s.engine == EngineSQLite {
		// The write pool holds one connection that lives as long as the store
		// (engine_open.go), so the pragmas stay with the writes that follow.
		pragmas = []string{"PRAGMA synchronous = OFF", fmt.Sprintf("PRAGMA cache_size = -%d", fixtureCacheKiB)}
		undo = []string{"PRAGMA synchronous = FULL", "PRAGMA cache_size = -2000"}
	}
	for _, q := range pragmas {
		if err := s.w.WithContext(ctx).Exec(q).Error; err != nil {
			return nil, fmt.Errorf("models: fixture build mode: %s: %w", q, err)
		}
	}
	return func() error {
		var errs []error
		for _, q := range undo {
			if err := s.w.Exec(q).Error; err != nil {
				errs = append(errs, fmt.Errorf("models: end fixture build mode: %s: %w", q, err))
			}
		}
		return errors.Join(errs...)
	}, nil
}
