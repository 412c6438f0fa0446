package models_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// A delegate's confirmation is the portal's hottest write: on SQLite every one takes the
// single writer's turn for as long as its statements run. These bounds hold what it costs
// since issue 21 (before it: 10 statements, and 22 for the answer that makes the agreement
// agreed); a change that makes it read or write more fails here, and should say in the
// README's Performance section what it buys.
const (
	maxConfirmStatements = 9  // a confirmation that leaves others pending
	maxAgreedStatements  = 16 // the last one, with its log entry, notification and search row
)

// confirmStatements runs one confirmation and returns the statements it ran, but for the
// group commit's savepoints and PostgreSQL's lock of the audit chain, which are the
// engines' and not the confirmation's.
func confirmStatements(t *testing.T, s *models.Store, id uint, p models.Party, hash string) []string {
	t.Helper()
	delegate := modeltest.Delegate(t, s, p.RegionCode)
	var mu sync.Mutex
	var stmts []string
	stop := s.TraceStatementsForTest(func(sql string, _ int64, _ time.Duration) {
		if strings.HasPrefix(sql, "SAVEPOINT ") || strings.HasPrefix(sql, "RELEASE ") || strings.Contains(sql, "pg_advisory_xact_lock") {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		stmts = append(stmts, sql)
		t.Logf("%3d  %.200s", len(stmts), sql)
	})
	defer stop()
	if err := s.ConfirmParty(context.Background(), delegate, id, p.ID, hash, "", ""); err != nil {
		t.Fatal(err)
	}
	return stmts
}

func TestConfirmationStatements(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	modeltest.Official(t, s) // someone to tell that it is agreed
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
	parties := modeltest.Parties(t, s, id)
	v, err := s.AgreementFor(ctx, modeltest.Delegate(t, s, parties[0].RegionCode), id)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, stmts []string, most int) {
		t.Helper()
		if len(stmts) > most {
			t.Errorf("%s ran %d statements, at most %d wanted:\n%s", what, len(stmts), most, strings.Join(stmts, "\n"))
		}
		writes := 0
		for _, q := range stmts {
			q = strings.ReplaceAll(q, "`", "")
			switch {
			case strings.HasPrefix(q, "INSERT INTO parties"), strings.HasPrefix(q, "DELETE FROM parties"):
				t.Errorf("%s rewrites parties: %s", what, q)
			case strings.HasPrefix(q, "UPDATE parties"):
				writes++
			}
		}
		if writes != 1 {
			t.Errorf("%s updates parties %d times, once wanted:\n%s", what, writes, strings.Join(stmts, "\n"))
		}
	}
	check("a confirmation", confirmStatements(t, s, id, parties[0], v.Version.ContentHash), maxConfirmStatements)
	check("the last confirmation", confirmStatements(t, s, id, parties[1], v.Version.ContentHash), maxAgreedStatements)

	// What the statements left is what a confirmation always left.
	after, err := s.AgreementFor(ctx, modeltest.Official(t, s), id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Agreement.Status != models.StatusAgreed {
		t.Fatalf("status %s, want agreed", after.Agreement.Status)
	}
	if n, err := s.VerifyAuditChain(ctx); err != nil {
		t.Fatalf("audit chain after %d entries: %v", n, err)
	}
}
