package form

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"time"

	"derap/models"
)

// The audit log's filter fields.
const (
	FieldAuditObject   = "object"
	FieldAuditObjectID = "object_id"
	FieldAuditActor    = "actor"
	FieldAuditAction   = "action"
	FieldAuditFrom     = "from"
	FieldAuditTo       = "to"
	FieldAuditBefore   = "before"
)

// AuditFilter is the audit log's filter as it stands in the URL.
type AuditFilter struct {
	Object, ObjectID, Actor, Action, From, To, Before string
}

// ParseAuditFilter reads the audit log's filter.
func ParseAuditFilter(q url.Values) AuditFilter {
	return AuditFilter{
		q.Get(FieldAuditObject), q.Get(FieldAuditObjectID), q.Get(FieldAuditActor), q.Get(FieldAuditAction),
		q.Get(FieldAuditFrom), q.Get(FieldAuditTo), q.Get(FieldAuditBefore),
	}
}

// auditAction is how an action is named: object.verb.
var auditAction = regexp.MustCompile(`^[a-z_]{1,40}\.[a-z_]{1,40}$`)

// Validate turns the form into a filter; a value no form of the portal sends is malformed.
func (f AuditFilter) Validate() (models.AuditFilter, error) {
	var out models.AuditFilter
	if f.Object != "" && !slices.Contains(models.AuditObjectTypes, f.Object) {
		return out, malformed("object type %q", f.Object)
	}
	out.ObjectType = f.Object
	var err error
	if out.ObjectID, err = positiveID(f.ObjectID); err != nil {
		return out, malformed("object id %q", f.ObjectID)
	}
	if out.ObjectID != 0 && out.ObjectType == "" {
		return out, malformed("object id %q without an object type", f.ObjectID)
	}
	if out.ActorID, err = positiveID(f.Actor); err != nil {
		return out, malformed("actor %q", f.Actor)
	}
	if f.Action != "" && !auditAction.MatchString(f.Action) {
		return out, malformed("action %q", f.Action)
	}
	out.Action = f.Action
	if out.Before, err = positiveID(f.Before); err != nil {
		return out, malformed("cursor %q", f.Before)
	}
	for _, d := range []struct {
		in  string
		out *time.Time
	}{{f.From, &out.From}, {f.To, &out.To}} {
		if d.in == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.in)
		if err != nil || t.Year() < 2000 || t.Year() > 2200 {
			return out, malformed("date %q", d.in)
		}
		*d.out = t
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		return out, malformed("date range %s to %s", f.From, f.To)
	}
	return out, nil
}

// positiveID reads an optional record id: "" is 0.
func positiveID(s string) (uint, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		return 0, malformed("id %q", s)
	}
	return uint(n), nil
}
