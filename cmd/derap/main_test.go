package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConfigPrecedence(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want config
	}{
		{"defaults", nil, nil, config{Addr: "127.0.0.1:8080", DataDir: "data", DB: filepath.Join("data", "derap.db")}},
		{"environment", map[string]string{"DERAP_ADDR": ":9000", "DERAP_DATA_DIR": "/srv/derap", "DERAP_DEMO": "1"}, nil,
			config{Addr: ":9000", DataDir: "/srv/derap", DB: "/srv/derap/derap.db", Demo: true}},
		{"flags win", map[string]string{"DERAP_ADDR": ":9000", "DERAP_DB": "/env.db", "DERAP_DEMO": "1"},
			[]string{"--addr", "127.0.0.1:9999", "--db", "/flag.db", "--demo=false"},
			config{Addr: "127.0.0.1:9999", DataDir: "data", DB: "/flag.db"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"DERAP_ADDR", "DERAP_DB", "DERAP_DATA_DIR", "DERAP_DEMO"} {
				t.Setenv(k, tt.env[k])
			}
			got, err := parseConfig("serve", tt.args, true)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%+v, want %+v", got, tt.want)
			}
		})
	}
	t.Setenv("DERAP_DEMO", "maybe")
	if _, err := parseConfig("serve", nil, true); err == nil {
		t.Error("DERAP_DEMO=maybe accepted")
	}
}

func TestUnknownCommand(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"frobnicate"}, &out, slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(out.String(), "usage: derap") {
		t.Errorf("no usage: %s", out.String())
	}
}

// lockedBuffer lets the test read the log while the server writes it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// serve migrates, loads the data, says where to browse, answers, and stops cleanly.
func TestServeLifecycle(t *testing.T) {
	dir := t.TempDir()
	for _, k := range []string{"DERAP_ADDR", "DERAP_DB", "DERAP_DATA_DIR", "DERAP_DEMO"} {
		t.Setenv(k, "")
	}
	start := func() (string, func() error, *lockedBuffer) {
		var logs lockedBuffer
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--data-dir", dir, "--demo"}, io.Discard, slog.New(slog.NewTextHandler(&logs, nil)))
		}()
		urlRE := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+/)`)
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if m := urlRE.FindStringSubmatch(logs.String()); m != nil {
				return m[1], func() error { cancel(); return <-done }, &logs
			}
			select {
			case err := <-done:
				t.Fatalf("serve stopped: %v\n%s", err, logs.String())
			case <-time.After(20 * time.Millisecond):
			}
		}
		cancel()
		t.Fatalf("serve never said its URL:\n%s", logs.String())
		return "", nil, nil
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
	for _, want := range []string{"loaded reference regions", "loaded the demo programme", "shutting down"} {
		if !strings.Contains(logs.String(), want) {
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
	if strings.Contains(logs.String(), "loaded") {
		t.Errorf("the second start loaded data again:\n%s", logs.String())
	}

	if err := run(context.Background(), []string{"migrate", "--data-dir", dir}, io.Discard, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
}
