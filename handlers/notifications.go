package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/views"
	"derap/views/form"
)

// The notifications' pages: the officials' outbox (what is, or would be, mailed), a user's
// own language and notification choices, and the unsubscribe link of a message.

// showOutbox lists the outbox's messages, filtered by status.
func (h *Handler) showOutbox(c echo.Context) error {
	filter, err := form.ParseOutboxFilter(c.QueryParams()).Validate()
	if err != nil {
		return err
	}
	out, err := h.store.Outbox(c.Request().Context(), actor(c), filter, h.cfg.PerPage)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.OutboxView(views.OutboxPage{Outbox: out, Filter: filter, PerPage: h.cfg.PerPage, MailConfigured: h.cfg.MailConfigured}))
}

// showOutboxMessage shows one message with its mail as composed for sending.
func (h *Handler) showOutboxMessage(c echo.Context) error {
	page, err := h.outboxMessagePage(c)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.OutboxMessageView(page))
}

func (h *Handler) outboxMessagePage(c echo.Context) (views.OutboxMessagePage, error) {
	id, err := idParam(c)
	if err != nil {
		return views.OutboxMessagePage{}, err
	}
	ctx := c.Request().Context()
	m, err := h.store.OutboxMessageByID(ctx, actor(c), id)
	if err != nil {
		return views.OutboxMessagePage{}, err
	}
	email, _, err := h.mail.Compose(ctx, m)
	if err != nil {
		return views.OutboxMessagePage{}, err
	}
	return views.OutboxMessagePage{Message: m, Email: email}, nil
}

// retryMessage queues a failed message again.
func (h *Handler) retryMessage(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	if err = h.store.RetryMessage(c.Request().Context(), actor(c), id); err == nil {
		h.log.Info("message queued again", "message", id, "user", currentUser(c).ID)
		return h.redirectDone(c, views.OutboxMessageURL(id), "flash.message_retried")
	}
	return renderRefusal(h, c, err, func() (views.OutboxMessagePage, error) { return h.outboxMessagePage(c) },
		func(p *views.OutboxMessagePage, refused problem) { p.Alert = refused.alert }, views.OutboxMessageView)
}

// accountPage is a user's account page with their settings as stored.
func (h *Handler) accountPage(c echo.Context) (views.AccountPage, error) {
	u := currentUser(c)
	prefs, err := h.store.NotificationPreferences(c.Request().Context(), u)
	if err != nil {
		return views.AccountPage{}, err
	}
	return views.AccountPage{Language: u.Language, Notifications: prefs}, nil
}

// saveAccountSettings stores the user's own language and notification choices; the
// portal then speaks their language on this browser too.
func (h *Handler) saveAccountSettings(c echo.Context) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f := form.ParseAccountSettings(values, currentUser(c).Role)
	in, err := f.Validate()
	if err == nil {
		err = h.store.SaveAccountSettings(c.Request().Context(), actor(c), in)
	}
	if err == nil {
		h.setLanguage(c, in.Language)
		return h.redirectDone(c, views.AccountURL(), "flash.preferences_saved")
	}
	return renderRefusal(h, c, err, func() (views.AccountPage, error) { return h.accountPage(c) },
		func(p *views.AccountPage, refused problem) {
			p.Alert, p.SettingsErrors = refused.alert, refused.fields
			p.Language, p.Notifications = f.Language, f.Notifications
		}, views.AccountView)
}

// showUnsubscribe asks whether to turn off the notification a message's link names. It
// changes nothing: mail scanners open links.
func (h *Handler) showUnsubscribe(c echo.Context) error {
	token := c.Param("token")
	_, kind, err := h.mail.Signer.Verify(token)
	if err != nil {
		return notFound
	}
	return h.render(c, http.StatusOK, views.UnsubscribeView(views.UnsubscribePage{Kind: kind, Token: token}))
}

// unsubscribe turns the notification off: the one-click POST of RFC 8058 from a mail
// program, or the button of the page above. The signed token is the authority; no session
// or CSRF token comes with a mail program's request.
func (h *Handler) unsubscribe(c echo.Context) error {
	token := c.Param("token")
	userID, kind, err := h.mail.Signer.Verify(token)
	if err != nil {
		return notFound
	}
	if err := h.store.Unsubscribe(c.Request().Context(), userID, kind); err != nil {
		return err
	}
	h.log.Info("notification turned off by its link", "user", userID, "kind", kind)
	return h.render(c, http.StatusOK, views.UnsubscribeView(views.UnsubscribePage{Kind: kind, Done: true}))
}
