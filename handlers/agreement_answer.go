package handlers

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// answerAlerts says, for each refusal of an answer that the delegate can understand and
// act on, what to tell them.
var answerAlerts = []struct {
	err error
	key string
}{
	{models.ErrStaleVersion, "alert.stale_version"},
	{models.ErrAlreadyDecided, "alert.already_answered"},
	{models.ErrInvalidTransition, "alert.not_in_review"},
}

// answerParty runs a delegate's confirmation or decline and answers with the agreement's
// page: a message on success, the reason on refusal, the input kept when it was bad.
func (h *Handler) answerParty(c echo.Context, decision models.SignOff) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	partyID, err := uintParam(c, "party")
	if err != nil {
		return err
	}
	form := views.AnswerForm{Note: c.FormValue("note"), Reason: c.FormValue("reason")}
	hash := c.FormValue("hash")
	ctx := c.Request().Context()
	if decision == models.SignOffConfirmed {
		err = h.store.ConfirmParty(ctx, actor(c), id, partyID, hash, form.Note)
	} else {
		err = h.store.DeclineParty(ctx, actor(c), id, partyID, hash, form.Reason)
	}
	if err == nil {
		h.log.Info("party answered", "agreement", id, "party", partyID, "decision", decision, "user", currentUser(c).ID)
		return h.redirectDone(c, fmt.Sprintf("/agreements/%d", id), "flash."+string(decision))
	}
	status, alert := http.StatusUnprocessableEntity, ""
	for _, a := range answerAlerts {
		if errors.Is(err, a.err) {
			status, alert = http.StatusConflict, a.key
		}
	}
	if alert == "" {
		if form.Errors, err = formErrors(err); err != nil {
			return err
		}
	}
	page, perr := h.agreementPage(c, id)
	if perr != nil {
		return perr
	}
	page.Answer, page.Alert = form, alert
	return h.render(c, status, views.AgreementDetailPage(page))
}

// confirmParty is a delegate confirming their region's part.
func (h *Handler) confirmParty(c echo.Context) error {
	return h.answerParty(c, models.SignOffConfirmed)
}

// declineParty is a delegate declining their region's part, with a reason.
func (h *Handler) declineParty(c echo.Context) error { return h.answerParty(c, models.SignOffDeclined) }
