package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"derap/models"
)

// config is the portal's settings from flags and environment variables.
type config struct {
	Addr           string
	DB             string
	DataDir        string
	Demo           bool
	BaseURL        string
	SessionIdle    time.Duration
	SessionMaxAge  time.Duration
	TrustedProxies string
	MaxUploadMB    int
	PageCacheMB    int
	MetricsAddr    string
	// Mail: the SMTP server (none: messages stay in the outbox), the sender, where
	// answers go, when reminders go out and how often the outbox is looked at.
	SMTPURL         string
	MailFrom        string
	MailReplyTo     string
	RemindAfterDays int
	RemindEveryDays int
	MailInterval    time.Duration
}

// flagSet is a command's flags; each flag's default comes from its environment variable,
// so a flag on the command line wins over the variable.
type flagSet struct {
	*flag.FlagSet
	err error
}

func newFlagSet(name string) *flagSet {
	return &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError)}
}

func (fs *flagSet) str(p *string, name, env, fallback, usage string) {
	if v := os.Getenv(env); v != "" {
		fallback = v
	}
	fs.StringVar(p, name, fallback, usage+" (env "+env+")")
}

func (fs *flagSet) boolean(p *bool, name, env, usage string) {
	def := false
	if v := os.Getenv(env); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil && fs.err == nil {
			fs.err = fmt.Errorf("%s=%q: want 1 or 0", env, v)
		}
		def = b
	}
	fs.BoolVar(p, name, def, usage+" (env "+env+"=1)")
}

func (fs *flagSet) integer(p *int, name, env string, fallback int, usage string) {
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if (err != nil || n <= 0) && fs.err == nil {
			fs.err = fmt.Errorf("%s=%q: want a positive whole number", env, v)
		}
		fallback = n
	}
	fs.IntVar(p, name, fallback, usage+" (env "+env+")")
}

func (fs *flagSet) duration(p *time.Duration, name, env string, fallback time.Duration, usage string) {
	if v := os.Getenv(env); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil && fs.err == nil {
			fs.err = fmt.Errorf("%s=%q: want a duration such as 30m or 12h", env, v)
		}
		fallback = d
	}
	fs.DurationVar(p, name, fallback, usage+" (env "+env+")")
}

func (fs *flagSet) parse(args []string) error {
	if fs.err != nil {
		return fs.err
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// storageFlags are the flags every command that opens the database has.
func (c *config) storageFlags(fs *flagSet) {
	fs.str(&c.DataDir, "data-dir", "DERAP_DATA_DIR", "data", "folder for the portal's files")
	fs.str(&c.DB, "db", "DERAP_DB", "", "the database: a SQLite file (default <data-dir>/derap.db) or a postgres:// URL")
	fs.str(&c.BaseURL, "base-url", "DERAP_BASE_URL", "", "where people reach the portal, e.g. https://ksd.jakarta.go.id (default http://<addr>)")
}

// finish fills in the defaults that depend on other settings and checks the result.
func (c *config) finish() error {
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "derap.db")
	}
	if c.BaseURL == "" {
		addr := c.Addr
		if addr == "" {
			addr = "127.0.0.1:8080"
		}
		c.BaseURL = "http://" + strings.Replace(addr, "0.0.0.0:", "localhost:", 1)
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q: want http://host or https://host", c.BaseURL)
	}
	if c.SessionIdle < 0 || c.SessionMaxAge < 0 {
		return errors.New("session timeouts must be positive")
	}
	if c.MaxUploadMB < 0 {
		return errors.New("the upload limit must be positive")
	}
	if c.PageCacheMB < 0 {
		return errors.New("the page cache's size must be 0 or more")
	}
	return nil
}

// baseURL is the parsed base URL.
func (c config) baseURL() *url.URL {
	u, _ := url.Parse(strings.TrimSuffix(c.BaseURL, "/"))
	return u
}

// trustedProxies parses the comma-separated addresses or CIDR ranges of trusted proxies.
func (c config) trustedProxies() ([]*net.IPNet, error) {
	var nets []*net.IPNet
	for _, s := range strings.Split(c.TrustedProxies, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !strings.Contains(s, "/") {
			if ip := net.ParseIP(s); ip != nil && ip.To4() != nil {
				s += "/32"
			} else {
				s += "/128"
			}
		}
		_, n, err := net.ParseCIDR(s)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: %w", s, err)
		}
		nets = append(nets, n)
	}
	return nets, nil
}

// parseServeConfig reads the flags of `derap serve`.
func parseServeConfig(args []string) (config, error) {
	var c config
	fs := newFlagSet("serve")
	c.storageFlags(fs)
	fs.str(&c.Addr, "addr", "DERAP_ADDR", "127.0.0.1:8080", "address to listen on")
	fs.boolean(&c.Demo, "demo", "DERAP_DEMO", "load the demo programme and demo accounts once")
	fs.duration(&c.SessionIdle, "session-idle", "DERAP_SESSION_IDLE", 30*time.Minute, "end sessions unused for this long")
	fs.duration(&c.SessionMaxAge, "session-max", "DERAP_SESSION_MAX", 12*time.Hour, "end every session this long after sign-in")
	fs.str(&c.TrustedProxies, "trusted-proxies", "DERAP_TRUSTED_PROXIES", "", "comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For is trusted")
	fs.integer(&c.MaxUploadMB, "max-upload-mb", "DERAP_MAX_UPLOAD_MB", 20, "largest document officials may upload, in MiB")
	fs.integer(&c.PageCacheMB, "page-cache-mb", "DERAP_PAGE_CACHE_MB", 16, "memory for rendered visitors' pages, in MiB (signed-in start pages get half as much; 0 renders every page afresh)")
	fs.str(&c.MetricsAddr, "metrics-addr", "DERAP_METRICS_ADDR", "", "address to serve Prometheus metrics on, at /metrics (off when empty; keep it private)")
	fs.str(&c.SMTPURL, "smtp-url", "DERAP_SMTP_URL", "", "mail server for notifications: smtp://user:pass@host:587 (STARTTLS; ?tls=mandatory|none) or smtps://user:pass@host:465; without it messages stay in the outbox")
	fs.str(&c.MailFrom, "mail-from", "DERAP_MAIL_FROM", "", "sender of notifications (default \"Derap KSD <noreply@<base-url host>>\")")
	fs.str(&c.MailReplyTo, "mail-reply-to", "DERAP_MAIL_REPLY_TO", "", "where answers to notifications go (default the bureau's email in the portal's settings)")
	fs.integer(&c.RemindAfterDays, "remind-after-days", "DERAP_REMIND_AFTER_DAYS", 7, "remind a region's delegates when its answer has been pending this many days")
	fs.integer(&c.RemindEveryDays, "remind-every-days", "DERAP_REMIND_EVERY_DAYS", 7, "and again every this many days")
	fs.duration(&c.MailInterval, "mail-interval", "DERAP_MAIL_INTERVAL", 30*time.Second, "how often the outbox is sent and reminders are queued")
	if err := fs.parse(args); err != nil {
		return c, err
	}
	if err := c.finish(); err != nil {
		return c, err
	}
	if c.RemindAfterDays <= 0 || c.RemindEveryDays <= 0 || c.MailInterval <= 0 {
		return c, errors.New("the reminder days and the mail interval must be positive")
	}
	if c.MailFrom == "" {
		c.MailFrom = "Derap KSD <noreply@" + c.baseURL().Hostname() + ">"
	}
	return c, nil
}

// reminders is the reminder policy the flags set.
func (c config) reminders() models.ReminderPolicy {
	return models.ReminderPolicy{PendingAfter: time.Duration(c.RemindAfterDays) * 24 * time.Hour, Every: time.Duration(c.RemindEveryDays) * 24 * time.Hour}
}

// parseStorageConfig reads the flags of a maintenance command.
func parseStorageConfig(name string, args []string, more func(*flagSet)) (config, error) {
	var c config
	fs := newFlagSet(name)
	c.storageFlags(fs)
	if more != nil {
		more(fs)
	}
	if err := fs.parse(args); err != nil {
		return c, err
	}
	return c, c.finish()
}

// openExisting opens the database as it is, creating the folders of a SQLite file.
func openExisting(c config) (*models.Store, error) {
	dirs := []string{c.DataDir}
	if models.EngineOf(c.DB) == models.EngineSQLite {
		dirs = append(dirs, filepath.Dir(c.DB))
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create %s: %w", dir, err)
		}
	}
	return models.Open(c.DB)
}

// openStore opens the database, brings the schema up to date and loads the reference
// regions into an empty database, telling report what it did. A database newer than
// this program is refused, untouched.
func openStore(ctx context.Context, c config, report func(msg string, args ...any)) (*models.Store, error) {
	store, err := openExisting(c)
	if err != nil {
		return nil, err
	}
	applied, err := store.Migrate(ctx)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	for _, m := range applied {
		report("applied migration", "version", m.Version, "name", m.Name, "took", m.Took.Round(time.Millisecond))
	}
	if err := importDocumentFiles(ctx, store, c, report); err != nil {
		_ = store.Close()
		return nil, err
	}
	added, err := store.LoadRegions(ctx)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	if added > 0 {
		report("loaded reference regions", "regions", added)
	}
	return store, nil
}

// importDocumentFiles moves the documents that releases before December 2026 kept in
// <data-dir>/files into the database, once; the folder is left for the operator to remove.
func importDocumentFiles(ctx context.Context, store *models.Store, c config, report func(msg string, args ...any)) error {
	dir := filepath.Join(c.DataDir, "files")
	if _, err := os.Stat(dir); err != nil {
		return nil // nothing kept the old way
	}
	imported, missing, err := store.ImportDocumentFiles(ctx, dir)
	if err != nil {
		return err
	}
	if imported > 0 {
		report("moved documents into the database; the files folder is no longer used", "documents", imported, "folder", dir)
	}
	if len(missing) > 0 {
		report("documents whose file is missing or damaged: their downloads will fail", "count", len(missing), "sha256", strings.Join(missing, ","))
	}
	return nil
}

// safeDSN is the database as logs may name it: a PostgreSQL URL without its password.
func safeDSN(dsn string) string {
	if models.EngineOf(dsn) != models.EnginePostgres {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// checkSessionKey refuses a secret too weak to sign sessions: shorter than 32 bytes, or
// not random-looking (fewer than 10 different bytes, or one byte making up half of it, as
// in a key of NUL bytes or "aaaa..."). A generated key (64 hex digits) and a long
// passphrase pass.
func checkSessionKey(key []byte) error {
	if len(key) < 32 {
		return errors.New("the session key must be at least 32 characters; generate one with: openssl rand -hex 32")
	}
	counts := map[byte]int{}
	most := 0
	for _, b := range key {
		counts[b]++
		most = max(most, counts[b])
	}
	if len(counts) < 10 || 2*most >= len(key) {
		return errors.New("the session key is not random enough; generate one with: openssl rand -hex 32")
	}
	return nil
}

// sessionKey returns the secret for session cookies: DERAP_SESSION_KEY, or one generated
// once and kept in the data dir, readable by the portal's user only, so that a restart
// keeps people signed in.
func sessionKey(dataDir string, log *slog.Logger) ([]byte, error) {
	if v := os.Getenv("DERAP_SESSION_KEY"); v != "" {
		if err := checkSessionKey([]byte(v)); err != nil {
			return nil, fmt.Errorf("DERAP_SESSION_KEY: %w", err)
		}
		return []byte(v), nil
	}
	path := filepath.Join(dataDir, "session.key")
	key, err := os.ReadFile(path)
	if err == nil {
		key = []byte(strings.TrimSpace(string(key)))
		if err := checkSessionKey(key); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return key, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	key = []byte(hex.EncodeToString(raw))
	if err := os.WriteFile(path, append(key, '\n'), 0o600); err != nil {
		return nil, fmt.Errorf("keep the session key: %w", err)
	}
	log.Info("generated a session key", "file", path)
	return key, nil
}

// auditKeyName is the file in the data dir that holds the key signing the audit log's
// checkpoints: an Ed25519 private key, PKCS #8 in PEM ("PRIVATE KEY"), as
// `openssl genpkey -algorithm ed25519` writes one, readable by the portal's user only.
const auditKeyName = "audit-checkpoint.key"

// auditKey returns the key that signs the audit log's checkpoints, from the data dir. When
// the file is not there it is generated once (when create is set; nil without an error
// otherwise). A file that others may read or write, or that holds anything but an Ed25519
// private key, is refused: the key is never logged, nor a key it cannot trust used.
func auditKey(dataDir string, create bool, log *slog.Logger) (ed25519.PrivateKey, error) {
	path := filepath.Join(dataDir, auditKeyName)
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return nil, nil
		}
		key, err := newAuditKey(path, log)
		if errors.Is(err, fs.ErrExist) { // another process made it a moment ago
			return auditKey(dataDir, false, log)
		}
		return key, err
	}
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, fmt.Errorf("%s: others may read or change the audit checkpoint key (mode %04o); make it the portal's alone: chmod 600 %s", path, perm, path)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	block, rest := pem.Decode(raw)
	if block == nil || block.Type != "PRIVATE KEY" || len(strings.TrimSpace(string(rest))) > 0 {
		return nil, fmt.Errorf("%s: not an Ed25519 private key in PEM (PKCS #8, \"PRIVATE KEY\")", path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	key, ok := parsed.(ed25519.PrivateKey)
	if err != nil || !ok {
		return nil, fmt.Errorf("%s: not an Ed25519 private key in PEM (PKCS #8, \"PRIVATE KEY\")", path)
	}
	return key, nil
}

// newAuditKey generates the checkpoint key and keeps it at path, mode 0600; an existing
// file is never overwritten.
func newAuditKey(path string, log *slog.Logger) (ed25519.PrivateKey, error) {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("keep the audit checkpoint key: %w", err)
	}
	if err := errors.Join(pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}), f.Sync(), f.Close()); err != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("keep the audit checkpoint key: %w", err)
	}
	log.Info("generated the audit checkpoint key", "file", path, "key_id", models.CheckpointKeyID(pub))
	return key, nil
}
