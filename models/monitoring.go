package models

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Implementation monitoring (monev, Permendagri 22/2020): each signed agreement has a plan
// of activities, and the regions report what each delivered. Officials keep the plan and
// review the reports; the delegate of the region responsible for an activity reports on
// it; only accepted reports count in the public figures. Quantities are thousandths of the
// activity's own unit, so that sums are exact on both engines and never mix units.

// ActivityKind says what an activity delivers, and so what its reports hold.
type ActivityKind string

// The kinds of activity.
const (
	// KindSupply is food supplied to Jakarta: a commodity, a volume, from a region, to a
	// receiving BUMD or market, over a period.
	KindSupply ActivityKind = "supply"
	// KindTraining is a BPSDM training package: its title, dates, participants by region
	// and how many completed.
	KindTraining ActivityKind = "training"
	// KindExchange is a culture or tourism exchange: what, where, how many took part.
	KindExchange ActivityKind = "exchange"
	// KindMilestone is a step with no quantity (a joint study signed, a route opened).
	KindMilestone ActivityKind = "milestone"
)

// ActivityKinds are the kinds in the order forms offer them.
var ActivityKinds = []ActivityKind{KindSupply, KindTraining, KindExchange, KindMilestone}

// Unit is what an activity's target and its reports count in.
type Unit string

// The units. A milestone has none.
const (
	UnitTonne       Unit = "tonne"
	UnitHead        Unit = "head"        // live animals (cattle)
	UnitParticipant Unit = "participant" // people trained
	UnitEvent       Unit = "event"       // exchanges held
	UnitNone        Unit = ""
)

// unitsFor are the units each kind counts in; the first is the one a form proposes.
var unitsFor = map[ActivityKind][]Unit{
	KindSupply:    {UnitTonne, UnitHead},
	KindTraining:  {UnitParticipant},
	KindExchange:  {UnitEvent},
	KindMilestone: {UnitNone},
}

// UnitsFor lists the units an activity of a kind may count in.
func UnitsFor(k ActivityKind) []Unit { return unitsFor[k] }

// Units are every unit with a quantity, in a fixed order (tables and charts keep it).
var Units = []Unit{UnitTonne, UnitHead, UnitParticipant, UnitEvent}

// ValidCommodity reports whether key names one of Commodities.
func ValidCommodity(key string) bool { return slices.Contains(Commodities, key) }

// ActivityStatus is where an activity stands.
type ActivityStatus string

// The statuses of an activity.
const (
	ActivityPlanned    ActivityStatus = "planned"
	ActivityInProgress ActivityStatus = "in_progress"
	ActivityDone       ActivityStatus = "done"
	ActivityCancelled  ActivityStatus = "cancelled" // with a reason
)

// ActivityStatuses are the statuses in their order.
var ActivityStatuses = []ActivityStatus{ActivityPlanned, ActivityInProgress, ActivityDone, ActivityCancelled}

// Open reports whether the activity is still to be delivered: planned or in progress.
func (s ActivityStatus) Open() bool { return s == ActivityPlanned || s == ActivityInProgress }

// Quantity is an amount in thousandths of its unit: 12.5 tonnes is 12500.
type Quantity int64

// QuantityScale is how many thousandths make one unit.
const QuantityScale = 1000

// Whole is the quantity as a whole number of units, and whether it is one.
func (q Quantity) Whole() (int64, bool) { return int64(q) / QuantityScale, int64(q)%QuantityScale == 0 }

// Float is the quantity in its unit, for drawing; never for sums.
func (q Quantity) Float() float64 { return float64(q) / QuantityScale }

// MaxQuantity bounds a target or a report: a billion units, far beyond any delivery.
const MaxQuantity Quantity = 1_000_000_000 * QuantityScale

// ParseQuantity reads an amount as people type it, with the decimal separator of their
// language (a comma in Indonesian, a point in English) and, optionally, the other as a
// thousands separator: "1.250,5" or "1,250.5"; at most three decimals. It reports false for
// anything else, a negative amount included.
func ParseQuantity(s string, decimalComma bool) (Quantity, bool) {
	s = strings.TrimSpace(s)
	dec, thousands := ".", ","
	if decimalComma {
		dec, thousands = ",", "."
	}
	if s == "" || strings.Count(s, dec) > 1 {
		return 0, false
	}
	whole, frac, _ := strings.Cut(s, dec)
	if strings.Contains(whole, thousands) {
		groups := strings.Split(whole, thousands)
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		whole = strings.Join(groups, "")
	}
	if whole == "" || len(frac) > 3 || len(whole) > 13 {
		return 0, false
	}
	for _, part := range []string{whole, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, false
			}
		}
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	f := int64(0)
	if frac != "" {
		f, _ = strconv.ParseInt((frac + "00")[:3], 10, 64)
	}
	q := Quantity(w*QuantityScale + f)
	return q, q <= MaxQuantity
}

// Activity is one line of an agreement's implementation plan.
type Activity struct {
	ID          uint `gorm:"primaryKey"`
	AgreementID uint `gorm:"not null"`
	Position    int  `gorm:"not null"` // order in the plan, from 1
	Kind        ActivityKind
	Title       string
	Sector      string
	// RegionCode is the party responsible: its delegate reports on the activity.
	RegionCode   string
	Region       Region `gorm:"foreignKey:RegionCode;references:Code"`
	Commodity    string // supply only
	Unit         Unit
	Target       Quantity // 0 for a milestone
	DueDate      time.Time
	Status       ActivityStatus
	CancelReason string
	Revision     uint64 `gorm:"not null;default:1"`
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// TakesReports reports whether the activity takes reports (new ones, or a returned one
// corrected) under its agreement: only while the agreement is signed, neither terminated
// nor before signing, and the activity is not cancelled. SubmitReport refuses by this
// rule, and the pages offer the forms by it.
func (a *Activity) TakesReports(agreement *Agreement) bool {
	return agreement.Status == StatusSigned && a.Status != ActivityCancelled
}

// Overdue reports whether the activity is still open after its due date.
func (a *Activity) Overdue(today time.Time) bool { return a.Status.Open() && a.DueDate.Before(today) }

// ReportState is where a realisation report stands.
type ReportState string

// The states of a report.
const (
	ReportSubmitted ReportState = "submitted" // waits for an official
	ReportAccepted  ReportState = "accepted"  // counts publicly
	ReportReturned  ReportState = "returned"  // sent back with a note, to correct and submit again
)

// ActivityReport is a realisation: what happened for an activity over a period.
type ActivityReport struct {
	ID          uint `gorm:"primaryKey"`
	ActivityID  uint `gorm:"not null"`
	AgreementID uint `gorm:"not null"`
	Kind        ActivityKind
	RegionCode  string // the activity's responsible region
	State       ReportState
	PeriodStart time.Time
	PeriodEnd   time.Time
	PeriodMonth string // YYYY-MM of PeriodStart
	Commodity   string
	Quantity    Quantity
	Unit        Unit
	// FromRegionCode is where a supply came from (the responsible region, or a region
	// within it, such as a regency of a partner province).
	FromRegionCode *string
	FromRegion     *Region `gorm:"foreignKey:FromRegionCode;references:Code"`
	Destination    string  // the receiving BUMD or market in Jakarta
	Title          string  // the training package's title, or what the exchange was
	Place          string  // where an exchange took place
	Participants   int     // how many took part in an exchange
	Note           string  // the reporter's account
	ReviewNote     string  // why an official returned it
	SubmittedBy    *uint
	SubmittedAt    time.Time
	ReviewedBy     *uint
	ReviewedAt     *time.Time
	Revision       uint64 `gorm:"not null;default:1"`
	CreatedAt      time.Time
	UpdatedAt      time.Time

	Attendance []ReportParticipant `gorm:"foreignKey:ReportID"`
}

// ReportParticipant is one region's participants in a training report.
type ReportParticipant struct {
	ReportID   uint   `gorm:"primaryKey"`
	RegionCode string `gorm:"primaryKey"`
	Region     Region `gorm:"foreignKey:RegionCode;references:Code"`
	Enrolled   int
	Completed  int
}

// ErrUnitMismatch is a report whose unit or commodity is not its activity's: its quantity
// would be summed with others it cannot be added to. Nothing was written.
var ErrUnitMismatch = errors.New("models: the report's unit is not its activity's")

// ErrReportDecided is a review of a report that is no longer waiting for one (already
// accepted, or returned), or an edit of an accepted report.
var ErrReportDecided = errors.New("models: the report has already been reviewed")

// ErrNotReportable is a report on an activity that takes none: cancelled, or under an
// agreement that is not signed or has been terminated.
var ErrNotReportable = errors.New("models: the activity takes no reports")

// periodMonth is the month a period is counted in.
func periodMonth(start time.Time) string { return start.UTC().Format("2006-01") }

// mayReportOn reports whether the actor may report realisations for the activity: staff
// for any, a delegate for their own region's activities.
func mayReportOn(actor Actor, a *Activity) bool {
	return actor.IsStaff() || actor.delegateOf(a.RegionCode)
}

// wrapMonitoring names the action in an error.
func wrapMonitoring(action string, err error) error {
	return fmt.Errorf("models: %s: %w", action, err)
}
