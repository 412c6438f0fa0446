package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"derap/internal/portalproc"
	"derap/models"
	"derap/models/fixture"
)

// buildDatabase makes the benchmark's database with the models' own actions.
func buildDatabase(ctx context.Context, dsn string, small bool) (benchData, error) {
	size := fixture.Full
	if small {
		size = fixture.Size{Agreements: 600, Events: 50, Users: 60, AuditEntries: 5000}
	}
	return buildSized(ctx, dsn, size)
}

// server is the portal's binary running on the benchmark's database, with its peak memory.
type server struct {
	*portalproc.Process
	once sync.Once
	mu   sync.Mutex
	peak int64 // kB, the highest VmHWM read
}

// startServer runs `derap serve` exactly as a user would, with any extra flags, and waits
// until it answers. Each start gets its own log, named by logName (server.log by default),
// so that the cold run's start does not wipe the cached run's log.
func startServer(ctx context.Context, bin, dir, dsn, logName string, extra ...string) (*server, error) {
	if logName == "" {
		logName = "server.log"
	}
	p, err := portalproc.Start(ctx, portalproc.Options{
		Binary: bin, DataDir: dir,
		Args:    append([]string{"--db", dsn}, extra...),
		Env:     []string{"DERAP_DEMO=0"},
		LogFile: filepath.Join(dir, logName),
	})
	if err != nil {
		return nil, err
	}
	s := &server{Process: p}
	go s.watchMemory()
	return s, nil
}

// watchMemory keeps the server's peak resident memory, as the kernel counts it, until
// the process is gone.
func (s *server) watchMemory() {
	for s.sampleMemory() {
		time.Sleep(200 * time.Millisecond)
	}
}

// sampleMemory reads VmHWM once; false when the process can no longer be read.
func (s *server) sampleMemory() bool {
	kb, err := vmHWM(s.PID())
	if err != nil {
		return false
	}
	s.mu.Lock()
	s.peak = max(s.peak, kb)
	s.mu.Unlock()
	return true
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

// stop takes a last reading of the peak memory and ends the server gracefully, as a
// service manager would. Only the first call reads: after it the process id may be
// another process's.
func (s *server) stop() {
	s.once.Do(func() {
		s.sampleMemory()
		_ = s.Stop()
	})
}

// lostConfirmations compares the confirmations the server acknowledged in the write mix
// with those the database holds.
func lostConfirmations(ctx context.Context, dsn string, r *Report) (int64, error) {
	s, err := models.Open(dsn)
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
