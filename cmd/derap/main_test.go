package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"derap/internal/portalproc"
	"derap/models/modeltest"
)

func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want config
	}{
		{"defaults", nil, nil, config{Addr: "127.0.0.1:8080", DataDir: "data", DB: filepath.Join("data", "derap.db"),
			BaseURL: "http://127.0.0.1:8080", SessionIdle: 30 * time.Minute, SessionMaxAge: 12 * time.Hour, MaxUploadMB: 20, PageCacheMB: 16,
			MailFrom: "Derap KSD <noreply@127.0.0.1>", RemindAfterDays: 7, RemindEveryDays: 7, MailInterval: 30 * time.Second}},
		{"environment", map[string]string{"DERAP_ADDR": "0.0.0.0:9000", "DERAP_DATA_DIR": "/srv/derap", "DERAP_DEMO": "1", "DERAP_SESSION_IDLE": "10m", "DERAP_TRUSTED_PROXIES": "10.0.0.1",
			"DERAP_SMTP_URL": "smtps://portal:rahasia@mail.jakarta.go.id", "DERAP_MAIL_FROM": "Biro KSD <ksd@jakarta.go.id>", "DERAP_REMIND_AFTER_DAYS": "5"}, nil,
			config{Addr: "0.0.0.0:9000", DataDir: "/srv/derap", DB: "/srv/derap/derap.db", Demo: true,
				BaseURL: "http://localhost:9000", SessionIdle: 10 * time.Minute, SessionMaxAge: 12 * time.Hour, TrustedProxies: "10.0.0.1", MaxUploadMB: 20, PageCacheMB: 16,
				SMTPURL: "smtps://portal:rahasia@mail.jakarta.go.id", MailFrom: "Biro KSD <ksd@jakarta.go.id>", RemindAfterDays: 5, RemindEveryDays: 7, MailInterval: 30 * time.Second}},
		{"flags win", map[string]string{"DERAP_ADDR": ":9000", "DERAP_DB": "/env.db", "DERAP_DEMO": "1", "DERAP_BASE_URL": "https://env.example", "DERAP_MAIL_REPLY_TO": "env@jakarta.go.id", "DERAP_PAGE_CACHE_MB": "64"},
			[]string{"--addr", "127.0.0.1:9999", "--db", "/flag.db", "--demo=false", "--base-url", "https://ksd.example", "--session-max", "1h", "--mail-reply-to", "biro@jakarta.go.id", "--mail-interval", "5s", "--page-cache-mb", "0"},
			config{Addr: "127.0.0.1:9999", DataDir: "data", DB: "/flag.db", BaseURL: "https://ksd.example", SessionIdle: 30 * time.Minute, SessionMaxAge: time.Hour, MaxUploadMB: 20, PageCacheMB: 0,
				MailFrom: "Derap KSD <noreply@ksd.example>", MailReplyTo: "biro@jakarta.go.id", RemindAfterDays: 7, RemindEveryDays: 7, MailInterval: 5 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range envVars {
				t.Setenv(k, tt.env[k])
			}
			got, err := parseServeConfig(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%+v, want %+v", got, tt.want)
			}
		})
	}
	for k, v := range map[string]string{"DERAP_DEMO": "maybe", "DERAP_SESSION_IDLE": "soon", "DERAP_BASE_URL": "ftp://x", "DERAP_REMIND_EVERY_DAYS": "0", "DERAP_MAIL_INTERVAL": "-1s", "DERAP_PAGE_CACHE_MB": "-1"} {
		t.Run(k, func(t *testing.T) {
			t.Setenv(k, v)
			if _, err := parseServeConfig(nil); err == nil {
				t.Errorf("%s=%s accepted", k, v)
			}
		})
	}
}

var envVars = []string{"DERAP_ADDR", "DERAP_DB", "DERAP_DATA_DIR", "DERAP_DEMO", "DERAP_BASE_URL", "DERAP_SESSION_IDLE", "DERAP_SESSION_MAX", "DERAP_TRUSTED_PROXIES", "DERAP_SESSION_KEY", "DERAP_MAX_UPLOAD_MB", "DERAP_METRICS_ADDR",
	"DERAP_SMTP_URL", "DERAP_MAIL_FROM", "DERAP_MAIL_REPLY_TO", "DERAP_REMIND_AFTER_DAYS", "DERAP_REMIND_EVERY_DAYS", "DERAP_MAIL_INTERVAL", "DERAP_PAGE_CACHE_MB"}

// testSessionKey is a session key as `openssl rand -hex 32` makes one.
const testSessionKey = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

// A session key too short or not random-looking stops serve with a one-line reason.
func TestWeakSessionKeysAreRefused(t *testing.T) {
	for name, key := range map[string]string{
		"short":       "0123456789abcdef",
		"NUL bytes":   strings.Repeat("\x00", 48),
		"one letter":  strings.Repeat("a", 64),
		"two letters": strings.Repeat("ab", 32),
		"mostly one":  strings.Repeat("a", 40) + "0123456789",
	} {
		t.Run(name, func(t *testing.T) {
			if err := checkSessionKey([]byte(key)); err == nil {
				t.Errorf("%q accepted", key)
			}
		})
	}
	for _, key := range []string{testSessionKey, "pantai air manis di kota padang yang indah sekali"} {
		if err := checkSessionKey([]byte(key)); err != nil {
			t.Errorf("%q refused: %v", key, err)
		}
	}
	dir := t.TempDir()
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	// A key file of NUL bytes, then a variable of one letter.
	if err := os.WriteFile(filepath.Join(dir, "session.key"), make([]byte, 48), 0o600); err != nil {
		t.Fatal(err)
	}
	serve := func() error {
		return run(context.Background(), []string{"serve", "--data-dir", dir, "--addr", "127.0.0.1:0"}, nil, io.Discard, slog.New(slog.DiscardHandler))
	}
	if err := serve(); err == nil || !strings.Contains(err.Error(), "session.key: the session key is not random enough") || strings.Contains(err.Error(), "\n") {
		t.Errorf("serve with a key file of NUL bytes: %v", err)
	}
	t.Setenv("DERAP_SESSION_KEY", strings.Repeat("a", 48))
	if err := serve(); err == nil || !strings.Contains(err.Error(), "DERAP_SESSION_KEY: the session key is not random enough") {
		t.Errorf("serve with DERAP_SESSION_KEY of one letter: %v", err)
	}
}

// A first --demo start whose port is taken fails before seeding anything: no account is
// made whose password was never shown.
func TestDemoIsNotSeededWhenThePortIsTaken(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	dir := t.TempDir()
	var log bytes.Buffer
	err = run(context.Background(), []string{"serve", "--demo", "--data-dir", dir, "--addr", taken.Addr().String()}, nil, io.Discard, slog.New(slog.NewTextHandler(&log, nil)))
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("serve on a taken port: %v", err)
	}
	if strings.Contains(log.String(), "demo account") {
		t.Error("a failed start showed demo passwords")
	}
	out, err := cli(t, dir, "", "user", "list")
	if err != nil || strings.Contains(out, "@derap.test") {
		t.Errorf("a failed start made demo accounts: %v\n%s", err, out)
	}
}

// A database with damaged pages stops serve with a one-line reason, before it says ready.
func TestServeRefusesADamagedDatabase(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	dir := t.TempDir()
	if _, err := cli(t, dir, "", "migrate"); err != nil {
		t.Fatal(err)
	}
	// The root page of the sessions table, which nothing reads at start, overwritten.
	path := filepath.Join(dir, "derap.db")
	db := modeltest.OpenSQL(t, path)
	var root, size int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA page_size").Scan(&size); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5, 0x5A, 0x00, 0xFF}, int(size/4)), (root-1)*size); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var log bytes.Buffer
	err = run(context.Background(), []string{"serve", "--data-dir", dir, "--addr", "127.0.0.1:0"}, nil, io.Discard, slog.New(slog.NewTextHandler(&log, nil)))
	if err == nil || !strings.Contains(err.Error(), "the database fails its quick check") || strings.Contains(err.Error(), "\n") || strings.Contains(log.String(), "ready") {
		t.Errorf("serve on a damaged database: %v\n%s", err, log.String())
	}
}

// derap demo reset-passwords gives new passwords to the demo accounts nobody has used, and
// only to them: the new ones sign in, an account already used keeps its own.
func TestDemoResetPasswords(t *testing.T) {
	ctx := context.Background()
	c := testConfig(t)
	store := openTestStore(t, c)
	first, err := store.LoadDemo(ctx)
	if err != nil || len(first) == 0 {
		t.Fatalf("the demo: %v", err)
	}
	used := first[1] // the official signs in once
	if _, err := store.Authenticate(ctx, used.Email, used.Password, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	out, err := cli(t, c.DataDir, "", "demo", "reset-passwords", "--db", c.DB)
	if err != nil || !strings.Contains(out, "shown only now") {
		t.Fatalf("%v\n%s", err, out)
	}
	if strings.Contains(out, used.Email) {
		t.Error("an account already used got a new password")
	}
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		if len(fields) < 3 || !strings.HasSuffix(fields[0], "@derap.test") {
			continue
		}
		if _, err := store.Authenticate(ctx, fields[0], fields[len(fields)-1], "192.0.2.2"); err != nil {
			t.Errorf("%s with its new password: %v", fields[0], err)
		}
	}
	if _, err := store.Authenticate(ctx, first[0].Email, first[0].Password, "192.0.2.3"); err == nil {
		t.Error("an old demo password still signs in")
	}
	if _, err := store.Authenticate(ctx, used.Email, used.Password, "192.0.2.4"); err != nil {
		t.Errorf("the used account lost its password: %v", err)
	}
}

func TestUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, nil, &out, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(out.String(), "usage: derap") {
		t.Errorf("no usage: %s", out.String())
	}
}

// serve migrates, loads the data, says where to browse, answers, and stops cleanly: the
// real binary, stopped by an interrupt as a service manager or Ctrl-C would stop it.
func TestServeLifecycle(t *testing.T) {
	dir, db := t.TempDir(), modeltest.NewDatabase(t)
	for _, k := range envVars {
		t.Setenv(k, "") // the server inherits this environment
	}
	bin := filepath.Join(t.TempDir(), "derap")
	if err := portalproc.Build(t.Context(), bin); err != nil {
		t.Fatal(err)
	}
	// start serves the same data folder each time and returns its address and stop.
	start := func() (string, func() error, func() string) {
		p, err := portalproc.Start(t.Context(), portalproc.Options{Binary: bin, DataDir: dir, Args: []string{"--demo", "--db", db}, StartTimeout: 30 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = p.Stop() })
		logs := func() string {
			s, err := p.Log()
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		if want := "url=" + p.Base() + "/"; !strings.Contains(logs(), want) {
			t.Errorf("serve did not say where to browse (%s):\n%s", want, logs())
		}
		return p.Base() + "/", p.Stop, logs
	}

	url, stop, logs := start()
	resp, err := http.Get(url + "agreements")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Kota Pariaman") {
		t.Fatalf("%d: the demo agreements are not served", resp.StatusCode)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(logs(), "demo account"); n != 10 {
		t.Errorf("%d demo accounts in the log, want 10", n)
	}
	for _, want := range []string{"loaded reference regions", "loaded the demo programme", "generated a session key", "shutting down"} {
		if !strings.Contains(logs(), want) {
			t.Errorf("log lacks %q", want)
		}
	}

	// A second start adds nothing.
	url, stop, logs = start()
	resp, err = http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	for _, again := range []string{"loaded", "demo account", "generated a session key"} {
		if strings.Contains(logs(), again) {
			t.Errorf("the second start did %q again:\n%s", again, logs())
		}
	}

	if err := run(context.Background(), []string{"migrate", "--data-dir", dir, "--db", db}, nil, io.Discard, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
}

// A database the server cannot write (here a file on a read-only filesystem) is refused
// at start with one line, before anything is served.
func TestServeRefusesAReadOnlyDatabase(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	if os.Geteuid() != 0 {
		t.Skip("a read-only mount needs root (a file's permissions do not stop root); run as root (CI does)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	db := filepath.Join(dir, "derap.db")
	if _, err := cli(t, t.TempDir(), "", "migrate", "--db", db); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-o", "remount,ro", dir).CombinedOutput(); err != nil {
		t.Fatalf("remount read-only: %v %s", err, out)
	}
	var log bytes.Buffer
	err := run(context.Background(), []string{"serve", "--data-dir", t.TempDir(), "--db", db, "--addr", "127.0.0.1:0"}, nil, io.Discard, slog.New(slog.NewTextHandler(&log, nil)))
	if err == nil || strings.Contains(err.Error(), "\n") || strings.Contains(log.String(), "ready") {
		t.Fatalf("serve on a read-only database: %v\n%s", err, log.String())
	}
	if !strings.Contains(err.Error(), "read") && !strings.Contains(err.Error(), "cannot be written") {
		t.Errorf("the refusal does not say why: %v", err)
	}
	t.Log(err)
}
