package main

import (
	"context"
	"log/slog"
)

// migrate brings the database up to date and exits.
func migrate(ctx context.Context, args []string, log *slog.Logger) error {
	c, err := parseStorageConfig("migrate", args, nil)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, log)
	if err != nil {
		return err
	}
	log.Info("database is up to date", "db", c.DB)
	return store.Close()
}
