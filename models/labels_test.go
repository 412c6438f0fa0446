package models_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// A short title names the agreement in headings and lists; the parties confirm the full
// text, so changing the label must not change what they confirmed.
func TestShortTitleIsALabelOutsideTheContentHash(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	in := validInput()
	in.ShortTitle = "  Kalimantan Barat — pangan  "
	id, err := s.CreateDraft(ctx, official, in)
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.AgreementFor(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	if a.ShortTitle != "Kalimantan Barat — pangan" || a.DisplayTitle() != a.ShortTitle || a.Title != in.Title {
		t.Fatalf("stored short title %q, display %q, title %q", a.ShortTitle, a.DisplayTitle(), a.Title)
	}
	before, err := models.CanonicalContent(&a.Agreement)
	if err != nil {
		t.Fatal(err)
	}
	edit := models.InputOf(&a.Agreement)
	if edit.ShortTitle != a.ShortTitle {
		t.Fatalf("the edit form lost the short title: %q", edit.ShortTitle)
	}
	edit.ShortTitle = ""
	if err := s.UpdateDraft(ctx, official, id, edit); err != nil {
		t.Fatal(err)
	}
	a, err = s.AgreementFor(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	after, err := models.CanonicalContent(&a.Agreement)
	if err != nil {
		t.Fatal(err)
	}
	if a.ShortTitle != "" || a.DisplayTitle() != a.Title {
		t.Errorf("cleared short title %q, display %q", a.ShortTitle, a.DisplayTitle())
	}
	if models.ContentHash(before) != models.ContentHash(after) {
		t.Error("the short title changed the content hash")
	}

	edit = models.InputOf(&a.Agreement)
	edit.ShortTitle = strings.Repeat("k", models.MaxShortTitle+1)
	var v *models.ValidationError
	if err := s.UpdateDraft(ctx, official, id, edit); !errors.As(err, &v) || v.For("short_title") != "error.too_long" {
		t.Fatalf("an over-long short title: %v", err)
	}
}

// A delegate gives their region's own register number when confirming: it is kept on the
// party (the public table shows it) and on the sign-off record, and a withdrawal that resets
// the answers resets it too.
func TestOwnNumberGivenAtConfirmation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	in := validInput()
	in.Parties[1].DocumentNumber = ""
	id, err := s.CreateDraft(ctx, official, in)
	if err != nil {
		t.Fatal(err)
	}
	ver, err := s.SendForConfirmation(ctx, official, id, models.AnyRevision)
	if err != nil {
		t.Fatal(err)
	}
	parties := modeltest.Parties(t, s, id)
	kalbar := modeltest.Delegate(t, s, "61")
	var v *models.ValidationError
	long := strings.Repeat("9", models.MaxOwnNumber+1)
	if err := s.ConfirmParty(ctx, kalbar, id, parties[1].ID, ver.ContentHash, long, ""); !errors.As(err, &v) || v.For("own_number") != "error.too_long" {
		t.Fatalf("an over-long number: %v", err)
	}
	if p := modeltest.Parties(t, s, id)[1]; p.Status != models.SignOffPending || p.OwnNumber != "" {
		t.Fatalf("a refused answer left %s, %q", p.Status, p.OwnNumber)
	}
	if err := s.ConfirmParty(ctx, kalbar, id, parties[1].ID, ver.ContentHash, " 075/1842/Pem-A/2026 ", ""); err != nil {
		t.Fatal(err)
	}
	p := modeltest.Parties(t, s, id)[1]
	if p.OwnNumber != "075/1842/Pem-A/2026" || p.RegisterNumber() != p.OwnNumber {
		t.Fatalf("party's own number %q, register number %q", p.OwnNumber, p.RegisterNumber())
	}
	var recorded string
	if err := s.DBForTest().Raw("SELECT own_number FROM sign_offs WHERE party_id = ?", p.ID).Scan(&recorded).Error; err != nil || recorded != p.OwnNumber {
		t.Fatalf("the sign-off record holds %q (%v)", recorded, err)
	}
	if jakarta := modeltest.Parties(t, s, id)[0]; jakarta.RegisterNumber() != "e-001/2026" {
		t.Errorf("without an own number the draft's number stands: %q", jakarta.RegisterNumber())
	}

	a, err := s.AgreementFor(ctx, official, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Withdraw(ctx, official, id, a.Revision); err != nil {
		t.Fatal(err)
	}
	if p := modeltest.Parties(t, s, id)[1]; p.OwnNumber != "" || p.Status != models.SignOffPending {
		t.Errorf("after withdrawal the party still has %s, %q", p.Status, p.OwnNumber)
	}
}
