package handlers

import (
	"errors"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// answerParty runs a delegate's confirmation or decline and answers with the agreement's
// page: a message on success; the reason on refusal, with the input kept.
func (h *Handler) answerParty(c echo.Context, decision models.SignOff) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	partyID, err := uintParam(c, "party")
	if err != nil {
		return err
	}
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseAnswer(values)
	if err = f.Validate(); err == nil {
		ctx := c.Request().Context()
		if decision == models.SignOffConfirmed {
			err = h.store.ConfirmParty(ctx, actor(c), id, partyID, f.Hash, f.OwnNumber, f.Note)
		} else {
			err = h.store.DeclineParty(ctx, actor(c), id, partyID, f.Hash, f.Reason)
		}
	}
	if err == nil {
		h.log.Info("party answered", "agreement", id, "party", partyID, "decision", decision, "user", currentUser(c).ID)
		return h.redirectDone(c, views.AgreementURL(id), "flash."+string(decision))
	}
	gather := func() (views.AgreementPage, error) { return h.agreementPage(c, id) }
	if errors.Is(err, models.ErrNotInReview) {
		page, gerr := h.agreementPage(c, id)
		if errors.Is(gerr, models.ErrNotFound) {
			// Withdrawn to a draft as the answer came: the delegate may no longer read
			// it, so the refusal is shown on their inbox.
			return renderRefusal(h, c, err, func() (views.InboxPage, error) { return h.inboxPage(c) },
				func(p *views.InboxPage, refused problem) { p.Alert = refused.alert }, views.InboxView)
		}
		gather = func() (views.AgreementPage, error) { return page, gerr }
	}
	return renderRefusal(h, c, err, gather,
		func(p *views.AgreementPage, refused problem) {
			p.Answer, p.AnswerErrors, p.Alert = f, refused.fields, refused.alert
		},
		views.AgreementDetailPage)
}

// confirmParty is a delegate confirming their region's part.
func (h *Handler) confirmParty(c echo.Context) error {
	return h.answerParty(c, models.SignOffConfirmed)
}

// declineParty is a delegate declining their region's part, with a reason.
func (h *Handler) declineParty(c echo.Context) error { return h.answerParty(c, models.SignOffDeclined) }
