package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// storedSettings is the settings form of the contact as stored now.
func (h *Handler) storedSettings(c echo.Context) (form.BureauContact, error) {
	stored, err := h.store.BureauContact(c.Request().Context())
	if err != nil {
		return form.BureauContact{}, err
	}
	return form.BureauContactOf(stored), nil
}

// editSettings serves the administrators' settings: the bureau's contact.
func (h *Handler) editSettings(c echo.Context) error {
	if !actor(c).MayEditSettings() {
		return models.ErrForbidden
	}
	f, err := h.storedSettings(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.SettingsView(views.SettingsPage{Form: f}))
}

// saveSettings stores the bureau's contact, which every public page shows from the next
// request on; a save on a contact changed since the form was loaded shows the stored
// values next to the input kept.
func (h *Handler) saveSettings(c echo.Context) error {
	if !actor(c).MayEditSettings() {
		return models.ErrForbidden
	}
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseBureauContact(values)
	in, seen, err := f.Validate()
	if err == nil {
		_, err = h.store.UpdateBureauContact(c.Request().Context(), actor(c), in, seen)
	}
	if err == nil {
		h.log.Info("settings saved", "what", "bureau contact", "by", currentUser(c).ID)
		return h.redirectDone(c, views.SettingsURL(), "flash.settings_saved")
	}
	if errors.Is(err, models.ErrChanged) {
		theirs, serr := h.storedSettings(c)
		if serr != nil {
			return serr
		}
		formConflict(c, &f, &theirs)
		err = errChangedForm
	}
	return renderRefusal(h, c, err, func() (views.SettingsPage, error) { return views.SettingsPage{Form: f}, nil },
		func(p *views.SettingsPage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.SettingsView)
}
