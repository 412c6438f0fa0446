package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"derap/models"
	"derap/models/fixture"
)

// buildDatabase makes the benchmark's database with the models' own actions.
func buildDatabase(ctx context.Context, dir string, small bool) (fixture.Result, error) {
	size := fixture.Full
	if small {
		size = fixture.Size{Agreements: 600, Events: 50, Users: 60, AuditEntries: 5000}
	}
	s, err := models.Open(filepath.Join(dir, "derap.db"))
	if err != nil {
		return fixture.Result{}, err
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		return fixture.Result{}, err
	}
	start := time.Now()
	res, err := fixture.Build(ctx, s, size, 20261126, func(msg string) {
		fmt.Fprintf(os.Stderr, "bench: %6.1fs %s\n", time.Since(start).Seconds(), msg)
	})
	if err != nil {
		return res, err
	}
	n, err := s.VerifyAuditChain(ctx)
	fmt.Fprintf(os.Stderr, "bench: %6.1fs built: %d audit entries, %d answers pending, %d published\n", time.Since(start).Seconds(), n, len(res.Pending), len(res.Published))
	return res, err
}

// server is the portal's binary running on the benchmark's database.
type server struct {
	cmd  *exec.Cmd
	base string
	once sync.Once
	mu   sync.Mutex
	peak int64 // kB, the highest VmHWM read
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startServer runs `derap serve` exactly as a user would, and waits until it answers.
func startServer(ctx context.Context, bin, dir string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.CommandContext(ctx, bin, "serve", "--addr", addr, "--data-dir", dir, "--db", filepath.Join(dir, "derap.db"))
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(), "DERAP_DEMO=0")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr}
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				go s.watchMemory()
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("the server did not answer; see %s", logFile.Name())
}

// watchMemory keeps the server's peak resident memory, as the kernel counts it.
func (s *server) watchMemory() {
	for {
		kb, err := vmHWM(s.cmd.Process.Pid)
		if err != nil {
			return
		}
		s.mu.Lock()
		s.peak = max(s.peak, kb)
		s.mu.Unlock()
		time.Sleep(200 * time.Millisecond)
	}
}

func vmHWM(pid int) (int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, fmt.Errorf("no VmHWM")
}

func (s *server) peakRSSMB() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return float64(s.peak) / 1024
}

// stop ends the server gracefully, as a service manager would.
func (s *server) stop() {
	s.once.Do(func() {
		if kb, err := vmHWM(s.cmd.Process.Pid); err == nil {
			s.mu.Lock()
			s.peak = max(s.peak, kb)
			s.mu.Unlock()
		}
		_ = s.cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = s.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = s.cmd.Process.Kill()
		}
	})
}

// lostConfirmations compares the confirmations the server acknowledged in the write mix
// with those the database holds.
func lostConfirmations(ctx context.Context, dir string, r *Report) (int64, error) {
	s, err := models.Open(filepath.Join(dir, "derap.db"))
	if err != nil {
		return 0, err
	}
	defer s.Close()
	n, err := s.SignOffsSince(ctx, r.WriteMixStart.UTC())
	if err != nil {
		return 0, err
	}
	r.ConfirmationsStored = n
	return max(r.ConfirmationsAcked-n, 0), nil
}
