package models

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Indonesia's box, with a margin: coordinates outside it are a typing error.
const (
	latMin, latMax = -12.0, 7.0
	lonMin, lonMax = 94.0, 142.0
)

// ProfileInput is a region's profile as an official edits it.
type ProfileInput struct {
	Partner     bool
	Summary     string
	Contact     ContactInput
	Commodities []string // keys of Commodities
	Latitude    *float64
	Longitude   *float64
	// Revision is the profile's revision the form was loaded at (AnyRevision: none, or
	// no profile yet).
	Revision uint64
}

// ContactInput is a region's cooperation contact office.
type ContactInput struct {
	Office, Address, Phone, Email string
	// Revision is the profile's revision the form was loaded at (AnyRevision: none, or
	// no profile yet). Inside a ProfileInput it is not read: that one's is.
	Revision uint64
}

var phoneChars = regexp.MustCompile(`^[0-9+()\-. ]{5,30}$`)

func (in ContactInput) check(v *ValidationError) ContactInput {
	in = ContactInput{strings.TrimSpace(in.Office), strings.TrimSpace(in.Address), strings.TrimSpace(in.Phone), strings.TrimSpace(in.Email), in.Revision}
	if utf8.RuneCountInString(in.Office) > 300 {
		v.Add("contact_office", "error.too_long")
	}
	if utf8.RuneCountInString(in.Address) > 500 {
		v.Add("contact_address", "error.too_long")
	}
	if in.Phone != "" && !phoneChars.MatchString(in.Phone) {
		v.Add("contact_phone", "error.phone_invalid")
	}
	if in.Email != "" {
		if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email {
			v.Add("contact_email", "error.email_invalid")
		}
	}
	return in
}

// profileOf loads a region's profile, or a new one for it.
// profileOf reads a region and its profile for a save made on the profile's revision seen:
// an existing profile is claimed (revision.go) and comes back at its new revision; a
// region without one gets a new profile at revision 1.
func (tx *Store) profileOf(ctx context.Context, code string, seen uint64) (Region, RegionProfile, error) {
	r, err := tx.RegionByCode(ctx, code)
	if err != nil {
		return Region{}, RegionProfile{}, err
	}
	p := RegionProfile{RegionCode: code, Revision: 1}
	if r.Profile != nil {
		p = *r.Profile
		if err := tx.claimRevision(&RegionProfile{}, seen, "region_code = ?", code); err != nil {
			return Region{}, RegionProfile{}, err
		}
		p.Revision++
	}
	return r, p, nil
}

// SaveProfile sets whether a region is a partner of the programme and its profile.
// Officials only.
func (s *Store) SaveProfile(ctx context.Context, actor Actor, code string, in ProfileInput) error {
	if !actor.MayEditProfile() {
		return fmt.Errorf("models: save profile: %w", ErrForbidden)
	}
	v := &ValidationError{}
	contact := in.Contact.check(v)
	summary := strings.TrimSpace(in.Summary)
	if utf8.RuneCountInString(summary) > 5000 {
		v.Add("summary", "error.too_long")
	}
	for _, c := range in.Commodities {
		if !slices.Contains(Commodities, c) {
			v.Add("commodities", "error.choose_one")
			break
		}
	}
	switch {
	case (in.Latitude == nil) != (in.Longitude == nil):
		v.Add("latitude", "error.coordinates_pair")
	case in.Latitude != nil && (*in.Latitude < latMin || *in.Latitude > latMax):
		v.Add("latitude", "error.coordinates_outside")
	case in.Longitude != nil && (*in.Longitude < lonMin || *in.Longitude > lonMax):
		v.Add("longitude", "error.coordinates_outside")
	}
	err := s.write(ctx, func(tx *Store) error {
		r, p, err := tx.profileOf(ctx, code, in.Revision)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		before := p
		p.Summary, p.Latitude, p.Longitude = summary, in.Latitude, in.Longitude
		p.ContactOffice, p.ContactAddress, p.ContactPhone, p.ContactEmail = contact.Office, contact.Address, contact.Phone, contact.Email
		p.Commodities = strings.Join(commodityOrder(in.Commodities), ",")
		if err := tx.w.Save(&p).Error; err != nil {
			return err
		}
		if err := tx.w.Model(&Region{}).Where("code = ?", code).Update("partner", in.Partner).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{
			action: "region.profile", objectType: "region", region: code,
			before: map[string]any{"partner": r.Partner, "profile": before}, after: map[string]any{"partner": in.Partner, "profile": p},
		})
	})
	if err != nil {
		return fmt.Errorf("models: save profile of %s: %w", code, err)
	}
	return nil
}

// commodityOrder keeps the chosen commodities in the list's order, each once.
func commodityOrder(chosen []string) []string {
	var out []string
	for _, c := range Commodities {
		if slices.Contains(chosen, c) {
			out = append(out, c)
		}
	}
	return out
}

// SaveContact sets a region's cooperation contact: officials for any region, a delegate
// for their own region only.
func (s *Store) SaveContact(ctx context.Context, actor Actor, code string, in ContactInput) error {
	if !actor.MayEditContact(code) {
		return fmt.Errorf("models: save contact: %w", ErrForbidden)
	}
	v := &ValidationError{}
	contact := in.check(v)
	err := s.write(ctx, func(tx *Store) error {
		_, p, err := tx.profileOf(ctx, code, in.Revision)
		if err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		before := ContactInput{Office: p.ContactOffice, Address: p.ContactAddress, Phone: p.ContactPhone, Email: p.ContactEmail}
		p.ContactOffice, p.ContactAddress, p.ContactPhone, p.ContactEmail = contact.Office, contact.Address, contact.Phone, contact.Email
		if err := tx.w.Save(&p).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "region.contact", objectType: "region", region: code, before: before, after: contact})
	})
	if err != nil {
		return fmt.Errorf("models: save contact of %s: %w", code, err)
	}
	return nil
}
