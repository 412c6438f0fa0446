package handlers_test

import (
	"context"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
)

// The list's filter choices and the programme map are read once per change of the
// register and shared by the pages rendered until the next one; a publication by another
// process (another portal server, the derap command) is on the very next page, with the
// page cache off as with it on.
func TestSharedSummariesFollowEveryPublication(t *testing.T) {
	for _, cfg := range []handlers.Config{{NoPageCache: true}, {}} {
		p := newPortal(t, cfg)
		ctx := context.Background()
		other := p.otherProcess(t)
		m, err := p.store.ProgrammeMapData(ctx)
		if err != nil {
			t.Fatal(err)
		}
		partner := ""
		for _, r := range m.Partners {
			if !r.Published {
				partner = r.Code
				break
			}
		}
		if partner == "" {
			t.Fatal("the demo has no partner without a published agreement")
		}
		choice := `<option value="` + partner + `"`
		lines := func(path string) int {
			return strings.Count(visitorPage(t, p, path), `data-testid="map-line"`)
		}
		id := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Belum Terbit", Stage: modeltest.Signed, Partner: partner})
		homeLines, regionLines := lines("/"), lines("/regions")
		for range 2 {
			if strings.Contains(visitorPage(t, p, "/agreements"), choice) {
				t.Fatalf("before: the list offers %s (no cache %v)", partner, cfg.NoPageCache)
			}
			if lines("/") != homeLines || lines("/regions") != regionLines {
				t.Fatalf("the map changed without a write (no cache %v)", cfg.NoPageCache)
			}
		}
		if err := other.Publish(ctx, models.System, id, models.AnyRevision); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(visitorPage(t, p, "/agreements"), choice) {
			t.Errorf("a publication by another process is not among the list's choices (no cache %v)", cfg.NoPageCache)
		}
		if got := lines("/"); got != homeLines+1 {
			t.Errorf("home's map: %d lines after the publication, want %d (no cache %v)", got, homeLines+1, cfg.NoPageCache)
		}
		if got := lines("/regions"); got != regionLines+1 {
			t.Errorf("the directory's map: %d lines after the publication, want %d (no cache %v)", got, regionLines+1, cfg.NoPageCache)
		}
	}
}

// visitorPage is a page's body as a visitor reads it.
func visitorPage(t *testing.T, p *portal, path string) string {
	t.Helper()
	got := p.browser(t).get(path)
	if got.StatusCode != 200 {
		t.Fatalf("%s: %d", path, got.StatusCode)
	}
	return got.body
}
