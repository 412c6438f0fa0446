package views

import (
	"context"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// ReportFormPage is the form of a realisation report: a new one on an activity (ID 0), or
// a returned one to correct and submit again.
type ReportFormPage struct {
	Activity  models.Activity
	Agreement models.Agreement
	ID        uint
	Form      form.Report
	Errors    form.Errors
	Alert     Alert
	// ReviewNote is why an official returned the report being corrected.
	ReviewNote string
	// Regions are every region, offered as the region fields' suggestions.
	Regions []models.Region
}

// Action is where the form posts.
func (p ReportFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return ActivityReportsURL(p.Activity.ID)
	}
	return ReportURL(p.ID)
}

// Kind is the kind of the activity reported on, which decides the form's fields.
func (p ReportFormPage) Kind() models.ActivityKind { return p.Activity.Kind }

// ReportPage is a realisation report as its reader may see it, with the review forms for
// officials while it waits.
type ReportPage struct {
	Report    models.ActivityReport
	Activity  models.Activity
	Agreement models.Agreement
	// Review is the return form as last submitted, with its errors.
	Review form.Review
	Errors form.Errors
	Alert  Alert
	// Staff says the reader reviews reports; Reporter that they may correct this one.
	Staff, Reporter bool
	// Evidence are the report's evidence documents, with the upload form when allowed.
	Evidence ReportEvidence
}

// Reviewable reports whether the report waits for an official's review.
func (p ReportPage) Reviewable() bool { return p.Staff && p.Report.State == models.ReportSubmitted }

// Correctable reports whether the reader may correct the report and submit it again.
func (p ReportPage) Correctable() bool {
	return p.Reporter && p.Report.State == models.ReportReturned && p.Activity.TakesReports(&p.Agreement)
}

// reportStateState maps a report's state to the status badge's colours.
func reportStateState(s models.ReportState) string {
	switch s {
	case models.ReportAccepted:
		return "confirmed"
	case models.ReportReturned:
		return "declined"
	}
	return "in_review"
}

// reportSummary says in a line what a report reports: a supply's volume and commodity, a
// training's or an exchange's title, the start of a milestone's note.
func reportSummary(ctx context.Context, act models.Activity, r models.ActivityReport) string {
	switch act.Kind {
	case models.KindSupply:
		return FormatQuantity(ctx, r.Quantity, r.Unit) + " · " + T(ctx, "commodity."+r.Commodity)
	case models.KindTraining:
		return r.Title + " · " + N(ctx, "report.completed_count", int64(r.Quantity)/models.QuantityScale, int64(r.Quantity)/models.QuantityScale)
	case models.KindExchange:
		return r.Title
	}
	if runes := []rune(r.Note); len(runes) > 80 {
		return string(runes[:80]) + "…"
	}
	return r.Note
}

// silentTitle names an agreement with no recent report.
func silentTitle(s models.SilentAgreement) string {
	if s.ShortTitle != "" {
		return s.ShortTitle
	}
	return s.Title
}
