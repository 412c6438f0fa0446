// Package mailtest runs a real SMTP server on the loopback interface for tests, so that
// what the portal sends goes through the same client, TLS and AUTH code as in production
// and is checked as a mail reader would see it: parsed, decoded, header by header.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	stdmail "net/mail"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// waitTimeout is how long WaitFor waits before failing the test: generous, because it
// only runs out when the test has already gone wrong, and a slow CI machine must not
// make a passing test fail.
const waitTimeout = 10 * time.Second

// Received is one message as the server stored it.
type Received struct {
	From string   // envelope sender (MAIL FROM)
	To   []string // envelope recipients (RCPT TO)
	// Raw is the whole message as received, for what the parsed fields do not show.
	Raw    []byte
	Header stdmail.Header
	// Text and HTML are the first text/plain and text/html parts, transfer encoding
	// undone and line endings turned from SMTP's CRLF into "\n", so that they compare
	// equal to the strings the test sent. A body that is not multipart loses one final
	// line break, which SMTP adds when it is missing. Charsets other than UTF-8 are
	// not converted.
	Text, HTML string
	Subject    string // decoded from RFC 2047 encoded words
}

func (r Received) clone() Received {
	r.To = append([]string(nil), r.To...)
	r.Raw = bytes.Clone(r.Raw)
	h := make(stdmail.Header, len(r.Header))
	for k, v := range r.Header {
		h[k] = append([]string(nil), v...)
	}
	r.Header = h
	return r
}

type options struct {
	user, pass  string
	auth        bool
	startTLS    bool
	implicitTLS bool
}

// Option configures a Server.
type Option func(*options)

// WithAuth makes the server offer AUTH PLAIN and refuse MAIL FROM until a client has
// logged in with these credentials.
func WithAuth(user, pass string) Option {
	return func(o *options) { o.user, o.pass, o.auth = user, pass, true }
}

// WithSTARTTLS makes the server offer STARTTLS, with a self-signed certificate for
// 127.0.0.1 made at start (so clients need InsecureSkipVerify).
func WithSTARTTLS() Option {
	return func(o *options) { o.startTLS = true }
}

// WithImplicitTLS makes the listener TLS from the first byte, as on an smtps port, with
// the same self-signed certificate as WithSTARTTLS.
func WithImplicitTLS() Option {
	return func(o *options) { o.implicitTLS = true }
}

// Server is an SMTP server on 127.0.0.1 that keeps what it receives.
type Server struct {
	t    testing.TB
	opts options
	addr string // 127.0.0.1:port

	mu       sync.Mutex
	msgs     []Received
	arrived  chan struct{} // closed and replaced at every arrival, to wake WaitFor
	refuseN  int
	refuseAs *smtp.SMTPError
	closed   bool // the test is over: t must not be used any more
}

// Start starts a server on a random port of 127.0.0.1; it stops when the test ends.
func Start(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{t: t, arrived: make(chan struct{})}
	for _, o := range opts {
		o(&s.opts)
	}
	if s.opts.startTLS && s.opts.implicitTLS {
		t.Fatal("mailtest: WithSTARTTLS and WithImplicitTLS exclude each other")
	}

	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{s: s}, nil
	}))
	srv.Domain = "127.0.0.1"
	// AUTH without TLS: loopback cannot be overheard, and tests of plain SMTP need it.
	srv.AllowInsecureAuth = true
	// A client that stops talking must not keep a connection (and its goroutine) alive
	// for long after its test.
	srv.ReadTimeout = waitTimeout
	srv.WriteTimeout = waitTimeout
	srv.ErrorLog = serverLog{s}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	s.addr = ln.Addr().String()
	if s.opts.startTLS || s.opts.implicitTLS {
		cert, err := selfSigned()
		if err != nil {
			_ = ln.Close()
			t.Fatalf("mailtest: certificate: %v", err)
		}
		cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if s.opts.implicitTLS {
			ln = tls.NewListener(ln, cfg)
		} else {
			srv.TLSConfig = cfg
		}
	}

	served := make(chan struct{})
	go func() {
		defer close(served)
		_ = srv.Serve(ln) // returns nil once Close is called
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		// Close only closes the listeners Serve has registered, and Serve may not have
		// started yet: closing ln ourselves is what makes it return for sure.
		_ = ln.Close()
		<-served
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
	})
	return s
}

// URL is the server's address for mail.Config.URL: smtp://...?tls=none for a plain
// server (the test must not depend on opportunistic STARTTLS), ?tls=mandatory with
// STARTTLS, smtps:// with implicit TLS; with the credentials of WithAuth.
func (s *Server) URL() string {
	u := url.URL{Scheme: "smtp", Host: s.addr, RawQuery: "tls=none"}
	switch {
	case s.opts.implicitTLS:
		u.Scheme, u.RawQuery = "smtps", ""
	case s.opts.startTLS:
		u.RawQuery = "tls=mandatory"
	}
	if s.opts.auth {
		u.User = url.UserPassword(s.opts.user, s.opts.pass)
	}
	return u.String()
}

// Messages are copies of the messages received so far, in arrival order.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.msgs))
	for i, m := range s.msgs {
		out[i] = m.clone()
	}
	return out
}

// Refuse makes the final reply to the next n messages (after DATA) the given code and
// text, and drops those messages: 451 tells the client to try again later, 550 never.
func (s *Server) Refuse(n int, code int, msg string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuseN = n
	s.refuseAs = &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: msg}
}

// WaitFor waits until at least n messages have arrived and returns copies of all that
// have; after 10s it fails the test. Call it from the test's goroutine.
func (s *Server) WaitFor(t testing.TB, n int) []Received {
	t.Helper()
	return s.WaitUntil(t, fmt.Sprintf("%d message(s)", n), func(got []Received) bool { return len(got) >= n })
}

// WaitUntil waits until the messages received so far satisfy done (what describes it,
// for the failure) and returns copies of them; after 10s it fails the test. It looks again
// at every arrival, never on a timer. Call it from the test's goroutine.
func (s *Server) WaitUntil(t testing.TB, what string, done func([]Received) bool) []Received {
	t.Helper()
	timer := time.NewTimer(waitTimeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		arrived := s.arrived
		s.mu.Unlock()
		if got := s.Messages(); done(got) {
			return got
		}
		select {
		case <-arrived:
		case <-timer.C:
			t.Fatalf("mailtest: not %s within %v (%d message(s) arrived)", what, waitTimeout, len(s.Messages()))
			return nil
		}
	}
}

// deliver keeps a message, or refuses it when Refuse asked for that.
func (s *Server) deliver(from string, to []string, raw []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refuseN > 0 {
		s.refuseN--
		return s.refuseAs
	}
	r, err := parse(raw)
	if err != nil && !s.closed {
		// The message is kept all the same, so that the test can look at Raw.
		s.t.Errorf("mailtest: received a message that does not parse: %v\n%s", err, raw)
	}
	r.From, r.To, r.Raw = from, to, raw
	s.msgs = append(s.msgs, r)
	close(s.arrived)
	s.arrived = make(chan struct{})
	return nil
}

// logf reports the server's internal errors in the test's log while the test runs;
// afterwards the testing package would panic, and nobody would read it.
func (s *Server) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.t.Logf("mailtest: "+format, args...)
	}
}

type serverLog struct{ s *Server }

func (l serverLog) Printf(format string, v ...any) { l.s.logf(format, v...) }
func (l serverLog) Println(v ...any)               { l.s.logf("%s", strings.TrimSuffix(fmt.Sprintln(v...), "\n")) }

// session is one client connection's transaction state.
type session struct {
	s      *Server
	authed bool
	from   string
	to     []string
}

var _ smtp.AuthSession = (*session)(nil)

func (ss *session) AuthMechanisms() []string {
	if !ss.s.opts.auth {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	if !ss.s.opts.auth || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if (identity != "" && identity != user) || user != ss.s.opts.user || pass != ss.s.opts.pass {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.opts.auth && !ss.authed {
		return smtp.ErrAuthRequired
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return ss.s.deliver(ss.from, append([]string(nil), ss.to...), raw)
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }

// parse reads a message as a mail reader would.
func parse(raw []byte) (Received, error) {
	var r Received
	msg, err := stdmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return r, fmt.Errorf("header: %w", err)
	}
	r.Header = msg.Header
	var dec mime.WordDecoder
	if r.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return r, fmt.Errorf("subject: %w", err)
	}
	err = r.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, true)
	return r, err
}

// readPart keeps the first text/plain and text/html found in a part and, for a
// multipart, in its parts. top is the message's own body, not a part of a multipart.
func (r *Received) readPart(contentType, encoding string, body io.Reader, top bool) error {
	mediaType := "text/plain" // RFC 2045's default
	var params map[string]string
	if contentType != "" {
		var err error
		if mediaType, params, err = mime.ParseMediaType(contentType); err != nil {
			return fmt.Errorf("content type %q: %w", contentType, err)
		}
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		// NextRawPart, not NextPart: NextPart decodes quoted-printable by itself but not
		// base64, and this way both go through decode.
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%s: %w", mediaType, err)
			}
			if err := r.readPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p, false); err != nil {
				return err
			}
		}
	}
	var dst *string
	switch mediaType {
	case "text/plain":
		dst = &r.Text
	case "text/html":
		dst = &r.HTML
	}
	if dst == nil || *dst != "" {
		return nil
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("%s: %w", mediaType, err)
	}
	if top {
		// SMTP ends the message data with a line break, which the client adds when the
		// body has none: "x" and "x\n" arrive alike, and both come out as "x". Inside a
		// multipart the line break before the boundary already belongs to the boundary.
		raw = bytes.TrimSuffix(raw, []byte("\r\n"))
	}
	text, err := decode(encoding, bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("%s: %w", mediaType, err)
	}
	*dst = strings.ReplaceAll(text, "\r\n", "\n")
	return nil
}

func decode(encoding string, body io.Reader) (string, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "7bit", "8bit", "binary":
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body) // skips the line breaks
	default:
		return "", fmt.Errorf("unknown transfer encoding %q", encoding)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return "", fmt.Errorf("%s: %w", encoding, err)
	}
	return string(b), nil
}

// selfSigned makes a certificate for 127.0.0.1 that lives as long as a test could.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
