package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// regionCode is the shape of a Kemendagri province or regency code.
var regionCode = regexp.MustCompile(`^[0-9]{2}(\.[0-9]{2})?$`)

// agreementFilterForm is the public list's filter as it arrives in the URL.
type agreementFilterForm struct {
	Sector, Region, Type, Year, Page string
}

func newAgreementFilterForm(q url.Values) agreementFilterForm {
	return agreementFilterForm{q.Get("sector"), q.Get("region"), q.Get("type"), q.Get("year"), q.Get("page")}
}

// Validate turns the form into a filter; a value no link or form of the portal produces
// is an error.
func (f agreementFilterForm) Validate() (models.AgreementFilter, error) {
	out := models.AgreementFilter{Sector: f.Sector, Region: f.Region, DocType: models.DocType(f.Type)}
	var err error
	if out.Page, err = checkListParams(f.Sector, f.Region, f.Page); err != nil {
		return out, err
	}
	if f.Type != "" && !out.DocType.Valid() {
		return out, fmt.Errorf("handlers: unknown document type %q", f.Type)
	}
	if f.Year != "" {
		y, err := strconv.Atoi(f.Year)
		if err != nil || y < 1945 || y > 2200 {
			return out, fmt.Errorf("handlers: bad year %q", f.Year)
		}
		out.Year = y
	}
	return out, nil
}

// checkListParams checks the filters every list of agreements shares and returns the page
// asked for (1 when none).
func checkListParams(sector, region, page string) (int, error) {
	if sector != "" && !models.ValidSector(sector) {
		return 0, fmt.Errorf("handlers: unknown sector %q", sector)
	}
	if region != "" && !regionCode.MatchString(region) {
		return 0, fmt.Errorf("handlers: malformed region code %q", region)
	}
	if page == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(page)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("handlers: bad page %q", page)
	}
	return n, nil
}

// listAgreements serves the public list of published agreements.
func (h *Handler) listAgreements(c echo.Context) error {
	ctx := c.Request().Context()
	filter, err := newAgreementFilterForm(c.QueryParams()).Validate()
	if err != nil {
		return badRequest(err)
	}
	result, err := h.store.PublishedAgreements(ctx, filter, h.cfg.PerPage)
	if err != nil {
		return err
	}
	if filter.Page > result.Pages() {
		return notFound
	}
	facets, err := h.store.PublishedAgreementFacets(ctx)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementsPage(views.AgreementListPage{
		Filter: filter, Result: result, Facets: facets, Query: c.QueryParams(),
	}))
}
