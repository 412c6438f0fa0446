package notify

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"derap/internal/mail"
	"derap/models"
	"derap/views"
)

// Store is what composing a message reads besides the message.
type Store interface {
	DigestItems(ctx context.Context, digest models.OutboxMessage) ([]models.OutboxMessage, error)
	BureauContact(ctx context.Context) (models.BureauContact, error)
}

// Composer makes a message's mail: the same for the worker that sends it and the outbox
// page that shows it.
type Composer struct {
	Store  Store
	Base   *url.URL // the portal's address as people reach it (--base-url)
	Signer *Signer
}

// Compose renders m in its recipient's language with every link absolute, and the mail
// that carries it: a stable Message-ID (a resend is recognisably the same message) and,
// for an optional notification, the one-click unsubscribe headers of RFC 8058.
func (c *Composer) Compose(ctx context.Context, m models.OutboxMessage) (views.Email, mail.Message, error) {
	base := strings.TrimSuffix(c.Base.String(), "/")
	d := views.EmailData{Base: base}
	if !m.Kind.Required() {
		d.Unsubscribe = base + string(views.UnsubscribeURL(c.Signer.Token(m.UserID, m.Kind)))
	}
	if m.Kind == models.NotifyDigest {
		items, err := c.Store.DigestItems(ctx, m)
		if err != nil {
			return views.Email{}, mail.Message{}, err
		}
		d.Items = items
	}
	if b, err := c.Store.BureauContact(ctx); err == nil {
		d.Bureau = &b
	}
	e, err := views.RenderEmail(ctx, m, d)
	if err != nil {
		return views.Email{}, mail.Message{}, fmt.Errorf("notify: render message %d: %w", m.ID, err)
	}
	msg := mail.Message{
		To: m.Email, ToName: m.Name, Subject: e.Subject, Text: e.Text, HTML: e.HTML,
		MessageID: fmt.Sprintf("outbox-%d@%s", m.ID, c.Base.Hostname()),
		Date:      m.CreatedAt,
		Headers:   map[string]string{"Auto-Submitted": "auto-generated"},
	}
	if d.Unsubscribe != "" {
		msg.Headers["List-Unsubscribe"] = "<" + d.Unsubscribe + ">"
		msg.Headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	return e, msg, nil
}
