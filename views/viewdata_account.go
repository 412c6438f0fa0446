package views

import (
	"derap/models"
	"derap/views/form"
)

// LoginPage is the sign-in form as last submitted.
type LoginPage struct {
	Form   form.Login
	Errors form.Errors
	// Alert says what went wrong as a whole: a wrong password, too many attempts.
	Alert Alert
}

// InboxPage is a delegate's list of their region's agreements and what they answered.
type InboxPage struct {
	models.Inbox
	// Alert is why an answer just given was refused, when its agreement is no longer one
	// the delegate may read (withdrawn to a draft meanwhile).
	Alert Alert
	// Activities are the region's activities to report on (implementation monitoring).
	Activities []models.RegionActivity
}

// AccountPage is a user's own account with the password form.
type AccountPage struct {
	Errors form.Errors
	Alert  Alert
	// Language and Notifications are the user's settings as stored, or as posted when the
	// settings form was refused (SettingsErrors says why, by field).
	Language       string
	Notifications  map[models.NotificationKind]models.Delivery
	SettingsErrors form.Errors
}

// UnsubscribePage confirms (GET) or reports (Done, after POST) turning a notification off
// from the link in a message.
type UnsubscribePage struct {
	Kind  models.NotificationKind
	Token string
	Done  bool
}

// AcceptInvitationPage is the form where an invited user sets their password.
type AcceptInvitationPage struct {
	User   models.User
	Token  string
	Errors form.Errors
	Alert  Alert
}
