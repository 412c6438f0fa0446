package form

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"derap/models"
)

// The lists' filters arrive in the URL. A value no link or form of the portal produces is
// malformed (400), not a message by a field: only a crafted URL sends one.

// The public list's in-force filter and order.
const (
	FieldState = "state"
	FieldSort  = "sort"
)

// AgreementFilter is the public list's filter as it stands in the URL.
type AgreementFilter struct {
	Sector, Region, Type, Year, State, Sort, Page string
}

// RegisterParams are the query parameters of the public list's filter and order, which
// the register's files (CSV, Excel, JSON) take as well: all but the page.
var RegisterParams = []string{FieldSector, FieldRegion, FieldType, FieldYear, FieldState, FieldSort}

// AgreementFilterParams are the query parameters of the public list's filter.
var AgreementFilterParams = append(slices.Clone(RegisterParams), FieldPage)

// ParseAgreementFilter reads the public list's filter.
func ParseAgreementFilter(q url.Values) AgreementFilter {
	return AgreementFilter{q.Get(FieldSector), q.Get(FieldRegion), q.Get(FieldType), q.Get(FieldYear), q.Get(FieldState), q.Get(FieldSort), q.Get(FieldPage)}
}

// TermStateValues are the in-force filter's values in the URL and the term states they
// select: the URL (and the register's files) say "ended" for a term that ran out.
var TermStateValues = map[string]models.TermState{
	"active": models.TermActive, "upcoming": models.TermUpcoming, "ended": models.TermExpired, "terminated": models.TermTerminated,
}

// TermStateValue is how the URL and the register's files write a term state.
func TermStateValue(t models.TermState) string {
	for v, state := range TermStateValues {
		if state == t {
			return v
		}
	}
	return string(t)
}

// Validate turns the form into a filter.
func (f AgreementFilter) Validate() (models.AgreementFilter, error) {
	out := models.AgreementFilter{Sector: f.Sector, Region: f.Region, DocType: models.DocType(f.Type), Sort: models.AgreementSort(f.Sort)}
	var err error
	if out.Page, err = listParams(f.Sector, f.Region, f.Page); err != nil {
		return out, err
	}
	if f.Type != "" && !out.DocType.Valid() {
		return out, malformed("document type %q", f.Type)
	}
	if f.State != "" {
		state, ok := TermStateValues[f.State]
		if !ok {
			return out, malformed("term state %q", f.State)
		}
		out.Term = state
	}
	if f.Sort != "" && !out.Sort.Valid() {
		return out, malformed("order %q", f.Sort)
	}
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1945 || y > 2200 {
			return out, malformed("year %q", f.Year)
		}
		out.Year = y
	}
	return out, nil
}

// OfficeFilter is the officials' list filter as it stands in the URL.
type OfficeFilter struct {
	Status, Sector, Region, Page string
}

// ParseOfficeFilter reads the officials' list filter.
func ParseOfficeFilter(q url.Values) OfficeFilter {
	return OfficeFilter{q.Get(FieldStatus), q.Get(FieldSector), q.Get(FieldRegion), q.Get(FieldPage)}
}

// Validate turns the form into a filter.
func (f OfficeFilter) Validate() (models.OfficeFilter, error) {
	out := models.OfficeFilter{Status: models.Status(f.Status), Sector: f.Sector, Region: f.Region}
	if f.Status != "" && !slices.Contains(models.Statuses, out.Status) {
		return out, malformed("status %q", f.Status)
	}
	var err error
	out.Page, err = listParams(f.Sector, f.Region, f.Page)
	return out, err
}

// MaxPage is the highest page number a list takes: far beyond any list's end, low enough
// that no offset computed from it overflows.
const MaxPage = 1_000_000

// listParams checks the filters every list of agreements shares and returns the page
// asked for (1 when none).
func listParams(sector, region, page string) (int, error) {
	if sector != "" && !models.ValidSector(sector) {
		return 0, malformed("sector %q", sector)
	}
	if region != "" && !models.IsRegionCode(region) {
		return 0, malformed("region code %q", region)
	}
	if page == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(page)
	if err != nil || n < 1 || n > MaxPage {
		return 0, malformed("page %q", page)
	}
	return n, nil
}

// MaxQuery is the longest search text the region directory takes, in characters.
const MaxQuery = 100

// RegionFilter is the region directory's filter as it stands in the URL.
type RegionFilter struct {
	Kind, Partners, Query string
}

// RegionFilterParams are the query parameters of the region directory's filter.
var RegionFilterParams = []string{FieldKind, FieldPartners, FieldQuery}

// ParseRegionFilter reads the region directory's filter.
func ParseRegionFilter(q url.Values) RegionFilter {
	return RegionFilter{q.Get(FieldKind), q.Get(FieldPartners), q.Get(FieldQuery)}
}

// Validate turns the form into a filter.
func (f RegionFilter) Validate() (models.RegionFilter, error) {
	out := models.RegionFilter{Kind: models.RegionKind(f.Kind), Query: strings.TrimSpace(f.Query)}
	if f.Kind != "" && !out.Kind.Valid() {
		return out, malformed("region kind %q", f.Kind)
	}
	switch f.Partners {
	case "":
	case "1", "on", "true":
		out.PartnersOnly = true
	default:
		return out, malformed("partners flag %q", f.Partners)
	}
	if problem := RuleOf(FieldQuery).Problem(out.Query); problem != "" {
		return out, malformed("search text: %s", problem)
	}
	return out, nil
}

// OutboxFilter is the outbox page's filter as it stands in the URL.
type OutboxFilter struct {
	Status, Page string
}

// ParseOutboxFilter reads the outbox page's filter.
func ParseOutboxFilter(q url.Values) OutboxFilter {
	return OutboxFilter{q.Get(FieldStatus), q.Get(FieldPage)}
}

// Validate turns the form into a filter.
func (f OutboxFilter) Validate() (models.OutboxFilter, error) {
	out := models.OutboxFilter{Status: models.OutboxStatus(f.Status)}
	if f.Status != "" && !slices.Contains(models.OutboxStatuses, out.Status) {
		return out, malformed("outbox status %q", f.Status)
	}
	var err error
	out.Page, err = listParams("", "", f.Page)
	return out, err
}
