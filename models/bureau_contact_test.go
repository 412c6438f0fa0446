package models_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// The migration seeds the bureau's contact at Balai Kota, with the PPID's address.
func TestBureauContactSeeded(t *testing.T) {
	s := modeltest.NewStore(t)
	c, err := s.BureauContact(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Revision != 1 || !strings.Contains(c.Office, "Biro Kerja Sama Daerah") ||
		!strings.Contains(c.Address, "Jl. Medan Merdeka Selatan No. 8–9") || !strings.Contains(c.Address, "10110") ||
		c.Phone == "" || c.Email == "" || c.PPIDURL != "https://ppid.jakarta.go.id" {
		t.Errorf("seeded contact: %+v", c)
	}
	// One row only: the table refuses a second.
	if err := s.ExecForTest(context.Background(), "INSERT INTO bureau_contacts (id, office, address) VALUES (2, 'x', 'y')"); err == nil {
		t.Error("a second contact row was accepted")
	}
}

func bureauInput() models.BureauContactInput {
	return models.BureauContactInput{
		Office: "Biro Kerja Sama Daerah Setda Provinsi DKI Jakarta", Address: "Balai Kota, Blok H Lantai 10, Jl. Medan Merdeka Selatan No. 8–9, Jakarta Pusat 10110",
		Phone: "+62 21 382-2255", Email: "ksd@jakarta.go.id", PPIDURL: "https://ppid.jakarta.go.id/permohonan-informasi",
	}
}

// Only administrators and the operator change the contact; anyone else is refused and
// nothing is written.
func TestBureauContactAuthorization(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	disabledAdmin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	disabledAdmin.Active = false
	tests := []struct {
		name  string
		actor models.Actor
		want  error
	}{
		{"visitor", models.Actor{}, models.ErrForbidden},
		{"delegate", modeltest.Delegate(t, s, "31"), models.ErrForbidden},
		{"official", modeltest.Official(t, s), models.ErrForbidden},
		{"disabled administrator", modeltest.As(&disabledAdmin), models.ErrForbidden},
		{"administrator", modeltest.As(&admin), nil},
		{"operator", models.Operator("derap settings"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := s.BureauContact(ctx)
			in := bureauInput()
			in.Office += " (" + tt.name + ")"
			got, err := s.UpdateBureauContact(ctx, tt.actor, in, models.AnyRevision)
			after, _ := s.BureauContact(ctx)
			if !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.want != nil {
				if after != before {
					t.Errorf("a refused update wrote %+v", after)
				}
				return
			}
			if got != after || after.Office != in.Office || after.Revision != before.Revision+1 {
				t.Errorf("returned %+v, stored %+v, before %+v", got, after, before)
			}
		})
	}
}

// Every problem is reported by its field, and nothing is written.
func TestBureauContactValidation(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(*models.BureauContactInput)
		field  string
		code   string
	}{
		{"no office", func(in *models.BureauContactInput) { in.Office = "  " }, "bureau_office", "error.required"},
		{"office too long", func(in *models.BureauContactInput) { in.Office = strings.Repeat("é", models.MaxBureauOffice+1) }, "bureau_office", "error.too_long"},
		{"no address", func(in *models.BureauContactInput) { in.Address = "" }, "bureau_address", "error.required"},
		{"address too long", func(in *models.BureauContactInput) { in.Address = strings.Repeat("a", models.MaxBureauAddress+1) }, "bureau_address", "error.too_long"},
		{"letters in the phone", func(in *models.BureauContactInput) { in.Phone = "021 BALAIKOTA" }, "bureau_phone", "error.phone_invalid"},
		{"phone too short", func(in *models.BureauContactInput) { in.Phone = "112" }, "bureau_phone", "error.phone_invalid"},
		{"email without a domain", func(in *models.BureauContactInput) { in.Email = "biroksd@" }, "bureau_email", "error.email_invalid"},
		{"email with a name", func(in *models.BureauContactInput) { in.Email = "Biro KSD <ksd@jakarta.go.id>" }, "bureau_email", "error.email_invalid"},
		{"relative PPID address", func(in *models.BureauContactInput) { in.PPIDURL = "ppid.jakarta.go.id" }, "bureau_ppid_url", "error.url_invalid"},
		{"script PPID address", func(in *models.BureauContactInput) { in.PPIDURL = "javascript:alert(1)" }, "bureau_ppid_url", "error.url_invalid"},
		{"ftp PPID address", func(in *models.BureauContactInput) { in.PPIDURL = "ftp://ppid.jakarta.go.id" }, "bureau_ppid_url", "error.url_invalid"},
		{"PPID address without a host", func(in *models.BureauContactInput) { in.PPIDURL = "https:///permohonan" }, "bureau_ppid_url", "error.url_invalid"},
		{"PPID address with credentials", func(in *models.BureauContactInput) { in.PPIDURL = "https://user:pw@ppid.jakarta.go.id" }, "bureau_ppid_url", "error.url_invalid"},
		{"PPID address with a space", func(in *models.BureauContactInput) { in.PPIDURL = "https://ppid.jakarta.go.id/a b" }, "bureau_ppid_url", "error.url_invalid"},
	}
	before, err := s.BureauContact(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := bureauInput()
			tt.change(&in)
			_, err := s.UpdateBureauContact(ctx, models.System, in, before.Revision)
			var v *models.ValidationError
			if !errors.As(err, &v) || v.For(tt.field) != tt.code {
				t.Fatalf("err = %v, want %s on %s", err, tt.code, tt.field)
			}
		})
	}
	if after, _ := s.BureauContact(ctx); after != before {
		t.Errorf("an invalid contact was written: %+v", after)
	}

	// The optional fields may be left empty; an http address is taken as well as https.
	in := models.BureauContactInput{Office: " Biro KSD ", Address: "Balai Kota", PPIDURL: "http://ppid.jakarta.go.id"}
	got, err := s.UpdateBureauContact(ctx, models.System, in, before.Revision)
	if err != nil || got.Office != "Biro KSD" || got.Phone != "" || got.Email != "" || got.PPIDURL != in.PPIDURL {
		t.Errorf("optional fields empty: %+v %v", got, err)
	}
}

// A save made on an older copy is refused with ErrChanged, nothing written; of two saves
// made at once on the same copy, one holds.
func TestBureauContactStaleRevision(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	seen, _ := s.BureauContact(ctx)
	first := bureauInput()
	saved, err := s.UpdateBureauContact(ctx, models.System, first, seen.Revision)
	if err != nil {
		t.Fatal(err)
	}
	second := bureauInput()
	second.Phone = "(021) 1234567"
	if _, err := s.UpdateBureauContact(ctx, models.System, second, seen.Revision); !errors.Is(err, models.ErrChanged) {
		t.Fatalf("a save on the older copy: %v", err)
	}
	// Stale and invalid at once: the change is what the user is told first.
	second.Email = "not an address"
	if _, err := s.UpdateBureauContact(ctx, models.System, second, seen.Revision); !errors.Is(err, models.ErrChanged) {
		t.Fatalf("a stale and invalid save: %v", err)
	}
	if now, _ := s.BureauContact(ctx); now != saved {
		t.Fatalf("the refused save wrote %+v", now)
	}

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Go(func() {
			in := bureauInput()
			in.Office = []string{"Meja A", "Meja B"}[i]
			_, errs[i] = s.UpdateBureauContact(ctx, models.System, in, saved.Revision)
		})
	}
	wg.Wait()
	held := 0
	for _, err := range errs {
		switch {
		case err == nil:
			held++
		case !errors.Is(err, models.ErrChanged):
			t.Fatalf("a concurrent save: %v", err)
		}
	}
	if now, _ := s.BureauContact(ctx); held != 1 || now.Revision != saved.Revision+1 {
		t.Errorf("%d of two concurrent saves held; now %+v", held, now)
	}
}

// A save is audited with the contact before and after, and moves the public data version
// on, so that every cached public page (whose footer shows the contact) is rendered again.
func TestBureauContactAuditAndPublicChange(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	admin := modeltest.CreateUser(t, s, models.RoleAdmin, "")
	was, err := s.DataVersions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := s.BureauContact(ctx)
	in := bureauInput()
	if _, err := s.UpdateBureauContact(ctx, models.UserActor(&admin, "192.0.2.7", "test"), in, old.Revision); err != nil {
		t.Fatal(err)
	}
	now, err := s.DataVersions(ctx)
	if err != nil || now.Public <= was.Public || now.Content <= was.Content {
		t.Errorf("data versions %+v, before %+v (%v)", now, was, err)
	}
	var entries []models.AuditEntry
	if err := s.DBForTest().Where("action = ?", "settings.bureau_contact").Find(&entries).Error; err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d audit entries", len(entries))
	}
	e := entries[0]
	if e.ActorID == nil || *e.ActorID != admin.ID || e.IP != "192.0.2.7" || e.ObjectType != "bureau_contact" ||
		!strings.Contains(e.Before, old.Phone) || !strings.Contains(e.After, in.Phone) || !strings.Contains(e.After, in.PPIDURL) {
		t.Errorf("audit entry %+v", e)
	}
	if _, err := s.VerifyAuditChain(ctx); err != nil {
		t.Error(err)
	}
}
