package form

import (
	"net/url"
	"slices"
	"strconv"

	"derap/models"
)

// Event is the event form as an official last submitted it.
type Event struct {
	Title, StartDate, EndDate, StartTime, EndTime string
	Place, Organiser, Summary, Minutes            string
	Speakers                                      []Speaker
	Regions                                       []string
	Agreements                                    []string // IDs of the agreements signed there
	Op                                            string
	Revision                                      string // of the stored event, when editing one
}

// Speaker is one speaker row of the event form.
type Speaker struct {
	Name, Role, Organisation string
}

// HasAgreement reports whether the form ticks an agreement.
func (f Event) HasAgreement(id uint) bool {
	return slices.Contains(f.Agreements, strconv.FormatUint(uint64(id), 10))
}

// NewEvent is the form of a new event record, organised by the province.
func NewEvent() Event {
	return Event{Organiser: "Pemerintah Provinsi DKI Jakarta", Speakers: []Speaker{{}}, Regions: []string{""}}
}

// EventOf is the form of a stored event: all-day events by their days, timed ones by
// their days and hours in Jakarta time.
func EventOf(e models.Event) Event {
	f := Event{Title: e.Title, Place: e.Place, Organiser: e.Organiser, Summary: e.Summary, Minutes: e.Minutes, Revision: FormatRevision(e.Revision)}
	if e.AllDay {
		f.StartDate, f.EndDate = FormatDate(e.StartsAt.UTC()), FormatDate(e.EndsAt.UTC())
	} else {
		start, end := e.StartsAt.In(models.Jakarta), e.EndsAt.In(models.Jakarta)
		f.StartDate, f.EndDate = start.Format(DateLayout), end.Format(DateLayout)
		f.StartTime, f.EndTime = start.Format(models.ClockLayout), end.Format(models.ClockLayout)
	}
	for _, s := range e.Speakers {
		f.Speakers = append(f.Speakers, Speaker{Name: s.Name, Role: s.Role, Organisation: s.Organisation})
	}
	for _, p := range e.Participants {
		f.Regions = append(f.Regions, models.RegionLabel(p.Region))
	}
	for _, a := range e.Agreements {
		f.Agreements = append(f.Agreements, strconv.FormatUint(uint64(a.ID), 10))
	}
	return f
}

// ParseEvent reads the event form.
func ParseEvent(v url.Values) (Event, error) {
	f := Event{
		Title: v.Get(FieldTitle), StartDate: v.Get(FieldStartDate), EndDate: v.Get(FieldEndDate),
		StartTime: v.Get(FieldStartTime), EndTime: v.Get(FieldEndTime), Place: v.Get(FieldPlace), Organiser: v.Get(FieldOrganiser),
		Summary: v.Get(FieldSummary), Minutes: v.Get(FieldMinutes), Op: v.Get(FieldOp), Revision: v.Get(FieldRevision),
	}
	var err error
	if f.Regions, err = rows(v, ListRegions); err != nil {
		return f, err
	}
	if f.Agreements, err = rows(v, FieldAgreements); err != nil {
		return f, err
	}
	names, err := rows(v, RowInput(ListSpeakers, SpeakerName))
	if err != nil {
		return f, err
	}
	for i := range names {
		f.Speakers = append(f.Speakers, Speaker{
			Name: names[i], Role: at(v, RowInput(ListSpeakers, SpeakerRole), i), Organisation: at(v, RowInput(ListSpeakers, SpeakerOrganisation), i),
		})
	}
	return f, nil
}

// ChangeRows carries out the button pressed when it changes the speaker or region rows,
// and reports whether it did; false means the form is to be saved.
func (f *Event) ChangeRows() (bool, error) {
	op, ok, err := parseRowOp(f.Op)
	if !ok || err != nil {
		return false, err
	}
	switch op.List {
	case ListSpeakers:
		f.Speakers = applyRows(f.Speakers, op, Speaker{})
	case ListRegions:
		f.Regions = applyRows(f.Regions, op, "")
	default:
		return false, malformed("rows %q", op.List)
	}
	return true, nil
}

// Validate turns the form into an event record for the models to check.
func (f Event) Validate() (models.EventInput, error) {
	v := checkText(f.Values())
	in := models.EventInput{
		Title: f.Title, StartDate: date(v, FieldStartDate, f.StartDate), EndDate: date(v, FieldEndDate, f.EndDate),
		StartTime: f.StartTime, EndTime: f.EndTime, Place: f.Place, Organiser: f.Organiser,
		Summary: f.Summary, Minutes: f.Minutes, Regions: f.Regions, Revision: ParseRevision(f.Revision),
	}
	for _, s := range f.Speakers {
		in.Speakers = append(in.Speakers, models.SpeakerInput{Name: s.Name, Role: s.Role, Organisation: s.Organisation})
	}
	for _, a := range f.Agreements {
		if id := reference(v, FieldAgreements, "error.choose_one", a); id != nil {
			in.AgreementIDs = append(in.AgreementIDs, *id)
		}
	}
	return in, v.Err()
}

// Values is the form as its page posts it.
func (f *Event) Values() url.Values {
	v := url.Values{
		FieldTitle: {f.Title}, FieldStartDate: {f.StartDate}, FieldEndDate: {f.EndDate}, FieldStartTime: {f.StartTime},
		FieldEndTime: {f.EndTime}, FieldPlace: {f.Place}, FieldOrganiser: {f.Organiser}, FieldSummary: {f.Summary},
		FieldMinutes: {f.Minutes}, ListRegions: f.Regions, FieldAgreements: f.Agreements, FieldRevision: {f.Revision},
	}
	for _, s := range f.Speakers {
		v.Add(RowInput(ListSpeakers, SpeakerName), s.Name)
		v.Add(RowInput(ListSpeakers, SpeakerRole), s.Role)
		v.Add(RowInput(ListSpeakers, SpeakerOrganisation), s.Organisation)
	}
	return v
}

// SetRevision makes the form one made on the given revision of the record.
func (f *Event) SetRevision(r string) { f.Revision = r }
