package portalproc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The tests start this test binary itself as the server (PORTALPROC_FAKE says how it
// behaves), so that they need neither a build of the portal nor a database: the portal's
// own binary is started by cmd/derap's TestServeLifecycle.
func TestMain(m *testing.M) {
	if mode := os.Getenv("PORTALPROC_FAKE"); mode != "" {
		fakeServer(mode, os.Args[1:])
		return
	}
	os.Exit(m.Run())
}

// fakeServer plays `derap serve` in one of a few ways: "serve" answers /healthz after a
// few 503s and stops on an interrupt, "crash" exits at once, "stubborn" ignores
// interrupts, "mute" never answers 200.
func fakeServer(mode string, args []string) {
	fmt.Fprintf(os.Stderr, "fake: args %s\n", strings.Join(args, " "))
	if mode == "crash" {
		fmt.Fprintln(os.Stderr, "fake: cannot open the database")
		os.Exit(3)
	}
	var addr string
	for i, a := range args {
		if a == "--addr" && i+1 < len(args) {
			addr = args[i+1]
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if mode == "stubborn" {
		signal.Ignore(os.Interrupt)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "fake:", err)
		os.Exit(1)
	}
	var polls atomic.Int32
	go func() {
		_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if mode == "mute" || polls.Add(1) <= 3 {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
		}))
	}()
	<-ctx.Done()
	fmt.Fprintln(os.Stderr, "fake: shutting down")
	os.Exit(0)
}

func startFake(t *testing.T, mode string, o Options) (*Process, error) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	o.Binary = self
	o.DataDir = t.TempDir()
	o.Env = append(o.Env, "PORTALPROC_FAKE="+mode)
	p, err := Start(context.Background(), o)
	if p != nil {
		t.Cleanup(func() { _ = p.Stop() })
	}
	return p, err
}

func TestStartAndStop(t *testing.T) {
	p, err := startFake(t, "serve", Options{Args: []string{"--demo"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(p.Base(), "http://127.0.0.1:") || strings.HasSuffix(p.Base(), "/") {
		t.Errorf("Base() = %q", p.Base())
	}
	if p.PID() <= 0 || p.PID() == os.Getpid() {
		t.Errorf("PID() = %d", p.PID())
	}
	resp, err := http.Get(p.Base() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz: %d", resp.StatusCode)
	}
	log, err := p.Log()
	if err != nil {
		t.Fatal(err)
	}
	want := "fake: args serve --addr " + strings.TrimPrefix(p.Base(), "http://") + " --data-dir "
	if !strings.Contains(log, want) || !strings.Contains(log, " --demo\n") {
		t.Errorf("log %q lacks %q ... --demo", log, want)
	}

	for range 2 { // Stop is idempotent
		if err := p.Stop(); err != nil {
			t.Fatal(err)
		}
	}
	if log, _ := p.Log(); !strings.HasSuffix(log, "fake: shutting down\n") {
		t.Errorf("no graceful shutdown in the log:\n%s", log)
	}
	if filepath.Base(p.LogPath()) != "server.log" {
		t.Errorf("LogPath() = %s", p.LogPath())
	}
	if _, err := http.Get(p.Base() + "/healthz"); err == nil {
		t.Error("the server still answers after Stop")
	}
}

func TestStartReportsAnExit(t *testing.T) {
	start := time.Now()
	_, err := startFake(t, "crash", Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"portalproc: ", "exited before it answered", "exit status 3", "fake: cannot open the database"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
	if time.Since(start) > 10*time.Second {
		t.Error("Start waited out its deadline instead of noticing the exit")
	}
}

func TestStartGivesUp(t *testing.T) {
	_, err := startFake(t, "mute", Options{StartTimeout: 300 * time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "/healthz did not answer 200") || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v", err)
	}
}

func TestStopKillsAStubbornServer(t *testing.T) {
	p, err := startFake(t, "stubborn", Options{StopTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	err = p.Stop()
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("got %v", err)
	}
	if again := p.Stop(); again != err {
		t.Errorf("a second Stop said %v, the first %v", again, err)
	}
}

func TestLogTailOfALargeLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "server.log")
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "line %d\n", i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	p := &Process{logPath: path}
	if got, want := p.LogTail(3), "line 19997\nline 19998\nline 19999"; got != want {
		t.Errorf("LogTail(3) = %q, want %q", got, want)
	}
	if got := strings.Split(p.LogTail(1e6), "\n")[0]; !strings.HasPrefix(got, "line ") {
		t.Errorf("the tail begins inside a line: %q", got)
	}
}
