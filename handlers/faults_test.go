package handlers_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// A full disk: every write answers a 503 page in the user's language that says nothing was
// saved, with Retry-After; the log says it once, not once per request; /healthz answers
// 503 with the reason; and once space is freed the portal saves again, with no restart.
func TestFullDisk(t *testing.T) {
	if modeltest.TestEngine() != models.EngineSQLite {
		t.Skip("the full disk is the SQLite file's; PostgreSQL's server watches its own")
	}
	if os.Geteuid() != 0 {
		t.Skip("a small tmpfs needs root; run as root (CI does) to test a full disk")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
	ctx := context.Background()
	store, err := models.Open(filepath.Join(dir, "derap.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	store.SetPasswordParams(modeltest.FastPasswords)
	if _, err := store.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	official := modeltest.CreateUser(t, store, models.RoleOfficial, "")
	p := newPortalOn(t, store, handlers.Config{})

	// Fill the disk.
	filler, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := filler.Write(chunk); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	filler.Close()

	for _, lang := range []string{"id", "en"} {
		b := p.browser(t)
		b.get("/login?lang=" + lang)
		for range 3 {
			got := b.post("/login", url.Values{"email": {official.Email}, "password": {modeltest.Password}})
			want := map[string]string{"id": "tidak ada yang disimpan", "en": "nothing from your request was saved"}[lang]
			if got.StatusCode != http.StatusServiceUnavailable || got.Header.Get("Retry-After") == "" || !strings.Contains(got.body, want) {
				t.Fatalf("%s: a write on a full disk: %d, Retry-After %q, %q", lang, got.StatusCode, got.Header.Get("Retry-After"), text(got.doc.Find("h1")))
			}
		}
	}
	if n := strings.Count(p.logs.String(), "users are told to try again"); n != 1 {
		t.Errorf("the cause was logged %d times for 6 failed writes, want once", n)
	}
	if !strings.Contains(p.logs.String(), "cause=\"the disk is full\"") {
		t.Errorf("the log does not name the cause: %s", p.logs.String())
	}
	health := p.browser(t).get("/healthz")
	if health.StatusCode != http.StatusServiceUnavailable || !strings.Contains(health.body, "disk") {
		t.Errorf("/healthz on a full disk: %d %s", health.StatusCode, health.body)
	}

	// Space comes back: the portal saves again.
	if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
		t.Fatal(err)
	}
	b := p.browser(t)
	if got := b.login(official.Email, modeltest.Password); got.StatusCode != http.StatusSeeOther {
		t.Errorf("after space was freed: %d", got.StatusCode)
	}
}
