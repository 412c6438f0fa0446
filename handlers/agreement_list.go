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
	out := models.AgreementFilter{Sector: f.Sector, Region: f.Region, DocType: models.DocType(f.Type), Page: 1}
	if f.Sector != "" && !models.ValidSector(f.Sector) {
		return out, fmt.Errorf("handlers: unknown sector %q", f.Sector)
	}
	if f.Region != "" && !regionCode.MatchString(f.Region) {
		return out, fmt.Errorf("handlers: malformed region code %q", f.Region)
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
	if f.Page != "" {
		p, err := strconv.Atoi(f.Page)
		if err != nil || p < 1 {
			return out, fmt.Errorf("handlers: bad page %q", f.Page)
		}
		out.Page = p
	}
	return out, nil
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
