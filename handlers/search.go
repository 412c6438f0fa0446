package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// Results per page of one kind, and of each kind on the first page of a search.
const (
	searchPerPage = 10
	searchPerKind = 4
)

// search serves the search across published agreements, regions and events.
func (h *Handler) search(c echo.Context) error { return h.searchPage(c, false) }

// searchOffice serves the officials' search, which finds unpublished agreements too and
// leads to their office pages.
func (h *Handler) searchOffice(c echo.Context) error { return h.searchPage(c, true) }

func (h *Handler) searchPage(c echo.Context, office bool) error {
	f := form.ParseSearch(c.QueryParams())
	q, err := f.Validate()
	page := views.SearchPage{Form: f, Office: office}
	if err != nil {
		errs, ok := form.ErrorsOf(err)
		if !ok {
			return err
		}
		page.Errors = errs
		return h.render(c, http.StatusOK, views.SearchView(page))
	}
	q.PerPage, q.PerKind, q.Unpublished = searchPerPage, searchPerKind, office
	page.Results, err = h.store.Search(c.Request().Context(), actor(c), q)
	if err != nil {
		return err
	}
	if q.Kind != "" && q.Page > page.Results.Pages() {
		return notFound
	}
	return h.render(c, http.StatusOK, views.SearchView(page))
}
