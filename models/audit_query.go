package models

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"
)

// The audit log as the portal shows it: officials and administrators read every entry, a
// delegate the entries about their own region, anyone else nothing.

// AuditObjectTypes are the kinds of object the log records steps about.
var AuditObjectTypes = []string{"agreement", "activity", "event", "region", "user", "outbox_message", "bureau_contact"}

// AuditCountCap is how far the log counts the entries a filter selects: beyond it, the page
// says "more than" rather than scan the whole log.
const AuditCountCap = 1000

// AuditFilter narrows the audit log. Zero fields do not narrow.
type AuditFilter struct {
	ObjectType string
	ObjectID   uint
	ActorID    uint      // staff only
	Action     string    // e.g. agreement.send
	From, To   time.Time // days in Jakarta, both included
	Before     uint      // the page's cursor: entries older (by id) than this one
}

// AuditChange is one changed field of an entry's before and after states.
type AuditChange struct {
	Field         string
	Before, After string
	Added         bool // the field is in the after state only
	Removed       bool // the field is in the before state only
}

// AuditRow is an entry as the log shows it: its before and after states reduced to the
// fields that changed, secrets left out.
type AuditRow struct {
	AuditEntry
	Changes []AuditChange
}

// AuditLogPage is one page of the log, newest first.
type AuditLogPage struct {
	Rows []AuditRow
	// Next is the cursor of the following page (AuditFilter.Before), or 0 on the last.
	Next uint
	// Total counts the entries the filter selects, up to AuditCountCap; Capped says there are more.
	Total  int64
	Capped bool
}

// AuditActorChoice is an account the staff's actor filter offers.
type AuditActorChoice struct {
	ID   uint
	Name string
	Role Role
}

// AuditChoices are what the log's filter offers.
type AuditChoices struct {
	Actions []string
	Actors  []AuditActorChoice // empty for delegates
	// Region is the region a delegate's log is limited to (code and name), empty for staff.
	Region Region
}

// auditScope is the region the actor's view of the log is limited to ("" for everything),
// or ErrForbidden.
func auditScope(actor Actor) (string, error) {
	if actor.IsStaff() {
		return "", nil
	}
	if r := actor.DelegateRegion(); r != "" {
		return r, nil
	}
	return "", ErrForbidden
}

// AuditLog reads a page of the audit log for the actor, newest first.
func (s *Store) AuditLog(ctx context.Context, actor Actor, f AuditFilter, perPage int) (AuditLogPage, error) {
	region, err := auditScope(actor)
	if err != nil {
		return AuditLogPage{}, err
	}
	if region != "" && f.ActorID != 0 {
		return AuditLogPage{}, ErrForbidden
	}
	if perPage <= 0 {
		perPage = 50
	}
	scoped := func() *gorm.DB {
		q := s.db.WithContext(ctx).Model(&AuditEntry{})
		if region != "" {
			q = q.Where("region_code = ?", region)
		}
		if f.ObjectType != "" {
			q = q.Where("object_type = ?", f.ObjectType)
			if f.ObjectID != 0 {
				q = q.Where("object_id = ?", f.ObjectID)
			}
		}
		if f.ActorID != 0 {
			q = q.Where("actor_id = ?", f.ActorID)
		}
		if f.Action != "" {
			q = q.Where("action = ?", f.Action)
		}
		if !f.From.IsZero() {
			y, m, d := f.From.Date()
			q = q.Where("at >= ?", time.Date(y, m, d, 0, 0, 0, 0, Jakarta).UTC())
		}
		if !f.To.IsZero() {
			y, m, d := f.To.Date()
			q = q.Where("at < ?", time.Date(y, m, d+1, 0, 0, 0, 0, Jakarta).UTC())
		}
		return q
	}
	var page AuditLogPage
	var ids []uint
	if err := scoped().Select("id").Order("id DESC").Limit(AuditCountCap+1).Pluck("id", &ids).Error; err != nil {
		return page, fmt.Errorf("models: audit log count: %w", err)
	}
	page.Total, page.Capped = int64(len(ids)), len(ids) > AuditCountCap
	if page.Capped {
		page.Total = AuditCountCap
	}
	q := scoped()
	if f.Before != 0 {
		q = q.Where("id < ?", f.Before)
	}
	var entries []AuditEntry
	if err := q.Order("id DESC").Limit(perPage + 1).Find(&entries).Error; err != nil {
		return page, fmt.Errorf("models: audit log: %w", err)
	}
	if len(entries) > perPage {
		entries = entries[:perPage]
		page.Next = entries[perPage-1].ID
	}
	for _, e := range entries {
		row := AuditRow{AuditEntry: e, Changes: AuditDiff(e.Before, e.After)}
		row.Before, row.After = "", "" // shown as Changes alone: never a secret
		page.Rows = append(page.Rows, row)
	}
	return page, nil
}

// AuditChoicesFor lists the actions the log holds and, for staff, the accounts.
func (s *Store) AuditChoicesFor(ctx context.Context, actor Actor) (AuditChoices, error) {
	region, err := auditScope(actor)
	if err != nil {
		return AuditChoices{}, err
	}
	var c AuditChoices
	if err := s.db.WithContext(ctx).Model(&AuditEntry{}).Distinct("action").Order("action").Pluck("action", &c.Actions).Error; err != nil {
		return c, fmt.Errorf("models: audit actions: %w", err)
	}
	if region != "" {
		err := s.db.WithContext(ctx).Select("code", "name").Where("code = ?", region).Limit(1).Find(&c.Region).Error
		return c, err
	}
	var users []User
	if err := s.db.WithContext(ctx).Select("id", "name", "role").Order("name, id").Find(&users).Error; err != nil {
		return c, fmt.Errorf("models: audit actors: %w", err)
	}
	for _, u := range users {
		c.Actors = append(c.Actors, AuditActorChoice{ID: u.ID, Name: u.Name, Role: u.Role})
	}
	return c, nil
}

// auditSecretWords are parts of a field name whose value the log never shows, at any depth:
// password hashes, invitation and session tokens, keys.
var auditSecretWords = []string{"password", "token", "secret", "session_id", "sessionid", "private_key", "privatekey", "api_key", "apikey"}

// auditSecret reports whether a field's value is kept out of the shown log.
func auditSecret(field string) bool {
	f := strings.ToLower(field)
	return slices.ContainsFunc(auditSecretWords, func(w string) bool { return strings.Contains(f, w) })
}

// AuditDiff compares an entry's before and after states (JSON objects, or empty) and
// returns the fields that differ, in field order; secret fields are left out.
// A state that is not a JSON object counts as one field named "value".
func AuditDiff(before, after string) []AuditChange {
	b, a := auditFields(before), auditFields(after)
	keys := make([]string, 0, len(a)+len(b))
	for k := range b {
		keys = append(keys, k)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []AuditChange
	for _, k := range keys {
		if slices.ContainsFunc(strings.Split(k, "."), auditSecret) {
			continue
		}
		bv, inB := b[k]
		av, inA := a[k]
		if inA && inB && bv == av {
			continue
		}
		out = append(out, AuditChange{Field: k, Before: bv, After: av, Added: inA && !inB, Removed: inB && !inA})
	}
	return out
}

// auditFields reads a state into its fields, each written as text: strings as they are,
// other values as compact JSON with secrets removed.
func auditFields(state string) map[string]string {
	out := map[string]string{}
	if strings.TrimSpace(state) == "" {
		return out
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(state), &obj); err != nil {
		var v any
		if json.Unmarshal([]byte(state), &v) == nil {
			out["value"] = auditText(v)
		} else {
			out["value"] = state
		}
		return out
	}
	auditFlatten(out, "", obj)
	return out
}

// auditFlatten writes an object's fields into out, those of nested objects under dotted
// names ("parties.61"), so that a change deep inside shows as the one field it is.
func auditFlatten(out map[string]string, prefix string, obj map[string]any) {
	for k, v := range obj {
		if m, ok := v.(map[string]any); ok && len(m) > 0 {
			auditFlatten(out, prefix+k+".", m)
			continue
		}
		out[prefix+k] = auditText(v)
	}
}

// auditText writes a value as text, removing secret fields from objects within it.
func auditText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	}
	b, _ := json.Marshal(auditScrub(v))
	return string(b)
}

func auditScrub(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if auditSecret(k) {
				delete(v, k)
			} else {
				v[k] = auditScrub(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = auditScrub(x)
		}
	}
	return v
}
