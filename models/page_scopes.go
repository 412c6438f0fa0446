package models

import (
	"context"
	"fmt"
	"slices"
	"strconv"
)

// Page scopes: which public pages a change can have touched (migration 00014). A write
// that may change what visitors see moves the public version on (changes.go); by default
// it may have changed any page. A write that knows better says which pages it touched
// (touchAgreement), and the portal servers keep every other agreement's and region's page
// across it. The scopes are recorded in the write's own transaction, so that any process
// that sees the new public version also sees what it touched.

// ScopeAnyPage is the scope of a change that may have touched any public page.
const ScopeAnyPage = "*"

// AgreementScope is the scope of an agreement's public page (and its JSON record).
func AgreementScope(id uint) string { return "agreement:" + strconv.FormatUint(uint64(id), 10) }

// RegionScope is the scope of a region's public page.
func RegionScope(code string) string { return "region:" + code }

// ScopeChange is the latest public version a change of one scope made.
type ScopeChange struct {
	Scope   string
	Version uint64
}

// ScopeChangesSince lists the scopes changed by a public version after since, oldest first.
func (s *Store) ScopeChangesSince(ctx context.Context, since uint64) ([]ScopeChange, error) {
	var out []ScopeChange
	err := s.db.WithContext(ctx).Table("page_scopes").Select("scope, version").
		Where("version > ?", since).Order("version").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("models: page scopes: %w", err)
	}
	return out, nil
}

// touchAgreement says the write changed agreement a for visitors only where a publication
// does: the lists (which every change reaches), its own page, the pages of the agreements
// it links to or that link to it (a parent shows its implementing agreements, which show
// their parent while it is published), and its parties' region pages.
func (tx *Store) touchAgreement(a *Agreement) error {
	scopes := []string{AgreementScope(a.ID)}
	if a.ParentID != nil {
		scopes = append(scopes, AgreementScope(*a.ParentID))
	}
	var children []uint
	if err := tx.w.Model(&Agreement{}).Where("parent_id = ?", a.ID).Pluck("id", &children).Error; err != nil {
		return fmt.Errorf("models: scopes of agreement %d: %w", a.ID, err)
	}
	for _, id := range children {
		scopes = append(scopes, AgreementScope(id))
	}
	regions := make([]string, len(a.Parties))
	for i, p := range a.Parties {
		regions[i] = p.RegionCode
	}
	if len(regions) == 0 { // read without its parties
		if err := tx.w.Model(&Party{}).Where("agreement_id = ?", a.ID).Pluck("region_code", &regions).Error; err != nil {
			return fmt.Errorf("models: scopes of agreement %d: %w", a.ID, err)
		}
	}
	for _, code := range regions {
		scopes = append(scopes, RegionScope(code))
	}
	tx.effects.touch(scopes...)
	return nil
}

// touch records scopes the write changed; a write that never calls it may have changed
// any page.
func (e *writeEffects) touch(scopes ...string) {
	e.scoped = true
	e.scopes = append(e.scopes, scopes...)
}

// merge takes a nested write's effects into the outer one's.
func (e *writeEffects) merge(inner *writeEffects) {
	e.private = e.private && inner.private
	e.quiet = e.quiet && inner.quiet
	if inner.private {
		return // no public page changed inside
	}
	if !inner.scoped {
		e.anyPage = true
		return
	}
	e.scopes = append(e.scopes, inner.scopes...)
}

// pageScopes are the scopes a committed public write touched.
func (e *writeEffects) pageScopes() []string {
	if !e.scoped || e.anyPage {
		return []string{ScopeAnyPage}
	}
	out := slices.Clone(e.scopes)
	slices.Sort(out)
	return slices.Compact(out)
}

// recordScopes records, in the write transaction, the public version it made against each
// scope it touched. It runs after recordChange, which holds data_versions' row (on
// PostgreSQL until the commit), so writers record their scopes one at a time and in the
// order of their versions.
func (tx *Store) recordScopes() error {
	if tx.effects.quiet || tx.effects.private {
		return nil
	}
	var version uint64
	if err := tx.w.Raw("SELECT public_version FROM data_versions WHERE id = 1").Scan(&version).Error; err != nil {
		return fmt.Errorf("models: record the pages changed: %w", err)
	}
	scopes := tx.effects.pageScopes()
	args := make([]any, 0, 2*len(scopes))
	for _, scope := range scopes {
		args = append(args, scope, version)
	}
	err := tx.w.Exec("INSERT INTO page_scopes (scope, version) VALUES "+valuesRows(len(scopes), 2)+
		" ON CONFLICT (scope) DO UPDATE SET version = excluded.version", args...).Error
	if err != nil {
		return fmt.Errorf("models: record the pages changed: %w", err)
	}
	return nil
}
