package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"derap/models"
)

// A backup is one gzipped tar archive: the database's snapshot (derap.db on SQLite,
// derap.pgdump on PostgreSQL), which holds every document too, the data folder's keys it has
// (the session key and the audit checkpoints' signing key), and last manifest.json, which names each file with its size and
// SHA-256, and every document content in the snapshot with its own. Restoring checks all
// of them before anything is put in place.

const backupUsage = `usage:
  derap backup  --to FILE [--db FILE|URL] [--data-dir DIR]
      a consistent backup of a running portal, into one archive
  derap restore --from FILE --data-dir DIR [--db FILE|URL] [--force]
      rebuild a portal from a backup; refuses a non-empty one without --force
`

// manifest describes a backup.
type manifest struct {
	Format        int            `json:"format"`
	CreatedAt     time.Time      `json:"created_at"`
	Engine        models.Engine  `json:"engine"`
	SchemaVersion int64          `json:"schema_version"`
	AuditEntries  int            `json:"audit_entries"`
	Files         []manifestFile `json:"files"`
	// Documents are the document contents in the snapshot, SHA-256 → size. On PostgreSQL
	// the dump is read only by pg_restore: the counts and documents are checked then.
	Documents map[string]int64 `json:"documents"`
}

type manifestFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

const (
	manifestName   = "manifest.json"
	sessionKeyName = "session.key"
)

// keyFiles are the data folder's keys a backup carries: without the session key every
// visitor is signed out; without the checkpoint key the portal signs with a new one and
// its earlier checkpoints verify only with the old public key given by hand.
var keyFiles = []string{sessionKeyName, auditKeyName}

// snapshotName is the database's file in an archive of an engine.
func snapshotName(e models.Engine) string {
	if e == models.EnginePostgres {
		return "derap.pgdump"
	}
	return "derap.db"
}

func backupCommand(ctx context.Context, args []string, stdout io.Writer) error {
	var to string
	c, err := parseStorageConfig("backup", args, func(fs *flagSet) {
		fs.StringVar(&to, "to", "", "the archive to write (it must not exist)")
	})
	if err != nil {
		return err
	}
	if to == "" {
		fmt.Fprint(stdout, backupUsage)
		return errors.New("backup: --to FILE is required")
	}
	// The database as it is: a backup taken before an upgrade must not upgrade it.
	store, err := openExisting(c)
	if err != nil {
		return err
	}
	defer store.Close()
	if current, _, err := store.SchemaVersion(ctx); err != nil || current == 0 {
		return fmt.Errorf("backup: %s holds no portal (%v)", safeDSN(c.DB), err)
	}
	m, err := createBackup(ctx, store, c, to)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s: schema version %d, %d audit entries, %d documents\n",
		safeDSN(c.DB), to, m.SchemaVersion, m.AuditEntries, len(m.Documents))
	return nil
}

// createBackup writes the archive to the file to, which must not exist: the snapshot is
// taken first, then checked (the audit chain, every document against its hash), then
// packed with the manifest. A half-written archive is removed.
func createBackup(ctx context.Context, store *models.Store, c config, to string) (m manifest, err error) {
	work, err := os.MkdirTemp(filepath.Dir(to), ".derap-backup-*")
	if err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	defer os.RemoveAll(work)
	engine := models.EngineOf(c.DB)
	m = manifest{Format: 1, CreatedAt: time.Now().UTC(), Engine: engine}
	snapshot := filepath.Join(work, snapshotName(engine))
	if err := store.Snapshot(ctx, c.DB, snapshot); err != nil {
		return m, err
	}
	// The checks read the snapshot, not the live database, which has moved on.
	if err := checkSnapshot(ctx, engine, snapshot, &m); err != nil {
		return m, err
	}
	files := []string{snapshot}
	for _, name := range keyFiles {
		if key := filepath.Join(c.DataDir, name); fileExists(key) {
			files = append(files, key)
		}
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			_ = os.Remove(to)
		}
	}()
	gz := gzip.NewWriter(out)
	tw := tar.NewWriter(gz)
	for _, path := range files {
		f, err := addToArchive(tw, path)
		if err != nil {
			return m, fmt.Errorf("backup: %w", err)
		}
		m.Files = append(m.Files, f)
	}
	body, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: manifestName, Mode: 0o600, Size: int64(len(body)), ModTime: m.CreatedAt}); err != nil {
		return m, err
	}
	if _, err := tw.Write(body); err != nil {
		return m, err
	}
	if err := tw.Close(); err != nil {
		return m, err
	}
	if err := gz.Close(); err != nil {
		return m, err
	}
	return m, out.Sync()
}

// checkSnapshot opens a snapshot and fills in what the manifest says of it. On
// PostgreSQL the dump is checked when it is restored; here only its hash is taken.
func checkSnapshot(ctx context.Context, engine models.Engine, path string, m *manifest) error {
	if engine == models.EnginePostgres {
		return nil
	}
	snap, err := models.Open(path)
	if err != nil {
		return err
	}
	defer snap.Close()
	sum, err := verifyPortal(ctx, snap)
	if err != nil {
		return fmt.Errorf("backup: the snapshot: %w", err)
	}
	m.SchemaVersion, m.AuditEntries, m.Documents = sum.schema, sum.auditEntries, sum.documents
	return nil
}

// portalSummary is what verifyPortal found.
type portalSummary struct {
	schema       int64
	auditEntries int
	documents    map[string]int64
}

// verifyPortal checks a database as a restore must: the engine's own integrity check,
// the audit chain, and every document's content against its hash.
func verifyPortal(ctx context.Context, store *models.Store) (portalSummary, error) {
	var sum portalSummary
	if err := store.IntegrityCheck(ctx); err != nil {
		return sum, err
	}
	var err error
	if sum.schema, _, err = store.SchemaVersion(ctx); err != nil {
		return sum, err
	}
	if sum.auditEntries, err = store.VerifyAuditChain(ctx); err != nil {
		return sum, err
	}
	_, faults, err := store.VerifyDocuments(ctx)
	if err != nil {
		return sum, err
	}
	if len(faults) > 0 {
		return sum, fmt.Errorf("%d document contents do not hold what their hash says, the first %s (%s)", len(faults), faults[0].SHA256, faults[0].Reason)
	}
	sum.documents, err = store.DocumentContents(ctx)
	return sum, err
}

// addToArchive copies a file into the archive under its base name and returns its size
// and SHA-256.
func addToArchive(tw *tar.Writer, path string) (manifestFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return manifestFile{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return manifestFile{}, err
	}
	name := filepath.Base(path)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: fi.Size(), ModTime: fi.ModTime()}); err != nil {
		return manifestFile{}, err
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(tw, h), f); err != nil {
		return manifestFile{}, err
	}
	return manifestFile{Name: name, Size: fi.Size(), SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func restoreCommand(ctx context.Context, args []string, stdout io.Writer) error {
	var from string
	var force bool
	c, err := parseStorageConfig("restore", args, func(fs *flagSet) {
		fs.StringVar(&from, "from", "", "the backup archive to restore")
		fs.BoolVar(&force, "force", false, "replace the portal that is there")
	})
	if err != nil {
		return err
	}
	if from == "" {
		fmt.Fprint(stdout, backupUsage)
		return errors.New("restore: --from FILE is required")
	}
	m, err := restoreBackup(ctx, c, from, force)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "restored %s from %s (taken %s): schema version %d, %d audit entries verified, %d documents verified\n",
		safeDSN(c.DB), from, m.CreatedAt.Format(time.RFC3339), m.SchemaVersion, m.AuditEntries, len(m.Documents))
	return nil
}

// restoreBackup rebuilds a portal from an archive: it unpacks into a scratch folder,
// checks every file against the manifest, loads the database and checks it as the backup
// did, and only then puts the files in place. A portal already there (a non-empty data
// folder, a PostgreSQL database with tables) is replaced only with force.
func restoreBackup(ctx context.Context, c config, from string, force bool) (manifest, error) {
	engine := models.EngineOf(c.DB)
	if err := os.MkdirAll(c.DataDir, 0o750); err != nil {
		return manifest{}, err
	}
	if !force {
		if err := refuseOccupied(ctx, c, engine); err != nil {
			return manifest{}, err
		}
	}
	work, err := os.MkdirTemp(c.DataDir, ".derap-restore-*")
	if err != nil {
		return manifest{}, err
	}
	defer os.RemoveAll(work)
	m, err := unpack(from, work)
	if err != nil {
		return m, fmt.Errorf("restore: %s: %w", from, err)
	}
	if m.Engine != engine {
		return m, fmt.Errorf("restore: the backup is of a %s database; name a %s database with --db", m.Engine, m.Engine)
	}
	snapshot := filepath.Join(work, snapshotName(engine))
	check := snapshot
	if engine == models.EnginePostgres {
		if err := models.RestorePostgres(ctx, c.DB, snapshot, force); err != nil {
			return m, err
		}
		check = c.DB
	}
	restored, err := models.Open(check)
	if err != nil {
		return m, err
	}
	sum, err := verifyPortal(ctx, restored)
	_ = restored.Close()
	if err != nil {
		return m, fmt.Errorf("restore: the restored database: %w", err)
	}
	if engine == models.EngineSQLite {
		if err := checkAgainstManifest(m, sum); err != nil {
			return m, err
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if err := os.Remove(c.DB + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
				return m, err
			}
		}
		if err := os.MkdirAll(filepath.Dir(c.DB), 0o750); err != nil {
			return m, err
		}
		if err := os.Rename(snapshot, c.DB); err != nil {
			return m, fmt.Errorf("restore: %w", err)
		}
	}
	m.SchemaVersion, m.AuditEntries, m.Documents = sum.schema, sum.auditEntries, sum.documents
	for _, name := range keyFiles {
		if key := filepath.Join(work, name); fileExists(key) {
			if err := os.Rename(key, filepath.Join(c.DataDir, name)); err != nil {
				return m, fmt.Errorf("restore: %w", err)
			}
		}
	}
	return m, nil
}

// checkAgainstManifest compares what the restored database holds with what the backup
// recorded of it.
func checkAgainstManifest(m manifest, sum portalSummary) error {
	if sum.auditEntries != m.AuditEntries || sum.schema != m.SchemaVersion || len(sum.documents) != len(m.Documents) {
		return fmt.Errorf("restore: the database holds %d audit entries, schema %d, %d documents; the manifest says %d, %d, %d",
			sum.auditEntries, sum.schema, len(sum.documents), m.AuditEntries, m.SchemaVersion, len(m.Documents))
	}
	for hash, size := range m.Documents {
		if sum.documents[hash] != size {
			return fmt.Errorf("restore: document %s is not in the database as the manifest says", hash)
		}
	}
	return nil
}

// refuseOccupied refuses to restore over a portal that is there.
func refuseOccupied(ctx context.Context, c config, engine models.Engine) error {
	if engine == models.EnginePostgres {
		store, err := models.Open(c.DB)
		if err != nil {
			return err
		}
		defer store.Close()
		empty, err := store.IsEmpty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			return fmt.Errorf("restore: %s already holds a database; pass --force to replace it", safeDSN(c.DB))
		}
		return nil
	}
	entries, err := os.ReadDir(c.DataDir)
	if err != nil {
		return err
	}
	if len(entries) > 0 || fileExists(c.DB) {
		return fmt.Errorf("restore: %s is not empty; pass --force to replace the portal in it", c.DataDir)
	}
	return nil
}

// unpack extracts an archive into dir and checks each file against the manifest: the
// names it lists and no other, each with its size and SHA-256.
func unpack(from, dir string) (manifest, error) {
	var m manifest
	f, err := os.Open(from)
	if err != nil {
		return m, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return m, fmt.Errorf("not a backup archive: %w", err)
	}
	tr := tar.NewReader(gz)
	got := map[string]manifestFile{}
	known := append([]string{manifestName, snapshotName(models.EngineSQLite), snapshotName(models.EnginePostgres)}, keyFiles...)
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return m, fmt.Errorf("not a backup archive: %w", err)
		}
		if !slices.Contains(known, hdr.Name) || hdr.Typeflag != tar.TypeReg {
			return m, fmt.Errorf("the archive holds %q, which no backup does", hdr.Name)
		}
		if _, seen := got[hdr.Name]; seen {
			return m, fmt.Errorf("the archive holds %q twice", hdr.Name)
		}
		if hdr.Name == manifestName {
			if err := json.NewDecoder(io.LimitReader(tr, 64<<20)).Decode(&m); err != nil {
				return m, fmt.Errorf("the manifest: %w", err)
			}
			got[hdr.Name] = manifestFile{}
			continue
		}
		out, err := os.OpenFile(filepath.Join(dir, hdr.Name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return m, err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(out, h), tr)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return m, err
		}
		got[hdr.Name] = manifestFile{Name: hdr.Name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}
	}
	delete(got, manifestName)
	if m.Format != 1 {
		return m, errors.New("the archive has no manifest of a known format")
	}
	if len(got) != len(m.Files) {
		return m, fmt.Errorf("the archive holds %d files, its manifest lists %d", len(got), len(m.Files))
	}
	for _, want := range m.Files {
		if got[want.Name] != want {
			return m, fmt.Errorf("%s does not match the manifest (size %d, sha256 %s; listed %d, %s)", want.Name, got[want.Name].Size, got[want.Name].SHA256, want.Size, want.SHA256)
		}
	}
	return m, nil
}
