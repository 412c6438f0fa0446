package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"text/tabwriter"

	"derap/models"
	"derap/views"
	"derap/views/i18n"
)

const userUsage = `usage: derap user <command> [flags]

commands:
  add      --email E --name N --role admin|official|delegate [--region CODE] [--password-stdin]
           without --password-stdin, prints a one-time invitation link instead
  list     list every account
  disable  --email E   disable an account and end its sessions
  enable   --email E   enable an account again
  password --email E --password-stdin
           set an account's password from standard input and end its sessions
`

// userCommand manages accounts from the command line, for operators and scripts.
func userCommand(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	if len(args) == 0 {
		fmt.Fprint(stdout, userUsage)
		return errors.New("user: no command given")
	}
	switch args[0] {
	case "add":
		return userAdd(ctx, args[1:], stdin, stdout, log)
	case "list":
		return userList(ctx, args[1:], stdout, log)
	case "disable", "enable":
		return userSetActive(ctx, args[0], args[1:], stdout, log)
	case "password":
		return userPassword(ctx, args[1:], stdin, stdout, log)
	}
	fmt.Fprint(stdout, userUsage)
	return fmt.Errorf("user: unknown command %q", args[0])
}

// describe turns an error into one line for the operator, in English.
func describe(err error) error {
	var v *models.ValidationError
	if !errors.As(err, &v) {
		return err
	}
	parts := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		parts[i] = f.Field + ": " + i18n.EN.T(f.Code)
	}
	return errors.New("invalid input: " + strings.Join(parts, "; "))
}

func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	var in models.UserInput
	var role string
	var fromStdin bool
	c, err := parseStorageConfig("user add", args, func(fs *flagSet) {
		fs.StringVar(&in.Email, "email", "", "email address (unique, any case)")
		fs.StringVar(&in.Name, "name", "", "full name")
		fs.StringVar(&role, "role", "", "admin, official or delegate")
		fs.StringVar(&in.RegionCode, "region", "", "Kemendagri code of a delegate's region, e.g. 61 or 13.77")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	})
	if err != nil {
		return err
	}
	in.Role = models.Role(role)
	if fromStdin {
		if in.Password, err = readPassword(stdin); err != nil {
			return err
		}
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	u, token, err := store.CreateUser(ctx, models.Operator("derap user add"), in)
	if err != nil {
		return describe(err)
	}
	if token == "" {
		fmt.Fprintf(stdout, "created %s (%s)\n", u.Email, u.Role)
		return nil
	}
	fmt.Fprintf(stdout, "created %s (%s); invitation link, valid for 7 days, shown only now:\n%s\n",
		u.Email, u.Role, c.baseURL().ResolveReference(&url.URL{Path: string(views.InvitationURL(token))}))
	return nil
}

func userList(ctx context.Context, args []string, stdout io.Writer, log *slog.Logger) error {
	c, err := parseStorageConfig("user list", args, nil)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	users, err := store.Users(ctx, models.Operator("derap user list"))
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "EMAIL\tNAME\tROLE\tREGION\tSTATUS\tLAST LOGIN")
	for _, u := range users {
		status, last, region := "active", "-", "-"
		switch {
		case !u.Active:
			status = "disabled"
		case u.PasswordHash == "":
			status = "invited"
		}
		if u.LastLoginAt != nil {
			last = u.LastLoginAt.In(models.Jakarta).Format("2006-01-02 15:04 WIB")
		}
		if u.RegionCode != nil {
			region = *u.RegionCode + " " + u.RegionName()
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, region, status, last)
	}
	return w.Flush()
}

func userSetActive(ctx context.Context, verb string, args []string, stdout io.Writer, log *slog.Logger) error {
	var email string
	c, err := parseStorageConfig("user "+verb, args, func(fs *flagSet) {
		fs.StringVar(&email, "email", "", "email address of the account")
	})
	if err != nil {
		return err
	}
	if email == "" {
		return errors.New("invalid input: email: required")
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := accountByEmail(ctx, store, email)
	if err != nil {
		return err
	}
	if err := store.SetUserActive(ctx, models.Operator("derap user "+verb), u.ID, verb == "enable", models.AnyRevision); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%sd %s\n", verb, u.Email)
	return nil
}

// readPassword reads a password from standard input: its first line, at most 4 KiB.
func readPassword(stdin io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(stdin, 4096))
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	password := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	if password == "" {
		return "", errors.New("invalid input: password: standard input was empty")
	}
	return password, nil
}

// accountByEmail finds the account a command names, or says there is none.
func accountByEmail(ctx context.Context, store *models.Store, email string) (models.User, error) {
	if email == "" {
		return models.User{}, errors.New("invalid input: email: required")
	}
	u, err := store.UserByEmail(ctx, email)
	if errors.Is(err, models.ErrNotFound) {
		return u, fmt.Errorf("no account with email %s", email)
	}
	return u, err
}

func userPassword(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	var email string
	var fromStdin bool
	c, err := parseStorageConfig("user password", args, func(fs *flagSet) {
		fs.StringVar(&email, "email", "", "email address of the account")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the new password from standard input")
	})
	if err != nil {
		return err
	}
	if !fromStdin {
		return errors.New("invalid input: give the new password on standard input with --password-stdin (or send a new invitation from the office's Users page)")
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, c, log.Info)
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := accountByEmail(ctx, store, email)
	if err != nil {
		return err
	}
	if err := store.SetPassword(ctx, models.Operator("derap user password"), u.ID, password); err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "set a new password for %s; every session of the account has ended\n", u.Email)
	return nil
}
