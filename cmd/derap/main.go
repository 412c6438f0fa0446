// Command derap is the Derap KSD portal: one binary that serves the portal and runs its
// maintenance tasks.
//
//	derap serve    [--addr A] [--db FILE] [--data-dir DIR] [--demo] [--base-url URL] ...
//	derap migrate  [status] [--db FILE|URL] [--data-dir DIR]
//	derap user     add|list|disable|enable|password ...
//	derap backup   --to FILE
//	derap restore  --from FILE --data-dir DIR [--force]
//	derap audit    verify [--public-key BASE64] | checkpoint
//	derap demo     reset-passwords
//
// Every flag can also be set by an environment variable (DERAP_ADDR, DERAP_DB,
// DERAP_DATA_DIR, DERAP_DEMO=1, ...); a flag given on the command line wins.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, log); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "derap:", err)
		os.Exit(1)
	}
}

const usage = `usage: derap <command> [flags]

commands:
  serve    serve the portal (migrates the database first)
  migrate  bring the database schema up to date (or: migrate status)
  user     add, list, disable and enable accounts, set a password
  backup   a consistent backup of a running portal, into one archive
  restore  rebuild a portal from a backup
  audit    verify: check the audit log's hash chain and its signed checkpoints;
           checkpoint: sign and publish the chain's head now
  demo     reset-passwords: new passwords for the demo accounts not used yet

Run "derap <command> -h" for the flags of a command.
`

// run dispatches a command line; it is main without the process around it, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, usage)
		return errors.New("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], log)
	case "migrate":
		return migrate(ctx, args[1:], stdout)
	case "user":
		return userCommand(ctx, args[1:], stdin, stdout, log)
	case "backup":
		return backupCommand(ctx, args[1:], stdout)
	case "restore":
		return restoreCommand(ctx, args[1:], stdout)
	case "audit":
		return auditCommand(ctx, args[1:], stdout)
	case "demo":
		return demoCommand(ctx, args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stdout, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
