package models

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The outbox's worker side: claiming due messages under a lease, marking them sent or
// failed, and the jobs that queue reminders and digests. Every server runs a worker; the
// claim lets exactly one of them have each message (SKIP LOCKED on PostgreSQL, the single
// writer on SQLite).

// OutboxMaxAttempts is how many times a message is tried before it is given up.
const OutboxMaxAttempts = 8

// outboxBackoff is the wait after the nth failed attempt: 1, 2, 4 … minutes, at most six
// hours.
func outboxBackoff(attempt int) time.Duration {
	d := time.Duration(math.Pow(2, float64(max(attempt-1, 0)))) * time.Minute
	return min(d, 6*time.Hour)
}

// errInterrupted is the note on a message whose worker stopped while sending it.
const errInterrupted = "interrupted while sending: it may or may not have been delivered, so it is not sent again by itself; retry it if it was not received"

// ClaimOutbox takes up to limit due messages for the worker owner, under a lease until
// now+lease, and returns them. Messages whose lease ran out while they were being sent are
// first marked failed: the portal sends a message at most once, and leaves it to an
// official to send again one that may not have arrived.
func (s *Store) ClaimOutbox(ctx context.Context, owner string, lease time.Duration, limit int) ([]OutboxMessage, error) {
	// Most rounds find nothing to do: they ask with a read, and leave the single writer be.
	var work int64
	now := s.Now()
	if err := s.db.WithContext(ctx).Model(&OutboxMessage{}).
		Where("(status = ? AND digest = ? AND next_attempt_at <= ?) OR (status = ? AND lease_until < ?)", OutboxQueued, false, now, OutboxSending, now).
		Limit(1).Count(&work).Error; err != nil {
		return nil, fmt.Errorf("models: claim outbox: %w", err)
	}
	if work == 0 {
		return nil, nil
	}
	var claimed []OutboxMessage
	err := s.writeQuiet(ctx, func(tx *Store) error {
		claimed = nil // what a retried transaction claims is all that counts
		now := tx.Now()
		res := tx.w.Model(&OutboxMessage{}).Where("status = ? AND lease_until < ?", OutboxSending, now).
			Updates(map[string]any{"status": OutboxFailed, "last_error": errInterrupted, "lease_owner": "", "lease_until": nil})
		if res.Error != nil {
			return res.Error
		}
		tx.effects.quiet = res.RowsAffected == 0 // the dashboard counts failures
		due := tx.db.Model(&OutboxMessage{}).Select("id").
			Where("status = ? AND digest = ? AND next_attempt_at <= ?", OutboxQueued, false, now).Order("id").Limit(limit)
		if tx.engine == EnginePostgres {
			due = due.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate, Options: clause.LockingOptionsSkipLocked})
		}
		var ids []uint
		if err := due.Pluck("id", &ids).Error; err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		until := now.Add(lease)
		if err := tx.w.Model(&OutboxMessage{}).Where("id IN ? AND status = ?", ids, OutboxQueued).Updates(map[string]any{
			"status": OutboxSending, "lease_owner": owner, "lease_until": until, "attempts": gorm.Expr("attempts + 1"),
		}).Error; err != nil {
			return err
		}
		return tx.w.Where("id IN ? AND lease_owner = ? AND status = ?", ids, owner, OutboxSending).Order("id").Find(&claimed).Error
	})
	if err != nil {
		return nil, fmt.Errorf("models: claim outbox: %w", err)
	}
	return claimed, nil
}

// MarkSent records that the mail server accepted a message the worker owner claimed. An
// invitation's secret leaves the outbox with it.
func (s *Store) MarkSent(ctx context.Context, owner string, id uint) error {
	err := s.writeQuiet(ctx, func(tx *Store) error {
		var m OutboxMessage
		if err := tx.db.Where("id = ?", id).Limit(1).Find(&m).Error; err != nil {
			return err
		}
		if m.ID == 0 || m.Status != OutboxSending || m.LeaseOwner != owner {
			return ErrChanged // the lease ran out and the message was handled elsewhere
		}
		p := m.Parameters()
		p.Token = ""
		params, err := json.Marshal(p)
		if err != nil {
			return err
		}
		now := tx.Now()
		return tx.w.Model(&OutboxMessage{}).Where("id = ?", id).Updates(map[string]any{
			"status": OutboxSent, "sent_at": now, "lease_owner": "", "lease_until": nil, "last_error": "", "params": string(params),
		}).Error
	})
	if err != nil {
		return fmt.Errorf("models: mark message %d sent: %w", id, err)
	}
	return nil
}

// MarkFailed records a failed attempt at a message the worker owner claimed: tried again
// after a growing wait, or given up when the failure is permanent or the attempts are
// spent. It returns the status the message is left in.
func (s *Store) MarkFailed(ctx context.Context, owner string, id uint, cause string, permanent bool) (OutboxStatus, error) {
	var status OutboxStatus
	err := s.writeQuiet(ctx, func(tx *Store) error {
		status = OutboxQueued
		var m OutboxMessage
		if err := tx.db.Where("id = ?", id).Limit(1).Find(&m).Error; err != nil {
			return err
		}
		if m.ID == 0 || m.Status != OutboxSending || m.LeaseOwner != owner {
			return ErrChanged
		}
		if permanent || m.Attempts >= OutboxMaxAttempts {
			status = OutboxFailed
			tx.effects.quiet = false // the dashboard counts failures
		}
		return tx.w.Model(&OutboxMessage{}).Where("id = ?", id).Updates(map[string]any{
			"status": status, "last_error": truncate(cause, 1000), "lease_owner": "", "lease_until": nil,
			"next_attempt_at": tx.Now().Add(outboxBackoff(m.Attempts)),
		}).Error
	})
	if err != nil {
		return "", fmt.Errorf("models: mark message %d failed: %w", id, err)
	}
	return status, nil
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// RetryMessage queues a failed message again, now, with its attempts counted afresh.
// Officials only.
func (s *Store) RetryMessage(ctx context.Context, actor Actor, id uint) error {
	if !actor.IsStaff() {
		return fmt.Errorf("models: retry message %d: %w", id, ErrForbidden)
	}
	err := s.write(ctx, func(tx *Store) error {
		tx.effects.private = true
		res := tx.w.Model(&OutboxMessage{}).Where("id = ? AND status = ?", id, OutboxFailed).Updates(map[string]any{
			"status": OutboxQueued, "attempts": 0, "next_attempt_at": tx.Now(), "last_error": "",
		})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrChanged
		}
		return tx.audit(actor, auditStep{action: "outbox.retry", objectType: "outbox_message", objectID: id})
	})
	if err != nil {
		return fmt.Errorf("models: retry message %d: %w", id, err)
	}
	return nil
}

// OutboxFilter narrows the outbox page.
type OutboxFilter struct {
	Status OutboxStatus // "" for all
	Page   int          // from 1
}

// OutboxPage is one page of the outbox, newest first, with the count per status.
type OutboxPage struct {
	Messages []OutboxMessage
	Total    int64
	Counts   map[OutboxStatus]int64
}

// Outbox lists messages for officials.
func (s *Store) Outbox(ctx context.Context, actor Actor, f OutboxFilter, perPage int) (OutboxPage, error) {
	if !actor.IsStaff() {
		return OutboxPage{}, fmt.Errorf("models: outbox: %w", ErrForbidden)
	}
	db := s.db.WithContext(ctx)
	out := OutboxPage{Counts: map[OutboxStatus]int64{}}
	var counts []struct {
		Status OutboxStatus
		N      int64
	}
	if err := db.Model(&OutboxMessage{}).Select("status, COUNT(*) AS n").Group("status").Scan(&counts).Error; err != nil {
		return OutboxPage{}, fmt.Errorf("models: outbox: %w", err)
	}
	for _, c := range counts {
		out.Counts[c.Status] = c.N
		if f.Status == "" || f.Status == c.Status {
			out.Total += c.N
		}
	}
	q := db.Model(&OutboxMessage{})
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	page := max(f.Page, 1)
	if err := q.Order("id DESC").Limit(perPage).Offset((page - 1) * perPage).Find(&out.Messages).Error; err != nil {
		return OutboxPage{}, fmt.Errorf("models: outbox: %w", err)
	}
	return out, nil
}

// OutboxMessageByID returns one message, for officials (the outbox page's view of it).
func (s *Store) OutboxMessageByID(ctx context.Context, actor Actor, id uint) (OutboxMessage, error) {
	if !actor.IsStaff() {
		return OutboxMessage{}, fmt.Errorf("models: outbox message %d: %w", id, ErrForbidden)
	}
	var m OutboxMessage
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&m).Error; err != nil {
		return OutboxMessage{}, fmt.Errorf("models: outbox message %d: %w", id, err)
	}
	if m.ID == 0 {
		return OutboxMessage{}, fmt.Errorf("models: outbox message %d: %w", id, ErrNotFound)
	}
	return m, nil
}

// DigestItems returns the messages a digest gathers, oldest first.
func (s *Store) DigestItems(ctx context.Context, digest OutboxMessage) ([]OutboxMessage, error) {
	var items []OutboxMessage
	err := s.db.WithContext(ctx).Where("digest_id = ?", digest.ID).Order("id").Find(&items).Error
	if err != nil {
		return nil, fmt.Errorf("models: digest %d: %w", digest.ID, err)
	}
	return items, nil
}

// OutboxFailures counts the messages given up, for the officials' dashboard.
func (s *Store) OutboxFailures(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&OutboxMessage{}).Where("status = ?", OutboxFailed).Count(&n).Error
	if err != nil {
		return 0, fmt.Errorf("models: outbox failures: %w", err)
	}
	return n, nil
}

// DigestHour is the hour of the day (in Jakarta) when the daily digests are made.
const DigestHour = 7

// QueueDigests gathers, once a day from DigestHour on, each user's waiting digest items
// into one message. It returns how many digests it queued.
func (s *Store) QueueDigests(ctx context.Context) (int, error) {
	local := s.now().In(Jakarta)
	if local.Hour() < DigestHour {
		return 0, nil
	}
	day := local.Format("2006-01-02")
	// Whose digest is due is found by reading: after the day's digests are made, the
	// rounds until midnight find nothing new and write nothing.
	db := s.db.WithContext(ctx)
	var users []uint
	if err := db.Model(&OutboxMessage{}).Where("status = ? AND digest = ?", OutboxQueued, true).
		Distinct("user_id").Order("user_id").Pluck("user_id", &users).Error; err != nil {
		return 0, fmt.Errorf("models: queue digests: %w", err)
	}
	keys := make([]string, len(users))
	for i, uid := range users {
		keys[i] = fmt.Sprintf("digest:%d:%s", uid, day)
	}
	made, err := queuedKeys(db, keys)
	if err != nil {
		return 0, fmt.Errorf("models: queue digests: %w", err)
	}
	var due []int
	for i := range users {
		if !made[keys[i]] { // a made digest: what came since waits for tomorrow's
			due = append(due, i)
		}
	}
	if len(due) == 0 {
		return 0, nil
	}
	queued := 0
	err = s.writeQuiet(ctx, func(tx *Store) error {
		queued = 0 // a retried transaction counts again
		for _, i := range due {
			uid, key := users[i], keys[i]
			var ids []uint
			if err := tx.db.Model(&OutboxMessage{}).Where("status = ? AND digest = ? AND user_id = ?", OutboxQueued, true, uid).
				Order("id").Pluck("id", &ids).Error; err != nil {
				return err
			}
			to, err := tx.userRecipient(uid)
			if err != nil {
				return err
			}
			n, err := tx.notifyCounted(NotifyDigest, key, to, NotificationParams{Items: ids})
			if err != nil {
				return err
			}
			if n == 0 {
				continue // another server made it meanwhile
			}
			var digest OutboxMessage
			if err := tx.db.Where("event_key = ? AND user_id = ?", key, uid).Limit(1).Find(&digest).Error; err != nil {
				return err
			}
			if err := tx.w.Model(&OutboxMessage{}).Where("id IN ?", ids).
				Updates(map[string]any{"status": OutboxDigested, "digest_id": digest.ID}).Error; err != nil {
				return err
			}
			queued++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("models: queue digests: %w", err)
	}
	return queued, nil
}

// ReminderPolicy says when reminders go out.
type ReminderPolicy struct {
	// PendingAfter is how long an answer may be pending before its region's delegates are
	// reminded; Every is how often after that.
	PendingAfter, Every time.Duration
}

// DefaultReminders reminds after seven days and every seven days after.
var DefaultReminders = ReminderPolicy{PendingAfter: 7 * 24 * time.Hour, Every: 7 * 24 * time.Hour}

// endingWarnings are the months before its end at which the officials are told an
// agreement ends, nearest last.
var endingWarnings = []int{6, 3, 1}

// QueueReminders queues what is due by the clock: a reminder to the delegates of every
// region whose answer has been pending for policy.PendingAfter (and every policy.Every
// after), and a warning to the officials when a signed agreement comes within 6, 3 and 1
// months of its end, and a reminder to the delegates of a region of its open activities
// due within two weeks or overdue (dueActivityReminders). Each is queued once (its event key counts the steps), so the job can
// run as often as it likes, on any number of servers. What is due is found by reading, and
// what was queued before is left out by its key, so a round that finds nothing new (most
// of them) writes nothing. It returns how many messages it queued.
func (s *Store) QueueReminders(ctx context.Context, policy ReminderPolicy) (int, error) {
	if policy.PendingAfter <= 0 || policy.Every <= 0 {
		policy = DefaultReminders
	}
	db := s.db.WithContext(ctx)
	now := s.Now()
	reminders, err := dueReminders(db, now, policy)
	if err != nil {
		return 0, fmt.Errorf("models: queue reminders: %w", err)
	}
	endings, err := dueEndingWarnings(db, s.Today())
	if err != nil {
		return 0, fmt.Errorf("models: queue reminders: %w", err)
	}
	activities, err := dueActivityReminders(db, now, s.Today()) // monitoring_notify.go
	if err != nil {
		return 0, fmt.Errorf("models: queue reminders: %w", err)
	}
	if len(reminders) == 0 && len(endings) == 0 && len(activities) == 0 {
		return 0, nil
	}
	queued := 0
	err = s.writeQuiet(ctx, func(tx *Store) error {
		queued = 0 // a retried transaction counts again
		n, err := tx.queueActivityReminders(activities)
		if err != nil {
			return err
		}
		queued += n
		for _, r := range reminders {
			n, err := tx.notifyCounted(NotifyReminder, r.key, r.to, r.params)
			if err != nil {
				return err
			}
			queued += n
		}
		if len(endings) == 0 {
			return nil
		}
		staff, err := tx.staffRecipients()
		if err != nil {
			return err
		}
		for _, e := range endings {
			n, err := tx.notifyCounted(NotifyEnding, e.key, staff, e.params)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("models: queue reminders: %w", err)
	}
	return queued, nil
}

// dueNotice is a notification the clock has made due: its key, what it says and to whom.
type dueNotice struct {
	key    string
	params NotificationParams
	to     []recipient
}

// dueReminders are the reminders due now that were not queued before, each with the
// delegates of its region (a region without delegates has no one to remind).
func dueReminders(db *gorm.DB, now time.Time, policy ReminderPolicy) ([]dueNotice, error) {
	var pending []struct {
		PartyID, AgreementID, VersionID uint
		RegionCode, RegionName          string
		Version                         int
		ContentHash                     string
		SentAt                          time.Time
		Number, Title, ShortTitle       string
	}
	err := db.Table("parties").
		Select("parties.id AS party_id, parties.agreement_id, parties.region_code, regions.name AS region_name, "+
			"agreement_versions.id AS version_id, agreement_versions.number AS version, agreement_versions.content_hash, agreement_versions.created_at AS sent_at, "+
			"agreements.number, agreements.title, agreements.short_title").
		Joins("JOIN agreements ON agreements.id = parties.agreement_id").
		Joins("JOIN agreement_versions ON agreement_versions.id = agreements.current_version_id").
		Joins("LEFT JOIN regions ON regions.code = parties.region_code").
		Where("agreements.status = ? AND parties.status = ? AND agreement_versions.created_at <= ?", StatusInReview, SignOffPending, now.Add(-policy.PendingAfter)).
		Order("parties.id").Scan(&pending).Error
	if err != nil || len(pending) == 0 {
		return nil, err
	}
	keys := make([]string, len(pending))
	for i, p := range pending {
		step := int((now.Sub(p.SentAt) - policy.PendingAfter) / policy.Every)
		keys[i] = fmt.Sprintf("party.reminder:%d:v%d:%d", p.PartyID, p.VersionID, step)
	}
	queued, err := queuedKeys(db, keys)
	if err != nil {
		return nil, err
	}
	var regions []string
	for i, p := range pending {
		if !queued[keys[i]] {
			regions = append(regions, p.RegionCode)
		}
	}
	if len(regions) == 0 {
		return nil, nil
	}
	byRegion, err := delegatesByRegion(db, regions)
	if err != nil {
		return nil, err
	}
	var due []dueNotice
	for i, p := range pending {
		to := byRegion[p.RegionCode]
		if queued[keys[i]] || len(to) == 0 {
			continue
		}
		params := agreementParams(&Agreement{ID: p.AgreementID, Number: p.Number, Title: p.Title, ShortTitle: p.ShortTitle})
		params.Version, params.ContentHash, params.RegionCode, params.RegionName = p.Version, p.ContentHash, p.RegionCode, cmp.Or(p.RegionName, p.RegionCode)
		params.PendingDays, params.At = int(now.Sub(p.SentAt)/(24*time.Hour)), now
		due = append(due, dueNotice{key: keys[i], params: params, to: to})
	}
	return due, nil
}

// dueEndingWarnings are the warnings due today that were not queued before: for each
// signed agreement within six months of its end, the nearest of the warnings it reached.
func dueEndingWarnings(db *gorm.DB, today time.Time) ([]dueNotice, error) {
	var ending []Agreement
	if err := db.Select("id, number, title, short_title, end_date").
		Where("status = ? AND end_date >= ? AND end_date <= ?", StatusSigned, today, today.AddDate(0, endingWarnings[0], 0)).
		Order("id").Find(&ending).Error; err != nil || len(ending) == 0 {
		return nil, err
	}
	var due []dueNotice
	var keys []string
	for i := range ending {
		a := &ending[i]
		months := 0
		for _, m := range endingWarnings {
			if !today.AddDate(0, m, 0).Before(a.EndDate) {
				months = m // the nearest warning reached
			}
		}
		if months == 0 {
			continue
		}
		end := a.EndDate
		key := fmt.Sprintf("agreement.ending:%d:%dm", a.ID, months)
		keys = append(keys, key)
		params := agreementParams(a)
		params.EndsOn, params.MonthsLeft = &end, months
		due = append(due, dueNotice{key: key, params: params})
	}
	queued, err := queuedKeys(db, keys)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(due, func(d dueNotice) bool { return queued[d.key] }), nil
}

// queuedKeys are the event keys among keys that have messages in the outbox.
func queuedKeys(db *gorm.DB, keys []string) (map[string]bool, error) {
	out := map[string]bool{}
	for start := 0; start < len(keys); start += 500 {
		var found []string
		if err := db.Model(&OutboxMessage{}).Where("event_key IN ?", keys[start:min(start+500, len(keys))]).
			Distinct("event_key").Pluck("event_key", &found).Error; err != nil {
			return nil, err
		}
		for _, k := range found {
			out[k] = true
		}
	}
	return out, nil
}

// delegatesByRegion reads the active delegates of the regions, as recipients by region.
func delegatesByRegion(db *gorm.DB, regions []string) (map[string][]recipient, error) {
	var delegates []struct {
		ID                                uint
		Email, Name, Language, RegionCode string
	}
	if err := db.Model(&User{}).Select("id, email, name, language, region_code").
		Where("role = ? AND active = ? AND region_code IN ?", RoleDelegate, true, regions).Order("id").Scan(&delegates).Error; err != nil {
		return nil, err
	}
	byRegion := map[string][]recipient{}
	for _, d := range delegates {
		byRegion[d.RegionCode] = append(byRegion[d.RegionCode], recipient{ID: d.ID, Email: d.Email, Name: d.Name, Language: d.Language})
	}
	return byRegion, nil
}
