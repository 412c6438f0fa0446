package main

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"derap/internal/mail/mailtest"
	"derap/internal/portalproc"
	"derap/models"
	"derap/models/modeltest"
)

// Two `derap serve` processes with one mail server, on one database: an agreement sent for
// confirmation through one of them reaches each delegate of its parties' regions exactly
// once, as every message of the outbox does, whichever server's worker took it.
func TestNotificationsThroughTwoServers(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	ctx := t.Context()
	smtp := mailtest.Start(t, mailtest.WithAuth("portal", "kata sandi surel"))
	db := modeltest.NewDatabase(t)
	if models.EngineOf(db) == models.EngineSQLite {
		db = filepath.Join(t.TempDir(), "shared", "derap.db")
	}
	bin := filepath.Join(t.TempDir(), "derap")
	if err := portalproc.Build(ctx, bin); err != nil {
		t.Fatal(err)
	}
	const base = "http://ksd.example.test"
	start := func(args ...string) *portalproc.Process {
		args = append([]string{"--db", db, "--base-url", base, "--smtp-url", smtp.URL(), "--mail-interval", "50ms"}, args...)
		p, err := portalproc.Start(ctx, portalproc.Options{Binary: bin, DataDir: t.TempDir(), Args: args, Env: []string{"DERAP_SESSION_KEY=" + testSessionKey}})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := p.Stop(); err != nil {
				t.Log(err)
			}
			if t.Failed() {
				t.Logf("server log:\n%s", p.LogTail(30))
			}
		})
		return p
	}
	start("--demo")
	B := start().Base()
	const officialEmail, password = "pejabat@derap.test", "kata sandi surel pejabat"
	if out, err := cli(t, t.TempDir(), password+"\n", "user", "password", "--email", officialEmail, "--password-stdin", "--db", db); err != nil {
		t.Fatalf("derap user password: %v\n%s", err, out)
	}

	draft := queryInt(t, db, "SELECT min(id) FROM agreements WHERE status = 'draft'")
	official := newWebClient(t)
	if code := official.login(B, officialEmail, password); code != http.StatusSeeOther {
		t.Fatalf("sign-in on B: %d", code)
	}
	official.get(B, "/office/agreements/"+itoa64(draft))
	if code, _ := official.submit(B, "/send", nil); code != http.StatusSeeOther {
		t.Fatalf("send for confirmation on B: %d", code)
	}

	// The messages the sending queued, one per delegate of the parties' regions.
	sql := modeltest.OpenSQL(t, db)
	rows, err := sql.Query(`SELECT outbox_messages.id, outbox_messages.email FROM outbox_messages
		JOIN users ON users.id = outbox_messages.user_id
		WHERE outbox_messages.event_key LIKE 'agreement.sent:' || $1 || ':%'
		AND users.role = 'delegate' AND users.region_code IN (SELECT region_code FROM parties WHERE agreement_id = $2)`, itoa64(draft), draft)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{} // Message-ID → address
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			t.Fatal(err)
		}
		want["<outbox-"+itoa64(id)+"@ksd.example.test>"] = email
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	delegates := queryInt(t, db, `SELECT count(*) FROM users WHERE role = 'delegate' AND active = $1
		AND region_code IN (SELECT region_code FROM parties WHERE agreement_id = $2)`, true, draft)
	if len(want) == 0 || int64(len(want)) != delegates {
		t.Fatalf("%d messages queued for the %d delegates of the parties", len(want), delegates)
	}

	got := smtp.WaitUntil(t, "every delegate's mail", func(got []mailtest.Received) bool {
		seen := 0
		for _, m := range got {
			if _, ok := want[m.Header.Get("Message-Id")]; ok {
				seen++
			}
		}
		return seen >= len(want)
	})
	link := base + "/agreements/" + itoa64(draft)
	times := map[string]int{}
	for _, m := range got {
		id := m.Header.Get("Message-Id")
		times[id]++
		if to, ok := want[id]; ok && (len(m.To) != 1 || m.To[0] != to || !strings.Contains(m.Text, link) || !strings.HasPrefix(m.Subject, "Mohon konfirmasi")) {
			t.Errorf("%s: to %v, subject %q, link %v", id, m.To, m.Subject, strings.Contains(m.Text, link))
		}
	}
	for id, n := range times {
		if n != 1 {
			t.Errorf("%s arrived %d times", id, n)
		}
	}
	// (A worker marks a message sent just after the mail server took it: "sending" may
	// still be seen here.)
	if n := queryInt(t, db, "SELECT count(*) FROM outbox_messages WHERE event_key LIKE 'agreement.sent:' || $1 || ':%' AND status NOT IN ('sent', 'sending')", itoa64(draft)); n != 0 {
		t.Errorf("%d of the sending's messages are neither sent nor being sent", n)
	}
}
