package views

import (
	"context"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// The signed-in side of implementation monitoring: an agreement's plan for officials, the
// form of one activity, an activity's page with its reports, and the lists of activities
// to report on.

// ActivityFormPage is the form of an activity of an agreement's plan, new (ID 0) or stored.
type ActivityFormPage struct {
	// Agreement is the agreement the plan belongs to, with its parties (and their regions)
	// and its sectors, which the form offers.
	Agreement models.Agreement
	ID        uint
	Form      form.Activity
	Errors    form.Errors
	Alert     Alert
	// Reports counts the stored activity's reports: with any, it cannot be removed, only
	// cancelled with a reason.
	Reports int
}

// Action is where the form posts.
func (p ActivityFormPage) Action() templ.SafeURL {
	if p.ID == 0 {
		return AgreementActivitiesURL(p.Agreement.ID)
	}
	return OfficeActivityURL(p.ID)
}

// Removable reports whether the stored activity may be removed from the plan.
func (p ActivityFormPage) Removable() bool { return p.ID != 0 && p.Reports == 0 }

// ActivityPage is an activity with its reports, for the officials and the delegate of its
// region.
type ActivityPage struct {
	Activity  models.Activity
	Agreement models.Agreement
	Reports   []models.ActivityReport
}

// Accepted is the total of the accepted reports, in the activity's unit.
func (p ActivityPage) Accepted() models.Quantity {
	var total models.Quantity
	for _, r := range p.Reports {
		if r.State == models.ReportAccepted {
			total += r.Quantity
		}
	}
	return total
}

// Reportable reports whether the activity takes new reports.
func (p ActivityPage) Reportable() bool { return p.Activity.TakesReports(&p.Agreement) }

// ActivityListPage is a list of activities to report on: a delegate's region's
// (/inbox/activities), or every region's for officials (/office/monitoring), with the
// reports waiting for review and the notes of returned ones.
type ActivityListPage struct {
	Activities []models.RegionActivity
	// Returned are the returned reports, with their notes, by activity.
	Returned map[uint][]models.ActivityReport
	// Waiting are the reports waiting for review, oldest first, and how many wait in all
	// (officials only).
	Waiting      []models.WaitingReport
	WaitingTotal int64
	Office       bool
	// RegionNames names the responsible regions by code (the list's rows carry codes).
	RegionNames map[string]string
}

// RegionName names a responsible region, or gives its code.
func (p ActivityListPage) RegionName(code string) string {
	if n, ok := p.RegionNames[code]; ok {
		return n
	}
	return code
}

// Counts are the list's reports waiting for review and returned to their reporters.
func (p ActivityListPage) Counts() (waiting, returned int) {
	for _, a := range p.Activities {
		waiting += a.Waiting
		returned += a.Returned
	}
	return waiting, returned
}

// activityTarget writes an activity's target in its unit, or says it is a milestone.
func activityTarget(ctx context.Context, a models.Activity) string {
	if a.Kind == models.KindMilestone {
		return T(ctx, "plan.milestone_target")
	}
	return FormatQuantity(ctx, a.Target, a.Unit)
}

// activityWhat names what an activity delivers: its kind, and the commodity of a supply.
func activityWhat(ctx context.Context, a models.Activity) string {
	return kindText(ctx, a.Kind, a.Commodity)
}

// kindText names a kind of activity, and a supply's commodity: an activity's or a total's.
func kindText(ctx context.Context, k models.ActivityKind, commodity string) string {
	s := T(ctx, "plan.kind."+string(k))
	if commodity != "" {
		s += " · " + T(ctx, "commodity."+commodity)
	}
	return s
}

// activityStatusState maps an activity's status to the status badge's colours.
func activityStatusState(s models.ActivityStatus) string {
	switch s {
	case models.ActivityDone:
		return "confirmed"
	case models.ActivityCancelled:
		return "declined"
	case models.ActivityInProgress:
		return "active"
	}
	return "pending"
}

// activityKindOptions are the kinds of activity, for the form's select.
func activityKindOptions(ctx context.Context) []Option {
	var out []Option
	for _, k := range models.ActivityKinds {
		out = append(out, Option{string(k), T(ctx, "plan.kind."+string(k))})
	}
	return out
}

// activityStatusOptions are the statuses of an activity, for the form's select.
func activityStatusOptions(ctx context.Context) []Option {
	var out []Option
	for _, s := range models.ActivityStatuses {
		out = append(out, Option{string(s), T(ctx, "plan.status."+string(s))})
	}
	return out
}

// commodityOptions are the commodities a supply may carry.
func commodityOptions(ctx context.Context) []Option {
	out := []Option{{"", T(ctx, "plan.no_commodity")}}
	for _, c := range models.Commodities {
		out = append(out, Option{c, T(ctx, "commodity."+c)})
	}
	return out
}

// unitOptions are the units a kind of activity may count in.
func unitOptions(ctx context.Context, kinds ...models.ActivityKind) []Option {
	var out []Option
	for _, k := range kinds {
		for _, u := range models.UnitsFor(k) {
			if u != models.UnitNone {
				out = append(out, Option{string(u), T(ctx, "plan.unit."+string(u))})
			}
		}
	}
	return out
}

// agreementSectorOptions are an agreement's sectors.
func agreementSectorOptions(ctx context.Context, a models.Agreement) []Option {
	var out []Option
	for _, s := range a.Sectors {
		out = append(out, Option{s.Sector, T(ctx, "sector."+s.Sector)})
	}
	return out
}

// partyOptions are an agreement's parties, by region.
func partyOptions(a models.Agreement) []Option {
	var out []Option
	for _, p := range a.Parties {
		label := p.RegionCode
		if p.Region.Name != "" {
			label = p.Region.Name
		}
		out = append(out, Option{p.RegionCode, label})
	}
	return out
}
