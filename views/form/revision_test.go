package form_test

import (
	"math"
	"net/url"
	"reflect"
	"testing"

	"derap/models"
	"derap/views/form"
)

func TestParseRevision(t *testing.T) {
	for in, want := range map[string]uint64{"": models.AnyRevision, "7": 7, "0": math.MaxUint64, "tujuh": math.MaxUint64, "-1": math.MaxUint64} {
		if got := form.ParseRevision(in); got != want {
			t.Errorf("%q: %d, want %d", in, got, want)
		}
	}
}

// Differences names each simple field that differs with its stored value, each list of
// rows as a whole, and leaves out the revision, the button, spaces and empty trailing rows.
func TestDifferences(t *testing.T) {
	mine := url.Values{
		"title": {"Judul saya "}, "number": {"001"}, "revision": {"3"}, "op": {"save"},
		"parties.region": {"Kota A", "Kota B", ""}, "parties.authority": {"own", "own", "own"},
		"sectors": {"food"},
	}
	stored := url.Values{
		"title": {"Judul mereka"}, "number": {"001"}, "revision": {"4"},
		"parties.region": {"Kota A", "Kota C"}, "parties.authority": {"own", "own"},
		"sectors": {"food"},
	}
	got := form.Differences(mine, stored)
	want := form.Conflict{"title": "Judul mereka", "parties": "Kota A; Kota C"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}
