package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// idParam reads a numeric id from the path; anything else names no record.
func idParam(c echo.Context) (uint, error) { return uintParam(c, "id") }

func uintParam(c echo.Context, name string) (uint, error) {
	id, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || id == 0 {
		return 0, notFound
	}
	return uint(id), nil
}

// agreementPage gathers the page of an agreement as the current user may see it: the
// public sees it once published; officials always; a party's delegate once it is sent,
// with their own party to answer for.
func (h *Handler) agreementPage(c echo.Context, id uint) (views.AgreementPage, error) {
	ctx := c.Request().Context()
	user := currentUser(c)
	a, err := h.store.AgreementFor(ctx, actor(c), id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	history, err := h.store.AgreementHistory(ctx, actor(c), id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	docs, err := h.store.Documents(ctx, models.OwnerAgreement, id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	page := views.AgreementPage{AgreementView: a, Term: a.TermState(h.store.Today()), History: history, Documents: docs}
	if user != nil && user.Role == models.RoleDelegate && user.RegionCode != nil {
		for i := range a.Parties {
			if a.Parties[i].RegionCode == *user.RegionCode {
				page.OwnParty = &page.Parties[i]
			}
		}
	}
	return page, nil
}

// showAgreement serves the page of an agreement.
func (h *Handler) showAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	page, err := h.agreementPage(c, id)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementDetailPage(page))
}
