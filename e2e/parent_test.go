//go:build e2e

package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"derap/views"
	"derap/views/form"
)

// The draft form's parent field, in the browser: as an official types words of a title,
// the portal's own script (allowed by the Content-Security-Policy, which blocks inline
// code) fills the field's list with agreements from the office's look-up; one chosen and
// saved with a mistake elsewhere comes back shown beside the field.
func TestParentSuggestionsInTheBrowser(t *testing.T) {
	p := startPortal(t)
	step := 0
	official := newPerson(t, newBrowser(t), p, "official", "p-parent", desktop, &step)
	official.signIn("admin@e2e.test")
	official.visit(string(views.NewAgreementURL()), "a new draft")
	if n := official.count(`#` + form.FieldParent + ` option, datalist#parent-suggestions option`); n != 0 {
		t.Fatalf("the form carries %d parent options before anything is typed", n)
	}
	official.typeInto("#"+form.FieldParent, "beras")
	var options int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if options = official.count(`datalist#parent-suggestions option`); options > 0 {
			break
		}
	}
	if options == 0 || options > 20 {
		t.Fatalf("%d suggestions for %q", options, "beras")
	}
	labels := official.texts(`datalist#parent-suggestions option`)
	if !strings.HasPrefix(labels[0], "derap-ksd-a-") {
		t.Errorf("the first suggestion reads %q", labels[0])
	}
	chosen := official.attr(`datalist#parent-suggestions option`, "value")
	official.setValue("#"+form.FieldParent, chosen)
	run(official, "clear the title", chromedp.Evaluate[bool](`(document.getElementById("`+form.FieldTitle+`").value = "", true)`))
	official.follow(`[data-testid="save"]`, "the draft refused, its parent shown")
	official.expect("the parent kept", official.value("#"+form.FieldParent), chosen)
	official.expect("the parent shown", official.text(`[data-testid="parent-chosen"] a`), chosen)
}
