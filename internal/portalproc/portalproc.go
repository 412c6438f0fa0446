// Package portalproc runs the portal's own binary, `derap serve`, on a free loopback port
// and waits until it answers: the one way the command's tests, the benchmark and the
// browser tests start a real server, so that they start it alike and fail alike.
//
//	bin := filepath.Join(t.TempDir(), "derap")
//	if err := portalproc.Build(ctx, bin); err != nil { ... }
//	p, err := portalproc.Start(ctx, portalproc.Options{Binary: bin, DataDir: dir, Args: []string{"--demo"}})
//	if err != nil { ... }
//	defer p.Stop()
//	http.Get(p.Base() + "/agreements")
package portalproc

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"derap/views"
)

// BuildTags are the build tags the portal is compiled with, as the Makefile's TAGS:
// sqlite_fts5 compiles SQLite's full-text search into the driver.
const BuildTags = "sqlite_fts5"

// Build compiles the portal's command into the file out. It names the command by its
// import path, so that it works from any folder of the module.
func Build(ctx context.Context, out string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", BuildTags, "-o", out, "derap/cmd/derap")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("portalproc: go build: %w\n%s", err, msg)
	}
	return nil
}

// Options says which binary to start and how.
type Options struct {
	// Binary is the path of a built `derap` (see Build).
	Binary string
	// DataDir is the server's --data-dir.
	DataDir string
	// Args are more flags for `derap serve`, after --addr and --data-dir.
	Args []string
	// Env is added to this process's environment; a later entry wins.
	Env []string
	// LogFile receives the server's stdout and stderr; by default DataDir/server.log.
	// An existing file is truncated.
	LogFile string
	// StartTimeout bounds the wait for /healthz; by default a minute.
	StartTimeout time.Duration
	// StopTimeout is how long Stop waits after the interrupt before it kills the server;
	// by default 20s, longer than the server's own 15s for requests in flight.
	StopTimeout time.Duration
}

// Process is a running `derap serve`. Its methods are safe to call from any goroutine.
type Process struct {
	cmd         *exec.Cmd
	base        string
	logPath     string
	stopTimeout time.Duration

	exited  chan struct{} // closed once the process has been waited for
	waitErr error         // how it ended; read only after exited is closed

	stopOnce sync.Once
	stopErr  error
}

// Start runs `derap serve --addr 127.0.0.1:<free port> --data-dir DataDir Args...` and
// returns once GET /healthz answers 200. The context bounds only the start: the server
// lives until Stop, so that a test's cancelled context cannot cut its graceful shutdown
// short. When the server exits or does not answer in time, Start stops it and the error
// carries the end of its log.
func Start(ctx context.Context, o Options) (*Process, error) {
	if o.Binary == "" || o.DataDir == "" {
		return nil, errors.New("portalproc: Options need a Binary and a DataDir")
	}
	if o.LogFile == "" {
		o.LogFile = filepath.Join(o.DataDir, "server.log")
	}
	if o.StartTimeout == 0 {
		o.StartTimeout = time.Minute
	}
	if o.StopTimeout == 0 {
		o.StopTimeout = 20 * time.Second
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(o.LogFile)
	if err != nil {
		return nil, fmt.Errorf("portalproc: log file: %w", err)
	}
	// The child writes to the file itself: no copying goroutine here, which matters to
	// the benchmark, whose server logs every request.
	defer logFile.Close()

	cmd := exec.Command(o.Binary, append([]string{"serve", "--addr", addr, "--data-dir", o.DataDir}, o.Args...)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), o.Env...)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("portalproc: start %s: %w", o.Binary, err)
	}
	p := &Process{cmd: cmd, base: "http://" + addr, logPath: o.LogFile, stopTimeout: o.StopTimeout, exited: make(chan struct{})}
	// One goroutine waits for the process from the start, so that both the wait for
	// /healthz and Stop can tell when it has ended.
	go func() {
		p.waitErr = cmd.Wait()
		close(p.exited)
	}()

	ctx, cancel := context.WithTimeout(ctx, o.StartTimeout)
	defer cancel()
	if err := p.waitHealthy(ctx); err != nil {
		_ = p.Stop()
		return nil, fmt.Errorf("portalproc: %s: %w; the end of %s:\n%s", p.base, err, p.logPath, p.LogTail(40))
	}
	return p, nil
}

// freeAddr is a loopback address whose port was free a moment ago. Another process may
// take it before the server binds it; on a test machine that is rare enough.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("portalproc: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// healthClient asks without keeping connections, so that none is left open to the
// server, and with a timeout, so that a server that accepts but never answers cannot
// hold a poll past the start's deadline.
var healthClient = &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}

// waitHealthy polls /healthz until it answers 200, the process ends or ctx is done.
func (p *Process) waitHealthy(ctx context.Context) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.base+string(views.HealthURL()), nil)
		if err != nil {
			return err
		}
		if resp, err := healthClient.Do(req); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.exited:
			return fmt.Errorf("the server exited before it answered: %v", p.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("%s did not answer 200: %w", views.HealthURL(), ctx.Err())
		case <-tick.C:
		}
	}
}

// Base is the server's address without a trailing slash, as "http://127.0.0.1:41234".
func (p *Process) Base() string { return p.base }

// PID is the server's process id, for reading /proc/<pid>/.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// LogPath is the file that holds the server's output.
func (p *Process) LogPath() string { return p.logPath }

// Log is everything the server has written so far. It reads the file, so it may be
// called while the server runs.
func (p *Process) Log() (string, error) {
	b, err := os.ReadFile(p.logPath)
	if err != nil {
		return "", fmt.Errorf("portalproc: read log: %w", err)
	}
	return string(b), nil
}

// LogTail is the last n lines of the server's output, for a failure's message. It reads
// only the end of the file, which after a benchmark can be large.
func (p *Process) LogTail(n int) string {
	f, err := os.Open(p.logPath)
	if err != nil {
		return fmt.Sprintf("(no log: %v)", err)
	}
	defer f.Close()
	const window = 64 << 10
	cut := false
	if fi, err := f.Stat(); err == nil && fi.Size() > window {
		_, err = f.Seek(fi.Size()-window, io.SeekStart)
		cut = err == nil
	}
	b, _ := io.ReadAll(f)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if cut && len(lines) > 1 {
		lines = lines[1:] // the window began inside this line
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Stop interrupts the server, as a service manager or Ctrl-C would, so that it shuts down
// gracefully; one that has not exited within the StopTimeout is killed. It returns nil
// when the server exited cleanly, and the same answer on every call.
func (p *Process) Stop() error {
	p.stopOnce.Do(func() {
		// An error here means the process has already exited; the wait below says how.
		_ = p.cmd.Process.Signal(os.Interrupt)
		timer := time.NewTimer(p.stopTimeout)
		defer timer.Stop()
		select {
		case <-p.exited:
			if p.waitErr != nil {
				p.stopErr = fmt.Errorf("portalproc: the server did not exit cleanly: %w", p.waitErr)
			}
		case <-timer.C:
			_ = p.cmd.Process.Kill()
			<-p.exited
			p.stopErr = fmt.Errorf("portalproc: the server did not stop within %s and was killed", p.stopTimeout)
		}
	})
	return p.stopErr
}
