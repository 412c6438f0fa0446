package handlers

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// profilePage gathers a region's profile form; full for officials, the contact alone for
// the region's delegate, refused to anyone else.
func (h *Handler) profilePage(c echo.Context) (views.ProfilePage, error) {
	code := c.Param("code")
	if !regionCode.MatchString(code) {
		return views.ProfilePage{}, notFound
	}
	user := currentUser(c)
	if !actor(c).MayEditContact(code) {
		return views.ProfilePage{}, models.ErrForbidden
	}
	r, err := h.store.RegionByCode(c.Request().Context(), code)
	if err != nil {
		return views.ProfilePage{}, err
	}
	p := views.ProfilePage{Region: r, Full: user.Role.Staff(), Partner: r.Partner}
	if prof := r.Profile; prof != nil {
		p.Summary, p.Commodities = prof.Summary, prof.CommodityKeys()
		p.Office, p.Address, p.Phone, p.Email = prof.ContactOffice, prof.ContactAddress, prof.ContactPhone, prof.ContactEmail
		if prof.Latitude != nil && prof.Longitude != nil {
			p.Latitude = strconv.FormatFloat(*prof.Latitude, 'f', -1, 64)
			p.Longitude = strconv.FormatFloat(*prof.Longitude, 'f', -1, 64)
		}
	}
	return p, nil
}

// editProfile serves a region's profile form.
func (h *Handler) editProfile(c echo.Context) error {
	p, err := h.profilePage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.ProfileFormView(p))
}

// parseCoordinate reads a coordinate, with a comma or a point for decimals; "" is none.
func parseCoordinate(s string) (*float64, bool) {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	if s == "" {
		return nil, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &f, true
}

// saveProfile stores a region's profile (officials) or its contact (its delegate).
func (h *Handler) saveProfile(c echo.Context) error {
	p, err := h.profilePage(c)
	if err != nil {
		return err
	}
	values, err := c.FormParams()
	if err != nil {
		return badRequest(err)
	}
	p.Office, p.Address, p.Phone, p.Email = values.Get("contact_office"), values.Get("contact_address"), values.Get("contact_phone"), values.Get("contact_email")
	contact := models.ContactInput{Office: p.Office, Address: p.Address, Phone: p.Phone, Email: p.Email}
	ctx := c.Request().Context()
	errs := views.FormErrors{}
	if p.Full {
		p.Partner, p.Summary, p.Commodities = values.Get("partner") != "", values.Get("summary"), values["commodities"]
		p.Latitude, p.Longitude = values.Get("latitude"), values.Get("longitude")
		lat, okLat := parseCoordinate(p.Latitude)
		lon, okLon := parseCoordinate(p.Longitude)
		if !okLat {
			errs["latitude"] = "error.number_invalid"
		}
		if !okLon {
			errs["longitude"] = "error.number_invalid"
		}
		if len(errs) == 0 {
			err = h.store.SaveProfile(ctx, actor(c), p.Region.Code, models.ProfileInput{
				Partner: p.Partner, Summary: p.Summary, Contact: contact, Commodities: p.Commodities, Latitude: lat, Longitude: lon,
			})
		}
	} else {
		err = h.store.SaveContact(ctx, actor(c), p.Region.Code, contact)
	}
	if len(errs) == 0 {
		if err == nil {
			h.log.Info("profile saved", "region", p.Region.Code, "by", currentUser(c).ID)
			return h.redirectDone(c, string(views.RegionURL(p.Region.Code)), "flash.profile_saved")
		}
		if errs, err = formErrors(err); err != nil {
			return err
		}
	}
	p.Errors = errs
	return h.render(c, http.StatusUnprocessableEntity, views.ProfileFormView(p))
}
