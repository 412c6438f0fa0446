package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// agreementPage gathers the page of an agreement as the current user may see it: the
// public sees it once published; officials always; a party's delegate once it is sent,
// with their own party to answer for.
func (h *Handler) agreementPage(c echo.Context, id uint) (views.AgreementPage, error) {
	ctx := c.Request().Context()
	who := actor(c)
	a, err := h.store.AgreementFor(ctx, who, id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	history, err := h.store.AgreementHistory(ctx, who, id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	docs, err := h.store.Documents(ctx, models.OwnerAgreement, id)
	if err != nil {
		return views.AgreementPage{}, err
	}
	progress, err := h.store.Progress(ctx, who, &a.Agreement)
	if err != nil {
		return views.AgreementPage{}, err
	}
	page := views.AgreementPage{
		AgreementView: a, Term: a.TermState(h.store.Today()), History: history, Documents: docs,
		Address: h.absoluteURL(views.AgreementURL(id)), Progress: progress,
	}
	if region := who.DelegateRegion(); region != "" {
		for i := range a.Parties {
			if a.Parties[i].RegionCode == region {
				page.OwnParty = &page.Parties[i]
			}
		}
	}
	return page, nil
}

// showAgreement serves the page of an agreement, or with ".json" after its id its record
// in the register (opendata.go).
func (h *Handler) showAgreement(c echo.Context) error {
	if id, ok := isAgreementData(c.Param("id")); ok {
		c.SetParamValues(id)
		return h.agreementJSON(c)
	}
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
