// Package modeltest builds fresh databases for tests: one SQLite file per test, migrated
// and loaded with the reference regions, and builders for the records a test needs.
package modeltest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"derap/models"

	_ "github.com/jackc/pgx/v5/stdlib" // Exec on PostgreSQL
	_ "github.com/mattn/go-sqlite3"    // Exec on SQLite
)

// Today is the day tests run on, unless they set another clock: 26 November 2026, 10:00 WIB.
var Today = time.Date(2026, time.November, 26, 10, 0, 0, 0, models.Jakarta)

// NewStore opens a fresh database for the test, migrated and holding the 552 reference
// regions: a SQLite file in the test's temporary folder, or, when the tests run on
// PostgreSQL (see TestEngine), a database of its own on the test server. It is closed (and
// a PostgreSQL one dropped) when the test ends.
func NewStore(t testing.TB) *models.Store {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "test.db")
	if TestEngine() == models.EnginePostgres {
		dsn = postgresDatabase(t)
	}
	s, err := models.Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	dsns.Store(s, dsn)
	t.Cleanup(func() { _ = s.Close(); dsns.Delete(s) })
	s.SetClock(func() time.Time { return Today })
	// Real costs would make every sign-in in the tests take tens of milliseconds.
	s.SetPasswordParams(FastPasswords)
	ctx := context.Background()
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadRegions(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// dsns names the database of each store NewStore opened.
var dsns sync.Map // *models.Store → string

// DSN is the database a store NewStore opened works on: a SQLite file or a PostgreSQL URL,
// for a second store on it (a second portal server) or for changing it behind the
// portal's back.
func DSN(t testing.TB, s *models.Store) string {
	t.Helper()
	dsn, ok := dsns.Load(s)
	if !ok {
		t.Fatal("modeltest: the store was not opened by NewStore")
	}
	return dsn.(string)
}

// OpenSQL opens the database dsn names with database/sql, apart from any store, as an
// operator with a database shell reaches it; placeholders are $1, $2, ... It is closed
// when the test ends.
func OpenSQL(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	driver := "sqlite3"
	if models.EngineOf(dsn) == models.EnginePostgres {
		driver = "pgx"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// Exec runs a statement on the store's database behind its back (see OpenSQL).
func Exec(t testing.TB, s *models.Store, query string, args ...any) {
	t.Helper()
	if _, err := OpenSQL(t, DSN(t, s)).Exec(query, args...); err != nil {
		t.Fatalf("modeltest: %s: %v", query, err)
	}
}

// FastPasswords are cheap hashing costs for tests; never for the portal.
var FastPasswords = models.PasswordParams{Memory: 64, Time: 1, Threads: 1}

// Password is the password CreateUser gives every account.
const Password = "correct horse battery staple"

// CreateUser adds an active account that can sign in with Password; region is for delegates.
func CreateUser(t testing.TB, s *models.Store, role models.Role, region string) models.User {
	t.Helper()
	u, _, err := s.CreateUser(context.Background(), models.System, models.UserInput{
		Email: fmt.Sprintf("%s-%d@derap.test", role, time.Now().UnixNano()), Name: "Pengguna " + string(role),
		Role: role, RegionCode: region, Password: Password,
	})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Clock is a settable clock for a store, starting at Today; safe to move while a server reads it.
type Clock struct{ nanos atomic.Int64 }

// NewClock pins a store's time to a clock the test moves.
func NewClock(s *models.Store) *Clock {
	c := &Clock{}
	c.nanos.Store(Today.UnixNano())
	s.SetClock(func() time.Time { return time.Unix(0, c.nanos.Load()) })
	return c
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.nanos.Add(int64(d)) }

// NewDemoStore is NewStore with the demo programme loaded.
func NewDemoStore(t testing.TB) *models.Store {
	t.Helper()
	s := NewStore(t)
	if _, err := s.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// Agreement describes an agreement for a test; zero fields get plain defaults.
type Agreement struct {
	Title   string
	Partner string // Kemendagri code of the second party; default Kota Pariaman
	DocType models.DocType
	Sectors []string
	Signed  time.Time // signing day; default 1 March 2025
	// Stage is how far along the lifecycle to take it; default published.
	Stage Stage
	// Parent is the memorandum an implementing agreement or amendment hangs under; by
	// default a new draft.
	Parent *uint
}

// Stage is how far a builder takes an agreement along its lifecycle.
type Stage int

// Stages in lifecycle order; the zero value is Published.
const (
	Published Stage = iota
	Draft
	InReview
	Agreed
	Signed
)

// CreateAgreement builds an agreement between DKI Jakarta and a partner through the real
// lifecycle and returns its ID.
func CreateAgreement(t testing.TB, s *models.Store, a Agreement) uint {
	t.Helper()
	ctx := context.Background()
	if a.Title == "" {
		a.Title = "Perjanjian uji"
	}
	if a.Partner == "" {
		a.Partner = "13.77"
	}
	if a.DocType == "" {
		a.DocType = models.DocMemorandum
	}
	if a.Sectors == nil {
		a.Sectors = []string{"food"}
	}
	if a.Signed.IsZero() {
		a.Signed = models.Date(2025, time.March, 1)
	}
	parent := a.Parent
	if parent == nil && a.DocType.NeedsParent() {
		id := CreateAgreement(t, s, Agreement{Title: a.Title + " (induk)", Partner: a.Partner, Stage: Draft})
		parent = &id
	}
	id, err := s.CreateDraft(ctx, models.System, models.AgreementInput{
		Number: fmt.Sprintf("T-%d", time.Now().UnixNano()), Title: a.Title, DocType: a.DocType, ParentID: parent,
		Kind: models.CooperationRegional, Sectors: a.Sectors, Scope: "Ruang lingkup uji",
		StartDate: a.Signed, EndDate: a.Signed.AddDate(5, 0, -1),
		Parties: []models.PartyInput{
			{Region: models.JakartaCode, SignatoryName: "Pihak Kesatu", Authority: models.AuthorityOwnOffice},
			{Region: a.Partner, SignatoryName: "Pihak Kedua", Authority: models.AuthorityPowerOfAttorney},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if a.Stage == Draft {
		return id
	}
	ver, err := s.SendForConfirmation(ctx, models.System, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	if a.Stage == InReview {
		return id
	}
	for _, p := range Parties(t, s, id) {
		if err := s.ConfirmParty(ctx, Delegate(t, s, p.RegionCode), id, p.ID, ver.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if a.Stage == Agreed {
		return id
	}
	if err := s.RecordSigning(ctx, models.System, id, models.SigningInput{Date: a.Signed, Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if a.Stage == Signed {
		return id
	}
	if err := s.Publish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	return id
}

var delegates sync.Map // store and region → *models.User

// Delegate returns an actor for a delegate of the region, creating the account once per
// store.
func Delegate(t testing.TB, s *models.Store, region string) models.Actor {
	t.Helper()
	type key struct {
		s      *models.Store
		region string
	}
	if u, ok := delegates.Load(key{s, region}); ok {
		return models.Actor{User: u.(*models.User), IP: "192.0.2.10", UserAgent: "modeltest"}
	}
	u := CreateUser(t, s, models.RoleDelegate, region)
	delegates.Store(key{s, region}, &u)
	return models.Actor{User: &u, IP: "192.0.2.10", UserAgent: "modeltest"}
}

// Official returns an actor for a new official.
func Official(t testing.TB, s *models.Store) models.Actor {
	t.Helper()
	u := CreateUser(t, s, models.RoleOfficial, "")
	return models.Actor{User: &u, IP: "192.0.2.20", UserAgent: "modeltest"}
}

// Parties returns an agreement's parties in signing order.
func Parties(t testing.TB, s *models.Store, agreementID uint) []models.Party {
	t.Helper()
	parties, err := s.AgreementParties(context.Background(), agreementID)
	if err != nil {
		t.Fatal(err)
	}
	return parties
}

// As is a user acting, from no particular address; nil is an anonymous visitor.
func As(u *models.User) models.Actor { return models.UserActor(u, "", "") }
