package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
	"derap/views/i18n"
)

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes a page. It renders into a buffer first, so that a failure half-way
// becomes a clean error page rather than half a page with a 200.
func (h *Handler) render(c echo.Context, status int, page templ.Component) error {
	req := views.Request{
		Locale:    currentLocale(c),
		URL:       selfURL(c),
		BaseURL:   h.cfg.BaseURL,
		Today:     h.store.Today(),
		User:      currentUser(c),
		CSRFToken: csrfToken(c),
		Demo:      h.cfg.Demo,
	}
	req.Conflict, _ = c.Get(ctxConflict).(form.Conflict)
	// Every page's footer gives the bureau's contact. A page that cannot read it fails as
	// it would for its own data; an error page goes on without it.
	if bureau, err := h.bureauContact(c); err == nil {
		req.Bureau = &bureau
	} else if status < http.StatusBadRequest {
		return err
	}
	if done := c.QueryParam(doneParam); req.User != nil && done != "" && i18n.Has("flash."+done) {
		req.Flashes = []string{"flash." + done}
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := page.Render(views.WithRequest(c.Request().Context(), req), buf); err != nil {
		return err
	}
	// A page's language follows the cookie and Accept-Language.
	c.Response().Header().Add("Vary", "Cookie, Accept-Language")
	return sendHTML(c, status, buf.Bytes())
}

// sendHTML sends a rendered page, gzipped when the client takes that and the page is
// big enough to gain from it: every page an official or a delegate reads is rendered
// afresh, and a form page is ten times smaller gzipped. A page the page cache is
// taking goes to it plain; the cache compresses it once for every later reader.
func sendHTML(c echo.Context, status int, body []byte) error {
	c.Response().Header().Add("Vary", "Accept-Encoding")
	if _, caching := c.Response().Writer.(*bufferedResponse); caching || len(body) < minGzipSize || !acceptsGzip(c.Request()) {
		return c.HTMLBlob(status, body)
	}
	c.Response().Header().Set("Content-Encoding", "gzip")
	return c.Blob(status, echo.MIMETextHTMLCharsetUTF8, gzipped(body))
}

// minGzipSize is the smallest page worth compressing: below it, gzip's header and the
// time taken outweigh the bytes saved.
const minGzipSize = 1024

// redirectDone sends the user on after an action, with the message that says it is done
// (a "flash." catalog key): the message travels in the URL, so that no action costs a
// second write to keep it.
func (h *Handler) redirectDone(c echo.Context, target templ.SafeURL, flashKey string) error {
	u, err := url.Parse(string(target))
	if err != nil {
		return err
	}
	q := u.Query()
	q.Set(doneParam, strings.TrimPrefix(flashKey, "flash."))
	u.RawQuery = q.Encode()
	return c.Redirect(http.StatusSeeOther, u.String())
}

// doneParam carries the message of the action just done on the page it leads to.
const doneParam = "done"

// absoluteURL is a path of the portal as people reach it from outside, for a link shown
// to be copied (an invitation).
func (h *Handler) absoluteURL(path templ.SafeURL) string {
	ref, err := url.Parse(string(path))
	if err != nil {
		return string(path)
	}
	return h.cfg.BaseURL.ResolveReference(ref).String()
}

// renderRefusal shows a page again after a refused action, with the status the error
// table gives: gather builds the page, fill puts the alert, the errors by field and the
// input as submitted on it. An error no page shows (a 403, a 404, a failure) goes to the
// error page instead.
func renderRefusal[P any](h *Handler, c echo.Context, err error, gather func() (P, error), fill func(*P, problem), view func(P) templ.Component) error {
	refused, err := refusal(c, err)
	if err != nil {
		return err
	}
	page, err := gather()
	if err != nil {
		return err
	}
	fill(&page, refused)
	return h.render(c, refused.status, view(page))
}

// postRowForm handles a post of a form with rows (the draft, the event record): a change
// to the rows shows the form again; otherwise the form's Validate and save check and store
// it, and the user goes on to the record's page (next) with the message flash, or the form
// is shown again with the refusal, input kept. gather builds the form's page around the
// input; fill puts a refusal on it. A save on a record changed since the form was loaded
// shows the stored record's differences (stored reads it; see formConflict).
func postRowForm[F, In, Page any, P interface {
	*F
	ChangeRows() (bool, error)
	Validate() (In, error)
	revisioned
}](h *Handler, c echo.Context, parse func(url.Values) (F, error), gather func(F) (Page, error), fill func(*Page, problem),
	view func(Page) templ.Component, save func(In) (uint, error), stored func() (F, error), next func(uint) templ.SafeURL, flash string) error {
	values, err := formValues(c)
	if err != nil {
		return err
	}
	f, err := parse(values)
	if err != nil {
		return err
	}
	changed, err := P(&f).ChangeRows()
	if err != nil {
		return err
	}
	if changed {
		page, err := gather(f)
		if err != nil {
			return err
		}
		return h.render(c, http.StatusOK, view(page))
	}
	in, err := P(&f).Validate()
	var id uint
	if err == nil {
		id, err = save(in)
	}
	if errors.Is(err, models.ErrChanged) {
		theirs, err := stored()
		if err != nil {
			return err
		}
		formConflict(c, P(&f), P(&theirs))
		return renderRefusal(h, c, errChangedForm, func() (Page, error) { return gather(f) }, fill, view)
	}
	if err != nil {
		return renderRefusal(h, c, err, func() (Page, error) { return gather(f) }, fill, view)
	}
	h.log.Info("saved", "what", flash, "id", id, "by", currentUser(c).ID)
	return h.redirectDone(c, next(id), flash)
}

// revisioned is a form of a record with a revision: what formConflict needs of it.
type revisioned interface {
	Values() url.Values
	SetRevision(string)
}

// errChangedForm is a save refused because the record changed since its form was loaded:
// the page shows the input kept and the stored record's differences.
var errChangedForm = fmt.Errorf("%w: shown on the form", models.ErrChanged)

// formConflict prepares the form of a save refused because the record changed since it
// was loaded: every field where the stored record differs shows its stored value, and the
// form now carries the stored revision, so that saving again deliberately replaces the
// other person's change with the input kept.
func formConflict(c echo.Context, mine, stored revisioned) {
	theirs := stored.Values()
	c.Set(ctxConflict, form.Differences(mine.Values(), theirs))
	mine.SetRevision(theirs.Get(form.FieldRevision))
}
