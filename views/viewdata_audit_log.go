package views

import (
	"context"
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
	"derap/views/i18n"
)

// AuditLogPage is a page of the audit log: every entry for staff, a delegate's region's
// entries for a delegate.
type AuditLogPage struct {
	Filter form.AuditFilter // as typed, so that the form keeps it
	// Errors are the filter's dates typed wrong, said by their fields; nil when none.
	Errors  *models.ValidationError
	Log     models.AuditLogPage
	Choices models.AuditChoices
	// Region is the delegate's region the log is limited to, or "" for staff.
	Region     string
	RegionName string
	Query      url.Values
}

// FieldError is the catalog key of a filter field's problem, or "".
func (p AuditLogPage) FieldError(field string) string {
	if p.Errors == nil {
		return ""
	}
	return p.Errors.For(field)
}

// Base is the page's own address: the office's log or the region's.
func (p AuditLogPage) Base() templ.SafeURL {
	if p.Region != "" {
		return RegionAuditLogURL()
	}
	return AuditLogURL()
}

// NextURL is the page of older entries under the same filter.
func (p AuditLogPage) NextURL() templ.SafeURL {
	q := p.filterQuery()
	q.Set(form.FieldAuditBefore, strconv.FormatUint(uint64(p.Log.Next), 10))
	return withQuery(string(p.Base()), q)
}

// FirstURL is the newest entries under the same filter.
func (p AuditLogPage) FirstURL() templ.SafeURL { return withQuery(string(p.Base()), p.filterQuery()) }

func (p AuditLogPage) filterQuery() url.Values {
	q := url.Values{}
	for k, v := range p.Query {
		if k != form.FieldAuditBefore && k != "lang" {
			q[k] = v
		}
	}
	return q
}

// auditObjectOptions are the object filter's choices.
func auditObjectOptions(ctx context.Context) []Option {
	opts := []Option{{"", T(ctx, "auditlog.all_objects")}}
	for _, o := range models.AuditObjectTypes {
		opts = append(opts, Option{o, T(ctx, "auditlog.obj."+o)})
	}
	return opts
}

// auditActionOptions are the action filter's choices, each in words.
func auditActionOptions(ctx context.Context, actions []string) []Option {
	opts := []Option{{"", T(ctx, "auditlog.all_actions")}}
	for _, a := range actions {
		opts = append(opts, Option{a, auditActionText(ctx, a)})
	}
	return opts
}

// auditActorOptions are the actor filter's choices.
func auditActorOptions(ctx context.Context, actors []models.AuditActorChoice) []Option {
	opts := []Option{{"", T(ctx, "auditlog.all_actors")}}
	for _, a := range actors {
		opts = append(opts, Option{strconv.FormatUint(uint64(a.ID), 10), a.Name + " (" + T(ctx, "role."+string(a.Role)) + ")"})
	}
	return opts
}

// auditActionText is an action in words, or as it is written when the catalog has none.
func auditActionText(ctx context.Context, action string) string {
	if i18n.Has("audit." + action) {
		return T(ctx, "audit."+action)
	}
	return action
}

// auditFieldLabel is a recorded field's label, or its key when the catalog has none.
func auditFieldLabel(ctx context.Context, field string) string {
	if i18n.Has("auditlog.field." + field) {
		return T(ctx, "auditlog.field."+field)
	}
	return field
}

// auditActor names who took a step: the account's name and role, or the system.
func auditActor(ctx context.Context, e models.AuditEntry) string {
	if e.ActorID == nil {
		if e.UserAgent != "" {
			return T(ctx, "auditlog.system") + " (" + e.UserAgent + ")"
		}
		return T(ctx, "auditlog.system")
	}
	if e.ActorRole != "" {
		return e.ActorName + " (" + T(ctx, "role."+e.ActorRole) + ")"
	}
	return e.ActorName
}

// auditObjectURL links to the object an entry is about, where the reader may open it: ""
// where there is nothing to link to.
func auditObjectURL(ctx context.Context, e models.AuditEntry) templ.SafeURL {
	u := CurrentUser(ctx)
	staff := u != nil && u.Role != models.RoleDelegate
	switch e.ObjectType {
	case "agreement":
		if staff {
			return OfficeAgreementURL(e.ObjectID)
		}
		return AgreementURL(e.ObjectID)
	case "event":
		if e.Action == "event.delete" {
			return ""
		}
		if staff {
			return OfficeEventURL(e.ObjectID)
		}
		return EventURL(e.ObjectID)
	case "region":
		if e.RegionCode != "" {
			return RegionURL(e.RegionCode)
		}
	case "user":
		if u.IsAdmin() {
			return UsersURL()
		}
	case "outbox_message":
		if staff {
			return OutboxMessageURL(e.ObjectID)
		}
	}
	return ""
}

// auditObjectText names the object an entry is about: its kind and number.
func auditObjectText(ctx context.Context, e models.AuditEntry) string {
	kind := e.ObjectType
	if i18n.Has("auditlog.obj." + kind) {
		kind = T(ctx, "auditlog.obj."+kind)
	}
	if e.ObjectType == "region" && e.RegionCode != "" {
		return kind + " " + e.RegionCode
	}
	if e.ObjectID == 0 {
		return kind
	}
	return kind + " #" + strconv.FormatUint(uint64(e.ObjectID), 10)
}

// shortHash is the beginning of a hash, enough to tell entries apart by eye.
func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12] + "…"
	}
	return h
}

// auditTitle is the page's title: the office's log or the region's.
func auditTitle(ctx context.Context, p AuditLogPage) string {
	if p.Region != "" {
		return T(ctx, "auditlog.region_title")
	}
	return T(ctx, "auditlog.title")
}

// auditValueText writes a changed value for people: yes and no in words, anything else as
// recorded.
func auditValueText(ctx context.Context, v string) string {
	switch v {
	case "true":
		return T(ctx, "auditlog.yes")
	case "false":
		return T(ctx, "auditlog.no")
	}
	return v
}
