package views

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"derap/models"
	"derap/views/i18n"
)

// The register's JSON, inspired by the Open Contracting Data Standard's packages: every
// file is a package that says where it comes from (uri, publishedDate, publisher, license
// and the $schema it follows) around its records, which are compiled records (the
// agreement as it stands now, with the hash of its current version). The JSON Schema in
// register.schema.json is the documentation of every field.

// jsonPackage is what every JSON file of the portal says of itself.
type jsonPackage struct {
	Schema        string        `json:"$schema"`
	URI           string        `json:"uri"`
	PublishedDate string        `json:"publishedDate"`
	Publisher     jsonPublisher `json:"publisher"`
	License       string        `json:"license"`
	LicenseName   string        `json:"licenseName"`
}

type jsonPublisher struct {
	Name string `json:"name"`
	URI  string `json:"uri"`
}

type jsonAgreement struct {
	ID              string           `json:"id"`
	URL             string           `json:"url"`
	DataURL         string           `json:"dataUrl"`
	Number          string           `json:"number"`
	Title           string           `json:"title"`
	ShortTitle      string           `json:"shortTitle"`
	DocumentType    models.DocType   `json:"documentType"`
	Parent          string           `json:"parent,omitempty"`
	CooperationKind string           `json:"cooperationKind"`
	Status          models.Status    `json:"status"`
	Scope           string           `json:"scope"`
	Summary         string           `json:"summary"`
	FundingNote     string           `json:"fundingNote"`
	Parties         []jsonParty      `json:"parties"`
	Sectors         []jsonSector     `json:"sectors"`
	Term            jsonTerm         `json:"term"`
	Signing         *jsonSigning     `json:"signing,omitempty"`
	PublishedDate   string           `json:"publishedDate,omitempty"`
	Termination     *jsonTermination `json:"termination,omitempty"`
	Documents       []jsonDocument   `json:"documents"`
	CurrentVersion  *jsonVersion     `json:"currentVersion,omitempty"`
	Activities      []jsonActivity   `json:"activities"`
}

type jsonParty struct {
	Position       int              `json:"position"`
	Region         jsonRegionRef    `json:"region"`
	DocumentNumber string           `json:"documentNumber"`
	Signatory      jsonSignatory    `json:"signatory"`
	Authority      models.Authority `json:"authority"`
	Confirmation   jsonConfirmation `json:"confirmation"`
}

type jsonRegionRef struct {
	Code string            `json:"code"`
	Name string            `json:"name"`
	Kind models.RegionKind `json:"kind"`
	URL  string            `json:"url"`
}

type jsonSignatory struct {
	Name     string `json:"name"`
	Position string `json:"position"`
}

type jsonConfirmation struct {
	Status        models.SignOff `json:"status"`
	Time          string         `json:"time,omitempty"`
	ConfirmedHash string         `json:"confirmedHash,omitempty"`
}

type jsonSector struct {
	Code string        `json:"code"`
	Name jsonBilingual `json:"name"`
}

type jsonBilingual struct {
	ID string `json:"id"`
	EN string `json:"en"`
}

type jsonTerm struct {
	Start   string `json:"start"`
	End     string `json:"end"`
	InForce string `json:"inForce"`
	AsOf    string `json:"asOf"`
}

type jsonSigning struct {
	Date     string `json:"date"`
	Place    string `json:"place"`
	Event    string `json:"event,omitempty"`
	EventURL string `json:"eventUrl,omitempty"`
}

type jsonTermination struct {
	Date   string `json:"date,omitempty"`
	Reason string `json:"reason"`
}

type jsonDocument struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	FileName  string `json:"fileName"`
	MediaType string `json:"mediaType"`
	Size      int64  `json:"size"`
	SHA256    string `json:"sha256"`
	URL       string `json:"url"`
}

type jsonVersion struct {
	Number int    `json:"number"`
	SHA256 string `json:"sha256"`
}

type jsonRegion struct {
	Code         string            `json:"code"`
	Name         string            `json:"name"`
	Kind         models.RegionKind `json:"kind"`
	ProvinceCode string            `json:"provinceCode,omitempty"`
	Partner      bool              `json:"partner"`
	URL          string            `json:"url"`
	Profile      *jsonProfile      `json:"profile,omitempty"`
}

type jsonProfile struct {
	Summary     string           `json:"summary"`
	Commodities []string         `json:"commodities"`
	Coordinates *jsonCoordinates `json:"coordinates,omitempty"`
}

type jsonCoordinates struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type jsonEvent struct {
	ID           string              `json:"id"`
	URL          string              `json:"url"`
	Title        string              `json:"title"`
	Start        string              `json:"start"`
	End          string              `json:"end"`
	AllDay       bool                `json:"allDay"`
	Place        string              `json:"place"`
	Organiser    string              `json:"organiser"`
	Summary      string              `json:"summary"`
	Minutes      string              `json:"minutes"`
	Speakers     []jsonSpeaker       `json:"speakers"`
	Participants []string            `json:"participants"`
	Agreements   []jsonAgreementLink `json:"agreements"`
	Documents    []jsonDocument      `json:"documents"`
}

type jsonSpeaker struct {
	Name         string `json:"name"`
	Role         string `json:"role"`
	Organisation string `json:"organisation"`
}

type jsonAgreementLink struct {
	ID     string `json:"id"`
	URL    string `json:"url"`
	Number string `json:"number"`
	Title  string `json:"title"`
}

// header is the package part of a file whose records last changed at latest (zero: none).
func (s OpenDataSource) header(latest time.Time) jsonPackage {
	return jsonPackage{
		Schema:        s.abs(RegisterSchemaURL()),
		URI:           s.abs(s.Self),
		PublishedDate: publishedDate(s.Today, latest),
		Publisher:     jsonPublisher{Name: i18n.ID.T("footer.owner"), URI: s.abs(HomeURL())},
		License:       RegisterLicenceURL,
		LicenseName:   RegisterLicence,
	}
}

// RegisterJSON writes the register's agreements as one package: {..., "agreements": [...]}.
// The agreements are encoded one at a time into the file, never all at once.
func RegisterJSON(r models.Register, src OpenDataSource) ([]byte, error) {
	src.Today = r.Today
	var latest time.Time
	for i := range r.Agreements {
		latest = latestOf(latest, agreementChanged(r, &r.Agreements[i]))
	}
	return encodePackage(src.header(latest), "agreements", len(r.Agreements), registerJSONSize(r),
		func(i int) any { return src.agreement(r, &r.Agreements[i]) })
}

// registerJSONSize is about how long the register's JSON is: the text it quotes and what
// its members' names and indentation add around it.
func registerJSONSize(r models.Register) int {
	n := 1024
	for i := range r.Agreements {
		a := &r.Agreements[i]
		n += 1200 + len(a.Title) + len(a.ShortTitle) + len(a.Scope) + len(a.Summary) + len(a.FundingNote) +
			len(a.Parties)*700 + len(a.Sectors)*150 + len(r.Documents[a.ID])*450 + len(r.Activities[a.ID])*500
	}
	return n
}

// AgreementJSON writes the register's one agreement as a package: {..., "agreement": {...}}.
func AgreementJSON(r models.Register, src OpenDataSource) ([]byte, error) {
	if len(r.Agreements) != 1 {
		return nil, fmt.Errorf("views: one agreement's JSON of %d agreements", len(r.Agreements))
	}
	src.Today = r.Today
	a := &r.Agreements[0]
	return encodeJSON(struct {
		jsonPackage
		Agreement jsonAgreement `json:"agreement"`
	}{src.header(agreementChanged(r, a)), src.agreement(r, a)})
}

// agreementChanged is when an agreement, its documents, its plan or its accepted reports
// last changed.
func agreementChanged(r models.Register, a *models.Agreement) time.Time {
	latest := a.UpdatedAt
	for i := range r.Documents[a.ID] {
		latest = latestOf(latest, r.Documents[a.ID][i].CreatedAt)
	}
	for i := range r.Activities[a.ID] {
		act := &r.Activities[a.ID][i]
		latest = latestOf(latest, act.UpdatedAt)
		for j := range r.Reports[act.ID] {
			if t := r.Reports[act.ID][j].ReviewedAt; t != nil {
				latest = latestOf(latest, *t)
			}
		}
	}
	return latest
}

// latestOf is the later of two times.
func latestOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func (s OpenDataSource) agreement(r models.Register, a *models.Agreement) jsonAgreement {
	out := jsonAgreement{
		ID: AgreementIdentifier(a.ID), URL: s.abs(AgreementURL(a.ID)), DataURL: s.abs(AgreementJSONURL(a.ID)),
		Number: a.Number, Title: a.Title, ShortTitle: a.ShortTitle, DocumentType: a.DocType,
		CooperationKind: string(a.Kind), Status: a.Status, Scope: a.Scope, Summary: a.Summary, FundingNote: a.FundingNote,
		Parties: make([]jsonParty, 0, len(a.Parties)), Sectors: make([]jsonSector, 0, len(a.Sectors)),
		Term: jsonTerm{
			Start: isoDate(a.StartDate), End: isoDate(a.EndDate),
			InForce: termValue(a, s.Today), AsOf: isoDate(s.Today),
		},
		PublishedDate: fileTime(a.PublishedAt),
		Documents:     s.documents(r.Documents[a.ID]),
		Activities:    s.activities(r, a.ID),
	}
	if a.ParentID != nil {
		out.Parent = AgreementIdentifier(*a.ParentID)
	}
	for _, p := range a.Parties {
		c := jsonConfirmation{Status: p.Status, Time: fileTime(p.DecidedAt)}
		if p.Status == models.SignOffConfirmed {
			c.ConfirmedHash = p.ConfirmedHash
		}
		out.Parties = append(out.Parties, jsonParty{
			Position:       p.Position,
			Region:         jsonRegionRef{Code: p.RegionCode, Name: p.Region.Name, Kind: p.Region.Kind, URL: s.abs(RegionURL(p.RegionCode))},
			DocumentNumber: p.RegisterNumber(),
			Signatory:      jsonSignatory{Name: p.SignatoryName, Position: p.SignatoryPosition},
			Authority:      p.Authority,
			Confirmation:   c,
		})
	}
	for _, key := range a.SectorKeys() {
		out.Sectors = append(out.Sectors, jsonSector{Code: key, Name: sectorNames(key)})
	}
	if a.SignedOn != nil {
		out.Signing = &jsonSigning{Date: isoDate(*a.SignedOn), Place: a.SignedPlace}
		if a.EventID != nil {
			out.Signing.Event, out.Signing.EventURL = EventIdentifier(*a.EventID), s.abs(EventURL(*a.EventID))
		}
	}
	if a.Status == models.StatusTerminated {
		out.Termination = &jsonTermination{Date: fileDate(a.TerminatedOn), Reason: a.TerminationReason}
	}
	if v, ok := r.Versions[a.ID]; ok {
		out.CurrentVersion = &jsonVersion{Number: v.Number, SHA256: v.ContentHash}
	}
	return out
}

// sectorNames is a sector's name in both languages of the portal.
func sectorNames(key string) jsonBilingual {
	return jsonBilingual{ID: i18n.ID.T("sector." + key), EN: i18n.EN.T("sector." + key)}
}

func (s OpenDataSource) documents(docs []models.Document) []jsonDocument {
	out := make([]jsonDocument, 0, len(docs))
	for _, d := range docs {
		out = append(out, jsonDocument{
			ID: DocumentIdentifier(d.ID), Title: d.Title, FileName: d.FileName, MediaType: d.ContentType,
			Size: d.Size, SHA256: d.SHA256, URL: s.abs(DocumentURL(d.ID)),
		})
	}
	return out
}

// RegionsJSON writes every region as one package: {..., "regions": [...]}.
func RegionsJSON(regions []models.Region, src OpenDataSource) ([]byte, error) {
	var latest time.Time
	for i := range regions {
		if p := regions[i].Profile; p != nil {
			latest = latestOf(latest, p.UpdatedAt)
		}
	}
	return encodePackage(src.header(latest), "regions", len(regions), 1024+len(regions)*400, func(i int) any {
		r := &regions[i]
		region := jsonRegion{
			Code: r.Code, Name: r.Name, Kind: r.Kind, ProvinceCode: r.ProvinceCode, Partner: r.Partner,
			URL: src.abs(RegionURL(r.Code)),
		}
		if p := r.Profile; p != nil {
			region.Profile = &jsonProfile{Summary: p.Summary, Commodities: p.CommodityKeys()}
			if region.Profile.Commodities == nil {
				region.Profile.Commodities = []string{}
			}
			if p.Latitude != nil && p.Longitude != nil {
				region.Profile.Coordinates = &jsonCoordinates{Latitude: *p.Latitude, Longitude: *p.Longitude}
			}
		}
		return region
	})
}

// EventsJSON writes every event as one package: {..., "events": [...]}. Each names the
// published agreements signed there, as the models loaded them.
func EventsJSON(events []models.Event, docs map[uint][]models.Document, src OpenDataSource) ([]byte, error) {
	var latest time.Time
	size := 1024
	for i := range events {
		e := &events[i]
		latest = latestOf(latest, e.UpdatedAt)
		for j := range docs[e.ID] {
			latest = latestOf(latest, docs[e.ID][j].CreatedAt)
		}
		size += 800 + len(e.Title) + len(e.Summary) + len(e.Minutes) + len(e.Speakers)*120 + len(e.Participants)*16 +
			len(e.Agreements)*350 + len(docs[e.ID])*450
	}
	return encodePackage(src.header(latest), "events", len(events), size, func(i int) any {
		e := &events[i]
		ev := jsonEvent{
			ID: EventIdentifier(e.ID), URL: src.abs(EventURL(e.ID)), Title: e.Title,
			AllDay: e.AllDay, Place: e.Place, Organiser: e.Organiser, Summary: e.Summary, Minutes: e.Minutes,
			Speakers: make([]jsonSpeaker, 0, len(e.Speakers)), Participants: make([]string, 0, len(e.Participants)),
			Agreements: make([]jsonAgreementLink, 0, len(e.Agreements)), Documents: src.documents(docs[e.ID]),
		}
		if e.AllDay {
			ev.Start, ev.End = isoDate(e.StartsAt), isoDate(e.EndsAt)
		} else {
			ev.Start, ev.End = e.StartsAt.In(models.Jakarta).Format(time.RFC3339), e.EndsAt.In(models.Jakarta).Format(time.RFC3339)
		}
		for _, sp := range e.Speakers {
			ev.Speakers = append(ev.Speakers, jsonSpeaker{Name: sp.Name, Role: sp.Role, Organisation: sp.Organisation})
		}
		for _, p := range e.Participants {
			ev.Participants = append(ev.Participants, p.RegionCode)
		}
		for _, a := range e.Agreements {
			ev.Agreements = append(ev.Agreements, jsonAgreementLink{
				ID: AgreementIdentifier(a.ID), URL: src.abs(AgreementURL(a.ID)), Number: a.Number, Title: a.Title,
			})
		}
		return ev
	})
}

// encodeJSON writes a file indented, as people read it as often as programs do, with the
// characters HTML escapes left as they are.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("views: encode json: %w", err)
	}
	return b.Bytes(), nil
}

// encodePackage writes a package of n records under member, byte for byte as encodeJSON
// writes the package with its records in one slice, but one record at a time: record(i)
// makes the i-th only when its turn comes, and the encoder indents each in a buffer it
// reuses, so the file is the only copy of the whole. size is about how long it will be.
func encodePackage(head jsonPackage, member string, n, size int, record func(i int) any) ([]byte, error) {
	b := bytes.NewBuffer(make([]byte, 0, size))
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(head); err != nil {
		return nil, fmt.Errorf("views: encode json: %w", err)
	}
	b.Truncate(b.Len() - len("\n}\n")) // the package goes on
	b.WriteString(",\n  \"" + member + "\": [")
	enc.SetIndent("    ", "  ") // records are two levels in
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    ")
		if err := enc.Encode(record(i)); err != nil {
			return nil, fmt.Errorf("views: encode json: %w", err)
		}
		b.Truncate(b.Len() - 1) // the encoder's newline
	}
	if n > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	return b.Bytes(), nil
}

// Implementation monitoring in the register: each agreement's plan, and of each activity
// the reports an official accepted (only those count publicly). Quantities are decimal
// numbers in the activity's unit, written exactly (models.Quantity's thousandths).

// Identifiers of the plan's activities and of the realisation reports.
const (
	activityIDLetters = "act"
	reportIDLetters   = "rep"
)

// ActivityIdentifier is an activity's identifier in the register.
func ActivityIdentifier(id uint) string {
	return IdentifierPrefix + activityIDLetters + "-" + idString(id)
}

// ReportIdentifier is a realisation report's identifier in the register.
func ReportIdentifier(id uint) string {
	return IdentifierPrefix + reportIDLetters + "-" + idString(id)
}

type jsonActivity struct {
	ID                string                `json:"id"`
	Position          int                   `json:"position"`
	Kind              models.ActivityKind   `json:"kind"`
	Title             string                `json:"title"`
	Sector            string                `json:"sector"`
	ResponsibleRegion string                `json:"responsibleRegion"`
	Commodity         string                `json:"commodity,omitempty"`
	Unit              models.Unit           `json:"unit,omitempty"`
	Target            *jsonQuantity         `json:"target,omitempty"`
	Accepted          *jsonQuantity         `json:"accepted,omitempty"`
	DueDate           string                `json:"dueDate" doc:"date"`
	Status            models.ActivityStatus `json:"status"`
	CancelReason      string                `json:"cancelReason,omitempty"`
	Reports           []jsonReport          `json:"reports"`
}

type jsonReport struct {
	ID           string           `json:"id"`
	PeriodStart  string           `json:"periodStart" doc:"date"`
	PeriodEnd    string           `json:"periodEnd" doc:"date"`
	Quantity     *jsonQuantity    `json:"quantity,omitempty"`
	Unit         models.Unit      `json:"unit,omitempty"`
	Commodity    string           `json:"commodity,omitempty"`
	FromRegion   string           `json:"fromRegion,omitempty"`
	Destination  string           `json:"destination,omitempty"`
	Title        string           `json:"title,omitempty"`
	Place        string           `json:"place,omitempty"`
	Participants *int             `json:"participants,omitempty"`
	Attendance   []jsonAttendance `json:"attendance,omitempty"`
	Note         string           `json:"note"`
	AcceptedDate string           `json:"acceptedDate,omitempty" doc:"datetime"`
}

type jsonAttendance struct {
	Region    string `json:"region"`
	Enrolled  int    `json:"enrolled"`
	Completed int    `json:"completed"`
}

// jsonQuantity is a quantity written as an exact decimal number: 17500 thousandths is 17.5.
type jsonQuantity models.Quantity

// MarshalJSON writes the quantity with at most three decimals and no trailing zeros.
func (q jsonQuantity) MarshalJSON() ([]byte, error) {
	whole, frac := int64(q)/models.QuantityScale, int64(q)%models.QuantityScale
	if frac == 0 {
		return []byte(strconv.FormatInt(whole, 10)), nil
	}
	return []byte(strconv.FormatInt(whole, 10) + "." + strings.TrimRight(fmt.Sprintf("%03d", frac), "0")), nil
}

func quantityOf(q models.Quantity) *jsonQuantity {
	v := jsonQuantity(q)
	return &v
}

// activities writes an agreement's plan with each activity's accepted reports.
func (s OpenDataSource) activities(r models.Register, agreementID uint) []jsonActivity {
	acts := r.Activities[agreementID]
	out := make([]jsonActivity, 0, len(acts))
	for _, a := range acts {
		ja := jsonActivity{
			ID: ActivityIdentifier(a.ID), Position: a.Position, Kind: a.Kind, Title: a.Title, Sector: a.Sector,
			ResponsibleRegion: a.RegionCode, Commodity: a.Commodity, Unit: a.Unit, DueDate: isoDate(a.DueDate),
			Status: a.Status, Reports: make([]jsonReport, 0, len(r.Reports[a.ID])),
		}
		if a.Status == models.ActivityCancelled {
			ja.CancelReason = a.CancelReason
		}
		var accepted models.Quantity
		for _, rep := range r.Reports[a.ID] {
			accepted += rep.Quantity
			ja.Reports = append(ja.Reports, s.report(&rep))
		}
		if a.Unit != models.UnitNone {
			ja.Target, ja.Accepted = quantityOf(a.Target), quantityOf(accepted)
		}
		out = append(out, ja)
	}
	return out
}

// report writes an accepted report with the fields of its activity's kind.
func (s OpenDataSource) report(rep *models.ActivityReport) jsonReport {
	jr := jsonReport{
		ID:          ReportIdentifier(rep.ID),
		PeriodStart: isoDate(rep.PeriodStart), PeriodEnd: isoDate(rep.PeriodEnd),
		Unit: rep.Unit, Commodity: rep.Commodity, Destination: rep.Destination, Title: rep.Title, Place: rep.Place,
		Note: rep.Note, AcceptedDate: fileTime(rep.ReviewedAt),
	}
	if rep.Unit != models.UnitNone {
		jr.Quantity = quantityOf(rep.Quantity)
	}
	if rep.FromRegionCode != nil {
		jr.FromRegion = *rep.FromRegionCode
	}
	if rep.Kind == models.KindExchange {
		n := rep.Participants
		jr.Participants = &n
	}
	for _, p := range rep.Attendance {
		jr.Attendance = append(jr.Attendance, jsonAttendance{Region: p.RegionCode, Enrolled: p.Enrolled, Completed: p.Completed})
	}
	return jr
}
