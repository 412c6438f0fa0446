package mail_test

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/textproto"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"derap/internal/mail"
	"derap/internal/mail/mailtest"
)

const (
	from    = "Portal Derap <noreply@portal.example>"
	replyTo = "bureau@portal.example"
)

// newSMTP is a sender for url that fails the test when the configuration is refused.
func newSMTP(t *testing.T, rawURL string) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(mail.Config{URL: rawURL, From: from, ReplyTo: replyTo, InsecureSkipVerify: true})
	if err != nil {
		t.Fatalf("NewSMTP(%s): %v", mail.Redacted(rawURL), err)
	}
	return s
}

func simple(to string) mail.Message {
	return mail.Message{To: to, Subject: "Halo", Text: "Halo dunia."}
}

// unusedAddr is a loopback address where nothing listens (any more).
func unusedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

func TestSendDeliversEveryField(t *testing.T) {
	const pass = "s3cr:et/@pw#%"
	srv := mailtest.Start(t, mailtest.WithAuth("portal", pass))
	s := newSMTP(t, srv.URL())

	date := time.Date(2025, 3, 14, 9, 30, 0, 0, time.FixedZone("WITA", 8*3600))
	text := "Yth. Ibu Ana,\n\nKesepakatan \"Pengelolaan hutan desa\" menunggu konfirmasi Anda — " +
		"batasnya 21 Maret. Baris ini sengaja panjang supaya quoted-printable harus memotongnya.\n" +
		".Baris yang diawali titik.\n\nSalam,\nBiro"
	html := "<p>Yth. Ibu Ana,</p>\n<p>Kesepakatan <b>“Pengelolaan hutan desa”</b> menunggu " +
		"<a href=\"https://portal.example/kesepakatan/7?lang=id&amp;x=1\">konfirmasi</a> — batasnya 21 Maret.</p>"
	m := mail.Message{
		To:        "ana@example.org",
		ToName:    "Ana Lestari, Kolaka",
		Subject:   "Kesepakatan menunggu konfirmasi — Kolaka",
		Text:      text,
		HTML:      html,
		MessageID: "outbox-12@portal.example",
		Date:      date,
		Headers: map[string]string{
			"List-Unsubscribe":      "<https://portal.example/berhenti/eyJ1IjoxMn0.c2lnbmF0dXJl>",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"Auto-Submitted":        "auto-generated",
		},
	}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}

	got := srv.WaitFor(t, 1)
	if len(got) != 1 {
		t.Fatalf("received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "noreply@portal.example" {
		t.Errorf("envelope from = %q", r.From)
	}
	if len(r.To) != 1 || r.To[0] != "ana@example.org" {
		t.Errorf("envelope to = %q", r.To)
	}
	addr := func(field string) string {
		t.Helper()
		list, err := r.Header.AddressList(field)
		if err != nil || len(list) != 1 {
			t.Errorf("%s: %v %v (raw %q)", field, list, err, r.Header.Get(field))
			return ""
		}
		return list[0].String()
	}
	for _, c := range []struct{ field, want string }{
		{"From", `"Portal Derap" <noreply@portal.example>`},
		{"To", `"Ana Lestari, Kolaka" <ana@example.org>`},
		{"Reply-To", "<bureau@portal.example>"},
	} {
		if got := addr(c.field); got != c.want {
			t.Errorf("%s = %s, want %s", c.field, got, c.want)
		}
	}
	if r.Subject != m.Subject {
		t.Errorf("Subject = %q, want %q", r.Subject, m.Subject)
	}
	if d, err := r.Header.Date(); err != nil || !d.Equal(date) {
		t.Errorf("Date = %v (%v), want %v", d, err, date)
	}
	for field, want := range map[string]string{
		"Message-Id":            "<outbox-12@portal.example>",
		"List-Unsubscribe":      m.Headers["List-Unsubscribe"],
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
		"Auto-Submitted":        "auto-generated",
	} {
		if got := r.Header[textproto.CanonicalMIMEHeaderKey(field)]; len(got) != 1 || got[0] != want {
			t.Errorf("%s = %q, want [%q]", field, got, want)
		}
	}
	if !strings.Contains(string(r.Raw), "\r\nList-Unsubscribe-Post: ") {
		t.Errorf("List-Unsubscribe-Post is not spelt as given:\n%s", r.Raw)
	}
	if r.Text != text {
		t.Errorf("text part = %q, want %q", r.Text, text)
	}
	if r.HTML != html {
		t.Errorf("html part = %q, want %q", r.HTML, html)
	}
	if strings.Contains(string(r.Raw), pass) {
		t.Error("the message contains the SMTP password")
	}
}

func TestSendTextOnly(t *testing.T) {
	srv := mailtest.Start(t)
	if err := newSMTP(t, srv.URL()).Send(context.Background(), simple("ana@example.org")); err != nil {
		t.Fatal(err)
	}
	r := srv.WaitFor(t, 1)[0]
	if r.Text != "Halo dunia." || r.HTML != "" {
		t.Errorf("text %q, html %q; want only the text", r.Text, r.HTML)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type = %q, want text/plain", ct)
	}
	if id := r.Header.Get("Message-Id"); id == "" {
		t.Error("no Message-ID was made up")
	}
	if d, err := r.Header.Date(); err != nil || d.IsZero() {
		t.Errorf("Date = %v, %v", d, err)
	}
}

// A header value is encoded, never written raw, so it cannot add header fields.
func TestSendHeaderInjection(t *testing.T) {
	srv := mailtest.Start(t)
	m := simple("ana@example.org")
	m.Headers = map[string]string{"X-Note": "a\r\nBcc: evil@example.com"}
	if err := newSMTP(t, srv.URL()).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	r := srv.WaitFor(t, 1)[0]
	if len(r.To) != 1 || r.Header.Get("Bcc") != "" {
		t.Fatalf("injected: rcpt %q, Bcc %q\n%s", r.To, r.Header.Get("Bcc"), r.Raw)
	}
	var dec mime.WordDecoder
	if got, err := dec.DecodeHeader(r.Header.Get("X-Note")); err != nil || got != m.Headers["X-Note"] {
		t.Errorf("X-Note = %q (%v)", got, err)
	}
}

func TestSendTLS(t *testing.T) {
	tests := []struct {
		name     string
		opts     []mailtest.Option
		url      func(string) string // from the server's URL
		insecure bool
		wantErr  bool
	}{
		{name: "STARTTLS mandatory", opts: []mailtest.Option{mailtest.WithSTARTTLS()}, insecure: true},
		{name: "implicit TLS", opts: []mailtest.Option{mailtest.WithImplicitTLS()}, insecure: true},
		{
			name: "STARTTLS opportunistic", opts: []mailtest.Option{mailtest.WithSTARTTLS()}, insecure: true,
			url: func(u string) string { return strings.Replace(u, "?tls=mandatory", "", 1) },
		},
		{
			// go-mail allows AUTH PLAIN without TLS to a loopback address.
			name: "opportunistic, STARTTLS not offered",
			url:  func(u string) string { return strings.Replace(u, "?tls=none", "?tls=opportunistic", 1) },
		},
		{
			name: "mandatory, STARTTLS not offered", wantErr: true,
			url: func(u string) string { return strings.Replace(u, "?tls=none", "?tls=mandatory", 1) },
		},
		{name: "STARTTLS, certificate not trusted", opts: []mailtest.Option{mailtest.WithSTARTTLS()}, wantErr: true},
		{name: "implicit TLS, certificate not trusted", opts: []mailtest.Option{mailtest.WithImplicitTLS()}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := mailtest.Start(t, append(tt.opts, mailtest.WithAuth("portal", "pw"))...)
			u := srv.URL()
			if tt.url != nil {
				u = tt.url(u)
			}
			s, err := mail.NewSMTP(mail.Config{URL: u, From: from, InsecureSkipVerify: tt.insecure})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(context.Background(), simple("ana@example.org"))
			if tt.wantErr {
				if err == nil {
					t.Fatal("Send succeeded")
				}
				if mail.IsPermanent(err) {
					t.Errorf("IsPermanent(%v) = true", err)
				}
				if n := len(srv.Messages()); n != 0 {
					t.Errorf("%d messages delivered", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("Send: %v", err)
			}
			if got := srv.WaitFor(t, 1); len(got) != 1 || got[0].Text != "Halo dunia." {
				t.Errorf("received %+v", got)
			}
		})
	}
}

func TestSendWrongPassword(t *testing.T) {
	const wrong = "wr0ng-pa55word"
	for _, opt := range []struct {
		name string
		opts []mailtest.Option
	}{
		{"plain", nil},
		{"STARTTLS", []mailtest.Option{mailtest.WithSTARTTLS()}},
	} {
		t.Run(opt.name, func(t *testing.T) {
			srv := mailtest.Start(t, append(opt.opts, mailtest.WithAuth("portal", "right"))...)
			u, err := url.Parse(srv.URL())
			if err != nil {
				t.Fatal(err)
			}
			u.User = url.UserPassword("portal", wrong)
			err = newSMTP(t, u.String()).Send(context.Background(), simple("ana@example.org"))
			if err == nil {
				t.Fatal("Send succeeded")
			}
			t.Log(err)
			if mail.IsPermanent(err) {
				t.Errorf("IsPermanent(%v) = true: a wrong password would fail every message for good", err)
			}
			if strings.Contains(err.Error(), wrong) {
				t.Errorf("the error shows the password: %v", err)
			}
			if n := len(srv.Messages()); n != 0 {
				t.Errorf("%d messages delivered", n)
			}
		})
	}
}

func TestSendRefused(t *testing.T) {
	tests := []struct {
		code          int
		wantPermanent bool
	}{
		{451, false},
		{452, false},
		{550, true},
		{554, true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			srv := mailtest.Start(t, mailtest.WithAuth("portal", "pw"))
			s := newSMTP(t, srv.URL())
			srv.Refuse(1, tt.code, "not now")
			err := s.Send(context.Background(), simple("ana@example.org"))
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if !strings.Contains(err.Error(), fmt.Sprint(tt.code)) {
				t.Errorf("error %q does not show the code", err)
			}
			if got := mail.IsPermanent(err); got != tt.wantPermanent {
				t.Errorf("IsPermanent(%v) = %v, want %v", err, got, tt.wantPermanent)
			}
			if err := s.Send(context.Background(), simple("ana@example.org")); err != nil {
				t.Fatalf("the next Send: %v", err)
			}
			if got := srv.WaitFor(t, 1); len(got) != 1 {
				t.Errorf("%d messages stored, want the second only", len(got))
			}
		})
	}
}

// One SMTP serves concurrent sends, each on its own connection.
func TestSendConcurrent(t *testing.T) {
	srv := mailtest.Start(t, mailtest.WithAuth("portal", "pw"))
	s := newSMTP(t, srv.URL())
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errs <- s.Send(context.Background(), simple(fmt.Sprintf("user%d@example.org", i)))
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := srv.WaitFor(t, n); len(got) != n {
		t.Errorf("%d messages, want %d", len(got), n)
	}
}

func TestSendContext(t *testing.T) {
	t.Run("cancelled before", func(t *testing.T) {
		srv := mailtest.Start(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		err := newSMTP(t, srv.URL()).Send(ctx, simple("ana@example.org"))
		if !errors.Is(err, context.Canceled) || mail.IsPermanent(err) {
			t.Errorf("Send = %v, want a context.Canceled that is not permanent", err)
		}
	})
	t.Run("server stalls", func(t *testing.T) {
		// A server that accepts and never greets: only the context ends the wait.
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ln.Close() })
		accepted := make(chan net.Conn, 1)
		go func() {
			if c, err := ln.Accept(); err == nil {
				accepted <- c
			}
		}()
		s := newSMTP(t, "smtp://"+ln.Addr().String()+"?tls=none")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- s.Send(ctx, simple("ana@example.org")) }()
		var conn net.Conn
		select {
		case conn = <-accepted:
		case err := <-done:
			t.Fatalf("Send returned before connecting: %v", err)
		}
		defer conn.Close()
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || mail.IsPermanent(err) {
				t.Errorf("Send = %v, want a context.Canceled that is not permanent", err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Send did not return after its context was cancelled")
		}
	})
}

func TestSendInvalidMessage(t *testing.T) {
	// Nothing listens: a message that cannot be written must fail before dialling.
	s := newSMTP(t, "smtp://"+unusedAddr(t)+"?tls=none")
	tests := []struct {
		name string
		edit func(*mail.Message)
	}{
		{"no recipient", func(m *mail.Message) { m.To = "" }},
		{"bad recipient", func(m *mail.Message) { m.To = "ana at example.org" }},
		{"bad header name", func(m *mail.Message) { m.Headers = map[string]string{"X Bad": "v"} }},
		{"header with colon", func(m *mail.Message) { m.Headers = map[string]string{"X-Bad:": "v"} }},
		{"reserved header", func(m *mail.Message) { m.Headers = map[string]string{"subject": "v"} }},
		{"Message-ID with a space", func(m *mail.Message) { m.MessageID = "a b@portal.example" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := simple("ana@example.org")
			tt.edit(&m)
			err := s.Send(context.Background(), m)
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if !strings.HasPrefix(err.Error(), "mail: ") || strings.Contains(err.Error(), "dial") {
				t.Errorf("error %q", err)
			}
			if !mail.IsPermanent(err) {
				t.Errorf("IsPermanent(%v) = false; the message will never go", err)
			}
		})
	}
}

func TestNewSMTP(t *testing.T) {
	const secret = "t0p-s3cret"
	tests := []struct {
		name     string
		cfg      mail.Config
		wantAddr string // "" when an error is wanted
		wantErr  string // part of the error
	}{
		{name: "smtp default port", cfg: mail.Config{URL: "smtp://mail.example.org"}, wantAddr: "mail.example.org:587"},
		{name: "smtps default port", cfg: mail.Config{URL: "smtps://u:p@mail.example.org"}, wantAddr: "mail.example.org:465"},
		{name: "port and tls", cfg: mail.Config{URL: "smtp://u:p@mail.example.org:2525?tls=mandatory"}, wantAddr: "mail.example.org:2525"},
		{name: "tls none", cfg: mail.Config{URL: "smtp://u:p@10.0.0.5:25?tls=none"}, wantAddr: "10.0.0.5:25"},
		{name: "tls opportunistic", cfg: mail.Config{URL: "smtp://mail.example.org:25?tls=opportunistic"}, wantAddr: "mail.example.org:25"},
		{name: "smtps tls mandatory", cfg: mail.Config{URL: "smtps://mail.example.org?tls=mandatory"}, wantAddr: "mail.example.org:465"},
		{name: "upper-case scheme", cfg: mail.Config{URL: "SMTP://mail.example.org"}, wantAddr: "mail.example.org:587"},
		{name: "IPv6", cfg: mail.Config{URL: "smtp://[::1]:25"}, wantAddr: "[::1]:25"},
		{name: "trailing slash", cfg: mail.Config{URL: "smtp://mail.example.org/"}, wantAddr: "mail.example.org:587"},
		{name: "escaped password", cfg: mail.Config{URL: "smtp://u%40x:p%2F%23%3A@mail.example.org"}, wantAddr: "mail.example.org:587"},
		{name: "with reply-to and timeout", cfg: mail.Config{URL: "smtp://h", ReplyTo: "Biro <biro@portal.example>", Timeout: time.Second}, wantAddr: "h:587"},

		{name: "no URL", cfg: mail.Config{}, wantErr: "URL is required"},
		{name: "bad scheme", cfg: mail.Config{URL: "http://mail.example.org"}, wantErr: "scheme must be smtp or smtps"},
		{name: "no scheme", cfg: mail.Config{URL: "mail.example.org:25"}, wantErr: "scheme"},
		{name: "no host", cfg: mail.Config{URL: "smtp://"}, wantErr: "no host"},
		{name: "port only", cfg: mail.Config{URL: "smtp://:25"}, wantErr: "no host"},
		{name: "port zero", cfg: mail.Config{URL: "smtp://h:0"}, wantErr: "port"},
		{name: "port too big", cfg: mail.Config{URL: "smtp://h:70000"}, wantErr: "port"},
		{name: "path", cfg: mail.Config{URL: "smtp://h/relay"}, wantErr: "path"},
		{name: "bad tls", cfg: mail.Config{URL: "smtp://h?tls=maybe"}, wantErr: `tls="maybe"`},
		{name: "misspelt tls", cfg: mail.Config{URL: "smtp://h?tsl=none"}, wantErr: "unknown parameter"},
		{name: "tls twice", cfg: mail.Config{URL: "smtp://h?tls=none&tls=mandatory"}, wantErr: "more than once"},
		{name: "smtps tls none", cfg: mail.Config{URL: "smtps://h?tls=none"}, wantErr: "smtps is always TLS"},
		{name: "password without user", cfg: mail.Config{URL: "smtp://:" + secret + "@h"}, wantErr: "no user"},
		{name: "unescaped slash in password", cfg: mail.Config{URL: "smtp://u:" + secret + "/x@h"}, wantErr: "URL-escaped"},
		{name: "unescaped hash in password", cfg: mail.Config{URL: "smtp://u:" + secret + "#x@h"}, wantErr: "URL-escaped"},
		{name: "bad escape in password", cfg: mail.Config{URL: "smtp://u:" + secret + "%zz@h"}, wantErr: "URL-escaped"},
		{name: "slash after a numeric password", cfg: mail.Config{URL: "smtp://u:25/" + secret + "@h"}, wantErr: "URL-escaped"},
		{name: "no scheme, credentials", cfg: mail.Config{URL: "u:" + secret + "@h:25"}, wantErr: "URL-escaped"},
		{name: "no From", cfg: mail.Config{URL: "smtp://h", From: "-"}, wantErr: "From"},
		{name: "bad From", cfg: mail.Config{URL: "smtp://h", From: "Portal noreply.portal.example"}, wantErr: "From"},
		{name: "bad ReplyTo", cfg: mail.Config{URL: "smtp://h", ReplyTo: "biro@"}, wantErr: "ReplyTo"},
		{name: "negative timeout", cfg: mail.Config{URL: "smtp://h", Timeout: -time.Second}, wantErr: "Timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			switch tt.cfg.From {
			case "":
				tt.cfg.From = from
			case "-":
				tt.cfg.From = ""
			}
			s, err := mail.NewSMTP(tt.cfg)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("NewSMTP: %v", err)
				}
				if got := mail.Addr(s); got != tt.wantAddr {
					t.Errorf("address %s, want %s", got, tt.wantAddr)
				}
				return
			}
			if err == nil {
				t.Fatalf("NewSMTP accepted %+v", tt.cfg)
			}
			if !strings.HasPrefix(err.Error(), "mail: ") || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q, want one with %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q shows the password", err)
			}
		})
	}
}

func TestRedacted(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"smtp://mail.example.org", "smtp://mail.example.org"},
		{"smtp://portal@mail.example.org:587", "smtp://portal@mail.example.org:587"},
		{"smtp://portal:secret@mail.example.org:587?tls=mandatory", "smtp://portal:xxxxx@mail.example.org:587?tls=mandatory"},
		{"smtps://portal:s%2Fecret@mail.example.org", "smtps://portal:xxxxx@mail.example.org"},
		// Unparseable: where the password ends cannot be told, so the userinfo goes.
		{"smtp://portal:sec/ret@mail.example.org", "smtp://xxxxx@mail.example.org"},
		{"smtp://portal:sec%zzret@mail.example.org", "smtp://xxxxx@mail.example.org"},
		{"smtp://portal:secret", "smtp://xxxxx"},
		{"portal:secret@mail.example.org", "xxxxx@mail.example.org"},
		{"smtp://portal:12/secret@mail.example.org", "smtp://xxxxx@mail.example.org"},
		{"mail.example.org:25", "mail.example.org:25"},
	}
	for _, tt := range tests {
		if got := mail.Redacted(tt.in); got != tt.want {
			t.Errorf("Redacted(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIsPermanent(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"other error", errors.New("550 looks like a reply but is not"), false},
		{"deadline", context.DeadlineExceeded, false},
		{"5xx reply before the message (greeting, login)", &textproto.Error{Code: 535, Msg: "authentication failed"}, false},
		{"wrapped 5xx reply before the message", fmt.Errorf("x: %w", &textproto.Error{Code: 554, Msg: "no service"}), false},
		{"4xx reply", &textproto.Error{Code: 421, Msg: "closing"}, false},
	}
	for _, tt := range tests {
		if got := mail.IsPermanent(tt.err); got != tt.want {
			t.Errorf("%s: IsPermanent(%v) = %v, want %v", tt.name, tt.err, got, tt.want)
		}
	}
}

func TestSendNetworkErrors(t *testing.T) {
	t.Run("connection refused", func(t *testing.T) {
		err := newSMTP(t, "smtp://"+unusedAddr(t)+"?tls=none").Send(context.Background(), simple("ana@example.org"))
		if err == nil || mail.IsPermanent(err) {
			t.Errorf("Send = %v, want an error that is not permanent", err)
		}
	})
	t.Run("server hangs up", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = ln.Close() })
		go func() {
			if c, err := ln.Accept(); err == nil {
				_ = c.Close()
			}
		}()
		err = newSMTP(t, "smtp://"+ln.Addr().String()+"?tls=none").Send(context.Background(), simple("ana@example.org"))
		if err == nil || mail.IsPermanent(err) {
			t.Errorf("Send = %v, want an error that is not permanent", err)
		}
	})
}
