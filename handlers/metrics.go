package handlers

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the portal's Prometheus metrics: requests and their latency by route, the
// page caches' hits and misses, the database pools, sign-ins and refusals. They are served
// apart from the portal (derap serve --metrics-addr), never on its public address. A nil
// *Metrics records nothing.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	cache    *prometheus.CounterVec
	signIns  *prometheus.CounterVec
	refusals *prometheus.CounterVec
}

// DatabaseStats is what the metrics read from the store: its connection pools by name, and
// how many commits its writes took (models.Store).
type DatabaseStats interface {
	Pools() map[string]*sql.DB
	WriteCommits() (commits, writes uint64)
}

// NewMetrics makes the metrics, with the Go runtime's, the process's and those of the
// database: its pools, and on SQLite how many writes shared how many commits.
func NewMetrics(db DatabaseStats) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "derap_http_requests_total", Help: "Requests answered, by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "derap_http_request_duration_seconds", Help: "Time to answer a request, by route and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route", "method"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "derap_page_cache_lookups_total", Help: "Page cache lookups, by cache (public, signed_in) and result (hit, miss).",
		}, []string{"cache", "result"}),
		signIns: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "derap_sign_ins_total", Help: "Sign-in attempts, by result (ok, refused, throttled).",
		}, []string{"result"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "derap_refusals_total", Help: "Requests refused, by status (400, 403, 404, 409, 413, 422, 429, ...).",
		}, []string{"status"}),
	}
	m.registry.MustRegister(m.requests, m.latency, m.cache, m.signIns, m.refusals,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, pool := range db.Pools() {
		m.registry.MustRegister(collectors.NewDBStatsCollector(pool, name))
	}
	m.registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "derap_write_commits_total", Help: "Commits of grouped write transactions (SQLite; writes waiting together share one commit).",
		}, func() float64 { c, _ := db.WriteCommits(); return float64(c) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "derap_grouped_writes_total", Help: "Write transactions saved by those commits.",
		}, func() float64 { _, w := db.WriteCommits(); return float64(w) }),
	)
	return m
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{Registry: m.registry})
}

// observe counts requests and times them, by the route's pattern (never the raw path, so
// that the labels stay few).
func (m *Metrics) observe(next echo.HandlerFunc) echo.HandlerFunc {
	if m == nil {
		return next
	}
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err) // answered here, so that the status counted is the one sent
		}
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		method, status := c.Request().Method, c.Response().Status
		m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
		if status >= 400 && status < 500 {
			m.refusals.WithLabelValues(strconv.Itoa(status)).Inc()
		}
		m.latency.WithLabelValues(route, method).Observe(time.Since(start).Seconds())
		return nil
	}
}

func (m *Metrics) cacheLookup(cache string, hit bool) {
	if m == nil {
		return
	}
	result := "miss"
	if hit {
		result = "hit"
	}
	m.cache.WithLabelValues(cache, result).Inc()
}

func (m *Metrics) signIn(result string) {
	if m != nil {
		m.signIns.WithLabelValues(result).Inc()
	}
}
