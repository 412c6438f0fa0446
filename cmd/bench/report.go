package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Report is one run of the benchmark.
type Report struct {
	Machine             string    `json:"machine"`
	Engine              string    `json:"engine"`
	Conns               int       `json:"connections"`
	Duration            string    `json:"duration_per_scenario"`
	Scenarios           []result  `json:"scenarios"`
	PeakRSSMB           float64   `json:"server_peak_rss_mb"`
	WriteMixStart       time.Time `json:"write_mix_start"`
	ConfirmationsAcked  int64     `json:"confirmations_acknowledged"`
	ConfirmationsStored int64     `json:"confirmations_stored"`
	Lost                int64     `json:"confirmations_lost"`
}

// machine describes where the run happened.
func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "model name"); ok {
				model = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v), ":"))
				break
			}
		}
		f.Close()
	}
	return fmt.Sprintf("%d CPUs (%s), %s/%s, %s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// print writes the table.
func (r *Report) print(w io.Writer) {
	fmt.Fprintf(w, "\n%s; %s; %d connections, %s per scenario\n\n", r.Machine, r.Engine, r.Conns, r.Duration)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "scenario\treq/s\tp50 ms\tp99 ms\tmax ms\terrors\tbytes/resp\tvs static\t")
	for _, s := range r.Scenarios {
		name := s.Name
		if s.Write {
			name += fmt.Sprintf(" (%.0f confirmations/s)", s.ConfirmsPS)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.2f\t%.2f\t%d\t%.0f\t%.0f %%\t\n", name, s.RPS, s.P50ms, s.P99ms, s.Maxms, s.Errors, s.BytesPerResp, s.Ratio*100)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nserver peak RSS %.1f MB; write mix: %d confirmations acknowledged, %d stored, %d lost\n",
		r.PeakRSSMB, r.ConfirmationsAcked, r.ConfirmationsStored, r.Lost)
}

// The targets of issue 6, on the project's 2-core machine.
const (
	publicRatio   = 0.50
	signedRatio   = 0.15
	maxP99ms      = 25
	minConfirmsPS = 500
	maxRSSMB      = 150
)

// checkTargets compares a run with the targets and says which fall short.
func checkTargets(path string, w io.Writer) (bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return false, err
	}
	ok := true
	verdict := func(pass bool, format string, args ...any) {
		mark := "ok  "
		if !pass {
			mark, ok = "MISS", false
		}
		fmt.Fprintf(w, "%s %s\n", mark, fmt.Sprintf(format, args...))
	}
	fmt.Fprintf(w, "\ntargets (%s):\n", path)
	for _, s := range r.Scenarios {
		switch {
		case s.Public:
			verdict(s.Ratio >= publicRatio, "%-34s %5.0f %% of the static asset's requests/s (target ≥ %.0f %%)", s.Name, s.Ratio*100, publicRatio*100)
		case s.Signed:
			verdict(s.Ratio >= signedRatio, "%-34s %5.0f %% of the static asset's requests/s (target ≥ %.0f %%)", s.Name, s.Ratio*100, signedRatio*100)
		}
		if !s.Write {
			verdict(s.P99ms <= maxP99ms && s.Errors == 0, "%-34s p99 %.2f ms, %d errors (target ≤ %d ms, none)", s.Name, s.P99ms, s.Errors, maxP99ms)
		} else {
			verdict(s.ConfirmsPS >= minConfirmsPS && s.Errors == 0, "%-34s %.0f confirmations/s, %d errors (target ≥ %d/s, none)", s.Name, s.ConfirmsPS, s.Errors, minConfirmsPS)
		}
	}
	verdict(r.Lost == 0 && r.ConfirmationsAcked > 0, "no confirmation lost: %d acknowledged, %d stored", r.ConfirmationsAcked, r.ConfirmationsStored)
	verdict(r.PeakRSSMB <= maxRSSMB, "server peak RSS %.1f MB (target ≤ %d MB)", r.PeakRSSMB, maxRSSMB)
	return ok, nil
}
