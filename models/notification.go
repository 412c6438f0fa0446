package models

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// NotificationKind is what a notification tells its recipient.
type NotificationKind string

// The notifications the portal sends. Who receives each is decided in the step that causes
// it (notify's callers); the account notifications are required, the others each user may
// take at once, in a daily digest, or not at all.
const (
	NotifySent            NotificationKind = "agreement.sent"           // the delegates of every party: please answer
	NotifyDeclined        NotificationKind = "party.declined"           // the officials: a region declined, with its reason
	NotifyAgreed          NotificationKind = "agreement.agreed"         // the officials: every party confirmed
	NotifyPublished       NotificationKind = "agreement.published"      // the delegates of every party: signed and published
	NotifyReminder        NotificationKind = "party.reminder"           // the delegates of a region whose answer is pending
	NotifyEnding          NotificationKind = "agreement.ending"         // the officials: an agreement ends within months
	NotifyInvitation      NotificationKind = "account.invitation"       // a new account's link to set its password
	NotifyPasswordChanged NotificationKind = "account.password_changed" // the account's password was changed
	NotifySessionsEnded   NotificationKind = "account.sessions_ended"   // an administrator signed the account out everywhere
	NotifyDigest          NotificationKind = "digest"                   // a day's optional notifications in one message
)

// Required reports whether a user cannot turn the notification off: it carries what an
// action needs (a link to set the password) or warns of a change to the account itself.
func (k NotificationKind) Required() bool {
	return k == NotifyInvitation || k == NotifyPasswordChanged || k == NotifySessionsEnded || k == NotifyDigest
}

// SettingField is the name of the account settings field that chooses the kind's
// delivery: "agreement.sent" becomes "notify_agreement_sent" (a dot in a field name names
// a row of a list in the forms).
func (k NotificationKind) SettingField() string {
	return "notify_" + strings.ReplaceAll(string(k), ".", "_")
}

// NotificationsFor lists the optional notifications a role may receive, in the order the
// account page offers them.
func NotificationsFor(r Role) []NotificationKind {
	if r.Staff() {
		return []NotificationKind{NotifyDeclined, NotifyAgreed, NotifyEnding, NotifyReportSubmitted}
	}
	return []NotificationKind{NotifySent, NotifyReminder, NotifyPublished, NotifyReportReturned, NotifyActivityDue}
}

// Delivery is how a user takes an optional notification.
type Delivery string

// The deliveries; DeliveryImmediate is the default.
const (
	DeliveryImmediate Delivery = "immediate"
	DeliveryDigest    Delivery = "digest"
	DeliveryOff       Delivery = "off"
)

// Deliveries lists the deliveries in the order the account page offers them.
var Deliveries = []Delivery{DeliveryImmediate, DeliveryDigest, DeliveryOff}

// NotificationPreference is a user's choice for one kind, stored only where it differs
// from DeliveryImmediate.
type NotificationPreference struct {
	UserID   uint             `gorm:"primaryKey"`
	Kind     NotificationKind `gorm:"primaryKey"`
	Delivery Delivery         `gorm:"not null"`
}

// NotificationParams is what a notification says, as it was when the step was taken, so
// that a message sent later or again tells the event and not the record's later state.
type NotificationParams struct {
	AgreementID uint       `json:"agreement_id,omitempty"`
	Number      string     `json:"number,omitempty"`
	Title       string     `json:"title,omitempty"`
	Version     int        `json:"version,omitempty"`
	ContentHash string     `json:"content_hash,omitempty"`
	RegionCode  string     `json:"region_code,omitempty"`
	RegionName  string     `json:"region_name,omitempty"`
	Reason      string     `json:"reason,omitempty"`
	PendingDays int        `json:"pending_days,omitempty"`
	EndsOn      *time.Time `json:"ends_on,omitempty"`
	MonthsLeft  int        `json:"months_left,omitempty"`
	// Token is an invitation's secret: kept only until the message is sent.
	Token string    `json:"token,omitempty"`
	At    time.Time `json:"at"`
	// Items are the messages a digest gathers.
	Items []uint `json:"items,omitempty"`
	// Implementation monitoring (monitoring_notify.go): the report and the activity it is
	// about, the period reported, the activity's due date and the days left to it
	// (negative once overdue), whether a report was submitted again.
	ReportID    uint       `json:"report_id,omitempty"`
	ActivityID  uint       `json:"activity_id,omitempty"`
	Activity    string     `json:"activity,omitempty"`
	PeriodStart *time.Time `json:"period_start,omitempty"`
	PeriodEnd   *time.Time `json:"period_end,omitempty"`
	DueOn       *time.Time `json:"due_on,omitempty"`
	DaysLeft    int        `json:"days_left,omitempty"`
	Resubmitted bool       `json:"resubmitted,omitempty"`
}

// OutboxStatus is where a message is on its way out.
type OutboxStatus string

// The statuses of an outbox message.
const (
	OutboxQueued   OutboxStatus = "queued"   // waiting for its time (a digest's items wait for the digest)
	OutboxSending  OutboxStatus = "sending"  // claimed by a worker under a lease
	OutboxSent     OutboxStatus = "sent"     // the mail server accepted it
	OutboxFailed   OutboxStatus = "failed"   // given up: permanent refusal, too many attempts, or interrupted mid-send
	OutboxDigested OutboxStatus = "digested" // sent as part of a digest
)

// OutboxStatuses lists the statuses in the order the outbox page offers them.
var OutboxStatuses = []OutboxStatus{OutboxQueued, OutboxSending, OutboxSent, OutboxFailed, OutboxDigested}

// OutboxMessage is one notification to one user, written in the transaction of the step
// that caused it and sent afterwards by a worker.
type OutboxMessage struct {
	ID       uint             `gorm:"primaryKey"`
	EventKey string           `gorm:"not null"` // the step and its object; unique with UserID
	Kind     NotificationKind `gorm:"not null"`
	UserID   uint             `gorm:"not null"`
	Email    string           `gorm:"not null"` // the address when it was queued
	Name     string           `gorm:"not null;default:''"`
	Language string           `gorm:"not null;default:'id'"`
	// Params is the JSON of NotificationParams.
	Params        string       `gorm:"not null;default:'{}'"`
	Digest        bool         `gorm:"not null;default:false"` // waits for the user's daily digest
	Status        OutboxStatus `gorm:"not null;default:'queued'"`
	Attempts      int          `gorm:"not null;default:0"`
	NextAttemptAt time.Time    `gorm:"not null"`
	LeaseOwner    string       `gorm:"not null;default:''"`
	LeaseUntil    *time.Time
	LastError     string `gorm:"not null;default:''"`
	DigestID      *uint  // the digest that carried it
	CreatedAt     time.Time
	SentAt        *time.Time
}

// Parameters decodes what the message says.
func (m OutboxMessage) Parameters() NotificationParams {
	var p NotificationParams
	_ = json.Unmarshal([]byte(m.Params), &p) // written by notify from the same type
	return p
}

// recipient is a user a notification goes to.
type recipient struct {
	ID       uint
	Email    string
	Name     string
	Language string
	// choice is how the user takes the kind being sent, when the query that found them
	// read it with them (recipientsOf); nil when it did not, and notify reads it.
	choice *Delivery
}

// notify queues a notification of kind for each recipient in the write transaction tx,
// so that it exists exactly when the step that causes it does. eventKey names the step
// and its object: a recipient gets one message per key, whatever retries happen. A user
// who turned the kind off gets none; one who chose the digest gets it there.
func (tx *Store) notify(kind NotificationKind, eventKey string, to []recipient, p NotificationParams) error {
	_, err := tx.notifyCounted(kind, eventKey, to, p)
	return err
}

// notifyCounted is notify, reporting how many messages it added (none for recipients the
// key has notified before).
func (tx *Store) notifyCounted(kind NotificationKind, eventKey string, to []recipient, p NotificationParams) (int, error) {
	if len(to) == 0 {
		return 0, nil
	}
	choices := map[uint]Delivery{}
	if !kind.Required() {
		var unread []uint // recipients whose choice came without them
		for _, r := range to {
			if r.choice == nil {
				unread = append(unread, r.ID)
			} else if *r.choice != "" {
				choices[r.ID] = *r.choice
			}
		}
		if len(unread) > 0 {
			var prefs []NotificationPreference
			if err := tx.db.Where("kind = ? AND user_id IN ?", kind, unread).Find(&prefs).Error; err != nil {
				return 0, err
			}
			for _, pr := range prefs {
				choices[pr.UserID] = pr.Delivery
			}
		}
	}
	if p.At.IsZero() {
		p.At = tx.Now()
	}
	params, err := json.Marshal(p)
	if err != nil {
		return 0, err
	}
	now := tx.Now()
	var rows []OutboxMessage
	seen := map[uint]bool{}
	for _, r := range to {
		if seen[r.ID] || choices[r.ID] == DeliveryOff {
			continue
		}
		seen[r.ID] = true
		rows = append(rows, OutboxMessage{
			EventKey: eventKey, Kind: kind, UserID: r.ID, Email: r.Email, Name: r.Name, Language: languageOr(r.Language),
			Params: string(params), Digest: choices[r.ID] == DeliveryDigest, Status: OutboxQueued, NextAttemptAt: now, CreatedAt: now,
		})
	}
	return tx.insertOutbox(rows)
}

// outboxBatch bounds the messages one insert writes (PostgreSQL takes at most 65,535
// parameters in a statement).
const outboxBatch = 1000

// insertOutbox queues messages, leaving out those whose key their recipient has had
// before, and says how many it queued. The statement returns nothing (no caller needs the
// IDs); the columns it leaves out take their defaults, a new message's zero values.
func (tx *Store) insertOutbox(rows []OutboxMessage) (int, error) {
	added := 0
	for from := 0; from < len(rows); from += outboxBatch {
		batch := rows[from:min(from+outboxBatch, len(rows))]
		args := make([]any, 0, 11*len(batch))
		for i := range batch {
			m := &batch[i]
			args = append(args, m.EventKey, m.Kind, m.UserID, m.Email, m.Name, m.Language, m.Params, m.Digest, m.Status, m.NextAttemptAt, m.CreatedAt)
		}
		res := tx.w.Exec("INSERT INTO outbox_messages (event_key, kind, user_id, email, name, language, params, digest, status, next_attempt_at, created_at) VALUES "+
			valuesRows(len(batch), 11)+" ON CONFLICT DO NOTHING", args...)
		if res.Error != nil {
			return added, res.Error
		}
		added += int(res.RowsAffected)
	}
	return added, nil
}

func languageOr(l string) string {
	if l == "" {
		return "id"
	}
	return l
}

// recipientsOf are the users the condition on users selects, in the order of their IDs,
// each with their choice for kind: one query where notify would otherwise make a second.
func (tx *Store) recipientsOf(kind NotificationKind, where string, args ...any) ([]recipient, error) {
	rows, err := tx.db.Raw("SELECT users.id, users.email, users.name, users.language, COALESCE(notification_preferences.delivery, '') FROM users "+
		"LEFT JOIN notification_preferences ON notification_preferences.user_id = users.id AND notification_preferences.kind = ? "+
		"WHERE "+where+" ORDER BY users.id", append([]any{kind}, args...)...).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var to []recipient
	for rows.Next() {
		var r recipient
		var choice Delivery
		if err := rows.Scan(&r.ID, &r.Email, &r.Name, &r.Language, &choice); err != nil {
			return nil, err
		}
		r.choice = &choice
		to = append(to, r)
	}
	return to, rows.Err()
}

// delegatesOf are the active delegates of the regions.
func (tx *Store) delegatesOf(regions ...string) ([]recipient, error) {
	var to []recipient
	err := tx.db.Model(&User{}).Select("id, email, name, language").
		Where("role = ? AND active = ? AND region_code IN ?", RoleDelegate, true, regions).Order("id").Scan(&to).Error
	return to, err
}

// staffRecipients are the active officials and administrators.
func (tx *Store) staffRecipients() ([]recipient, error) {
	var to []recipient
	err := tx.db.Model(&User{}).Select("id, email, name, language").
		Where("role IN ? AND active = ?", []Role{RoleOfficial, RoleAdmin}, true).Order("id").Scan(&to).Error
	return to, err
}

// userRecipient is one account, active or not (an invitation goes to an account that
// cannot sign in yet).
func (tx *Store) userRecipient(id uint) ([]recipient, error) {
	var to []recipient
	err := tx.db.Model(&User{}).Select("id, email, name, language").Where("id = ?", id).Scan(&to).Error
	return to, err
}

// agreementParams is what notifications about an agreement say of it.
func agreementParams(a *Agreement) NotificationParams {
	return NotificationParams{AgreementID: a.ID, Number: a.Number, Title: a.DisplayTitle()}
}

// notifyParties queues kind for the delegates of every party of a.
func (tx *Store) notifyParties(kind NotificationKind, eventKey string, a *Agreement, p NotificationParams) error {
	regions := make([]string, 0, len(a.Parties))
	for _, party := range a.Parties {
		regions = append(regions, party.RegionCode)
	}
	to, err := tx.recipientsOf(kind, "users.role = ? AND users.active = ? AND users.region_code IN ?", RoleDelegate, true, regions)
	if err != nil {
		return err
	}
	return tx.notify(kind, eventKey, to, p)
}

// notifyStaff queues kind for every official.
func (tx *Store) notifyStaff(kind NotificationKind, eventKey string, p NotificationParams) error {
	to, err := tx.recipientsOf(kind, "users.role IN ? AND users.active = ?", []Role{RoleOfficial, RoleAdmin}, true)
	if err != nil {
		return err
	}
	return tx.notify(kind, eventKey, to, p)
}

// notifyUser queues kind for one account.
func (tx *Store) notifyUser(kind NotificationKind, eventKey string, userID uint, p NotificationParams) error {
	to, err := tx.userRecipient(userID)
	if err != nil {
		return err
	}
	return tx.notify(kind, eventKey, to, p)
}

// regionName is a region's name by code, or the code.
func (tx *Store) regionName(code string) (string, error) {
	var names []string
	if err := tx.db.Model(&Region{}).Where("code = ?", code).Limit(1).Pluck("name", &names).Error; err != nil {
		return "", err
	}
	if len(names) == 0 {
		return code, nil
	}
	return names[0], nil
}

// NotificationPreferences returns a user's choice for every optional kind their role may
// receive (DeliveryImmediate where they chose nothing).
func (s *Store) NotificationPreferences(ctx context.Context, u *User) (map[NotificationKind]Delivery, error) {
	out := map[NotificationKind]Delivery{}
	for _, k := range NotificationsFor(u.Role) {
		out[k] = DeliveryImmediate
	}
	var prefs []NotificationPreference
	if err := s.db.WithContext(ctx).Where("user_id = ?", u.ID).Find(&prefs).Error; err != nil {
		return nil, fmt.Errorf("models: notification preferences: %w", err)
	}
	for _, p := range prefs {
		if _, offered := out[p.Kind]; offered {
			out[p.Kind] = p.Delivery
		}
	}
	return out, nil
}

// AccountSettingsInput is what a user sets for themself on their account page: the
// language of the portal and of their mail, and how each optional notification comes.
type AccountSettingsInput struct {
	Language      string
	Notifications map[NotificationKind]Delivery
}

// SaveAccountSettings stores a signed-in user's own language and notification choices.
func (s *Store) SaveAccountSettings(ctx context.Context, actor Actor, in AccountSettingsInput) error {
	if actor.User == nil || !actor.User.Active {
		return fmt.Errorf("models: account settings: %w", ErrForbidden)
	}
	u := actor.User
	v := &ValidationError{}
	if in.Language != "id" && in.Language != "en" {
		v.Add("language", "error.invalid_choice") // form.FieldLanguage
	}
	offered := NotificationsFor(u.Role)
	for k, d := range in.Notifications {
		if !slices.Contains(offered, k) || !slices.Contains(Deliveries, d) {
			v.Add(k.SettingField(), "error.invalid_choice")
		}
	}
	if err := v.Err(); err != nil {
		return fmt.Errorf("models: account settings: %w", err)
	}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		if err := tx.w.Model(&User{}).Where("id = ?", u.ID).Update("language", in.Language).Error; err != nil {
			return err
		}
		for k, d := range in.Notifications {
			if err := tx.setPreference(u.ID, k, d); err != nil {
				return err
			}
		}
		return tx.audit(actor, auditStep{action: "user.settings", objectType: "user", objectID: u.ID, after: in})
	})
	if err != nil {
		return fmt.Errorf("models: account settings: %w", err)
	}
	return nil
}

// setPreference stores one choice (none for the default).
func (tx *Store) setPreference(userID uint, k NotificationKind, d Delivery) error {
	if err := tx.w.Where("user_id = ? AND kind = ?", userID, k).Delete(&NotificationPreference{}).Error; err != nil {
		return err
	}
	if d == DeliveryImmediate {
		return nil
	}
	return tx.w.Create(&NotificationPreference{UserID: userID, Kind: k, Delivery: d}).Error
}

// Unsubscribe turns an optional notification off for a user, from the link in a message
// (the caller has checked the link's signature: the user need not be signed in).
func (s *Store) Unsubscribe(ctx context.Context, userID uint, k NotificationKind) error {
	if k.Required() {
		return fmt.Errorf("models: unsubscribe %s: %w", k, ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		var u User
		if err := tx.db.Where("id = ?", userID).Limit(1).Find(&u).Error; err != nil {
			return err
		}
		if u.ID == 0 || !slices.Contains(NotificationsFor(u.Role), k) {
			return ErrNotFound
		}
		if err := tx.setPreference(userID, k, DeliveryOff); err != nil {
			return err
		}
		return tx.audit(Actor{User: &u, UserAgent: "unsubscribe link"}, auditStep{action: "user.unsubscribe", objectType: "user", objectID: userID, note: string(k)})
	})
	if err != nil {
		return fmt.Errorf("models: unsubscribe %s: %w", k, err)
	}
	return nil
}
