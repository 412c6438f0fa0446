package models_test

import (
	"context"
	"testing"

	"derap/models"
	"derap/models/modeltest"
)

// The map draws a line to a partner only while it has a published agreement: an
// agreement under review or signed but not yet published draws none, on both engines.
func TestProgrammeMapLinksOnlyPublishedPartners(t *testing.T) {
	s := modeltest.NewDemoStore(t)
	ctx := context.Background()
	linked := func() map[string]bool {
		t.Helper()
		m, err := s.ProgrammeMapData(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if m.Host == nil || m.Host.Code != models.JakartaCode {
			t.Fatalf("host %+v", m.Host)
		}
		out := map[string]bool{}
		for _, p := range m.Partners {
			out[p.Code] = p.Published
		}
		return out
	}
	before := linked()
	var unlinked string
	for code, published := range before {
		if !published {
			unlinked = code
			break
		}
	}
	if unlinked == "" || len(before) < 2 {
		t.Fatalf("the demo's map should have partners with and without published agreements: %v", before)
	}
	// Every flag is what the register says.
	db := modeltest.OpenSQL(t, modeltest.DSN(t, s))
	for code, published := range before {
		var n int64
		err := db.QueryRow(`SELECT count(*) FROM parties JOIN agreements ON agreements.id = parties.agreement_id
			WHERE agreements.published AND parties.region_code = $1`, code).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if published != (n > 0) {
			t.Errorf("%s: published %v, %d published agreements", code, published, n)
		}
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: unlinked, Stage: modeltest.Signed})
	if linked()[unlinked] {
		t.Fatalf("%s is linked by an agreement signed but not published", unlinked)
	}
	modeltest.CreateAgreement(t, s, modeltest.Agreement{Partner: unlinked})
	after := linked()
	if !after[unlinked] {
		t.Fatalf("%s is not linked after its agreement was published", unlinked)
	}
	for code, published := range before {
		if code != unlinked && after[code] != published {
			t.Errorf("%s changed from %v to %v", code, published, after[code])
		}
	}
}
