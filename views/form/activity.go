package form

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"derap/models"
)

// Activity is the form of one activity of an agreement's implementation plan, as an
// official last submitted it.
type Activity struct {
	Kind, Title, Sector, Region, Commodity, Unit string
	// Target is the target as typed, in the language of the page (a decimal comma in
	// Indonesian).
	Target, DueDate, Status, CancelReason string
	Revision                              string // of the stored activity, when editing one
	// DecimalComma says the page's language writes decimals with a comma; the handler sets
	// it, as it reads the target.
	DecimalComma bool
}

// NewActivity is the form of a new activity: a supply counted in tonnes, planned, due at
// the end of the agreement's term.
func NewActivity(a models.Agreement, decimalComma bool) Activity {
	f := Activity{
		Kind: string(models.KindSupply), Unit: string(models.UnitTonne), Status: string(models.ActivityPlanned),
		DueDate: FormatDate(a.EndDate), DecimalComma: decimalComma,
	}
	if len(a.Sectors) == 1 {
		f.Sector = a.Sectors[0].Sector
	}
	return f
}

// ActivityOf is the form of a stored activity, its target written in the page's language.
func ActivityOf(a models.Activity, decimalComma bool) Activity {
	f := Activity{
		Kind: string(a.Kind), Title: a.Title, Sector: a.Sector, Region: a.RegionCode, Commodity: a.Commodity,
		Unit: string(a.Unit), DueDate: FormatDate(a.DueDate), Status: string(a.Status), CancelReason: a.CancelReason,
		Revision: FormatRevision(a.Revision), DecimalComma: decimalComma,
	}
	if a.Kind != models.KindMilestone {
		f.Target = FormatQuantityInput(a.Target, decimalComma)
	}
	return f
}

// ParseActivity reads the activity form.
func ParseActivity(v url.Values, decimalComma bool) Activity {
	return Activity{
		Kind: v.Get(FieldKind), Title: v.Get(FieldTitle), Sector: v.Get(FieldSector), Region: v.Get(FieldRegion),
		Commodity: v.Get(FieldCommodity), Unit: v.Get(FieldUnit), Target: v.Get(FieldTarget), DueDate: v.Get(FieldDueDate),
		Status: v.Get(FieldStatus), CancelReason: v.Get(FieldCancelReason), Revision: v.Get(FieldRevision),
		DecimalComma: decimalComma,
	}
}

// Validate turns the form into an activity for the models to check: a date that is no
// date is an error here; the rest (the kind's unit, the agreement's sectors and parties,
// the target as a number) the models check.
func (f Activity) Validate() (models.ActivityInput, error) {
	v := checkText(f.Values())
	in := models.ActivityInput{
		Kind: models.ActivityKind(f.Kind), Title: f.Title, Sector: f.Sector, RegionCode: f.Region,
		Commodity: f.Commodity, Unit: models.Unit(f.Unit), TargetText: f.Target, DecimalComma: f.DecimalComma,
		DueDate: date(v, FieldDueDate, f.DueDate), Status: models.ActivityStatus(f.Status),
		CancelReason: f.CancelReason, Revision: ParseRevision(f.Revision),
	}
	return in, v.Err()
}

// Values is the form as its page posts it.
func (f *Activity) Values() url.Values {
	return url.Values{
		FieldKind: {f.Kind}, FieldTitle: {f.Title}, FieldSector: {f.Sector}, FieldRegion: {f.Region},
		FieldCommodity: {f.Commodity}, FieldUnit: {f.Unit}, FieldTarget: {f.Target}, FieldDueDate: {f.DueDate},
		FieldStatus: {f.Status}, FieldCancelReason: {f.CancelReason}, FieldRevision: {f.Revision},
	}
}

// SetRevision makes the form one made on the given revision of the record.
func (f *Activity) SetRevision(r string) { f.Revision = r }

// FormatQuantityInput writes a quantity as a form field holds it, the way
// models.ParseQuantity reads it back: no thousands separator, the language's decimal
// separator, no trailing zeros ("12000", "420,5" or "420.5").
func FormatQuantityInput(q models.Quantity, decimalComma bool) string {
	neg := q < 0
	if neg {
		q = -q
	}
	whole := strconv.FormatInt(int64(q)/models.QuantityScale, 10)
	frac := strings.TrimRight(strconv.FormatInt(int64(q)%models.QuantityScale+models.QuantityScale, 10)[1:], "0")
	s := whole
	if frac != "" {
		sep := "."
		if decimalComma {
			sep = ","
		}
		s += sep + frac
	}
	if neg {
		s = "-" + s
	}
	return s
}

// regionCodeIn is a Kemendagri code at the end of a region's label: "Kota Pariaman (13.77)".
var regionCodeIn = regexp.MustCompile(`\(([0-9]{2}(?:\.[0-9]{2})?)\)\s*$`)

// RegionCode reads a region as a region field holds it: its code ("13.77"), or its label
// ending with the code in brackets (models.RegionLabel). Anything else is returned as
// typed, for the models to refuse as no region.
func RegionCode(s string) string {
	s = strings.TrimSpace(s)
	if models.IsRegionCode(s) {
		return s
	}
	if m := regionCodeIn.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}
