package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"runtime/debug"
	"time"

	"derap/handlers"
	"derap/internal/mail"
	"derap/internal/notify"
	"derap/models"
)

// serve runs the portal until the process is told to stop, then shuts down gracefully:
// requests in flight finish, then the database is closed.
func serve(ctx context.Context, args []string, log *slog.Logger) error {
	c, err := parseServeConfig(args)
	if err != nil {
		return err
	}
	// The portal is meant to live on one small machine beside other services: past this
	// the garbage collector works harder rather than let the heap grow. GOMEMLIMIT wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(100 << 20)
	}
	proxies, err := c.trustedProxies()
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.CheckServable(ctx); err != nil {
		return err
	}
	if kept, err := store.PlansKept(ctx); err != nil {
		return err
	} else if !kept {
		log.Warn("this program's SQLite plans every query again on each run, which costs pages about 15 %: build it with make build (CGO_CFLAGS with -DSQLITE_ENABLE_QPSG)")
	}
	if n, err := models.RemoveStaleUploads(time.Hour); err == nil && n > 0 {
		log.Info("removed upload files a stopped server left behind", "files", n)
	}
	// The addresses are taken and the key checked before anything is seeded, so that a
	// start that cannot serve (the port is taken) leaves the database as it was and shows
	// no password.
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	key, err := sessionKey(c.DataDir, log)
	if err != nil {
		return err
	}
	checkpointKey, err := auditKey(c.DataDir, true, log)
	if err != nil {
		return err
	}
	var metrics *handlers.Metrics
	if c.MetricsAddr != "" {
		metrics = handlers.NewMetrics(store)
	}
	sender, err := mailSender(ctx, c, store, log)
	if err != nil {
		return err
	}
	handler, err := handlers.New(store, handlers.Config{
		BaseURL: c.baseURL(), SessionKey: key, SessionIdle: c.SessionIdle, SessionMaxAge: c.SessionMaxAge, TrustedProxies: proxies,
		MaxUpload: int64(c.MaxUploadMB) << 20, PageCache: c.PageCacheMB << 20, NoPageCache: c.PageCacheMB == 0, Metrics: metrics, Demo: c.Demo, MailConfigured: sender != nil,
		AuditPublicKey: checkpointKey.Public().(ed25519.PublicKey),
	}, log)
	if err != nil {
		return err
	}
	if metrics != nil {
		stop, err := serveMetrics(c.MetricsAddr, metrics, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	if c.Demo {
		accounts, err := store.LoadDemo(ctx)
		if err != nil {
			return err
		}
		if len(accounts) > 0 {
			log.Info("loaded the demo programme")
		}
		// Printed once, at the first start, so that a person trying the demo can sign in.
		for _, a := range accounts {
			log.Info("demo account (password shown only now)", "email", a.Email, "role", a.Role, "region", a.Region, "password", a.Password)
		}
	}

	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	// The notifications' worker: it stops, and is waited for, before the database closes.
	worker := &notify.Worker{
		Composer: notify.Composer{Store: store, Base: c.baseURL(), Signer: notify.NewSigner(key)},
		Outbox:   store, Sender: sender, Reminders: c.reminders(), Log: log,
	}
	workCtx, stopWork := context.WithCancel(context.Background())
	working := make(chan struct{})
	go func() { defer close(working); worker.Run(workCtx, c.MailInterval) }()
	defer func() { stopWork(); <-working }()
	// The daily checkpoint of the audit chain, stopped the same way (audit.go).
	checkpointing := make(chan struct{})
	go func() {
		defer close(checkpointing)
		runCheckpoints(workCtx, store, checkpointKey, checkpointRound, log)
	}()
	defer func() { stopWork(); <-checkpointing }()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("Derap KSD portal is ready; open it in a browser", "url", browseURL(ln.Addr()), "db", safeDSN(c.DB), "demo", c.Demo)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// mailSender is the SMTP server the flags name, or nil when none is set: the outbox then
// keeps the messages for officials to read.
func mailSender(ctx context.Context, c config, store *models.Store, log *slog.Logger) (mail.Sender, error) {
	if c.SMTPURL == "" {
		log.Info("no mail server set (--smtp-url): notifications stay in the outbox, readable at /office/outbox")
		return nil, nil
	}
	replyTo := c.MailReplyTo
	if replyTo == "" {
		if b, err := store.BureauContact(ctx); err == nil {
			replyTo = b.Email
		}
	}
	s, err := mail.NewSMTP(mail.Config{URL: c.SMTPURL, From: c.MailFrom, ReplyTo: replyTo})
	if err != nil {
		return nil, err
	}
	log.Info("notifications go by mail", "smtp", mail.Redacted(c.SMTPURL), "from", c.MailFrom, "reply_to", replyTo)
	return s, nil
}

// serveMetrics serves the metrics at /metrics on an address of their own, apart from the
// portal, so that they can stay on a private network.
func serveMetrics(addr string, metrics *handlers.Metrics, log *slog.Logger) (stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", metrics.Handler())
	// Go's profiles of the running server (CPU, allocations, goroutines), on the same
	// private address: how the README's profile of the portal under load was taken.
	mux.HandleFunc("GET /debug/pprof/", pprof.Index)
	mux.HandleFunc("GET /debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("GET /debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("GET /debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	go func() { _ = srv.Serve(ln) }()
	log.Info("serving metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	return func() { _ = srv.Close() }, nil
}

// browseURL is the address a person on this machine opens for a listener.
func browseURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
