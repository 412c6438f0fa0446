package models_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"strings"
	"testing"
	"time"

	pdfread "github.com/dslipak/pdf"

	"derap/models"
	"derap/models/modeltest"
)

func TestLoadDemoIsIdempotent(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	before, err := s.HomePage(ctx, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.LoadDemo(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Fatal("second LoadDemo created accounts")
	}
	after, err := s.HomePage(ctx, 100, 100)
	if err != nil {
		t.Fatal(err)
	}
	if before.Stats != after.Stats {
		t.Fatalf("second load changed the figures: %+v, then %+v", before.Stats, after.Stats)
	}
	for _, status := range models.Statuses {
		list, err := s.AgreementsByStatus(ctx, status)
		if err != nil {
			t.Fatal(err)
		}
		want := map[models.Status]int{models.StatusSigned: 3, models.StatusInReview: 2, models.StatusDraft: 1}[status]
		if len(list) != want {
			t.Errorf("%d agreements %s, want %d", len(list), status, want)
		}
	}
}

// The demo follows the lifecycle: the states the issue asks for, each with its sign-offs.
func TestDemoStatesFollowTheLifecycle(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	home, err := s.HomePage(ctx, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if home.Stats != (models.HomeStats{Partners: 7, PublishedAgreements: 3, Events: 1}) {
		t.Errorf("figures %+v", home.Stats)
	}
	for _, listed := range home.Agreements {
		a, err := s.AgreementFor(ctx, modeltest.Official(t, s), listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if listed.ConfirmedParties() != len(listed.Parties) || a.ConfirmedParties() != len(a.Parties) || a.EventID == nil || listed.SignedOn == nil {
			t.Errorf("published %q: %d of %d confirmed, event %v", a.Title, a.ConfirmedParties(), len(a.Parties), a.EventID)
		}
	}

	inReview, err := s.AgreementsByStatus(ctx, models.StatusInReview)
	if err != nil {
		t.Fatal(err)
	}
	var pending, declined int
	for _, a := range inReview {
		if a.Parties[0].RegionCode != models.JakartaCode || a.Parties[0].Status != models.SignOffConfirmed {
			t.Errorf("%q: DKI Jakarta has not confirmed", a.Title)
		}
		switch p := a.Parties[1]; p.Status {
		case models.SignOffPending:
			pending++
		case models.SignOffDeclined:
			declined++
			if p.Note == "" {
				t.Errorf("%q: declined without a reason", a.Title)
			}
		}
	}
	if pending != 1 || declined != 1 {
		t.Errorf("in review: %d with the partner pending, %d declined; want 1 and 1", pending, declined)
	}

	drafts, err := s.AgreementsByStatus(ctx, models.StatusDraft)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != 1 || drafts[0].Published || drafts[0].ParentID == nil {
		t.Errorf("drafts: %+v", drafts)
	}
}

// Each signed memorandum of the demo carries the scan of its signed paper: a PDF that says
// it is demo data and names the agreement, byte-identical on every fresh demo (so the hash a
// visitor saved still verifies), which /verify finds as that agreement's document.
func TestDemoSignedScans(t *testing.T) {
	ctx := context.Background()
	scans := func(s *models.Store) map[string]string {
		page, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 100)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, a := range page.Items {
			docs, err := s.Documents(ctx, models.OwnerAgreement, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(docs) != 1 || docs[0].ContentType != "application/pdf" || !strings.HasSuffix(docs[0].FileName, ".pdf") {
				t.Fatalf("%s: documents %+v", a.Number, docs)
			}
			_, r, err := s.DocumentFor(ctx, models.Actor{}, docs[0].ID)
			if err != nil {
				t.Fatalf("a visitor cannot read %s's scan: %v", a.Number, err)
			}
			content, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(content)
			if hex.EncodeToString(sum[:]) != docs[0].SHA256 {
				t.Errorf("%s: the stored hash is not the content's", a.Number)
			}
			text := pdfPlainText(t, content)
			for _, want := range []string{"DATADEMO", strings.ReplaceAll(a.Number, " ", ""), "PramonoAnungWibowo"} {
				if !strings.Contains(text, want) {
					t.Errorf("%s: the scan's text lacks %q: %q", a.Number, want, text)
				}
			}
			v, err := s.VerifyHash(ctx, docs[0].SHA256)
			if err != nil {
				t.Fatal(err)
			}
			if len(v.Documents) != 1 || v.Documents[0].Agreement == nil || v.Documents[0].Agreement.ID != a.ID {
				t.Errorf("%s: /verify finds %+v", a.Number, v.Documents)
			}
			if got := docs[0].CreatedAt.In(models.Jakarta); a.SignedOn == nil || !got.After(*a.SignedOn) || got.After(time.Date(2025, time.October, 10, 23, 0, 0, 0, models.Jakarta)) {
				t.Errorf("%s: attached %v, signed %v", a.Number, got, a.SignedOn)
			}
			out[a.Number] = docs[0].SHA256
		}
		return out
	}
	first, second := scans(modeltest.NewDemoStore(t)), scans(modeltest.NewDemoStore(t))
	if len(first) != 3 || !maps.Equal(first, second) {
		t.Errorf("two demos' scans: %v and %v", first, second)
	}
}

// pdfPlainText is a PDF's text with every space removed, so that lines the reader split
// still match.
func pdfPlainText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdfread.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("parse PDF: %v", err)
	}
	rd, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("PDF text: %v", err)
	}
	text, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(text)), "")
}
