package models

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"
)

// BureauContact is how the public reaches the Biro Kerja Sama Daerah: the office, its
// street address, phone and email, and where information requests are made (the PPID's
// address). The footer of every page and the about page show it; administrators edit it.
// There is one, row 1 of bureau_contacts, made by its migration.
type BureauContact struct {
	ID      int    `gorm:"column:id;primaryKey"`
	Office  string `gorm:"column:office"`
	Address string `gorm:"column:address"`
	Phone   string `gorm:"column:phone"`
	Email   string `gorm:"column:email"`
	PPIDURL string `gorm:"column:ppid_url"`
	// Revision moves on with every save (revision.go).
	Revision uint64 `gorm:"column:revision"`
}

// TableName is the table of the one row.
func (BureauContact) TableName() string { return "bureau_contacts" }

// The limits of the bureau's contact, in characters.
const (
	MaxBureauOffice  = 300
	MaxBureauAddress = 500
	MaxBureauEmail   = 254
	MaxBureauURL     = 500
)

// BureauContactInput is the bureau's contact as an administrator edits it. The office and
// the address are required; an empty phone, email or PPID address is not shown.
type BureauContactInput struct {
	Office, Address, Phone, Email, PPIDURL string
}

// check trims the input and adds every problem with it to v, by the settings form's
// field names.
func (in BureauContactInput) check(v *ValidationError) BureauContactInput {
	in = BureauContactInput{
		Office: strings.TrimSpace(in.Office), Address: strings.TrimSpace(in.Address), Phone: strings.TrimSpace(in.Phone),
		Email: strings.TrimSpace(in.Email), PPIDURL: strings.TrimSpace(in.PPIDURL),
	}
	switch {
	case in.Office == "":
		v.Add("bureau_office", "error.required")
	case utf8.RuneCountInString(in.Office) > MaxBureauOffice:
		v.Add("bureau_office", "error.too_long")
	}
	switch {
	case in.Address == "":
		v.Add("bureau_address", "error.required")
	case utf8.RuneCountInString(in.Address) > MaxBureauAddress:
		v.Add("bureau_address", "error.too_long")
	}
	if in.Phone != "" && !phoneChars.MatchString(in.Phone) {
		v.Add("bureau_phone", "error.phone_invalid")
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || len(in.Email) > MaxBureauEmail {
			v.Add("bureau_email", "error.email_invalid")
		}
	}
	if in.PPIDURL != "" && !webAddress(in.PPIDURL) {
		v.Add("bureau_ppid_url", "error.url_invalid")
	}
	return in
}

// webAddress reports whether s is an absolute http or https address of a host, fit to be a
// link on a public page: no credentials in it, no spaces, not too long.
func webAddress(s string) bool {
	if utf8.RuneCountInString(s) > MaxBureauURL || strings.ContainsAny(s, " \t\r\n\"<>\\") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.Hostname() == "" || u.User != nil || u.Opaque != "" {
		return false
	}
	return true
}

// BureauContact reads the bureau's contact: one read of one row by its key.
func (s *Store) BureauContact(ctx context.Context) (BureauContact, error) {
	var c BureauContact
	if err := s.db.WithContext(ctx).Where("id = 1").Limit(1).Find(&c).Error; err != nil {
		return BureauContact{}, fmt.Errorf("models: bureau contact: %w", err)
	}
	if c.ID == 0 {
		return BureauContact{}, fmt.Errorf("models: bureau contact: %w", ErrNotFound)
	}
	return c, nil
}

// UpdateBureauContact replaces the bureau's contact, made on the copy at revision seen
// (AnyRevision: whatever it is now), and returns it as stored. Administrators and the
// operator only. Every page's footer shows it, so the public version moves on and every
// cached page is rendered again.
func (s *Store) UpdateBureauContact(ctx context.Context, actor Actor, in BureauContactInput, seen uint64) (BureauContact, error) {
	if !actor.MayEditSettings() {
		return BureauContact{}, fmt.Errorf("models: update bureau contact: %w", ErrForbidden)
	}
	v := &ValidationError{}
	in = in.check(v)
	var after BureauContact
	err := s.write(ctx, func(tx *Store) error {
		// The claim first: it holds the row until the commit, so that what is read next is
		// what this save replaces, at the revision it gives it.
		if err := tx.claimRevision(&BureauContact{}, seen, "id = 1"); err != nil {
			return err
		}
		before, err := tx.BureauContact(ctx)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		after = BureauContact{
			ID: 1, Office: in.Office, Address: in.Address, Phone: in.Phone, Email: in.Email, PPIDURL: in.PPIDURL,
			Revision: before.Revision,
		}
		if err := tx.w.Model(&BureauContact{}).Where("id = 1").Updates(map[string]any{
			"office": after.Office, "address": after.Address, "phone": after.Phone, "email": after.Email, "ppid_url": after.PPIDURL,
		}).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{
			action: "settings.bureau_contact", objectType: "bureau_contact", objectID: 1,
			before: bureauContactState(before), after: bureauContactState(after),
		})
	})
	if err != nil {
		return BureauContact{}, fmt.Errorf("models: update bureau contact: %w", err)
	}
	return after, nil
}

// bureauContactState is what the audit log records of the contact.
func bureauContactState(c BureauContact) map[string]any {
	return map[string]any{"office": c.Office, "address": c.Address, "phone": c.Phone, "email": c.Email, "ppid_url": c.PPIDURL}
}
