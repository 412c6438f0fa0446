// Command bench measures the portal under load, the way it runs for real: it builds a
// large database (every region, 5,000 agreements, 500 events, 200 accounts, 100,000 audit
// entries) in a temporary folder, starts the portal's own binary on it on a free loopback
// port, and drives each scenario with 32 connections in a closed loop, recording every
// latency. It prints one table and writes the same figures as JSON.
//
//	go run ./cmd/bench -bin bin/derap          # make bench
//	go run ./cmd/bench -check bench-results/latest.json   # make bench-check
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.bin, "bin", "bin/derap", "the portal's binary")
	flag.IntVar(&o.conns, "conns", 32, "concurrent connections")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "measured time per scenario")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "warm-up per scenario, not measured")
	flag.StringVar(&o.out, "out", "", "where to write the JSON (default bench-results/<time>.json)")
	flag.BoolVar(&o.small, "small", false, "a small database, for trying the benchmark itself")
	flag.BoolVar(&o.keep, "keep", false, "keep the temporary folder")
	check := flag.String("check", "", "compare a run's JSON with the targets instead of running")
	flag.Parse()
	if *check != "" {
		ok, err := checkTargets(*check, os.Stdout)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(2)
		}
		if !ok {
			os.Exit(1)
		}
		return
	}
	if err := run(context.Background(), o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type options struct {
	bin              string
	conns            int
	duration, warmup time.Duration
	out              string
	small, keep      bool
}

func run(ctx context.Context, o options) error {
	if _, err := os.Stat(o.bin); err != nil {
		return fmt.Errorf("%s: %w (run make build first)", o.bin, err)
	}
	dir, err := os.MkdirTemp("", "derap-bench-")
	if err != nil {
		return err
	}
	if !o.keep {
		defer os.RemoveAll(dir)
	}
	fmt.Fprintf(os.Stderr, "bench: building the database in %s\n", dir)
	fx, err := buildDatabase(ctx, dir, o.small)
	if err != nil {
		return err
	}
	srv, err := startServer(ctx, o.bin, dir)
	if err != nil {
		return err
	}
	defer srv.stop()
	report, err := runScenarios(ctx, o, srv, fx)
	if err != nil {
		return err
	}
	srv.stop()
	report.PeakRSSMB = srv.peakRSSMB()
	if report.Lost, err = lostConfirmations(ctx, dir, report); err != nil {
		return err
	}
	report.print(os.Stdout)
	if o.out == "" {
		o.out = filepath.Join("bench-results", time.Now().UTC().Format("20060102-150405")+".json")
	}
	if err := os.MkdirAll(filepath.Dir(o.out), 0o755); err != nil {
		return err
	}
	data, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(o.out, data, 0o644); err != nil {
		return err
	}
	latest := filepath.Join(filepath.Dir(o.out), "latest.json")
	if err := os.WriteFile(latest, data, 0o644); err != nil {
		return err
	}
	fmt.Printf("\nfigures written to %s (and %s)\n", o.out, latest)
	if ok, _ := checkTargets(o.out, os.Stdout); !ok {
		return errors.New("some targets were missed")
	}
	return nil
}
