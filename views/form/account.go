package form

import (
	"net/url"
	"slices"
	"strings"

	"derap/models"
)

// Login is the sign-in form as last submitted; the password is never shown again.
type Login struct {
	Email, Password, Next string
}

// ParseLogin reads the sign-in form.
func ParseLogin(v url.Values) Login {
	return Login{Email: v.Get(FieldEmail), Password: v.Get(FieldPassword), Next: v.Get(FieldNext)}
}

// Values is the form as its page posts it.
func (f Login) Values() url.Values {
	return url.Values{FieldEmail: {f.Email}, FieldPassword: {f.Password}, FieldNext: {f.Next}}
}

// Validate checks that both fields were filled in.
func (f Login) Validate() error {
	v := checkText(f.Values())
	if strings.TrimSpace(f.Email) == "" {
		v.Add(FieldEmail, "error.required")
	}
	if f.Password == "" {
		v.Add(FieldPassword, "error.required")
	}
	return v.Err()
}

// Password is a new password typed twice, with the current one it replaces when the form
// asks for it (changing one's own, not accepting an invitation).
type Password struct {
	Current, Password, Confirm string
}

// ParsePassword reads a password form.
func ParsePassword(v url.Values) Password {
	return Password{Current: v.Get(FieldCurrent), Password: v.Get(FieldPassword), Confirm: v.Get(FieldConfirm)}
}

// Values is the form as its page posts it.
func (f Password) Values() url.Values {
	return url.Values{FieldCurrent: {f.Current}, FieldPassword: {f.Password}, FieldConfirm: {f.Confirm}}
}

// Validate checks what the form alone can tell: the two new entries agree. The models
// check the password itself.
func (f Password) Validate() error {
	v := checkText(f.Values())
	if f.Password != f.Confirm && v.For(FieldConfirm) == "" {
		v.Add(FieldConfirm, "error.password_mismatch")
	}
	return v.Err()
}

// Invite is the administrators' form for a new account, as last submitted.
type Invite struct {
	Email, Name, Role, Region string
}

// NewInvite is the invitation form as it first appears: for a delegate.
func NewInvite() Invite { return Invite{Role: string(models.RoleDelegate)} }

// ParseInvite reads the invitation form.
func ParseInvite(v url.Values) Invite {
	return Invite{Email: v.Get(FieldEmail), Name: v.Get(FieldName), Role: v.Get(FieldRole), Region: v.Get(FieldRegion)}
}

// Values is the form as its page posts it.
func (f Invite) Values() url.Values {
	return url.Values{FieldEmail: {f.Email}, FieldName: {f.Name}, FieldRole: {f.Role}, FieldRegion: {f.Region}}
}

// Validate turns the form into a new account for the models to check.
func (f Invite) Validate() (models.UserInput, error) {
	in := models.UserInput{Email: f.Email, Name: f.Name, Role: models.Role(f.Role), RegionCode: f.Region}
	return in, checkText(f.Values()).Err()
}

// AccountSettings is a user's own settings form as last submitted: their language and,
// for each optional notification their role may receive, how it comes.
type AccountSettings struct {
	Language      string
	Notifications map[models.NotificationKind]models.Delivery
}

// ParseAccountSettings reads the settings form of a user of role r: only the
// notifications offered to that role are read.
func ParseAccountSettings(v url.Values, r models.Role) AccountSettings {
	f := AccountSettings{Language: v.Get(FieldLanguage), Notifications: map[models.NotificationKind]models.Delivery{}}
	for _, k := range models.NotificationsFor(r) {
		f.Notifications[k] = models.Delivery(v.Get(NotifyField(k)))
	}
	return f
}

// Validate checks every choice is one the form offers; a value no form produces is
// malformed.
func (f AccountSettings) Validate() (models.AccountSettingsInput, error) {
	if f.Language != "id" && f.Language != "en" {
		return models.AccountSettingsInput{}, malformed("language %q", f.Language)
	}
	for k, d := range f.Notifications {
		if !slices.Contains(models.Deliveries, d) {
			return models.AccountSettingsInput{}, malformed("delivery %q for %s", d, k)
		}
	}
	return models.AccountSettingsInput{Language: f.Language, Notifications: f.Notifications}, nil
}
