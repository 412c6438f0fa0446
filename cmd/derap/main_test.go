package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
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
			BaseURL: "http://127.0.0.1:8080", SessionIdle: 30 * time.Minute, SessionMaxAge: 12 * time.Hour, MaxUploadMB: 20}},
		{"environment", map[string]string{"DERAP_ADDR": "0.0.0.0:9000", "DERAP_DATA_DIR": "/srv/derap", "DERAP_DEMO": "1", "DERAP_SESSION_IDLE": "10m", "DERAP_TRUSTED_PROXIES": "10.0.0.1"}, nil,
			config{Addr: "0.0.0.0:9000", DataDir: "/srv/derap", DB: "/srv/derap/derap.db", Demo: true,
				BaseURL: "http://localhost:9000", SessionIdle: 10 * time.Minute, SessionMaxAge: 12 * time.Hour, TrustedProxies: "10.0.0.1", MaxUploadMB: 20}},
		{"flags win", map[string]string{"DERAP_ADDR": ":9000", "DERAP_DB": "/env.db", "DERAP_DEMO": "1", "DERAP_BASE_URL": "https://env.example"},
			[]string{"--addr", "127.0.0.1:9999", "--db", "/flag.db", "--demo=false", "--base-url", "https://ksd.example", "--session-max", "1h"},
			config{Addr: "127.0.0.1:9999", DataDir: "data", DB: "/flag.db", BaseURL: "https://ksd.example", SessionIdle: 30 * time.Minute, SessionMaxAge: time.Hour, MaxUploadMB: 20}},
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
	for k, v := range map[string]string{"DERAP_DEMO": "maybe", "DERAP_SESSION_IDLE": "soon", "DERAP_BASE_URL": "ftp://x"} {
		t.Run(k, func(t *testing.T) {
			t.Setenv(k, v)
			if _, err := parseServeConfig(nil); err == nil {
				t.Errorf("%s=%s accepted", k, v)
			}
		})
	}
}

var envVars = []string{"DERAP_ADDR", "DERAP_DB", "DERAP_DATA_DIR", "DERAP_DEMO", "DERAP_BASE_URL", "DERAP_SESSION_IDLE", "DERAP_SESSION_MAX", "DERAP_TRUSTED_PROXIES", "DERAP_SESSION_KEY", "DERAP_MAX_UPLOAD_MB", "DERAP_METRICS_ADDR"}

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
