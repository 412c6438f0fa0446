package views

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/i18n"
)

// EmailData is what a notification's mail is made of besides the message itself.
type EmailData struct {
	Base        string                 // the portal's absolute base URL, without a trailing slash
	Unsubscribe string                 // the absolute one-click unsubscribe URL; "" for a required notification
	Items       []models.OutboxMessage // a digest's items
	Bureau      *models.BureauContact  // who to reach, in the signature; nil when unknown
}

// Email is a notification as mailed: its subject, plain text and HTML alternative.
type Email struct {
	Subject, Text, HTML string
}

// errUnknownKind is a message of a kind the mails do not know how to write.
var errUnknownKind = errors.New("unknown notification kind")

// RenderEmail renders a message in its recipient's language: a subject, and the same
// content as plain text and as a small HTML document, with every link absolute.
func RenderEmail(ctx context.Context, m models.OutboxMessage, d EmailData) (Email, error) {
	loc, ok := i18n.Parse(m.Language)
	if !ok {
		loc = i18n.Default
	}
	ctx = WithRequest(ctx, Request{Locale: loc, URL: &url.URL{Path: "/"}, Bureau: d.Bureau})
	v, err := mailFor(ctx, m, d)
	if err != nil {
		return Email{}, fmt.Errorf("views: email %d (%s): %w", m.ID, m.Kind, err)
	}
	var buf bytes.Buffer
	if err := emailHTML(v).Render(ctx, &buf); err != nil {
		return Email{}, fmt.Errorf("views: email %d (%s): %w", m.ID, m.Kind, err)
	}
	return Email{Subject: v.Subject, Text: v.text(), HTML: buf.String()}, nil
}

// mailView is a message's content, from which both its text and its HTML are written, so
// that the two say the same.
type mailView struct {
	Lang     string
	Subject  string
	Greeting string
	Lead     []string   // what happened
	Facts    []mailFact // the agreement it is about
	Notes    []string   // what it means, what to do
	Items    []mailLink // a digest's notifications
	Action   *mailLink  // where to act
	After    []string   // what to know about the link
	Footer   mailFooter
}

// mailFact is one labelled value: an agreement's number, a region's reason.
type mailFact struct {
	Label, Value string
	Code         bool // read character by character: a hash
	Indonesian   bool // written by people, in Indonesian whatever the mail's language
}

// mailLink is an absolute link: Lead says what it is for, Label is its text in the HTML.
type mailLink struct {
	Lead, Label string
	URL         string
}

// mailFooter is the signature: who sent the message, whom to ask, and how to receive
// fewer messages.
type mailFooter struct {
	Auto        string
	Contact     string // introduces the bureau's contact; "" without one
	Bureau      *models.BureauContact
	Phone       string // the phone's label
	Email       string // the email's label
	Unsubscribe *mailLink
	Preferences *mailLink
}

// mailFor writes the content of a message of any kind.
func mailFor(ctx context.Context, m models.OutboxMessage, d EmailData) (mailView, error) {
	p := m.Parameters()
	subject, err := mailSubject(ctx, m.Kind, p, len(d.Items))
	if err != nil {
		return mailView{}, err
	}
	v := mailView{Lang: string(Lang(ctx)), Subject: subject, Greeting: T(ctx, "mail.greeting_anonymous")}
	if name := oneLine(m.Name); name != "" {
		v.Greeting = T(ctx, "mail.greeting", name)
	}
	at := p.At
	if at.IsZero() {
		at = m.CreatedAt
	}
	// Where a message's action leads is where its line in a digest does (mailPath).
	var path templ.SafeURL
	if m.Kind != models.NotifyDigest {
		if path, err = mailPath(m.Kind, p); err != nil {
			return mailView{}, err
		}
	}
	link := func(lead, label string) *mailLink {
		return &mailLink{Lead: lead, Label: label, URL: d.Base + string(path)}
	}
	switch m.Kind {
	case models.NotifySent:
		v.Lead = []string{T(ctx, "mail.sent.lead")}
		v.Facts = agreementFacts(ctx, p, true)
		v.Notes = []string{T(ctx, "mail.hash_note")}
		v.Action = link(T(ctx, "mail.action.answer"), T(ctx, "mail.button.agreement"))
	case models.NotifyDeclined:
		v.Lead = []string{T(ctx, "mail.declined.lead", regionOf(ctx, p))}
		v.Facts = append(agreementFacts(ctx, p, false),
			mailFact{Label: T(ctx, "mail.fact.region"), Value: regionOf(ctx, p)},
			mailFact{Label: T(ctx, "mail.fact.reason"), Value: T(ctx, "mail.quoted", strings.TrimSpace(p.Reason)), Indonesian: true})
		v.Notes = []string{T(ctx, "mail.declined.next")}
		v.Action = link(T(ctx, "mail.declined.action"), T(ctx, "mail.button.agreement"))
	case models.NotifyAgreed:
		v.Lead = []string{T(ctx, "mail.agreed.lead")}
		v.Facts = agreementFacts(ctx, p, true)
		v.Notes = []string{T(ctx, "mail.agreed.next")}
		v.Action = link(T(ctx, "mail.agreed.action"), T(ctx, "mail.button.agreement"))
	case models.NotifyPublished:
		v.Lead = []string{T(ctx, "mail.published.lead")}
		v.Facts = agreementFacts(ctx, p, false)
		v.Action = link(T(ctx, "mail.published.action"), T(ctx, "mail.button.agreement"))
	case models.NotifyReminder:
		v.Lead = []string{N(ctx, "mail.reminder.lead", p.PendingDays, regionOf(ctx, p), p.PendingDays)}
		v.Facts = agreementFacts(ctx, p, true)
		v.Notes = []string{T(ctx, "mail.hash_note"), T(ctx, "mail.reminder.next")}
		v.Action = link(T(ctx, "mail.action.answer"), T(ctx, "mail.button.agreement"))
	case models.NotifyEnding:
		v.Lead = []string{N(ctx, "mail.ending.lead", p.MonthsLeft, p.MonthsLeft)}
		v.Facts = agreementFacts(ctx, p, false)
		if p.EndsOn != nil {
			v.Facts = append(v.Facts, mailFact{Label: T(ctx, "mail.fact.ends_on"), Value: FormatDate(ctx, p.EndsOn.In(models.Jakarta))})
		}
		v.Notes = []string{T(ctx, "mail.ending.next")}
		v.Action = link(T(ctx, "mail.ending.action"), T(ctx, "mail.button.agreement"))
	case models.NotifyReportSubmitted, models.NotifyReportReturned, models.NotifyActivityDue:
		v.Lead, v.Facts, v.Notes = monitoringMail(ctx, m.Kind, p)
		v.Action = link(T(ctx, "mail."+string(m.Kind)+".action"), T(ctx, "mail.button."+string(m.Kind)))
	case models.NotifyInvitation:
		v.Lead = []string{T(ctx, "mail.invitation.lead", m.Email)}
		v.Action = link(T(ctx, "mail.invitation.action"), T(ctx, "mail.invitation.button"))
		ttl := mailDuration(ctx, models.InvitationTTL)
		if at.IsZero() {
			v.After = []string{T(ctx, "mail.invitation.expires_short", ttl)}
		} else {
			v.After = []string{T(ctx, "mail.invitation.expires", ttl, FormatDateTime(ctx, at.Add(models.InvitationTTL)))}
		}
		v.After = append(v.After, T(ctx, "mail.invitation.ignore"))
	case models.NotifyPasswordChanged:
		v.Lead = []string{T(ctx, "mail.password.lead", m.Email, FormatDateTime(ctx, at))}
		v.Notes = []string{T(ctx, "mail.password.next")}
		v.Action = link(T(ctx, "mail.action.login"), T(ctx, "mail.button.login"))
	case models.NotifySessionsEnded:
		v.Lead = []string{T(ctx, "mail.sessions.lead", FormatDateTime(ctx, at), m.Email)}
		v.Notes = []string{T(ctx, "mail.sessions.next")}
		v.Action = link(T(ctx, "mail.action.login"), T(ctx, "mail.button.login"))
	case models.NotifyDigest:
		v.Lead = []string{T(ctx, "mail.digest.lead")}
		for _, it := range d.Items {
			ip := it.Parameters()
			summary, err := mailSubject(ctx, it.Kind, ip, 0)
			if err != nil {
				return mailView{}, fmt.Errorf("digest item %d: %w", it.ID, err)
			}
			path, err := mailPath(it.Kind, ip)
			if err != nil {
				return mailView{}, fmt.Errorf("digest item %d: %w", it.ID, err)
			}
			v.Items = append(v.Items, mailLink{Label: summary, URL: d.Base + string(path)})
		}
	default:
		return mailView{}, errUnknownKind
	}
	v.Footer = mailFooter{Auto: T(ctx, "mail.footer.auto"), Bureau: d.Bureau, Phone: T(ctx, "bureau.phone"), Email: T(ctx, "bureau.email")}
	if d.Bureau != nil {
		v.Footer.Contact = T(ctx, "mail.footer.contact")
	}
	if d.Unsubscribe != "" {
		v.Footer.Unsubscribe = &mailLink{Label: T(ctx, "mail.footer.unsubscribe"), URL: d.Unsubscribe}
	}
	if d.Unsubscribe != "" || m.Kind == models.NotifyDigest {
		v.Footer.Preferences = &mailLink{Label: T(ctx, "mail.footer.preferences"), URL: d.Base + string(AccountURL())}
	}
	return v, nil
}

// mailSubject is a message's subject, which is also its line in a digest; count is the
// number of a digest's items.
func mailSubject(ctx context.Context, k models.NotificationKind, p models.NotificationParams, count int) (string, error) {
	var s string
	switch k {
	case models.NotifySent:
		s = T(ctx, "mail.sent.subject", agreementLabel(p))
	case models.NotifyDeclined:
		s = T(ctx, "mail.declined.subject", regionOf(ctx, p), agreementRef(p))
	case models.NotifyAgreed:
		s = T(ctx, "mail.agreed.subject", agreementRef(p))
	case models.NotifyPublished:
		s = T(ctx, "mail.published.subject", agreementRef(p))
	case models.NotifyReminder:
		s = N(ctx, "mail.reminder.subject", p.PendingDays, regionOf(ctx, p), agreementRef(p), p.PendingDays)
	case models.NotifyEnding:
		s = N(ctx, "mail.ending.subject", p.MonthsLeft, agreementRef(p), p.MonthsLeft)
	case models.NotifyReportSubmitted, models.NotifyReportReturned, models.NotifyActivityDue:
		s = monitoringSubject(ctx, k, p)
	case models.NotifyInvitation:
		s = T(ctx, "mail.invitation.subject")
	case models.NotifyPasswordChanged:
		s = T(ctx, "mail.password.subject")
	case models.NotifySessionsEnded:
		s = T(ctx, "mail.sessions.subject")
	case models.NotifyDigest:
		s = N(ctx, "mail.digest.subject", count, count)
	default:
		return "", fmt.Errorf("%w %q", errUnknownKind, k)
	}
	return oneLine(s), nil
}

// mailPath is where a message of kind k leads, as in a digest's list: an agreement's
// public page for delegates, its office page for officials.
func mailPath(k models.NotificationKind, p models.NotificationParams) (templ.SafeURL, error) {
	switch k {
	case models.NotifySent, models.NotifyPublished, models.NotifyReminder:
		return AgreementURL(p.AgreementID), nil
	case models.NotifyDeclined, models.NotifyAgreed, models.NotifyEnding:
		return OfficeAgreementURL(p.AgreementID), nil
	case models.NotifyReportSubmitted, models.NotifyReportReturned:
		return ReportURL(p.ReportID), nil
	case models.NotifyActivityDue:
		return NewReportURL(p.ActivityID), nil
	case models.NotifyInvitation:
		return InvitationURL(p.Token), nil
	case models.NotifyPasswordChanged, models.NotifySessionsEnded:
		return LoginURL(), nil
	}
	return "", fmt.Errorf("%w %q", errUnknownKind, k)
}

// agreementFacts are an agreement's number and title and, with version, the version of
// its text that was sent and its hash, when the message knows them.
func agreementFacts(ctx context.Context, p models.NotificationParams, version bool) []mailFact {
	var facts []mailFact
	if p.Number != "" {
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.number"), Value: p.Number})
	}
	if p.Title != "" {
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.title"), Value: p.Title, Indonesian: true})
	}
	if version && p.Version > 0 {
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.version"), Value: FormatInt(ctx, p.Version)})
	}
	if version && p.ContentHash != "" {
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.hash"), Value: p.ContentHash, Code: true})
	}
	return facts
}

// agreementRef names an agreement briefly: its number, or its title before it has one.
func agreementRef(p models.NotificationParams) string {
	if p.Number != "" {
		return p.Number
	}
	return p.Title
}

// agreementLabel names an agreement in full: its number and its title.
func agreementLabel(p models.NotificationParams) string {
	if p.Number == "" || p.Title == "" {
		return agreementRef(p)
	}
	return p.Number + " — " + p.Title
}

// regionOf names the message's region: its name, its code, or the reader's own.
func regionOf(ctx context.Context, p models.NotificationParams) string {
	switch {
	case p.RegionName != "":
		return p.RegionName
	case p.RegionCode != "":
		return p.RegionCode
	}
	return T(ctx, "mail.your_region")
}

// mailDuration says how long a link works: in days, or in hours when not whole days.
func mailDuration(ctx context.Context, d time.Duration) string {
	const day = 24 * time.Hour
	if d >= day && d%day == 0 {
		return N(ctx, "mail.duration.days", int(d/day), int(d/day))
	}
	return N(ctx, "mail.duration.hours", int(d/time.Hour), int(d/time.Hour))
}

// oneLine puts a value on one line with single spaces, as a subject needs.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// factAttrs marks a fact written in Indonesian as such in a mail in another language.
func factAttrs(ctx context.Context, f mailFact) templ.Attributes {
	if !f.Indonesian {
		return nil
	}
	return idContent(ctx)
}

// textWidth is how wide the plain text's lines are at most, but for a word longer than a
// line (a link, a hash), which keeps a line of its own.
const textWidth = 72

// text writes the message as plain text.
func (v mailView) text() string {
	var b strings.Builder
	para := func(s string) {
		b.WriteString(wrap(s, "", ""))
		b.WriteString("\n\n")
	}
	para(v.Greeting)
	for _, s := range v.Lead {
		para(s)
	}
	if len(v.Facts) > 0 {
		width := 0
		for _, f := range v.Facts {
			width = max(width, utf8.RuneCountInString(f.Label))
		}
		for _, f := range v.Facts {
			label := f.Label + strings.Repeat(" ", width-utf8.RuneCountInString(f.Label)) + " : "
			b.WriteString(wrap(f.Value, label, strings.Repeat(" ", utf8.RuneCountInString(label))))
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	for _, s := range v.Notes {
		para(s)
	}
	for _, it := range v.Items {
		b.WriteString(wrap(it.Label, "- ", "  "))
		b.WriteString("\n  " + it.URL + "\n\n")
	}
	if v.Action != nil {
		b.WriteString(wrap(v.Action.Lead, "", ""))
		b.WriteString("\n" + v.Action.URL + "\n\n")
	}
	for _, s := range v.After {
		para(s)
	}
	f := v.Footer
	b.WriteString("-- \n")
	b.WriteString(wrap(f.Auto, "", "") + "\n")
	if c := f.Bureau; c != nil {
		b.WriteString(wrap(f.Contact, "", "") + "\n")
		if s := oneLine(c.Office); s != "" {
			b.WriteString(wrap(s, "", "") + "\n")
		}
		if s := oneLine(c.Phone); s != "" {
			b.WriteString(f.Phone + ": " + s + "\n")
		}
		if s := oneLine(c.Email); s != "" {
			b.WriteString(f.Email + ": " + s + "\n")
		}
	}
	for _, l := range []*mailLink{f.Unsubscribe, f.Preferences} {
		if l != nil {
			b.WriteString("\n" + wrap(l.Label+":", "", "") + "\n" + l.URL + "\n")
		}
	}
	return b.String()
}

// wrap breaks s into lines of at most textWidth characters between words, the first line
// after first and the others after rest. The line breaks s has are kept.
func wrap(s, first, rest string) string {
	var lines []string
	prefix, cur := first, ""
	flush := func() {
		lines = append(lines, strings.TrimRight(prefix+cur, " "))
		prefix, cur = rest, ""
	}
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		for _, w := range strings.Fields(line) {
			switch {
			case cur == "":
				cur = w
			case utf8.RuneCountInString(prefix)+utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= textWidth:
				cur += " " + w
			default:
				flush()
				cur = w
			}
		}
		flush()
	}
	return strings.Join(lines, "\n")
}

// monitoringSubject is the subject of a notification of implementation monitoring.
func monitoringSubject(ctx context.Context, k models.NotificationKind, p models.NotificationParams) string {
	switch {
	case k == models.NotifyReportSubmitted && p.Resubmitted:
		return T(ctx, "mail.report.resubmitted.subject", regionOf(ctx, p), p.Activity)
	case k == models.NotifyReportSubmitted:
		return T(ctx, "mail.report.submitted.subject", regionOf(ctx, p), p.Activity)
	case k == models.NotifyReportReturned:
		return T(ctx, "mail.report.returned.subject", p.Activity)
	case p.DaysLeft < 0:
		return N(ctx, "mail.activity.overdue.subject", -p.DaysLeft, p.Activity, -p.DaysLeft)
	case p.DaysLeft == 0:
		return T(ctx, "mail.activity.due_today.subject", p.Activity)
	}
	return N(ctx, "mail.activity.due.subject", p.DaysLeft, p.Activity, p.DaysLeft)
}

// monitoringMail is what a notification of implementation monitoring says: what happened,
// the activity and its agreement, and what to do.
func monitoringMail(ctx context.Context, k models.NotificationKind, p models.NotificationParams) (lead []string, facts []mailFact, notes []string) {
	facts = []mailFact{{Label: T(ctx, "mail.fact.activity"), Value: p.Activity, Indonesian: true}}
	facts = append(facts, agreementFacts(ctx, p, false)...)
	facts = append(facts, mailFact{Label: T(ctx, "mail.fact.region"), Value: regionOf(ctx, p)})
	if p.PeriodStart != nil && p.PeriodEnd != nil {
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.period"), Value: T(ctx, "mail.period", FormatDate(ctx, *p.PeriodStart), FormatDate(ctx, *p.PeriodEnd))})
	}
	switch k {
	case models.NotifyReportSubmitted:
		lead = []string{T(ctx, "mail.report.submitted.lead", regionOf(ctx, p))}
		if p.Resubmitted {
			lead = []string{T(ctx, "mail.report.resubmitted.lead", regionOf(ctx, p))}
		}
		notes = []string{T(ctx, "mail.report.submitted.next")}
	case models.NotifyReportReturned:
		lead = []string{T(ctx, "mail.report.returned.lead", regionOf(ctx, p))}
		facts = append(facts, mailFact{Label: T(ctx, "mail.fact.review_note"), Value: T(ctx, "mail.quoted", strings.TrimSpace(p.Reason)), Indonesian: true})
		notes = []string{T(ctx, "mail.report.returned.next")}
	case models.NotifyActivityDue:
		due := ""
		if p.DueOn != nil {
			due = FormatDate(ctx, *p.DueOn)
			facts = append(facts, mailFact{Label: T(ctx, "mail.fact.due_on"), Value: due})
		}
		lead = []string{T(ctx, "mail.activity.due.lead", regionOf(ctx, p), due)}
		if p.DaysLeft < 0 {
			lead = []string{T(ctx, "mail.activity.overdue.lead", regionOf(ctx, p), due)}
		}
		notes = []string{T(ctx, "mail.activity.due.next")}
	}
	return lead, facts, notes
}
