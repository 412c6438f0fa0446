package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"derap/models"
)

const auditUsage = `usage: derap audit verify [--db FILE|URL] [--data-dir DIR]
  checks the hash chain of the audit log: prints how many entries hold, or the first
  broken link; exits non-zero on a break
`

// auditCommand checks the audit log. It opens the database as it is: a check must not
// migrate what it checks.
func auditCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprint(stdout, auditUsage)
		return errors.New("audit: the command is: derap audit verify")
	}
	c, err := parseStorageConfig("audit verify", args[1:], nil)
	if err != nil {
		return err
	}
	store, err := openExisting(c)
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.VerifyAuditChain(ctx)
	var broken *models.AuditChainBreak
	if errors.As(err, &broken) {
		fmt.Fprintf(stdout, "BROKEN after %d intact entries: entry %d\n  expected %s\n  found    %s\n", n, broken.ID, broken.Expected, broken.Found)
		return fmt.Errorf("the audit chain is broken at entry %d", broken.ID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "audit chain intact: %d entries verified\n", n)
	return nil
}
