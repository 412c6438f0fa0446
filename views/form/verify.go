package form

import (
	"net/url"
	"strings"

	"derap/models"
)

// FieldSHA256 is the verification page's pasted SHA-256 (its file is FieldFile).
const FieldSHA256 = "sha256"

// Verify is the verification page's hash form as it was submitted.
type Verify struct {
	SHA256 string
}

// ParseVerify reads the hash form; the page's link may carry a hash in its query.
func ParseVerify(values url.Values) Verify {
	return Verify{SHA256: values.Get(FieldSHA256)}
}

// Validate turns the pasted hash into the 64 lower-case hex digits the models look up:
// upper case and spaces around it are accepted; anything else is a message by the field.
func (f Verify) Validate() (string, error) {
	// Spaces, tabs and line ends around a pasted hash are no part of it.
	if v := checkText(url.Values{FieldSHA256: {strings.TrimSpace(f.SHA256)}}); v.Err() != nil {
		return "", v
	}
	sum, ok := models.ParseSHA256(f.SHA256)
	if !ok {
		return "", models.Invalid(FieldSHA256, "verify.sha256_invalid")
	}
	return sum, nil
}
