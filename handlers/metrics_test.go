package handlers_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// The metrics count requests by route, the page caches' hits and misses, sign-ins by
// result and refusals by status, and show the database pools.
func TestMetrics(t *testing.T) {
	store := modeltest.NewDemoStore(t)
	metrics := handlers.NewMetrics(store)
	p := newPortalOn(t, store, handlers.Config{Metrics: metrics})
	visitor := p.browser(t)
	visitor.get("/agreements")
	visitor.get("/agreements")
	visitor.get("/agreements/999999") // a miss too: the page is rendered, and refused
	official := p.users(t).official
	b := p.browser(t)
	b.get("/login")
	b.post("/login", url.Values{"email": {official.Email}, "password": {"not the password"}})
	b.login(official.Email, modeltest.Password)

	srv := httptest.NewServer(metrics.Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	text := string(body)
	for _, want := range []string{
		`derap_http_requests_total{method="GET",route="/agreements",status="200"} 2`,
		`derap_http_requests_total{method="GET",route="/agreements/:id",status="404"} 1`,
		`derap_http_request_duration_seconds_count{method="GET",route="/agreements"} 2`,
		`derap_page_cache_lookups_total{cache="public",result="hit"} 1`,
		`derap_page_cache_lookups_total{cache="public",result="miss"} 2`,
		`derap_sign_ins_total{result="refused"} 1`,
		`derap_sign_ins_total{result="ok"} 1`,
		`derap_refusals_total{status="401"} 1`,
		`derap_refusals_total{status="404"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the metrics lack %s", want)
		}
	}
	if !regexp.MustCompile(`go_sql_max_open_connections\{db_name="(reads|main)"\} \d+`).MatchString(text) {
		t.Error("the metrics lack the database pool")
	}
	// The sign-ins wrote (a session, the attempts): on SQLite those writes were committed
	// in groups, and the metrics say so.
	if modeltest.TestEngine() == models.EngineSQLite && !regexp.MustCompile(`derap_grouped_writes_total [1-9]`).MatchString(text) {
		t.Error("the metrics lack the grouped writes")
	}
	if !strings.Contains(text, "derap_write_commits_total") {
		t.Error("the metrics lack the write commits")
	}
	if strings.Contains(text, official.Email) || strings.Contains(text, "/agreements/999999") {
		t.Error("the metrics name a user or a raw path")
	}
}
