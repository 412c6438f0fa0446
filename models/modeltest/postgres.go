package modeltest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for creating and dropping test databases

	"derap/models"
)

// The tests run on SQLite unless DERAP_TEST_ENGINE=postgres, with DERAP_TEST_POSTGRES the
// URL of a PostgreSQL server's maintenance database (a throwaway one: .ci/postgres starts
// it). Each test then gets a database of its own, copied from a template that is migrated
// and holds the reference regions, and dropped when the test ends.

// TestEngine is the engine this run of the tests uses.
func TestEngine() models.Engine {
	if os.Getenv("DERAP_TEST_ENGINE") == string(models.EnginePostgres) {
		return models.EnginePostgres
	}
	return models.EngineSQLite
}

var (
	server struct {
		once     sync.Once
		admin    *sql.DB
		base     *url.URL
		template string
		err      error
	}
	databases atomic.Int64
)

// postgresDatabase creates a fresh database for a test and returns its URL.
func postgresDatabase(t testing.TB) string {
	t.Helper()
	server.once.Do(openServer)
	if server.err != nil {
		t.Fatalf("the PostgreSQL test server (DERAP_TEST_POSTGRES): %v", server.err)
	}
	name := fmt.Sprintf("derap_test_%d_%d", os.Getpid(), databases.Add(1))
	var err error
	for range 20 { // another CREATE DATABASE may be copying the template right now
		if _, err = server.admin.Exec("CREATE DATABASE " + name + " TEMPLATE " + server.template); err == nil {
			break
		}
		if !strings.Contains(err.Error(), "is being accessed by other users") {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("create the test database: %v", err)
	}
	// Registered before the store's Close, so that it runs after it.
	t.Cleanup(func() { _, _ = server.admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	return databaseURL(name)
}

func databaseURL(name string) string {
	u := *server.base
	u.Path = "/" + name
	return u.String()
}

// openServer connects to the server and makes sure the template exists: one per version
// of the migrations, made once, under a lock, by whichever test process gets there first.
func openServer() {
	raw := os.Getenv("DERAP_TEST_POSTGRES")
	if raw == "" {
		server.err = fmt.Errorf("DERAP_TEST_ENGINE=postgres needs DERAP_TEST_POSTGRES")
		return
	}
	if server.base, server.err = url.Parse(raw); server.err != nil {
		return
	}
	if server.admin, server.err = sql.Open("pgx", raw); server.err != nil {
		return
	}
	server.admin.SetMaxOpenConns(4)
	server.template, server.err = schemaTemplate()
}

func schemaTemplate() (string, error) {
	sum := sha256.New()
	err := fs.WalkDir(models.MigrationFiles(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(models.MigrationFiles(), path)
		sum.Write([]byte(path))
		sum.Write(b)
		return err
	})
	if err != nil {
		return "", err
	}
	regions, err := models.ReferenceRegions()
	if err != nil {
		return "", err
	}
	fmt.Fprint(sum, len(regions))
	name := "derap_template_" + hex.EncodeToString(sum.Sum(nil))[:16]

	ctx := context.Background()
	conn, err := server.admin.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(7261)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(7261)") //nolint:errcheck // released with the connection anyway
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return name, err
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	s, err := models.Open(databaseURL(building))
	if err != nil {
		return "", err
	}
	_, err = s.Migrate(ctx)
	if err == nil {
		_, err = s.LoadRegions(ctx)
	}
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("build the template: %w", err)
	}
	// Renamed once complete, so that a template that exists is always whole.
	_, err = conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name)
	return name, err
}

// NewDatabase names an empty database for a test of the command, which migrates and loads
// it itself: a SQLite file that does not exist yet, or a new PostgreSQL database (dropped
// when the test ends) when the tests run on PostgreSQL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	if TestEngine() != models.EnginePostgres {
		return filepath.Join(t.TempDir(), "derap.db")
	}
	server.once.Do(openServer)
	if server.err != nil {
		t.Fatalf("the PostgreSQL test server (DERAP_TEST_POSTGRES): %v", server.err)
	}
	name := fmt.Sprintf("derap_test_%d_%d", os.Getpid(), databases.Add(1))
	if _, err := server.admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create the test database: %v", err)
	}
	t.Cleanup(func() { _, _ = server.admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	return databaseURL(name)
}
