package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"derap/models"
)

const demoUsage = `usage: derap demo reset-passwords [--db FILE|URL] [--data-dir DIR]
  gives new passwords to the demo accounts nobody has signed in with yet, and prints them
  (for when the first start's were never seen)
`

// demoCommand looks after the demo programme's accounts.
func demoCommand(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "reset-passwords" {
		fmt.Fprint(stdout, demoUsage)
		return errors.New("demo: the command is: derap demo reset-passwords")
	}
	c, err := parseStorageConfig("demo reset-passwords", args[1:], nil)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, func(string, ...any) {})
	if err != nil {
		return err
	}
	defer store.Close()
	accounts, err := store.ResetDemoPasswords(ctx, models.Operator("derap demo reset-passwords"))
	if err != nil {
		return err
	}
	if len(accounts) == 0 {
		fmt.Fprintln(stdout, "no demo account to reset: the demo is not loaded, or every account has been used")
		return nil
	}
	fmt.Fprintln(stdout, "new passwords of the unused demo accounts, shown only now:")
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tROLE\tREGION\tPASSWORD")
	for _, a := range accounts {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Email, a.Role, a.Region, a.Password)
	}
	return w.Flush()
}
