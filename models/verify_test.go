package models_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"derap/models"
	"derap/models/modeltest"
)

// scanOf is a distinct signed scan for a test, and its SHA-256.
func scanOf(name string) ([]byte, string) {
	content := append([]byte("%PDF-1.7\n% signed scan: "+name+"\n"), bytes.Repeat([]byte{'x'}, 100)...)
	sum := sha256.Sum256(content)
	return content, hex.EncodeToString(sum[:])
}

func attach(t *testing.T, s *models.Store, owner models.OwnerType, id uint, title string, content []byte) models.Document {
	t.Helper()
	d, err := s.AddDocument(context.Background(), modeltest.Official(t, s), owner, id, title, "scan.pdf", bytes.NewReader(content), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func verify(t *testing.T, s *models.Store, sha string) models.Verification {
	t.Helper()
	v, err := s.VerifyHash(context.Background(), sha)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// currentHash is the content hash of an agreement's current version.
func currentHash(t *testing.T, s *models.Store, id uint) string {
	t.Helper()
	v, err := s.AgreementFor(context.Background(), models.System, id)
	if err != nil || v.Version == nil {
		t.Fatalf("agreement %d: %v, version %v", id, err, v.Version)
	}
	return v.Version.ContentHash
}

// A signed scan of a published agreement is found with its agreement, its title, when and
// by which office it was attached; an event's document with its event. The hash may be
// pasted in upper case, with spaces around.
func TestVerifyPublishedDocument(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Kesepakatan terbit"})
	scan, sum := scanOf("published")
	d := attach(t, s, models.OwnerAgreement, id, "Naskah bertanda tangan", scan)

	v := verify(t, s, "  "+strings.ToUpper(sum)+"\n")
	if !v.Registered() || len(v.Documents) != 1 || len(v.Versions) != 0 || v.SHA256 != sum {
		t.Fatalf("verification %+v", v)
	}
	got := v.Documents[0]
	if got.Agreement == nil || got.Agreement.ID != id || got.Agreement.Title != "Kesepakatan terbit" || got.Event != nil {
		t.Errorf("agreement %+v, event %+v", got.Agreement, got.Event)
	}
	if got.Title != "Naskah bertanda tangan" || got.Office != models.OfficeBureau || got.AttachedAt.Sub(d.CreatedAt).Abs() > time.Millisecond || got.Size != int64(len(scan)) {
		t.Errorf("document %+v", got)
	}

	event, err := s.SaveEvent(ctx, models.System, 0, models.EventInput{Title: "Forum uji", StartDate: models.Date(2026, 1, 5)})
	if err != nil {
		t.Fatal(err)
	}
	programme, programmeSum := scanOf("programme")
	attach(t, s, models.OwnerEvent, event, "Susunan acara", programme)
	v = verify(t, s, programmeSum)
	if len(v.Documents) != 1 || v.Documents[0].Event == nil || v.Documents[0].Event.ID != event || v.Documents[0].Event.Title != "Forum uji" || v.Documents[0].Agreement != nil {
		t.Errorf("event document: %+v", v)
	}
}

// The same file attached to agreements nobody may read publicly is not registered: a
// draft, one in review, one signed but not published, one published and then taken off.
// Beside a published agreement's copy, only that one is named.
func TestVerifyUnpublishedDocumentIsNotRegistered(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	scan, sum := scanOf("hidden")
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed, modeltest.Signed} {
		attach(t, s, models.OwnerAgreement, modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: stage}), "Naskah", scan)
	}
	withdrawn := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	attach(t, s, models.OwnerAgreement, withdrawn, "Naskah", scan)
	if err := s.Unpublish(ctx, models.System, withdrawn, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if v := verify(t, s, sum); v.Registered() || v.SHA256 != sum {
		t.Fatalf("unpublished copies are registered: %+v", v)
	}

	published := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	attach(t, s, models.OwnerAgreement, published, "Naskah terbit", scan)
	v := verify(t, s, sum)
	if len(v.Documents) != 1 || v.Documents[0].Agreement == nil || v.Documents[0].Agreement.ID != published {
		t.Errorf("with a published copy: %+v", v)
	}
}

// The hash of a published agreement's confirmed text is found with every party's
// confirmation of exactly that hash.
func TestVerifyConfirmedVersion(t *testing.T) {
	s := modeltest.NewStore(t)
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: "61"})
	hash := currentHash(t, s, id)
	v := verify(t, s, hash)
	if len(v.Versions) != 1 || len(v.Documents) != 0 {
		t.Fatalf("verification %+v", v)
	}
	got := v.Versions[0]
	if got.Agreement.ID != id || !got.Current || got.Number != 1 || got.CurrentNumber != 1 || got.ReplacedBy != nil {
		t.Errorf("version %+v", got)
	}
	if len(got.Confirmations) != 2 {
		t.Fatalf("confirmations %+v", got.Confirmations)
	}
	for i, want := range []struct{ code, name string }{{models.JakartaCode, "Daerah Khusus Ibukota Jakarta"}, {"61", "Kalimantan Barat"}} {
		c := got.Confirmations[i]
		if c.Position != i+1 || c.RegionCode != want.code || !strings.Contains(c.RegionName, want.name) || c.ContentHash != hash || c.ConfirmedAt.IsZero() {
			t.Errorf("confirmation %d: %+v", i, c)
		}
	}
}

// The text of an agreement that is not published is not registered, whatever its stage,
// nor is a hash nobody registered; a malformed hash is refused by its field.
func TestVerifyUnpublishedVersionIsNotRegistered(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for _, stage := range []modeltest.Stage{modeltest.InReview, modeltest.Agreed, modeltest.Signed} {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Tahap " + string(rune('A'+stage)), Stage: stage})
		if v := verify(t, s, currentHash(t, s, id)); v.Registered() {
			t.Errorf("stage %d: %+v", stage, v)
		}
	}
	// Sent, then withdrawn to a draft: the version sent stays in the history.
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Ditarik", Stage: modeltest.InReview})
	hash := currentHash(t, s, id)
	if err := s.Withdraw(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if v := verify(t, s, hash); v.Registered() {
		t.Errorf("a draft's version: %+v", v)
	}
	// Published, then taken off.
	id = modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Diturunkan"})
	hash = currentHash(t, s, id)
	if err := s.Unpublish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if v := verify(t, s, hash); v.Registered() {
		t.Errorf("an unpublished agreement's version: %+v", v)
	}
	_, unknown := scanOf("nobody registered this")
	if v := verify(t, s, unknown); v.Registered() || v.SHA256 != unknown {
		t.Errorf("unknown: %+v", v)
	}
	for _, bad := range []string{"", "abc", strings.Repeat("g", 64), unknown + "0", unknown[:63] + " "} {
		_, err := s.VerifyHash(ctx, bad)
		var invalid *models.ValidationError
		if !errors.As(err, &invalid) || invalid.For("sha256") == "" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// A version replaced by a revision before the agreement was confirmed and published is
// reported as an earlier version, with the one that replaced it; the current one as such.
func TestVerifySupersededVersion(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Direvisi", Stage: modeltest.InReview})
	first := currentHash(t, s, id)
	if err := s.Withdraw(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	draft, err := s.AgreementFor(ctx, models.System, id)
	if err != nil {
		t.Fatal(err)
	}
	in := models.InputOf(&draft.Agreement)
	in.Scope += "\n2. Ruang lingkup tambahan setelah revisi."
	in.Revision = models.AnyRevision
	if err := s.UpdateDraft(ctx, models.System, id, in); err != nil {
		t.Fatal(err)
	}
	second, err := s.SendForConfirmation(ctx, models.System, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	if second.ContentHash == first || second.Number != 2 {
		t.Fatalf("the revision did not make a new text: %+v", second)
	}
	if v := verify(t, s, first); v.Registered() {
		t.Errorf("before publication, the earlier version is registered: %+v", v)
	}
	for _, p := range modeltest.Parties(t, s, id) {
		if err := s.ConfirmParty(ctx, modeltest.Delegate(t, s, p.RegionCode), id, p.ID, second.ContentHash, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordSigning(ctx, models.System, id, models.SigningInput{Date: models.Date(2025, 3, 1), Place: "Jakarta"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Publish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}

	v := verify(t, s, first)
	if len(v.Versions) != 1 {
		t.Fatalf("earlier version: %+v", v)
	}
	old := v.Versions[0]
	if old.Current || old.Number != 1 || old.CurrentNumber != 2 || old.ReplacedBy == nil || old.ReplacedBy.Number != 2 ||
		old.ReplacedBy.CreatedAt.Sub(second.CreatedAt).Abs() > time.Millisecond || len(old.Confirmations) != 0 || old.Agreement.ID != id {
		t.Errorf("earlier version: %+v (replaced by %+v)", old, old.ReplacedBy)
	}
	v = verify(t, s, second.ContentHash)
	if len(v.Versions) != 1 || !v.Versions[0].Current || v.Versions[0].Number != 2 || len(v.Versions[0].Confirmations) != 2 {
		t.Errorf("current version: %+v", v)
	}
}

// At most MaxVerificationsAddress checks from one address in the window, counted in the
// database: two stores on one database (two portal servers) count together, parallel
// checks included; another address is not held back; the window moving on frees it.
func TestVerificationThrottleCountsAcrossServers(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	other, err := models.Open(modeltest.DSN(t, s))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	var now atomic.Int64
	now.Store(modeltest.Today.UnixNano())
	clock := func() time.Time { return time.Unix(0, now.Load()) }
	s.SetClock(clock)
	other.SetClock(clock)

	stores := []*models.Store{s, other}
	var wg sync.WaitGroup
	var allowed, refused atomic.Int64
	for i := range models.MaxVerificationsAddress + 10 {
		wg.Go(func() {
			err := stores[i%2].CountVerification(ctx, "198.51.100.7")
			var throttled *models.ThrottledError
			switch {
			case err == nil:
				allowed.Add(1)
			case errors.Is(err, models.ErrTooManyChecks) && errors.As(err, &throttled) && throttled.RetryAfter > 0 && throttled.RetryAfter <= models.VerificationWindow:
				refused.Add(1)
			default:
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if allowed.Load() != models.MaxVerificationsAddress || refused.Load() != 10 {
		t.Fatalf("%d allowed, %d refused", allowed.Load(), refused.Load())
	}
	for _, st := range stores {
		if err := st.CountVerification(ctx, "198.51.100.7"); !errors.Is(err, models.ErrTooManyChecks) {
			t.Errorf("the next check: %v", err)
		}
	}
	if err := other.CountVerification(ctx, "203.0.113.9"); err != nil {
		t.Errorf("another address: %v", err)
	}
	now.Add(int64(models.VerificationWindow))
	if err := s.CountVerification(ctx, "198.51.100.7"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

// An unknown hash and the hash of anything unpublished are looked up by the same queries,
// the same number of them: what is unpublished is left out by the database, not after.
func TestVerifyQueryShapeHidesUnpublished(t *testing.T) {
	s := modeltest.NewStore(t)
	scan, sum := scanOf("shape")
	draft := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	attach(t, s, models.OwnerAgreement, draft, "Naskah", scan)
	var statements []string
	var mu sync.Mutex
	record := func(db *gorm.DB) {
		mu.Lock()
		defer mu.Unlock()
		statements = append(statements, db.Statement.SQL.String())
	}
	cb := s.DBForTest().Callback()
	if err := cb.Query().After("gorm:query").Register("verify_test:query", record); err != nil {
		t.Fatal(err)
	}
	if err := cb.Row().After("gorm:row").Register("verify_test:row", record); err != nil {
		t.Fatal(err)
	}
	shape := func(sha string) []string {
		statements = nil
		if v := verify(t, s, sha); v.Registered() {
			t.Fatalf("registered: %+v", v)
		}
		return statements
	}
	_, unknown := scanOf("unknown")
	want := shape(unknown)
	if len(want) == 0 {
		t.Fatal("no query recorded")
	}
	for name, sha := range map[string]string{"document": sum, "version": currentHash(t, s, draft)} {
		if got := shape(sha); !slices.Equal(got, want) {
			t.Errorf("%s of an unpublished agreement: %q, unknown: %q", name, got, want)
		}
	}
}
