// Command bench measures the portal under load, the way it runs for real: it builds a
// large database (every region, 5,000 agreements, 500 events, 200 accounts, 100,000 audit
// entries) in a temporary folder, starts the portal's own binary on it on a free loopback
// port, and drives each scenario with 32 connections in a closed loop, recording every
// latency; then, as issue 21 asks, reads while an official publishes once a second (the
// churn), and every page again with the page cache off (the cold run). It prints the
// cached, write mix, churn and cold tables and writes the same figures as JSON.
//
//	go run -tags sqlite_fts5 ./cmd/bench -bin bin/derap          # make bench
//	go run -tags sqlite_fts5 ./cmd/bench -bin bin/derap -engine postgres   # make bench DB=postgres
//	go run -tags sqlite_fts5 ./cmd/bench -check bench-results/latest.json   # make bench-check
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"derap/models"
	"derap/models/fixture"
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
	flag.StringVar(&o.engine, "engine", "sqlite", "sqlite, or postgres: a throwaway local PostgreSQL cluster the benchmark starts (.ci/postgres) and stops")
	flag.BoolVar(&o.churn, "churn", true, "measure reads while an official publishes once a second (issue 21)")
	flag.BoolVar(&o.cold, "cold", true, "restart the server with --page-cache-mb 0 and measure every page cold (issue 21)")
	flag.IntVar(&o.scale, "scale", 1, "build the full database times this (agreements, events, audit entries; issue 21)")
	sizes := flag.String("sizes", "", "instead of the load, measure cold renders at these sizes: small, full, scales such as 10, comma-separated, or default (small,full,10)")
	check := flag.String("check", "", "compare runs' JSON files (comma-separated) with the targets instead of running")
	flag.Parse()
	if *sizes != "" {
		if err := runSizes(context.Background(), o, *sizes); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	if *check != "" {
		// several runs' files, comma-separated: make bench-check reads the SQLite, the
		// PostgreSQL and the sizes runs of make bench
		allOK := true
		for _, path := range strings.Split(*check, ",") {
			ok, err := checkTargets(path, os.Stdout)
			if err != nil {
				fmt.Fprintln(os.Stderr, "bench:", err)
				os.Exit(2)
			}
			allOK = allOK && ok
		}
		if !allOK {
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
	engine           string
	churn, cold      bool
	scale            int
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
	dsn := filepath.Join(dir, "derap.db")
	if o.engine == string(models.EnginePostgres) {
		var stop func()
		if dsn, stop, err = startPostgres(ctx); err != nil {
			return err
		}
		defer stop()
	} else if o.engine != string(models.EngineSQLite) {
		return fmt.Errorf("unknown engine %q: sqlite or postgres", o.engine)
	}
	fmt.Fprintf(os.Stderr, "bench: building the %s database (files in %s)\n", o.engine, dir)
	var fx benchData
	if o.scale > 1 && !o.small {
		fx, err = buildSized(ctx, dsn, fixture.Scaled(o.scale))
	} else {
		fx, err = buildDatabase(ctx, dsn, o.small)
	}
	if err != nil {
		return err
	}
	srv, err := startServer(ctx, o.bin, dir, dsn, "")
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
	if o.cold {
		if err := runCold(ctx, o, dir, dsn, fx, report); err != nil {
			return err
		}
	}
	report.Engine = o.engine
	if report.Lost, err = lostConfirmations(ctx, dsn, report); err != nil {
		return err
	}
	report.print(os.Stdout)
	if o.out == "" {
		o.out = filepath.Join("bench-results", time.Now().UTC().Format("20060102-150405")+"-"+o.engine+".json")
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
