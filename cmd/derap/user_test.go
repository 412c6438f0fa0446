package main

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// cli runs derap with args and stdin against a data dir, as a shell would.
func cli(t *testing.T, dir, stdin string, args ...string) (string, error) {
	t.Helper()
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	var out bytes.Buffer
	err := run(context.Background(), append(args, "--data-dir", dir), strings.NewReader(stdin), &out, slog.New(slog.DiscardHandler))
	return out.String(), err
}

func TestUserCommands(t *testing.T) {
	dir := t.TempDir()
	out, err := cli(t, dir, "a long enough passphrase\n", "user", "add", "--email", "Admin@Derap.test", "--name", "Admin", "--role", "admin", "--password-stdin")
	if err != nil || !strings.Contains(out, "created admin@derap.test (admin)") {
		t.Fatalf("add admin: %v %q", err, out)
	}
	if _, err := cli(t, dir, "pantai air manis padang\n", "user", "add", "--email", "d@derap.test", "--name", "Delegasi Padang", "--role", "delegate", "--region", "13", "--password-stdin"); err != nil {
		t.Fatalf("add delegate: %v", err)
	}
	out, err = cli(t, dir, "", "user", "add", "--email", "o@derap.test", "--name", "Official", "--role", "official", "--base-url", "https://ksd.example")
	if err != nil || !strings.Contains(out, "https://ksd.example/invitations/") {
		t.Fatalf("add with an invitation: %v %q", err, out)
	}

	bad := []struct {
		name   string
		stdin  string
		args   []string
		reason string
	}{
		{"unknown role", "a long enough passphrase", []string{"--email", "x@derap.test", "--name", "X", "--role", "king", "--password-stdin"}, "role: Choose one"},
		{"delegate without region", "a long enough passphrase", []string{"--email", "x@derap.test", "--name", "X", "--role", "delegate", "--password-stdin"}, "region: A delegate must act for a region."},
		{"delegate, unknown region", "a long enough passphrase", []string{"--email", "x@derap.test", "--name", "X", "--role", "delegate", "--region", "99", "--password-stdin"}, "region: Unknown region code."},
		{"weak password", "password123", []string{"--email", "x@derap.test", "--name", "X", "--role", "official", "--password-stdin"}, "password: The password must have at least 12 characters."},
		{"common password", "qwertyuiop123", []string{"--email", "x@derap.test", "--name", "X", "--role", "official", "--password-stdin"}, "password: This password is too common"},
		{"duplicate email", "a long enough passphrase", []string{"--email", "ADMIN@derap.test", "--name", "X", "--role", "official", "--password-stdin"}, "email: This email already belongs to an account."},
		{"empty stdin", "", []string{"--email", "x@derap.test", "--name", "X", "--role", "official", "--password-stdin"}, "standard input was empty"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := cli(t, dir, tt.stdin, append([]string{"user", "add"}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error(), tt.reason) || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %v, want one line with %q", err, tt.reason)
			}
		})
	}

	out, err = cli(t, dir, "", "user", "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 { // the header and the three accounts: the refused ones wrote nothing
		t.Fatalf("list:\n%s", out)
	}
	if !strings.Contains(out, "13 Sumatera Barat") || !strings.Contains(out, "invited") {
		t.Errorf("list:\n%s", out)
	}

	if out, err := cli(t, dir, "", "user", "disable", "--email", "D@derap.test"); err != nil || !strings.Contains(out, "disabled d@derap.test") {
		t.Fatalf("disable: %v %q", err, out)
	}
	if out, _ := cli(t, dir, "", "user", "list"); !strings.Contains(out, "disabled") {
		t.Errorf("list after disable:\n%s", out)
	}
	if _, err := cli(t, dir, "", "user", "enable", "--email", "d@derap.test"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli(t, dir, "", "user", "disable", "--email", "nobody@derap.test"); err == nil {
		t.Error("disabling an unknown account succeeded")
	}
}
