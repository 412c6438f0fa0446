package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"

	"derap/models"
)

// config is the portal's settings from flags and environment variables.
type config struct {
	Addr    string
	DB      string
	DataDir string
	Demo    bool
}

// parseConfig reads the flags of a command; each flag's default comes from its
// environment variable, so a flag on the command line wins over the variable.
func parseConfig(name string, args []string, serving bool) (config, error) {
	var c config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(&c.DataDir, "data-dir", envOr("DERAP_DATA_DIR", "data"), "folder for the portal's files (env DERAP_DATA_DIR)")
	fs.StringVar(&c.DB, "db", os.Getenv("DERAP_DB"), "SQLite database file (env DERAP_DB; default <data-dir>/derap.db)")
	demoDefault := false
	if v := os.Getenv("DERAP_DEMO"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return c, fmt.Errorf("DERAP_DEMO=%q: want 1 or 0", v)
		}
		demoDefault = b
	}
	if serving {
		fs.StringVar(&c.Addr, "addr", envOr("DERAP_ADDR", "127.0.0.1:8080"), "address to listen on (env DERAP_ADDR)")
		fs.BoolVar(&c.Demo, "demo", demoDefault, "load the demo programme once (env DERAP_DEMO=1)")
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "derap.db")
	}
	return c, nil
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// openStore opens the database, creating its folders, brings the schema up to date and
// loads the reference regions into an empty database.
func openStore(ctx context.Context, c config, log *slog.Logger) (*models.Store, error) {
	for _, dir := range []string{c.DataDir, filepath.Dir(c.DB)} {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("create %s: %w", dir, err)
		}
	}
	store, err := models.Open(c.DB)
	if err != nil {
		return nil, err
	}
	if err := store.Migrate(ctx); err != nil {
		_ = store.Close()
		return nil, err
	}
	added, err := store.LoadRegions(ctx)
	if err != nil {
		_ = store.Close()
		return nil, err
	}
	if added > 0 {
		log.Info("loaded reference regions", "regions", added)
	}
	return store, nil
}
