package form

import (
	"net/url"
	"strconv"
	"strings"

	"derap/models"
)

// Report is the form of a realisation report on an activity, as its reporter last
// submitted it. Which fields it shows depends on the activity's kind: supply (commodity,
// quantity, unit, from, destination), training (title, participants by region), exchange
// (title, place, participants), milestone (the note alone); every kind has its period and
// note.
type Report struct {
	PeriodStart, PeriodEnd                string
	Commodity, Quantity, Unit, FromRegion string
	Destination, Title, Place             string
	Participants                          string
	Attendance                            []Attendance
	Note                                  string
	Op                                    string
	Revision                              string // of the stored report, when correcting one
	// DecimalComma says the page's language writes decimals with a comma; the handler sets
	// it, as it reads the quantity.
	DecimalComma bool
}

// Attendance is one row of a training report's participants: a region (its label or
// code), how many took part and how many completed.
type Attendance struct {
	Region, Enrolled, Completed string
}

// blankAttendanceRows is how many empty participant rows a new training report offers.
const blankAttendanceRows = 3

// NewReport is the form of a new report on an activity: the commodity and unit preset to
// the activity's, the supply coming from its responsible region (labelled from), and a few
// empty participant rows for a training.
func NewReport(act models.Activity, from string, decimalComma bool) Report {
	f := Report{Commodity: act.Commodity, Unit: string(act.Unit), DecimalComma: decimalComma}
	if act.Kind == models.KindSupply {
		f.FromRegion = from
	}
	if act.Kind == models.KindTraining {
		f.Attendance = make([]Attendance, blankAttendanceRows)
	}
	return f
}

// ReportOf is the form of a stored report, to correct it; fromLabel labels its region of
// origin and attendance rows (by code) as the region fields hold them.
func ReportOf(r models.ActivityReport, label func(code string) string, decimalComma bool) Report {
	f := Report{
		PeriodStart: FormatDate(r.PeriodStart), PeriodEnd: FormatDate(r.PeriodEnd), Commodity: r.Commodity,
		Unit: string(r.Unit), Destination: r.Destination, Title: r.Title, Place: r.Place, Note: r.Note,
		Revision: FormatRevision(r.Revision), DecimalComma: decimalComma,
	}
	switch r.Kind {
	case models.KindSupply:
		f.Quantity = FormatQuantityInput(r.Quantity, decimalComma)
		if r.FromRegionCode != nil {
			f.FromRegion = label(*r.FromRegionCode)
		}
	case models.KindExchange:
		f.Participants = strconv.Itoa(r.Participants)
	case models.KindTraining:
		for _, p := range r.Attendance {
			f.Attendance = append(f.Attendance, Attendance{
				Region: label(p.RegionCode), Enrolled: strconv.Itoa(p.Enrolled), Completed: strconv.Itoa(p.Completed),
			})
		}
	}
	return f
}

// ParseReport reads the report form.
func ParseReport(v url.Values, decimalComma bool) (Report, error) {
	f := Report{
		PeriodStart: v.Get(FieldPeriodStart), PeriodEnd: v.Get(FieldPeriodEnd), Commodity: v.Get(FieldCommodity),
		Quantity: v.Get(FieldQuantity), Unit: v.Get(FieldUnit), FromRegion: v.Get(FieldFromRegion),
		Destination: v.Get(FieldDestination), Title: v.Get(FieldTitle), Place: v.Get(FieldPlace),
		Participants: v.Get(FieldParticipants), Note: v.Get(FieldNote), Op: v.Get(FieldOp), Revision: v.Get(FieldRevision),
		DecimalComma: decimalComma,
	}
	regions, err := rows(v, RowInput(ListAttendance, AttendanceRegion))
	if err != nil {
		return f, err
	}
	for i := range regions {
		f.Attendance = append(f.Attendance, Attendance{
			Region:    regions[i],
			Enrolled:  at(v, RowInput(ListAttendance, AttendanceEnrolled), i),
			Completed: at(v, RowInput(ListAttendance, AttendanceCompleted), i),
		})
	}
	return f, nil
}

// ChangeRows carries out the button pressed when it changes the participant rows, and
// reports whether it did; false means the form is to be submitted.
func (f *Report) ChangeRows() (bool, error) {
	op, ok, err := parseRowOp(f.Op)
	if !ok || err != nil {
		return false, err
	}
	if op.List != ListAttendance {
		return false, malformed("rows %q", op.List)
	}
	f.Attendance = applyRows(f.Attendance, op, Attendance{})
	return true, nil
}

// Validate turns the form into a report for the models to check: a date that is no date,
// or a count that is no whole number, is an error here; rows left empty are dropped; the
// rest (the period against the agreement's term, the unit against the activity's, the
// regions) the models check.
func (f Report) Validate() (models.ReportInput, error) {
	v := checkText(f.Values())
	in := models.ReportInput{
		PeriodStart: date(v, FieldPeriodStart, f.PeriodStart), PeriodEnd: date(v, FieldPeriodEnd, f.PeriodEnd),
		Commodity: f.Commodity, QuantityText: f.Quantity, DecimalComma: f.DecimalComma, Unit: models.Unit(f.Unit),
		FromRegionCode: RegionCode(f.FromRegion), Destination: f.Destination, Title: f.Title, Place: f.Place,
		Note: f.Note, Revision: ParseRevision(f.Revision),
	}
	if s := strings.TrimSpace(f.Participants); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			v.Add(FieldParticipants, "error.participants")
		}
		in.Participants = n
	}
	for i, row := range f.Attendance {
		region, enrolled, completed := strings.TrimSpace(row.Region), strings.TrimSpace(row.Enrolled), strings.TrimSpace(row.Completed)
		if region == "" && enrolled == "" && completed == "" {
			continue // a row left empty
		}
		e, errE := strconv.Atoi(enrolled)
		c, errC := strconv.Atoi(completed)
		if completed == "" {
			c, errC = 0, nil
		}
		if region == "" {
			v.Add(RowKey(ListAttendance, i, AttendanceRegion), "error.required")
		}
		if errE != nil || errC != nil {
			v.Add(ListAttendance, "error.attendance_counts")
			continue
		}
		in.Attendance = append(in.Attendance, models.AttendanceInput{RegionCode: RegionCode(region), Enrolled: e, Completed: c})
	}
	return in, v.Err()
}

// Values is the form as its page posts it.
func (f *Report) Values() url.Values {
	v := url.Values{
		FieldPeriodStart: {f.PeriodStart}, FieldPeriodEnd: {f.PeriodEnd}, FieldCommodity: {f.Commodity},
		FieldQuantity: {f.Quantity}, FieldUnit: {f.Unit}, FieldFromRegion: {f.FromRegion}, FieldDestination: {f.Destination},
		FieldTitle: {f.Title}, FieldPlace: {f.Place}, FieldParticipants: {f.Participants}, FieldNote: {f.Note},
		FieldRevision: {f.Revision},
	}
	for _, a := range f.Attendance {
		v.Add(RowInput(ListAttendance, AttendanceRegion), a.Region)
		v.Add(RowInput(ListAttendance, AttendanceEnrolled), a.Enrolled)
		v.Add(RowInput(ListAttendance, AttendanceCompleted), a.Completed)
	}
	return v
}

// SetRevision makes the form one made on the given revision of the record.
func (f *Report) SetRevision(r string) { f.Revision = r }

// Review is the form an official returns a report with: the note saying what to correct.
type Review struct {
	Note string
}

// Validate checks the note's text; the models require it and check its length.
func (f Review) Validate() error {
	return checkText(url.Values{FieldReviewNote: {f.Note}}).Err()
}
