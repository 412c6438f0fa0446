package handlers

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// profilePage gathers a region's profile form: the whole of it for officials, the contact
// alone for the region's delegate, refused to anyone else.
func (h *Handler) profilePage(c echo.Context) (views.ProfilePage, error) {
	code, err := regionParam(c)
	if err != nil {
		return views.ProfilePage{}, err
	}
	who := actor(c)
	if !who.MayEditContact(code) {
		return views.ProfilePage{}, models.ErrForbidden
	}
	r, err := h.store.RegionByCode(c.Request().Context(), code)
	if err != nil {
		return views.ProfilePage{}, err
	}
	return views.ProfilePage{Region: r, Full: who.MayEditProfile(), Form: form.ProfileOf(r)}, nil
}

// editProfile serves a region's profile form.
func (h *Handler) editProfile(c echo.Context) error {
	p, err := h.profilePage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ProfileFormView(p))
}

// saveProfile stores a region's profile (officials) or its contact (its delegate).
func (h *Handler) saveProfile(c echo.Context) error {
	p, err := h.profilePage(c)
	if err != nil {
		return err
	}
	values, err := formValues(c)
	if err != nil {
		return err
	}
	stored := p.Form // the profile as it is now
	p.Form = form.ParseProfile(values, p.Full, p.Form)
	ctx := c.Request().Context()
	if p.Full {
		var in models.ProfileInput
		if in, err = p.Form.Validate(); err == nil {
			err = h.store.SaveProfile(ctx, actor(c), p.Region.Code, in)
		}
	} else {
		var in models.ContactInput
		if in, err = p.Form.ValidateContact(); err == nil {
			err = h.store.SaveContact(ctx, actor(c), p.Region.Code, in)
		}
	}
	if err == nil {
		h.log.Info("profile saved", "region", p.Region.Code, "by", currentUser(c).ID)
		return h.redirectDone(c, views.RegionURL(p.Region.Code), "flash.profile_saved")
	}
	if errors.Is(err, models.ErrChanged) {
		formConflict(c, profileForm{&p.Form, p.Full}, profileForm{&stored, p.Full})
		err = errChangedForm
	}
	return renderRefusal(h, c, err, func() (views.ProfilePage, error) { return p, nil },
		func(p *views.ProfilePage, refused problem) { p.Alert, p.Errors = refused.alert, refused.fields }, views.ProfileFormView)
}

// profileForm is a profile form as formConflict compares it: the whole of it, or the
// contact alone when that is all its user may change.
type profileForm struct {
	*form.Profile
	full bool
}

func (f profileForm) Values() url.Values { return f.Profile.Values(f.full) }

func (f profileForm) SetRevision(r string) { f.Revision = r }
