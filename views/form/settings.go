package form

import (
	"net/url"

	"derap/models"
)

// BureauContact is the settings form of the bureau's contact as last submitted.
type BureauContact struct {
	Office, Address, Phone, Email, PPIDURL string
	Revision                               string // of the stored contact
}

// BureauContactOf is the form of the stored contact.
func BureauContactOf(c models.BureauContact) BureauContact {
	return BureauContact{
		Office: c.Office, Address: c.Address, Phone: c.Phone, Email: c.Email, PPIDURL: c.PPIDURL,
		Revision: FormatRevision(c.Revision),
	}
}

// ParseBureauContact reads the settings form.
func ParseBureauContact(v url.Values) BureauContact {
	return BureauContact{
		Office: v.Get(FieldBureauOffice), Address: v.Get(FieldBureauAddress), Phone: v.Get(FieldBureauPhone),
		Email: v.Get(FieldBureauEmail), PPIDURL: v.Get(FieldBureauPPIDURL), Revision: v.Get(FieldRevision),
	}
}

// Validate checks the form's text against the fields' rules and turns it into what the
// models store, with the revision the form was loaded at; the models check the rest.
func (f BureauContact) Validate() (models.BureauContactInput, uint64, error) {
	in := models.BureauContactInput{Office: f.Office, Address: f.Address, Phone: f.Phone, Email: f.Email, PPIDURL: f.PPIDURL}
	return in, ParseRevision(f.Revision), checkText(f.Values()).Err()
}

// Values is the form as its page posts it.
func (f *BureauContact) Values() url.Values {
	return url.Values{
		FieldBureauOffice: {f.Office}, FieldBureauAddress: {f.Address}, FieldBureauPhone: {f.Phone},
		FieldBureauEmail: {f.Email}, FieldBureauPPIDURL: {f.PPIDURL}, FieldRevision: {f.Revision},
	}
}

// SetRevision makes the form carry another revision: the stored one, after a save on an
// older copy was refused.
func (f *BureauContact) SetRevision(r string) { f.Revision = r }
