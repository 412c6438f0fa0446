package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"derap/internal/mail"
	"derap/models"
)

// Worker sends the outbox. Every server runs one; the claim in the database gives each
// message to one of them. Without a Sender (no SMTP configured) it still queues reminders
// and digests, and the messages wait in the outbox, readable on the outbox page.
type Worker struct {
	Composer
	Outbox    *models.Store // where messages are claimed and marked
	Sender    mail.Sender   // nil: nothing is sent
	Reminders models.ReminderPolicy
	Log       *slog.Logger
	// Lease is how long a claimed message is this worker's to send; Batch how many it
	// claims at once.
	Lease time.Duration
	Batch int
	owner string
}

// Owner names this worker in the leases it takes: host, process and a random part.
func (w *Worker) Owner() string {
	if w.owner == "" {
		host, _ := os.Hostname()
		b := make([]byte, 4)
		_, _ = rand.Read(b)
		w.owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
	}
	return w.owner
}

// RunOnce does one round: it queues the reminders and digests that are due by the store's
// clock, then sends every due message. It returns how many were sent.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	if _, err := w.Outbox.QueueReminders(ctx, w.Reminders); err != nil {
		return 0, err
	}
	if _, err := w.Outbox.QueueDigests(ctx); err != nil {
		return 0, err
	}
	if w.Sender == nil {
		return 0, nil
	}
	lease, batch := w.Lease, w.Batch
	if lease <= 0 {
		lease = 2 * time.Minute
	}
	if batch <= 0 {
		batch = 20
	}
	sent := 0
	for {
		claimed, err := w.Outbox.ClaimOutbox(ctx, w.Owner(), lease, batch)
		if err != nil {
			return sent, err
		}
		if len(claimed) == 0 {
			return sent, nil
		}
		for _, m := range claimed {
			ok, err := w.send(ctx, m, lease)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
}

// send sends one claimed message and records the outcome; it reports whether the mail
// server took it. An error is one of recording, which stops the round.
func (w *Worker) send(ctx context.Context, m models.OutboxMessage, lease time.Duration) (bool, error) {
	_, msg, err := w.Compose(ctx, m)
	permanent := true // a message that cannot be composed will not compose later either
	if err == nil {
		sendCtx, cancel := context.WithTimeout(ctx, lease/2)
		err = w.Sender.Send(sendCtx, msg)
		cancel()
		permanent = mail.IsPermanent(err)
	}
	if err == nil {
		if err := w.Outbox.MarkSent(ctx, w.Owner(), m.ID); err != nil && !errors.Is(err, models.ErrChanged) {
			return false, err
		}
		w.logger().Info("notification sent", "message", m.ID, "kind", m.Kind, "user", m.UserID)
		return true, nil
	}
	status, merr := w.Outbox.MarkFailed(ctx, w.Owner(), m.ID, err.Error(), permanent)
	if merr != nil && !errors.Is(merr, models.ErrChanged) {
		return false, merr
	}
	w.logger().Warn("notification not sent", "message", m.ID, "kind", m.Kind, "user", m.UserID, "status", status, "err", err)
	return false, nil
}

func (w *Worker) logger() *slog.Logger {
	if w.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return w.Log
}

// Run runs a round at once and then every interval until ctx ends. A failed round is
// logged and the next one tries again.
func (w *Worker) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := w.RunOnce(ctx); err != nil && ctx.Err() == nil {
			w.logger().Error("notifications: round failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
