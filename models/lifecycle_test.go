package models_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

func validInput() models.AgreementInput {
	return models.AgreementInput{
		Number: "001/KSB/2026", Title: "Kesepakatan Bersama", DocType: models.DocMemorandum,
		Kind: models.CooperationRegional, Sectors: []string{"food"},
		StartDate: models.Date(2026, 1, 1), EndDate: models.Date(2030, 12, 31),
		Parties: []models.PartyInput{
			{Region: models.JakartaCode, DocumentNumber: "e-001/2026", Authority: models.AuthorityOwnOffice},
			{Region: "61", DocumentNumber: "075/1/2026", Authority: models.AuthorityOwnOffice},
		},
	}
}

func TestDraftValidation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	existing, err := s.CreateDraft(ctx, models.System, validInput())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(*models.AgreementInput)
		field  string
		code   string
	}{
		{"no title", func(in *models.AgreementInput) { in.Title = "  " }, "title", "error.required"},
		{"unknown type", func(in *models.AgreementInput) { in.DocType = "treaty" }, "doc_type", "error.choose_one"},
		{"implementing without parent", func(in *models.AgreementInput) { in.DocType = models.DocImplementing }, "parent_id", "error.parent_required"},
		{"unknown parent", func(in *models.AgreementInput) { in.DocType = models.DocImplementing; p := uint(999); in.ParentID = &p }, "parent_id", "error.parent_invalid"},
		{"memorandum with parent", func(in *models.AgreementInput) { in.ParentID = &existing }, "parent_id", "error.parent_invalid"},
		{"no sector", func(in *models.AgreementInput) { in.Sectors = nil }, "sectors", "error.sector_required"},
		{"unknown sector", func(in *models.AgreementInput) { in.Sectors = []string{"space"} }, "sectors", "error.choose_one"},
		{"no start", func(in *models.AgreementInput) { in.StartDate = time.Time{} }, "start_date", "error.date_required"},
		{"end before start", func(in *models.AgreementInput) { in.EndDate = models.Date(2025, 12, 31) }, "end_date", "error.end_before_start"},
		{"end on start", func(in *models.AgreementInput) { in.EndDate = in.StartDate }, "end_date", "error.end_before_start"},
		{"term over 25 years", func(in *models.AgreementInput) { in.EndDate = models.Date(2051, 1, 2) }, "end_date", "error.term_too_long"},
		{"number taken", func(in *models.AgreementInput) { in.Parties[0].DocumentNumber = "x" }, "number", "error.number_taken"},
		{"party's number taken by the region", func(in *models.AgreementInput) { in.Number = "002/KSB/2026" }, "parties.0.document_number", "error.number_taken"},
		{"one party", func(in *models.AgreementInput) { in.Parties = in.Parties[:1] }, "parties", "error.two_parties"},
		{"region twice", func(in *models.AgreementInput) { in.Parties[1].Region = "Daerah Khusus Ibukota Jakarta" }, "parties.1.region", "error.region_twice"},
		{"no Jakarta", func(in *models.AgreementInput) { in.Parties[0].Region = "13" }, "parties", "error.jakarta_required"},
		{"unknown region", func(in *models.AgreementInput) { in.Parties[1].Region = "99.99" }, "parties.1.region", "error.unknown_region"},
		{"ambiguous region name", func(in *models.AgreementInput) { in.Parties[1].Region = "Jakarta" }, "parties.1.region", "error.region_ambiguous"},
		{"no region", func(in *models.AgreementInput) { in.Parties[1].Region = " " }, "parties.1.region", "error.required"},
		{"bad authority", func(in *models.AgreementInput) { in.Parties[1].Authority = "" }, "parties.1.authority", "error.choose_one"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			in.Number, in.Parties[0].DocumentNumber, in.Parties[1].DocumentNumber = "002/KSB/2026", "e-002/2026", "075/2/2026"
			if tt.name == "number taken" {
				in.Number = "001/KSB/2026"
			}
			if tt.name == "party's number taken by the region" {
				in.Parties[0].DocumentNumber = "e-001/2026"
			}
			tt.change(&in)
			_, err := s.CreateDraft(ctx, models.System, in)
			var v *models.ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if got := v.For(tt.field); got != tt.code {
				t.Fatalf("%s: %q, want %q (all: %v)", tt.field, got, tt.code, v)
			}
		})
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusDraft); len(list) != 1 {
		t.Fatalf("%d drafts: an invalid one was written", len(list))
	}
	t.Run("regions by name and label, 25 years", func(t *testing.T) {
		in := validInput()
		in.Number, in.Parties[0].DocumentNumber, in.Parties[1].DocumentNumber = "003/KSB/2026", "", ""
		in.Parties[0].Region, in.Parties[1].Region = "Daerah Khusus Ibukota Jakarta (31)", "kabupaten ketapang"
		in.EndDate = models.Date(2051, 1, 1)
		if !in.LongTerm() {
			t.Error("a 25-year term is not long")
		}
		id, err := s.CreateDraft(ctx, models.System, in)
		if err != nil {
			t.Fatal(err)
		}
		if parties := modeltest.Parties(t, s, id); parties[0].RegionCode != "31" || parties[1].RegionCode != "61.04" {
			t.Errorf("resolved to %s and %s", parties[0].RegionCode, parties[1].RegionCode)
		}
	})
}

// stage is a starting state for the table of actions.
type stage struct {
	name  string
	build modeltest.Stage
	after func(t *testing.T, s *models.Store, id uint) // further steps from the builder's stage
}

var stages = []stage{
	{"draft", modeltest.Draft, nil},
	{"in review", modeltest.InReview, nil},
	{"agreed", modeltest.Agreed, nil},
	{"signed", modeltest.Signed, nil},
	{"published", modeltest.Published, nil},
	{"terminated", modeltest.Signed, func(t *testing.T, s *models.Store, id uint) {
		if err := s.Terminate(context.Background(), models.System, id, models.TerminationInput{Date: models.Date(2025, 6, 1), Reason: "Uji"}); err != nil {
			t.Fatal(err)
		}
	}},
}

// Every (status × action × role) is allowed or refused as the lifecycle says: staff run
// every step the state allows, delegates and visitors none.
func TestLifecycleTable(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	own := modeltest.Delegate(t, s, "13.77") // the builder's partner
	other := modeltest.Delegate(t, s, "61")
	roles := []struct {
		name  string
		actor models.Actor
	}{
		{"visitor", models.Actor{}},
		{"delegate of the party", own},
		{"delegate of another region", other},
		{"official", official},
		{"admin", models.Actor{User: &admin}},
	}
	const (
		ok      = "ok"
		denied  = "forbidden"
		invalid = "invalid transition"
	)
	// The outcome for staff (officials, admins) by state; delegates are refused every staff
	// action, and staff every party action.
	staffActions := []struct {
		name string
		do   func(a models.Actor, id uint) error
		ok   map[string]bool // states in which staff may do it
	}{
		{"edit", func(a models.Actor, id uint) error {
			in := validInput()
			in.Number, in.Parties[0].DocumentNumber, in.Parties[1].DocumentNumber = "", "", ""
			in.Parties[1].Region = "13.77"
			return s.UpdateDraft(ctx, a, id, in)
		}, map[string]bool{"draft": true}},
		{"send", func(a models.Actor, id uint) error {
			_, err := s.SendForConfirmation(ctx, a, id, models.AnyRevision)
			return err
		}, map[string]bool{"draft": true}},
		{"withdraw", func(a models.Actor, id uint) error { return s.Withdraw(ctx, a, id, models.AnyRevision) }, map[string]bool{"in review": true, "agreed": true}},
		{"sign", func(a models.Actor, id uint) error {
			return s.RecordSigning(ctx, a, id, models.SigningInput{Date: models.Date(2025, 3, 1), Place: "Jakarta"})
		}, map[string]bool{"agreed": true}},
		{"publish", func(a models.Actor, id uint) error { return s.Publish(ctx, a, id, models.AnyRevision) }, map[string]bool{"signed": true, "terminated": true}},
		{"unpublish", func(a models.Actor, id uint) error { return s.Unpublish(ctx, a, id, models.AnyRevision) }, map[string]bool{"published": true}},
		{"terminate", func(a models.Actor, id uint) error {
			return s.Terminate(ctx, a, id, models.TerminationInput{Date: models.Date(2026, 1, 1), Reason: "Kesepakatan para pihak"})
		}, map[string]bool{"signed": true, "published": true}},
	}
	partyActions := []struct {
		name string
		do   func(a models.Actor, id uint, party models.Party, hash string) error
	}{
		{"confirm", func(a models.Actor, id uint, p models.Party, hash string) error {
			return s.ConfirmParty(ctx, a, id, p.ID, hash, "", "")
		}},
		{"decline", func(a models.Actor, id uint, p models.Party, hash string) error {
			return s.DeclineParty(ctx, a, id, p.ID, hash, "Belum sesuai")
		}},
	}
	outcome := func(err error) string {
		switch {
		case err == nil:
			return ok
		case errors.Is(err, models.ErrForbidden):
			return denied
		case errors.Is(err, models.ErrInvalidTransition):
			return invalid
		}
		return err.Error()
	}
	build := func(st stage) uint {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: st.build})
		if st.after != nil {
			st.after(t, s, id)
		}
		return id
	}
	for _, st := range stages {
		for _, r := range roles {
			for _, act := range staffActions {
				want := denied
				if r.name == "official" || r.name == "admin" {
					want = invalid
					if act.ok[st.name] {
						want = ok
					}
				}
				id := build(st)
				if got := outcome(act.do(r.actor, id)); got != want {
					t.Errorf("%s, %s, %s: %s, want %s", st.name, r.name, act.name, got, want)
				}
			}
			for _, act := range partyActions {
				want := denied
				if r.name == "delegate of the party" {
					want = invalid
					if st.name == "in review" {
						want = ok
					}
				}
				id := build(st)
				hash := ""
				if v, err := s.AgreementFor(ctx, official, id); err == nil && v.Version != nil {
					hash = v.Version.ContentHash
				}
				partner := modeltest.Parties(t, s, id)[1]
				if got := outcome(act.do(r.actor, id, partner, hash)); got != want {
					t.Errorf("%s, %s, %s: %s, want %s", st.name, r.name, act.name, got, want)
				}
			}
		}
	}
}

func TestSignOffLifecycle(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	id, err := s.CreateDraft(ctx, official, validInput())
	if err != nil {
		t.Fatal(err)
	}
	ver, err := s.SendForConfirmation(ctx, official, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	if ver.Number != 1 || len(ver.ContentHash) != 64 || models.ContentHash([]byte(ver.Content)) != ver.ContentHash {
		t.Fatalf("version %+v", ver)
	}
	parties := modeltest.Parties(t, s, id)
	jakarta, kalbar := modeltest.Delegate(t, s, "31"), modeltest.Delegate(t, s, "61")

	if err := s.ConfirmParty(ctx, jakarta, id, parties[0].ID, "stale", "", ""); !errors.Is(err, models.ErrStaleVersion) {
		t.Fatalf("a stale hash: %v", err)
	}
	if err := s.ConfirmParty(ctx, jakarta, id, parties[1].ID, ver.ContentHash, "", ""); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("Jakarta confirming for Kalimantan Barat: %v", err)
	}
	var v *models.ValidationError
	if err := s.DeclineParty(ctx, kalbar, id, parties[1].ID, ver.ContentHash, " "); !errors.As(err, &v) || v.For("reason") == "" {
		t.Fatalf("declined without a reason: %v", err)
	}
	if err := s.ConfirmParty(ctx, jakarta, id, parties[0].ID, ver.ContentHash, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.ConfirmParty(ctx, jakarta, id, parties[0].ID, ver.ContentHash, "", ""); !errors.Is(err, models.ErrAlreadyDecided) {
		t.Fatalf("confirming twice: %v", err)
	}
	if err := s.DeclineParty(ctx, kalbar, id, parties[1].ID, ver.ContentHash, "Jangka waktu terlalu panjang"); err != nil {
		t.Fatal(err)
	}
	parties = modeltest.Parties(t, s, id)
	if parties[1].Status != models.SignOffDeclined || parties[1].Note != "Jangka waktu terlalu panjang" || parties[1].DecidedByID == nil {
		t.Fatalf("after the decline: %+v", parties[1])
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusInReview); len(list) != 1 {
		t.Fatal("a decline moved the agreement out of review")
	}

	// The official revises: withdraw, edit, send again. Every sign-off resets; the first
	// version and its answers stay in the history.
	if err := s.Withdraw(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	for _, p := range modeltest.Parties(t, s, id) {
		if p.Status != models.SignOffPending || p.DecidedAt != nil || p.ConfirmedHash != "" {
			t.Fatalf("a sign-off survived the withdrawal: %+v", p)
		}
	}
	in := validInput()
	in.EndDate = models.Date(2028, 12, 31)
	if err := s.UpdateDraft(ctx, official, id, in); err != nil {
		t.Fatal(err)
	}
	ver2, err := s.SendForConfirmation(ctx, official, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	if ver2.Number != 2 || ver2.ContentHash == ver.ContentHash {
		t.Fatalf("the edit did not change the hash: %+v", ver2)
	}
	parties = modeltest.Parties(t, s, id)
	if err := s.ConfirmParty(ctx, kalbar, id, parties[1].ID, ver.ContentHash, "", ""); !errors.Is(err, models.ErrStaleVersion) {
		t.Fatalf("confirming the old version: %v", err)
	}
	for i, d := range []models.Actor{jakarta, kalbar} {
		if err := s.ConfirmParty(ctx, d, id, parties[i].ID, ver2.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	versions, err := s.AgreementVersions(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(versions) != 2 || len(versions[0].SignOffs) != 2 || len(versions[1].SignOffs) != 2 {
		t.Fatalf("version history: %d versions", len(versions))
	}
	if old := versions[1].SignOffs[1]; old.Decision != models.SignOffDeclined || old.RegionCode != "61" || old.ActorID == nil || old.IP != "192.0.2.10" {
		t.Errorf("the first version's decline: %+v", old)
	}
	if list, _ := s.AgreementsByStatus(ctx, models.StatusAgreed); len(list) != 1 {
		t.Fatal("every party confirmed but the agreement is not agreed")
	}
	for _, p := range modeltest.Parties(t, s, id) {
		if p.ConfirmedHash != ver2.ContentHash {
			t.Errorf("%s confirmed %q", p.RegionCode, p.ConfirmedHash)
		}
	}
	if err := s.RecordSigning(ctx, official, id, models.SigningInput{}); !errors.As(err, &v) || v.For("signed_place") == "" || v.For("signed_on") == "" {
		t.Fatalf("signing without date and place: %v", err)
	}
	if err := s.RecordSigning(ctx, official, id, models.SigningInput{Date: models.Date(2026, 1, 5), Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, official, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AgreementFor(ctx, models.Actor{}, id); err != nil {
		t.Fatal(err)
	}
	if err := s.Terminate(ctx, official, id, models.TerminationInput{Date: models.Date(2026, 1, 1), Reason: "x"}); !errors.As(err, &v) || v.For("terminated_on") != "error.before_signing" {
		t.Fatalf("terminating before the signing: %v", err)
	}
	if err := s.Terminate(ctx, official, id, models.TerminationInput{Date: models.Date(2026, 6, 1), Reason: "Kesepakatan para pihak"}); err != nil {
		t.Fatal(err)
	}
	view, _ := s.AgreementFor(ctx, models.Actor{}, id)
	if view.TermState(models.Date(2026, 7, 1)) != models.TermTerminated || view.TerminationReason != "Kesepakatan para pihak" {
		t.Errorf("terminated: %s %q", view.Status, view.TerminationReason)
	}

	// The audit log holds every step, in order, and its chain holds.
	history, err := s.AgreementHistory(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range history {
		actions = append(actions, e.Action)
	}
	want := "agreement.create agreement.send party.confirm party.decline agreement.withdraw agreement.update agreement.send party.confirm party.confirm agreement.agreed agreement.sign agreement.publish agreement.terminate"
	if got := fmt.Sprint(actions); got != "["+want+"]" {
		t.Errorf("history:\n%s\nwant\n[%s]", got, want)
	}
	// The chain also holds the accounts' creation, so it is longer than the history.
	if n, err := s.VerifyAuditChain(ctx); err != nil || n < len(history) {
		t.Errorf("audit chain: %d entries, %v", n, err)
	}
	decline := history[3]
	if decline.RegionCode != "61" || decline.Note != "Jangka waktu terlalu panjang" || decline.IP != "192.0.2.10" || decline.UserAgent != "modeltest" || decline.ActorID == nil {
		t.Errorf("the decline's entry: %+v", decline)
	}
	var before, after struct{ Status models.Status }
	_ = json.Unmarshal([]byte(history[4].Before), &before)
	_ = json.Unmarshal([]byte(history[4].After), &after)
	if before.Status != models.StatusInReview || after.Status != models.StatusDraft {
		t.Errorf("withdrawal before/after: %s → %s", before.Status, after.Status)
	}

	// Who sees which steps.
	for _, tt := range []struct {
		name string
		user *models.User
		want int
	}{
		{"visitor", nil, 3}, // sign, publish, terminate
		// the sends, withdrawal, agreement, signing, publication and termination, and the
		// region's own two answers; not the drafting, nor the other region's answers
		{"Jakarta's delegate", jakarta.User, 9},
		{"Kalimantan Barat's delegate", kalbar.User, 9},
	} {
		got, err := s.AgreementHistory(ctx, modeltest.As(tt.user), id)
		if err != nil || len(got) != tt.want {
			t.Errorf("%s sees %d steps, want %d (%v)", tt.name, len(got), tt.want, err)
		}
		for _, e := range got {
			if e.Action == "agreement.create" || (tt.user != nil && e.RegionCode != "" && e.RegionCode != *tt.user.RegionCode) {
				t.Errorf("%s sees %s of %q", tt.name, e.Action, e.RegionCode)
			}
		}
	}
	mine, err := s.DelegateHistory(ctx, kalbar, 20)
	if err != nil || len(mine) != 2 || mine[0].Decision != models.SignOffConfirmed || mine[0].AgreementTitle == "" {
		t.Errorf("Kalimantan Barat's own history: %+v %v", mine, err)
	}
}

func TestTamperedAuditChainIsDetected(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	n, err := s.VerifyAuditChain(ctx)
	if err != nil || n == 0 {
		t.Fatalf("the demo's chain: %d, %v", n, err)
	}
	if err := s.TamperAuditEntryForTest(ctx, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyAuditChain(ctx); err == nil {
		t.Fatal("an altered entry went unnoticed")
	}
}

// 50 delegates confirm their parties of 50 agreements at once: every confirmation lands.
func TestConcurrentConfirmations(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	const n = 50
	regions, err := s.RegionDirectory(ctx, models.RegionFilter{Kind: models.KindCity})
	if err != nil {
		t.Fatal(err)
	}
	var cities []string
	for _, g := range regions {
		for _, r := range g.Members {
			if r.ProvinceCode != models.JakartaCode {
				cities = append(cities, r.Code)
			}
		}
	}
	type job struct {
		actor models.Actor
		id    uint
		party uint
		hash  string
	}
	jobs := make([]job, n)
	for i := range n {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: cities[i], Stage: modeltest.InReview})
		v, err := s.AgreementFor(ctx, modeltest.Delegate(t, s, cities[i]), id)
		if err != nil {
			t.Fatal(err)
		}
		jobs[i] = job{modeltest.Delegate(t, s, cities[i]), id, v.Parties[1].ID, v.Version.ContentHash}
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for _, j := range jobs {
		wg.Go(func() { errs <- s.ConfirmParty(ctx, j.actor, j.id, j.party, j.hash, "", "") })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, j := range jobs {
		parties := modeltest.Parties(t, s, j.id)
		if parties[1].Status != models.SignOffConfirmed {
			t.Fatalf("agreement %d: the confirmation was lost", j.id)
		}
	}
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Fatal(err)
	}
}

// A confirmation races a withdrawal of the same agreement: one of two orders happens,
// whole, and the audit log tells the same story as the final state.
func TestConfirmRacesWithdraw(t *testing.T) {
	for round := range 10 {
		s := modeltest.NewStore(t)
		ctx := context.Background()
		official := modeltest.Official(t, s)
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview})
		delegate := modeltest.Delegate(t, s, "13.77")
		v, _ := s.AgreementFor(ctx, delegate, id)
		var confirmErr, withdrawErr error
		var wg sync.WaitGroup
		wg.Go(func() { confirmErr = s.ConfirmParty(ctx, delegate, id, v.Parties[1].ID, v.Version.ContentHash, "", "") })
		wg.Go(func() { withdrawErr = s.Withdraw(ctx, official, id, models.AnyRevision) })
		wg.Wait()
		if withdrawErr != nil {
			t.Fatalf("round %d: withdraw: %v", round, withdrawErr)
		}
		parties := modeltest.Parties(t, s, id)
		history, _ := s.AgreementHistory(ctx, official, id)
		last := history[len(history)-1]
		switch {
		case confirmErr == nil: // confirmed, then withdrawn: the sign-off was reset
			if last.Action != "agreement.withdraw" || history[len(history)-2].Action != "party.confirm" {
				t.Fatalf("round %d: the log disagrees: %s after %s", round, last.Action, history[len(history)-2].Action)
			}
		case errors.Is(confirmErr, models.ErrInvalidTransition): // withdrawn first
			if last.Action != "agreement.withdraw" || history[len(history)-2].Action != "agreement.send" {
				t.Fatalf("round %d: the log disagrees", round)
			}
		default:
			t.Fatalf("round %d: confirm: %v", round, confirmErr)
		}
		if parties[1].Status != models.SignOffPending {
			t.Fatalf("round %d: a sign-off survived the withdrawal", round)
		}
		var after struct{ Status models.Status }
		_ = json.Unmarshal([]byte(last.After), &after)
		if after.Status != models.StatusDraft {
			t.Fatalf("round %d: the log's final state is %s", round, after.Status)
		}
		if _, err := s.VerifyAuditChain(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDashboard(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	// An agreement signed long ago whose term ends within six months.
	expiring := modeltest.CreateAgreement(t, s, modeltest.Agreement{Signed: models.Date(2022, 2, 1)})
	d, err := s.DashboardFor(ctx, official, models.Date(2026, 11, 26), 10)
	if err != nil {
		t.Fatal(err)
	}
	if d.Counts[models.StatusInReview] != 2 || d.Counts[models.StatusSigned] != 4 || d.Counts[models.StatusDraft] != 1 {
		t.Errorf("counts %v", d.Counts)
	}
	// Both demo memoranda in review were sent the same morning; Pekanbaru's an hour earlier.
	if len(d.Waiting) != 2 || d.Waiting[0].Parties[1].RegionCode != "14.71" || d.Waiting[0].SentAt.IsZero() {
		t.Errorf("waiting %+v", d.Waiting)
	}
	if len(d.Waiting[0].WaitingOn()) != 1 || d.Waiting[0].WaitingOn()[0].RegionCode != "14.71" {
		t.Errorf("waiting on %+v", d.Waiting[0].WaitingOn())
	}
	if len(d.Declined) != 1 || d.Declined[0].Party.RegionCode != "61.04" || d.Declined[0].Party.Note == "" {
		t.Errorf("declined %+v", d.Declined)
	}
	if len(d.Expiring) != 1 || d.Expiring[0].ID != expiring {
		t.Errorf("expiring %+v", d.Expiring)
	}
	if _, err := s.DashboardFor(ctx, modeltest.Delegate(t, s, "61"), models.Date(2026, 11, 26), 10); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate's dashboard: %v", err)
	}
}

func TestWhoReadsWhat(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	draft, _ := s.AgreementsByStatus(ctx, models.StatusDraft)
	review, _ := s.AgreementsByStatus(ctx, models.StatusInReview)
	signed, _ := s.AgreementsByStatus(ctx, models.StatusSigned)
	var ketapang uint
	for _, a := range review {
		if a.Parties[1].RegionCode == "61.04" {
			ketapang = a.ID
		}
	}
	official := modeltest.Official(t, s)
	tests := []struct {
		name string
		user *models.User
		id   uint
		can  bool
	}{
		{"visitor, published", nil, signed[0].ID, true},
		{"visitor, in review", nil, ketapang, false},
		{"visitor, draft", nil, draft[0].ID, false},
		{"Ketapang's delegate, its memorandum in review", modeltest.Delegate(t, s, "61.04").User, ketapang, true},
		{"Pariaman's delegate, Ketapang's memorandum", modeltest.Delegate(t, s, "13.77").User, ketapang, false},
		{"Jakarta's delegate, in review", modeltest.Delegate(t, s, "31").User, ketapang, true},
		{"Kalimantan Barat's delegate, its draft", modeltest.Delegate(t, s, "61").User, draft[0].ID, false},
		{"official, draft", official.User, draft[0].ID, true},
	}
	for _, tt := range tests {
		_, err := s.AgreementFor(ctx, modeltest.As(tt.user), tt.id)
		if (err == nil) != tt.can {
			t.Errorf("%s: %v", tt.name, err)
		}
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			t.Errorf("%s: %v, want ErrNotFound", tt.name, err)
		}
	}
}

// The last two parties confirm at the same instant: exactly one of them makes the
// agreement agreed, on either engine, and the log says so once.
func TestLastConfirmationsAtOnce(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	for round := range 10 {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview, Title: fmt.Sprintf("Putaran %d", round)})
		v, err := s.AgreementFor(ctx, official, id)
		if err != nil {
			t.Fatal(err)
		}
		errs := make(chan error, len(v.Parties))
		var wg sync.WaitGroup
		start := make(chan struct{})
		for _, p := range v.Parties {
			delegate := modeltest.Delegate(t, s, p.RegionCode)
			wg.Go(func() {
				<-start
				errs <- s.ConfirmParty(ctx, delegate, id, p.ID, v.Version.ContentHash, "", "")
			})
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		after, _ := s.AgreementFor(ctx, official, id)
		history, _ := s.AgreementHistory(ctx, official, id)
		agreed := 0
		for _, e := range history {
			if e.Action == "agreement.agreed" {
				agreed++
			}
		}
		if after.Status != models.StatusAgreed || agreed != 1 {
			t.Fatalf("round %d: %s, agreed %d times in the log", round, after.Status, agreed)
		}
	}
}

// Writers of every kind append to the audit chain at once: the chain stays one line, each
// entry on the hash of the one before, with every step in it.
func TestAuditChainUnderConcurrentWriters(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	before, err := s.VerifyAuditChain(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const each = 10
	var wg sync.WaitGroup
	errs := make(chan error, 3*each)
	for i := range each {
		wg.Go(func() {
			_, err := s.CreateDraft(ctx, models.System, models.AgreementInput{
				Title: fmt.Sprintf("Draf %d", i), DocType: models.DocMemorandum, Kind: models.CooperationRegional, Sectors: []string{"food"},
				StartDate: models.Date(2027, 1, 1), EndDate: models.Date(2028, 1, 1),
				Parties: []models.PartyInput{{Region: models.JakartaCode, Authority: models.AuthorityOwnOffice}, {Region: "61", Authority: models.AuthorityOwnOffice}},
			})
			errs <- err
		})
		wg.Go(func() {
			errs <- s.SaveContact(ctx, models.System, "13.77", models.ContactInput{Office: fmt.Sprintf("Kantor %d", i)})
		})
		wg.Go(func() {
			_, _, err := s.CreateUser(ctx, models.System, models.UserInput{Email: fmt.Sprintf("u%d@derap.test", i), Name: "U", Role: models.RoleOfficial})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.VerifyAuditChain(ctx)
	if err != nil || n != before+3*each {
		t.Fatalf("%d entries after %d appends to %d, %v", n, 3*each, before, err)
	}
}

// The audit chain verifies with the instants the engine gives back, whatever the clock's
// precision: PostgreSQL keeps microseconds, the clock has nanoseconds.
func TestAuditChainWithAPreciseClock(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	s.SetClock(func() time.Time { return modeltest.Today.Add(123456789 * time.Nanosecond) })
	modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Fatal(err)
	}
}

// A delegate's history names what they answered: the title of the version they saw, not
// that of a draft the agreement went back to, which they may not read.
func TestDelegateHistoryShowsTheVersionAnswered(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id, err := s.CreateDraft(ctx, models.System, validInput())
	if err != nil {
		t.Fatal(err)
	}
	ver, err := s.SendForConfirmation(ctx, models.System, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	kalbar := modeltest.Delegate(t, s, "61")
	party := modeltest.Parties(t, s, id)[1]
	if err := s.ConfirmParty(ctx, kalbar, id, party.ID, ver.ContentHash, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.Withdraw(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	in := validInput()
	in.Title = "Rancangan internal yang belum dikirim"
	if err := s.UpdateDraft(ctx, models.System, id, in); err != nil {
		t.Fatal(err)
	}
	mine, err := s.DelegateHistory(ctx, kalbar, 20)
	if err != nil || len(mine) != 1 {
		t.Fatalf("history: %+v %v", mine, err)
	}
	if mine[0].AgreementTitle != validInput().Title {
		t.Errorf("the history shows %q, want the title answered, %q", mine[0].AgreementTitle, validInput().Title)
	}
}
