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

// AgreementFilter is the public list's filter as it stands in the URL.
type AgreementFilter struct {
	Sector, Region, Type, Year, Page string
}

// AgreementFilterParams are the query parameters of the public list's filter.
var AgreementFilterParams = []string{FieldSector, FieldRegion, FieldType, FieldYear, FieldPage}

// ParseAgreementFilter reads the public list's filter.
func ParseAgreementFilter(q url.Values) AgreementFilter {
	return AgreementFilter{q.Get(FieldSector), q.Get(FieldRegion), q.Get(FieldType), q.Get(FieldYear), q.Get(FieldPage)}
}

// Validate turns the form into a filter.
func (f AgreementFilter) Validate() (models.AgreementFilter, error) {
	out := models.AgreementFilter{Sector: f.Sector, Region: f.Region, DocType: models.DocType(f.Type)}
	var err error
	if out.Page, err = listParams(f.Sector, f.Region, f.Page); err != nil {
		return out, err
	}
	if f.Type != "" && !out.DocType.Valid() {
		return out, malformed("document type %q", f.Type)
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
