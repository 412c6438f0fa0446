package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os/exec"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create the benchmark's database
)

// startPostgres starts a throwaway PostgreSQL cluster with the script CI uses
// (.ci/postgres: Debian's server, a temporary folder, a free loopback port), creates the
// benchmark's database on it and returns its URL and how to stop the cluster.
func startPostgres(ctx context.Context) (string, func(), error) {
	out, err := exec.CommandContext(ctx, ".ci/postgres").Output()
	if err != nil {
		return "", nil, fmt.Errorf("start PostgreSQL (.ci/postgres, from the repository's top folder): %w", err)
	}
	env := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "="); ok {
			env[k] = strings.Trim(v, "'")
		}
	}
	stop := func() { _ = exec.Command(".ci/postgres", "stop", env["DERAP_TEST_POSTGRES_DIR"]).Run() }
	admin, err := sql.Open("pgx", env["DERAP_TEST_POSTGRES"])
	if err == nil {
		_, err = admin.ExecContext(ctx, "CREATE DATABASE derap_bench")
		_ = admin.Close()
	}
	if err != nil {
		stop()
		return "", nil, fmt.Errorf("create the benchmark's database: %w", err)
	}
	u, err := url.Parse(env["DERAP_TEST_POSTGRES"])
	if err != nil {
		stop()
		return "", nil, err
	}
	u.Path = "/derap_bench"
	return u.String(), stop, nil
}
