package models_test

import (
	"context"
	"errors"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// A published agreement's certificate names every party in signing order with its region,
// signatory and authority, each party's confirmation of the current version's hash with
// the confirming delegate's region, the signing, the publication and the signed scan.
func TestCertificateOfPublishedAgreement(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Title: "Kesepakatan bersertifikat", Partner: "74.01"})
	scan, sum := scanOf("certificate")
	attach(t, s, models.OwnerAgreement, id, "Naskah bertanda tangan", scan)
	hash := currentHash(t, s, id)

	c, err := s.Certificate(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	view, err := s.AgreementFor(ctx, models.System, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.AgreementID != id || c.Title != "Kesepakatan bersertifikat" || c.Number != view.Number || c.DocType != models.DocMemorandum {
		t.Errorf("agreement %+v", c)
	}
	if c.VersionHash != hash || c.VersionNumber != view.Version.Number || len(hash) != 64 {
		t.Errorf("version %d %q, want %d %q", c.VersionNumber, c.VersionHash, view.Version.Number, hash)
	}
	if c.SignedOn.IsZero() || !c.SignedOn.Equal(*view.SignedOn) || c.SignedPlace != "Jakarta" || c.PublishedAt.IsZero() {
		t.Errorf("signed %v in %q, published %v", c.SignedOn, c.SignedPlace, c.PublishedAt)
	}
	want := []struct {
		code, signatory string
		authority       models.Authority
	}{
		{"31", "Pihak Kesatu", models.AuthorityOwnOffice},
		{"74.01", "Pihak Kedua", models.AuthorityPowerOfAttorney},
	}
	if len(c.Parties) != len(want) {
		t.Fatalf("parties %+v", c.Parties)
	}
	for i, p := range c.Parties {
		w := want[i]
		region, err := s.RegionByCode(ctx, w.code)
		if err != nil {
			t.Fatal(err)
		}
		if p.Position != i+1 || p.RegionCode != w.code || p.RegionName != region.Name || p.RegionKind != region.Kind || p.SignatoryName != w.signatory || p.Authority != w.authority {
			t.Errorf("party %d: %+v", i+1, p)
		}
		if p.ConfirmedAt == nil || p.ConfirmedHash != hash || p.OfficeCode != w.code || p.OfficeName != region.Name {
			t.Errorf("party %d confirmation: at %v, hash %q, office %q %q", i+1, p.ConfirmedAt, p.ConfirmedHash, p.OfficeCode, p.OfficeName)
		}
	}
	if len(c.SignedScans) != 1 || c.SignedScans[0].SHA256 != sum || c.SignedScans[0].Title != "Naskah bertanda tangan" {
		t.Errorf("scans %+v, want one with %s", c.SignedScans, sum)
	}
}

// Only a published agreement has a certificate: a draft, one in review, agreed, signed
// but not yet published, or published and taken down again is not found, as is no
// agreement at all.
func TestCertificateOnlyWhenPublished(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	for _, stage := range []modeltest.Stage{modeltest.Draft, modeltest.InReview, modeltest.Agreed, modeltest.Signed} {
		id := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: stage})
		if _, err := s.Certificate(ctx, id); !errors.Is(err, models.ErrNotFound) {
			t.Errorf("stage %d: %v, want not found", stage, err)
		}
	}
	id := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	if _, err := s.Certificate(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := s.Unpublish(ctx, models.System, id, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Certificate(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("unpublished: %v, want not found", err)
	}
	if _, err := s.Certificate(ctx, 99999); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("no agreement: %v, want not found", err)
	}
}

// Every published demo agreement has a certificate with each of its parties confirmed.
func TestCertificateOfDemoAgreements(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	res, err := s.PublishedAgreements(ctx, models.AgreementFilter{}, 100)
	if err != nil || len(res.Items) == 0 {
		t.Fatalf("published: %v, %d", err, len(res.Items))
	}
	for _, listed := range res.Items {
		c, err := s.Certificate(ctx, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The list carries what it shows of a party; the certificate is checked against
		// the parties whole.
		parties, err := s.AgreementParties(ctx, listed.ID)
		if err != nil {
			t.Fatal(err)
		}
		a := listed
		a.Parties = parties
		if len(c.Parties) != len(a.Parties) || c.Number != a.Number {
			t.Errorf("agreement %d: %d parties, want %d", a.ID, len(c.Parties), len(a.Parties))
		}
		for i, p := range c.Parties {
			if p.RegionCode != a.Parties[i].RegionCode || p.SignatoryName != a.Parties[i].SignatoryName || p.ConfirmedAt == nil || p.ConfirmedHash != c.VersionHash || p.OfficeCode != p.RegionCode {
				t.Errorf("agreement %d party %d: %+v", a.ID, i+1, p)
			}
		}
	}
}
