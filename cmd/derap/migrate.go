package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
)

const migrateUsage = `usage: derap migrate [status] [--db FILE|URL] [--data-dir DIR]

  derap migrate          apply the migrations the database lacks, and say which
  derap migrate status   list every migration, applied (with when) or pending
`

// migrate brings the database schema up to date and says what it did, or with "status"
// lists the migrations without applying any.
func migrate(ctx context.Context, args []string, stdout io.Writer) error {
	status := len(args) > 0 && args[0] == "status"
	if status {
		args = args[1:]
	}
	c, err := parseStorageConfig("migrate", args, nil)
	if err != nil {
		fmt.Fprint(stdout, migrateUsage)
		return err
	}
	if status {
		return migrateStatus(ctx, c, stdout)
	}
	store, err := openStore(ctx, c, func(msg string, args ...any) {
		fmt.Fprint(stdout, msg)
		for i := 0; i+1 < len(args); i += 2 {
			fmt.Fprintf(stdout, " %v=%v", args[i], args[i+1])
		}
		fmt.Fprintln(stdout)
	})
	if err != nil {
		return err
	}
	defer store.Close()
	current, _, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: schema at version %d, up to date\n", safeDSN(c.DB), current)
	return nil
}

// migrateStatus lists the migrations, applied or pending, without changing anything.
func migrateStatus(ctx context.Context, c config, stdout io.Writer) error {
	store, err := openExisting(c)
	if err != nil {
		return err
	}
	defer store.Close()
	list, err := store.Migrations(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "VERSION\tNAME\tAPPLIED")
	pending := 0
	for _, m := range list {
		applied := "pending"
		switch {
		case m.AppliedAt == nil:
			pending++
		case m.AppliedAt.IsZero():
			applied = "applied"
		default:
			applied = m.AppliedAt.Format("2006-01-02 15:04:05 UTC")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\n", m.Version, m.Name, applied)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	current, newest, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	switch {
	case current > newest:
		fmt.Fprintf(stdout, "the database is at version %d, newer than this program (%d): run the newer derap\n", current, newest)
	case pending > 0:
		fmt.Fprintf(stdout, "%d pending: run derap migrate\n", pending)
	default:
		fmt.Fprintln(stdout, "up to date")
	}
	return nil
}
