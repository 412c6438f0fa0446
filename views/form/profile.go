package form

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"derap/models"
)

// Profile is a region's profile form as last submitted: the whole of it for officials,
// the contact office alone for the region's delegate.
type Profile struct {
	Partner                       bool
	Summary                       string
	Commodities                   []string
	Latitude, Longitude           string
	Office, Address, Phone, Email string
	Revision                      string // of the stored profile, if there is one
}

// ProfileOf is the form of a region's stored profile.
func ProfileOf(r models.Region) Profile {
	f := Profile{Partner: r.Partner}
	if p := r.Profile; p != nil {
		f.Summary, f.Commodities = p.Summary, p.CommodityKeys()
		f.Office, f.Address, f.Phone, f.Email = p.ContactOffice, p.ContactAddress, p.ContactPhone, p.ContactEmail
		f.Revision = FormatRevision(p.Revision)
		if p.Latitude != nil && p.Longitude != nil {
			f.Latitude = strconv.FormatFloat(*p.Latitude, 'f', -1, 64)
			f.Longitude = strconv.FormatFloat(*p.Longitude, 'f', -1, 64)
		}
	}
	return f
}

// ParseProfile reads the profile form; full is false when only the contact may change,
// so that nothing else is read.
func ParseProfile(v url.Values, full bool, stored Profile) Profile {
	f := stored
	f.Revision = v.Get(FieldRevision)
	f.Office, f.Address, f.Phone, f.Email = v.Get(FieldContactOffice), v.Get(FieldContactAddress), v.Get(FieldContactPhone), v.Get(FieldContactEmail)
	if full {
		f.Partner, f.Summary, f.Commodities = v.Get(FieldPartner) != "", v.Get(FieldSummary), v[FieldCommodities]
		f.Latitude, f.Longitude = v.Get(FieldLatitude), v.Get(FieldLongitude)
	}
	return f
}

// contact is the contact office as entered.
func (f Profile) contact() models.ContactInput {
	return models.ContactInput{Office: f.Office, Address: f.Address, Phone: f.Phone, Email: f.Email, Revision: ParseRevision(f.Revision)}
}

// ValidateContact turns the contact office alone into what the models store, for the
// region's delegate.
func (f Profile) ValidateContact() (models.ContactInput, error) {
	return f.contact(), checkText(f.Values(false)).Err()
}

// Validate turns the whole form into a profile: coordinates take a comma or a point for
// decimals, and anything that is not a number is a field error.
func (f Profile) Validate() (models.ProfileInput, error) {
	v := checkText(f.Values(true))
	in := models.ProfileInput{
		Partner: f.Partner, Summary: f.Summary, Contact: f.contact(), Commodities: f.Commodities,
		Latitude: coordinate(v, FieldLatitude, f.Latitude), Longitude: coordinate(v, FieldLongitude, f.Longitude),
		Revision: ParseRevision(f.Revision),
	}
	return in, v.Err()
}

// Values is the form as its page posts it (full: with more than the contact).
func (f *Profile) Values(full bool) url.Values {
	v := url.Values{
		FieldContactOffice: {f.Office}, FieldContactAddress: {f.Address}, FieldContactPhone: {f.Phone},
		FieldContactEmail: {f.Email}, FieldRevision: {f.Revision},
	}
	if full {
		partner := ""
		if f.Partner {
			partner = "on"
		}
		v[FieldPartner], v[FieldSummary], v[FieldCommodities] = []string{partner}, []string{f.Summary}, f.Commodities
		v[FieldLatitude], v[FieldLongitude] = []string{f.Latitude}, []string{f.Longitude}
	}
	return v
}

// coordinate reads a coordinate in degrees; empty is none.
func coordinate(v *models.ValidationError, field, s string) *float64 {
	s = strings.TrimSpace(strings.Replace(s, ",", ".", 1))
	if s == "" {
		return nil
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		v.Add(field, "error.number_invalid")
		return nil
	}
	return &x
}

// Upload is the form that attaches a document, as last submitted (the file is never
// shown again).
type Upload struct {
	Title   string
	HasFile bool
}

// Values is the form as its page posts it (but the file).
func (f Upload) Values() url.Values { return url.Values{FieldDocumentTitle: {f.Title}} }

// Validate checks that a file was chosen; the models check its content and the title.
func (f Upload) Validate() error {
	v := checkText(f.Values())
	if !f.HasFile {
		v.Add(FieldFile, "error.file_missing")
		if strings.TrimSpace(f.Title) == "" {
			v.Add(FieldDocumentTitle, "error.required")
		}
	}
	return v.Err()
}
