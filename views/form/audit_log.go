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
// A date typed wrong, or a range that ends before it begins, is a *models.ValidationError
// by its field, returned with the filter without that date.
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
	// The dates are typed (a browser without a date picker shows a text box): a bad one is
	// said by its field, and the log is read without it.
	v := &models.ValidationError{}
	for _, d := range []struct {
		field, in string
		out       *time.Time
	}{{FieldAuditFrom, f.From, &out.From}, {FieldAuditTo, f.To, &out.To}} {
		if d.in == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.in)
		if err != nil || t.Year() < 2000 || t.Year() > 2200 {
			v.Add(d.field, "error.date_invalid")
			continue
		}
		*d.out = t
	}
	if !out.From.IsZero() && !out.To.IsZero() && out.To.Before(out.From) {
		v.Add(FieldAuditTo, "error.date_order")
		out.To = time.Time{}
	}
	return out, v.Err()
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
