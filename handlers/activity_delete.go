package handlers

import (
	"errors"
	"fmt"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// errActivityReported is the removal of an activity that has reports: it can only be
// cancelled, with a reason, so that its reports keep their meaning.
var errActivityReported = fmt.Errorf("%w: the activity has reports", models.ErrInUse)

// deleteActivity removes an activity nobody has reported on and returns to its agreement;
// otherwise its form says why not and offers to cancel it.
func (h *Handler) deleteActivity(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	act, _, err := h.store.ActivityFor(ctx, actor(c), id)
	if err != nil {
		return err
	}
	err = h.store.DeleteActivity(ctx, actor(c), id, seen(c))
	if errors.Is(err, models.ErrInUse) {
		err = errActivityReported
	}
	if err != nil {
		return renderRefusal(h, c, err, func() (views.ActivityFormPage, error) {
			stored, _, err := h.store.ActivityFor(ctx, actor(c), id)
			if err != nil {
				return views.ActivityFormPage{}, err
			}
			return h.activityFormPage(c, stored.AgreementID, id, form.ActivityOf(stored, decimalComma(c)))
		}, func(p *views.ActivityFormPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.ActivityFormView)
	}
	h.log.Info("activity removed", "agreement", act.AgreementID, "activity", id, "by", currentUser(c).ID)
	return h.redirectDone(c, views.OfficeAgreementURL(act.AgreementID)+"#h-plan", "flash.activity_removed")
}
