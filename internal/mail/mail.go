// Package mail sends the portal's mail through an SMTP server. It keeps go-mail behind a
// small interface so that the rest of the portal speaks in messages (one recipient, a
// text body and its HTML alternative) and in one question about failures: will trying
// again ever help (IsPermanent)?
package mail

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	stdmail "net/mail"
	"net/textproto"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Message is one mail to one recipient. Sending to one person at a time keeps every
// recipient's address out of the others' mail and lets each delivery fail on its own.
type Message struct {
	To, ToName string
	Subject    string
	// Text is the plain text body. HTML, when not "", is sent as its alternative: mail
	// readers that cannot or will not show HTML still get a readable message.
	Text, HTML string
	// MessageID is without angle brackets, e.g. "outbox-12@portal.example". A stable ID
	// lets mail readers and servers recognise a resend as the same message; "" lets
	// go-mail make a random one.
	MessageID string
	// Date is when the message was written; the zero time means now.
	Date time.Time
	// Headers are extra header fields, e.g. List-Unsubscribe, List-Unsubscribe-Post or
	// Auto-Submitted. They cannot replace the fields that Send sets itself (From, To,
	// Subject, ...), so a caller cannot send a message that contradicts its envelope.
	Headers map[string]string
}

// Sender sends messages. The portal depends on this interface rather than on SMTP so
// that tests and installations without a mail server can do without one.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Config is how to reach the SMTP server. It is meant to come from one flag or
// environment variable (URL) plus the sender's address.
type Config struct {
	// URL is smtp://user:pass@host:port or smtps://user:pass@host:port, user and pass
	// URL-escaped. smtp:// speaks plain SMTP and upgrades with STARTTLS: ?tls=opportunistic
	// (the default) when the server offers it, ?tls=mandatory always (or fails),
	// ?tls=none never. smtps:// is TLS from the first byte. The port defaults to 587 for
	// smtp and 465 for smtps. Without a user no SMTP AUTH is attempted.
	URL string
	// From is "Name <addr>" or "addr"; required, since every message needs a sender.
	From string
	// ReplyTo is optional: where answers go when From is an address nobody reads.
	ReplyTo string
	// InsecureSkipVerify accepts any server certificate. It exists for tests against a
	// self-signed loopback server and must not be set in production.
	InsecureSkipVerify bool
	// Timeout bounds a connection's dial and each step of the conversation; 0 means 30s.
	Timeout time.Duration
}

// Default ports: 587 is the submission port (RFC 6409), 465 submission over implicit TLS
// (RFC 8314).
const (
	defaultSMTPPort  = 587
	defaultSMTPSPort = 465
	defaultTimeout   = 30 * time.Second
)

// redactedPassword replaces passwords in what is safe to log; the same mark as
// net/url.URL.Redacted.
const redactedPassword = "xxxxx"

// errInvalidMessage marks a message that no server will ever accept because it cannot
// even be written (a malformed recipient, header name or Message-ID): IsPermanent
// reports it, so that a queue does not retry it forever.
var errInvalidMessage = errors.New("mail: invalid message")

// SMTP is a Sender that delivers through one SMTP server, with a fresh connection per
// message: the portal sends little mail, and a connection per message needs no pool,
// no keep-alive and no recovery from a connection the server dropped while idle.
type SMTP struct {
	host        string
	port        int
	implicitTLS bool
	policy      gomail.TLSPolicy
	auth        gomail.SMTPAuthType // "" for no SMTP AUTH
	user, pass  string
	from        *stdmail.Address
	replyTo     *stdmail.Address // nil for none
	tlsConfig   *tls.Config
	timeout     time.Duration
}

var _ Sender = (*SMTP)(nil)

// NewSMTP checks the configuration once, up front, so that a typo shows when the portal
// starts rather than as a failed message later.
func NewSMTP(c Config) (*SMTP, error) {
	if c.URL == "" {
		return nil, errors.New("mail: URL is required")
	}
	u, err := url.Parse(c.URL)
	if err != nil {
		// The parser's error quotes the URL, or a piece of it, and with a user in it that
		// may be the password (an unescaped "/" or "#" in it moves the password into the
		// host or port). Only a URL without userinfo is safe to quote.
		if strings.Contains(c.URL, "@") {
			return nil, fmt.Errorf("mail: URL %s cannot be parsed (user and password must be URL-escaped)", Redacted(c.URL))
		}
		return nil, fmt.Errorf("mail: URL: %w", err)
	}
	if u.User == nil && strings.Contains(c.URL, "@") {
		// An "@" outside the userinfo is a password that was not escaped (its "/" or
		// "#" ended the host early) or a URL without "scheme://": the rest of the URL
		// must not be quoted in errors.
		return nil, fmt.Errorf("mail: URL %s is not smtp[s]://user:pass@host:port (user and password must be URL-escaped)", Redacted(c.URL))
	}
	shown := Redacted(c.URL)
	s := &SMTP{timeout: c.Timeout}
	switch u.Scheme {
	case "smtp":
		s.port = defaultSMTPPort
	case "smtps":
		s.port = defaultSMTPSPort
		s.implicitTLS = true
	default:
		return nil, fmt.Errorf("mail: URL %s: scheme must be smtp or smtps, not %q", shown, u.Scheme)
	}
	if u.Opaque != "" {
		return nil, fmt.Errorf("mail: URL %s: must look like %s://host:port", shown, u.Scheme)
	}
	s.host = u.Hostname()
	if s.host == "" {
		return nil, fmt.Errorf("mail: URL %s has no host", shown)
	}
	if p := u.Port(); p != "" {
		s.port, err = strconv.Atoi(p)
		if err != nil || s.port < 1 || s.port > 65535 {
			return nil, fmt.Errorf("mail: URL %s: port %q is not between 1 and 65535", shown, p)
		}
	}
	if u.Path != "" && u.Path != "/" {
		return nil, fmt.Errorf("mail: URL %s: unexpected path %q", shown, u.Path)
	}
	if u.Fragment != "" {
		return nil, fmt.Errorf("mail: URL %s: unexpected #fragment (an unescaped # in the password?)", shown)
	}
	if err := s.parseQuery(u, shown); err != nil {
		return nil, err
	}
	if u.User != nil {
		s.user = u.User.Username()
		s.pass, _ = u.User.Password()
		if s.user == "" && s.pass != "" {
			return nil, fmt.Errorf("mail: URL %s has a password but no user", shown)
		}
	}
	if s.user != "" {
		s.auth = gomail.SMTPAuthPlain
		if s.policy == gomail.NoTLS {
			// go-mail refuses PLAIN over a connection without TLS unless the host is
			// localhost, 127.0.0.1 or ::1. ?tls=none says the operator knowingly sends
			// in clear text (a relay on a private network), so allow it then, and only
			// then: with opportunistic STARTTLS a server that stops offering TLS must not
			// receive the password in clear.
			s.auth = gomail.SMTPAuthPlainNoEnc
		}
	}

	if c.From == "" {
		return nil, errors.New("mail: From is required")
	}
	if s.from, err = stdmail.ParseAddress(c.From); err != nil {
		return nil, fmt.Errorf("mail: From %q is not an address: %w", c.From, err)
	}
	if c.ReplyTo != "" {
		if s.replyTo, err = stdmail.ParseAddress(c.ReplyTo); err != nil {
			return nil, fmt.Errorf("mail: ReplyTo %q is not an address: %w", c.ReplyTo, err)
		}
	}
	switch {
	case s.timeout < 0:
		return nil, fmt.Errorf("mail: Timeout %v is negative", s.timeout)
	case s.timeout == 0:
		s.timeout = defaultTimeout
	}
	s.tlsConfig = &tls.Config{
		ServerName:         s.host,
		MinVersion:         tls.VersionTLS12,
		InsecureSkipVerify: c.InsecureSkipVerify, //nolint:gosec // only set by tests, see Config
	}
	return s, nil
}

// parseQuery reads the URL's parameters. Unknown ones are errors: a misspelt ?tsl=none
// silently ignored would leave TLS at its default.
func (s *SMTP) parseQuery(u *url.URL, shown string) error {
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fmt.Errorf("mail: URL %s: query: %w", shown, err)
	}
	for k := range q {
		if k != "tls" {
			return fmt.Errorf("mail: URL %s: unknown parameter %q (only tls is known)", shown, k)
		}
	}
	if len(q["tls"]) > 1 {
		return fmt.Errorf("mail: URL %s: tls is given more than once", shown)
	}
	mode := q.Get("tls")
	if s.implicitTLS {
		if mode != "" && mode != "mandatory" {
			return fmt.Errorf("mail: URL %s: smtps is always TLS, tls=%s does not apply", shown, mode)
		}
		s.policy = gomail.NoTLS // no STARTTLS inside a connection that is TLS already
		return nil
	}
	switch mode {
	case "", "opportunistic":
		s.policy = gomail.TLSOpportunistic
	case "mandatory":
		s.policy = gomail.TLSMandatory
	case "none":
		s.policy = gomail.NoTLS
	default:
		return fmt.Errorf("mail: URL %s: tls=%q is not one of opportunistic, mandatory, none", shown, mode)
	}
	return nil
}

// Send delivers m over a connection of its own. ctx bounds the whole delivery, not only
// the dial: when it ends, the connection is closed and Send returns.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := s.compose(m)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mail: send: %w", err)
	}
	d := &dialer{s: s}
	client, err := gomail.NewClient(s.host, s.clientOptions(d)...)
	if err != nil {
		return s.redact(fmt.Errorf("mail: smtp client: %w", err))
	}
	// go-mail bounds only the dial by ctx; closing the connection when ctx ends is what
	// interrupts a server that stalls in the middle of the conversation.
	stop := context.AfterFunc(ctx, d.close)
	err = client.DialAndSendWithContext(ctx, msg)
	stop()
	// go-mail leaves the connection open when STARTTLS or AUTH fails; after a
	// successful QUIT this is a no-op.
	d.close()
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			err = fmt.Errorf("%w (%w)", ctxErr, err)
		}
		return s.redact(fmt.Errorf("mail: send to %s: %w", msg.GetTo()[0].Address, err))
	}
	return nil
}

func (s *SMTP) clientOptions(d *dialer) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.port),
		gomail.WithTimeout(s.timeout),
		gomail.WithTLSConfig(s.tlsConfig),
		gomail.WithTLSPolicy(s.policy),
		gomail.WithDialContextFunc(d.dial),
	}
	if s.implicitTLS {
		// With our own dialer go-mail does not dial TLS itself, but it still needs to
		// know so that it does not try STARTTLS.
		opts = append(opts, gomail.WithSSL())
	}
	if s.auth != "" {
		opts = append(opts,
			gomail.WithSMTPAuth(s.auth),
			gomail.WithUsername(s.user),
			gomail.WithPassword(s.pass),
		)
	}
	return opts
}

// reservedHeaders are the fields Send writes from Message and Config, or that describe
// the body go-mail writes; setting them through Headers would duplicate or contradict
// them.
var reservedHeaders = map[string]bool{
	"From": true, "Sender": true, "To": true, "Cc": true, "Bcc": true, "Reply-To": true,
	"Subject": true, "Date": true, "Message-Id": true, "Mime-Version": true,
	"Content-Type": true, "Content-Transfer-Encoding": true,
}

// compose turns m into a go-mail message, refusing what would make a malformed mail.
func (s *SMTP) compose(m Message) (*gomail.Msg, error) {
	if m.To == "" {
		return nil, fmt.Errorf("%w: no recipient", errInvalidMessage)
	}
	to, err := stdmail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("%w: recipient %q: %w", errInvalidMessage, m.To, err)
	}
	if m.ToName != "" {
		to.Name = m.ToName
	}
	// No User-Agent: it would only advertise the library and its version.
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	msg.ToMailAddress(to)
	if s.replyTo != nil {
		msg.ReplyToMailAddress(s.replyTo)
	}
	msg.Subject(m.Subject)
	if !m.Date.IsZero() {
		msg.SetDateWithValue(m.Date)
	}
	if m.MessageID != "" {
		id := strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), ">")
		if !validMessageID(id) {
			return nil, fmt.Errorf("%w: Message-ID %q", errInvalidMessage, m.MessageID)
		}
		msg.SetMessageIDWithValue(id)
	}
	names := make([]string, 0, len(m.Headers))
	for name := range m.Headers {
		names = append(names, name)
	}
	sort.Strings(names) // the first bad name is the same on every try
	for _, name := range names {
		if !validHeaderName(name) {
			return nil, fmt.Errorf("%w: header name %q", errInvalidMessage, name)
		}
		if reservedHeaders[textproto.CanonicalMIMEHeaderKey(name)] {
			return nil, fmt.Errorf("%w: header %s is set from the message's fields, not from Headers", errInvalidMessage, name)
		}
		// SetGenHeader leaves printable ASCII as it is and encodes anything else
		// (RFC 2047), a CR or LF included, so a value cannot inject a header.
		msg.SetGenHeader(gomail.Header(name), m.Headers[name])
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// validHeaderName is RFC 5322's field-name: printable ASCII except the colon.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 33 || c > 126 || c == ':' {
			return false
		}
	}
	return true
}

// validMessageID rejects what would break the header or the angle brackets around the
// ID; the finer grammar of RFC 5322 is left to the caller.
func validMessageID(id string) bool {
	if id == "" {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < 33 || c > 126 || c == '<' || c == '>' {
			return false
		}
	}
	return true
}

// dialer connects for one Send and remembers the connection so that Send can close it
// when ctx ends or go-mail gives up without closing it.
type dialer struct {
	s      *SMTP
	mu     sync.Mutex
	conn   net.Conn
	closed bool
}

// dial ignores go-mail's address, which it writes as host:port and so gets wrong for an
// IPv6 host.
func (d *dialer) dial(ctx context.Context, network, _ string) (net.Conn, error) {
	addr := net.JoinHostPort(d.s.host, strconv.Itoa(d.s.port))
	nd := &net.Dialer{}
	var conn net.Conn
	var err error
	if d.s.implicitTLS {
		// A *tls.Conn, which go-mail's SMTP client recognises as encrypted.
		td := &tls.Dialer{NetDialer: nd, Config: d.s.tlsConfig}
		conn, err = td.DialContext(ctx, network, addr)
	} else {
		conn, err = nd.DialContext(ctx, network, addr)
	}
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		_ = conn.Close()
		return nil, net.ErrClosed
	}
	d.conn = conn
	return conn, nil
}

func (d *dialer) close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.closed = true
	if d.conn != nil {
		_ = d.conn.Close()
	}
}

// redact makes sure that err, which ends up in logs and in the outbox's table, does not
// carry the password: neither go-mail nor a server should put it in a message, but a
// server that echoes the AUTH line would.
func (s *SMTP) redact(err error) error {
	if s.pass == "" {
		return err
	}
	secrets := []string{
		s.pass,
		base64.StdEncoding.EncodeToString([]byte("\x00" + s.user + "\x00" + s.pass)),
	}
	msg := err.Error()
	for _, secret := range secrets {
		if strings.Contains(msg, secret) {
			return &redactedError{err: err, secrets: secrets}
		}
	}
	return err
}

// redactedError hides secrets from Error but still lets errors.As find the SMTP reply
// inside, which IsPermanent needs.
type redactedError struct {
	err     error
	secrets []string
}

func (e *redactedError) Error() string {
	msg := e.err.Error()
	for _, secret := range e.secrets {
		msg = strings.ReplaceAll(msg, secret, redactedPassword)
	}
	return msg
}

func (e *redactedError) Unwrap() error { return e.err }

// Redacted is rawURL with its password replaced by "xxxxx", so that the configured URL
// can be logged. A URL that does not parse, or has an "@" outside its userinfo (an
// unescaped "/" or "#" in the password, a missing "scheme://"), keeps only its scheme
// and what follows the last "@", since where its password ends cannot be told.
func Redacted(rawURL string) string {
	if rawURL == "" {
		return ""
	}
	u, err := url.Parse(rawURL)
	if err == nil && (u.User != nil || !strings.Contains(rawURL, "@")) {
		return u.Redacted()
	}
	prefix, rest := "", rawURL
	if scheme, after, ok := strings.Cut(rawURL, "://"); ok {
		prefix, rest = scheme+"://", after
	}
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		return prefix + redactedPassword + rest[at:]
	}
	return prefix + redactedPassword
}

// IsPermanent reports whether trying err's message again is pointless: the server refused
// this message or its recipient for good (a 5xx reply to MAIL, RCPT or DATA), or the
// message itself cannot be written. A refusal before the message is offered (a 5xx
// greeting, STARTTLS or login, such as a wrong password) says nothing of the message: it
// is the configuration or the server that is wrong, every message would meet it, and once
// it is put right they all go, so it is not permanent. Nor is a 4xx reply, a network
// error, a timeout or nil.
func IsPermanent(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, errInvalidMessage) {
		return true
	}
	// go-mail reports the replies to MAIL, RCPT and DATA as a SendError, which carries
	// the code but does not unwrap to the reply.
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() != 0 {
		return se.ErrorCode()/100 == 5
	}
	return false
}
