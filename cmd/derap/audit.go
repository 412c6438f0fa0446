package main

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"derap/models"
)

const auditUsage = `usage: derap audit verify [--db FILE|URL] [--data-dir DIR] [--public-key BASE64]...
  checks the hash chain of the audit log and every published checkpoint of it: that the
  entry it names is in the log with the hash it signed, and that its signature verifies
  under the portal's key (the public half of <data-dir>/audit-checkpoint.key, and every
  --public-key given, for checking without the private key or with earlier keys); prints
  how many entries and checkpoints hold, or each that does not; exits non-zero on a fault

usage: derap audit checkpoint [--db FILE|URL] [--data-dir DIR]
  signs the audit chain's head now with <data-dir>/audit-checkpoint.key (generated once,
  mode 0600) and records it as a published checkpoint; prints it
`

// auditCommand checks the audit log, or records a checkpoint of it.
func auditCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "verify":
			return auditVerify(ctx, args[1:], stdout)
		case "checkpoint":
			return auditCheckpoint(ctx, args[1:], stdout)
		}
	}
	fmt.Fprint(stdout, auditUsage)
	return errors.New("audit: the commands are: derap audit verify, derap audit checkpoint")
}

// auditVerify checks the chain and the checkpoints. It opens the database as it is: a check
// must not migrate what it checks.
func auditVerify(ctx context.Context, args []string, stdout io.Writer) error {
	var given []ed25519.PublicKey
	c, err := parseStorageConfig("audit verify", args, func(fs *flagSet) {
		fs.Func("public-key", "an Ed25519 public key the checkpoints may be signed with, in base64 (as /audit/checkpoints shows it); may be repeated", func(v string) error {
			for _, part := range strings.Split(v, ",") {
				raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(part))
				if err != nil || len(raw) != ed25519.PublicKeySize {
					return fmt.Errorf("%q is not an Ed25519 public key in base64 (44 characters)", part)
				}
				given = append(given, ed25519.PublicKey(raw))
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	// The portal's own key, when this is its data dir; never made here.
	own, err := auditKey(c.DataDir, false, nil)
	if err != nil {
		return err
	}
	keys := given
	if own != nil {
		keys = append(keys, own.Public().(ed25519.PublicKey))
	}
	store, err := openExisting(c)
	if err != nil {
		return err
	}
	defer store.Close()

	var faults []string
	n, err := store.VerifyAuditChain(ctx)
	var broken *models.AuditChainBreak
	switch {
	case errors.As(err, &broken):
		fmt.Fprintf(stdout, "BROKEN after %d intact entries: entry %d\n  expected %s\n  found    %s\n", n, broken.ID, broken.Expected, broken.Found)
		faults = append(faults, fmt.Sprintf("the audit chain is broken at entry %d", broken.ID))
	case err != nil:
		return err
	default:
		fmt.Fprintf(stdout, "audit chain intact: %d entries verified\n", n)
	}

	current, newest, err := store.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if current < newest {
		fmt.Fprintln(stdout, "checkpoints not checked: the database's schema is older than this program (run derap migrate)")
	} else {
		checked, problems, err := store.VerifyCheckpoints(ctx, keys)
		if err != nil {
			return err
		}
		switch {
		case checked > 0 && len(keys) == 0:
			fmt.Fprintf(stdout, "NO KEY: %d checkpoints, and no public key to check their signatures: give --public-key, or run this where %s is\n", checked, auditKeyName)
			faults = append(faults, "no public key to check the checkpoints against")
		case len(problems) > 0:
			for _, p := range problems {
				fmt.Fprintf(stdout, "%s: checkpoint %d (entry %d, recorded %s, key %s): %s\n", checkpointFaultLabel[p.Kind], p.Checkpoint.ID, p.Checkpoint.EntryID,
					p.Checkpoint.RecordedAt.UTC().Format(time.RFC3339), p.Checkpoint.KeyID, p.Detail)
			}
			faults = append(faults, fmt.Sprintf("%d of %d checkpoints do not hold", len(problems), checked))
		default:
			ids := make([]string, len(keys))
			for i, k := range keys {
				ids[i] = models.CheckpointKeyID(k)
			}
			fmt.Fprintf(stdout, "checkpoints intact: %d verified (keys %s)\n", checked, strings.Join(ids, ", "))
		}
	}
	if len(faults) > 0 {
		return errors.New(strings.Join(faults, "; "))
	}
	return nil
}

// checkpointFaultLabel heads the line of each kind of checkpoint fault.
var checkpointFaultLabel = map[models.CheckpointProblemKind]string{
	models.CheckpointEntryMissing:     "ENTRY REMOVED",
	models.CheckpointEntryAltered:     "ENTRY ALTERED OR HISTORY REWRITTEN",
	models.CheckpointAltered:          "CHECKPOINT ALTERED",
	models.CheckpointSignatureInvalid: "SIGNATURE INVALID",
}

// auditCheckpoint records a checkpoint of the chain's head now and prints it.
func auditCheckpoint(ctx context.Context, args []string, stdout io.Writer) error {
	c, err := parseStorageConfig("audit checkpoint", args, nil)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))
	key, err := auditKey(c.DataDir, true, log)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	cp, err := store.RecordCheckpoint(ctx, key)
	if err != nil {
		return err
	}
	printCheckpoint(stdout, cp)
	return nil
}

// printCheckpoint writes a checkpoint as derap audit checkpoint shows it.
func printCheckpoint(w io.Writer, cp models.AuditCheckpoint) {
	fmt.Fprintf(w, "checkpoint %d recorded\n  entry       %d\n  entry hash  %s\n  recorded at %s\n  key id      %s\n  public key  %s\n  signature   %s\n",
		cp.ID, cp.EntryID, cp.EntryHash, cp.RecordedAt.UTC().Format(time.RFC3339), cp.KeyID, cp.PublicKey, cp.Signature)
	fmt.Fprintf(w, "the signature (Ed25519) covers these bytes, each line ending in a line feed:\n%s", indent(string(cp.Message())))
}

func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = "  " + l
		}
	}
	return strings.Join(lines, "")
}

// checkpointRound is how often a server looks whether the daily checkpoint is due.
const checkpointRound = 10 * time.Minute

// checkpointEvery is how old the last checkpoint may grow before another is recorded.
const checkpointEvery = 24 * time.Hour

// runCheckpoints records the daily checkpoint until ctx ends: at start, then every round,
// when the last one is a day old and the chain has moved since. Every server runs it; the
// database gives the day's checkpoint to one of them.
func runCheckpoints(ctx context.Context, store *models.Store, key ed25519.PrivateKey, round time.Duration, log *slog.Logger) {
	t := time.NewTicker(round)
	defer t.Stop()
	for {
		cp, recorded, err := store.RecordDailyCheckpoint(ctx, key, checkpointEvery)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("the daily audit checkpoint failed; trying again later", "err", err)
		case recorded:
			log.Info("recorded the daily audit checkpoint", "checkpoint", cp.ID, "entry", cp.EntryID, "key_id", cp.KeyID)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
