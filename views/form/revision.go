package form

import (
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"derap/models"
)

// ParseRevision reads the revision a form or a button carries. None is
// models.AnyRevision (only a request made by hand lacks it); one that is no revision can
// match no record, so the save is refused as made on a changed record, never let through.
func ParseRevision(s string) uint64 {
	if s == "" {
		return models.AnyRevision
	}
	r, err := strconv.ParseUint(s, 10, 64)
	if err != nil || r == models.AnyRevision {
		return math.MaxUint64
	}
	return r
}

// FormatRevision is a revision as a form carries it ("" for none).
func FormatRevision(r uint64) string {
	if r == models.AnyRevision {
		return ""
	}
	return strconv.FormatUint(r, 10)
}

// Conflict is what the stored record holds, by field name (or by list name for rows),
// where it differs from what a user submitted on an older copy of it: shown next to each
// field so that they can see the other person's change before they save again.
type Conflict map[string]string

// For is the stored value of a field that differs from the input, and whether it does.
func (c Conflict) For(field string) (string, bool) {
	v, ok := c[field]
	return v, ok
}

// Differences compares a user's form with the stored record's, both as their values:
// every field or list of rows whose values differ gets the stored ones, a list's joined
// with "; ". The revision and the button pressed are not content.
func Differences(mine, stored url.Values) Conflict {
	out := Conflict{}
	names := map[string]bool{}
	for k := range mine {
		names[k] = true
	}
	for k := range stored {
		names[k] = true
	}
	for name := range names {
		if name == FieldRevision || name == FieldOp || name == FieldCSRF {
			continue
		}
		a, b := trimmed(mine[name]), trimmed(stored[name])
		if slices.Equal(a, b) {
			continue
		}
		key := name
		if list, _, ok := strings.Cut(name, "."); ok {
			key = list // a row's field: the list as a whole
			if _, done := out[key]; done {
				continue
			}
			b = rowsOf(stored, list)
		}
		out[key] = strings.Join(b, "; ")
	}
	return out
}

// trimmed drops surrounding space and trailing empty values: neither is a change.
func trimmed(vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, strings.TrimSpace(v))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// rowFields are the fields of each list's rows a conflict shows, in the form's order (a
// party's authority is a key of a list of choices, not words).
var rowFields = map[string][]string{
	ListParties:  {PartyRegion, PartyDocumentNumber, PartySignatoryName, PartySignatoryPosition},
	ListSpeakers: {SpeakerName, SpeakerRole, SpeakerOrganisation},
}

// rowsOf renders the stored rows of a list, one "a, b, c" per row.
func rowsOf(stored url.Values, list string) []string {
	var fields []string
	for _, f := range rowFields[list] {
		fields = append(fields, RowInput(list, f))
	}
	if fields == nil {
		for k := range stored {
			if strings.HasPrefix(k, list+".") {
				fields = append(fields, k)
			}
		}
		slices.Sort(fields)
	}
	var out []string
	for i := 0; ; i++ {
		var parts []string
		found := false
		for _, f := range fields {
			if i < len(stored[f]) {
				found = true
				if v := strings.TrimSpace(stored[f][i]); v != "" {
					parts = append(parts, v)
				}
			}
		}
		if !found {
			return out
		}
		if len(parts) > 0 {
			out = append(out, strings.Join(parts, ", "))
		}
	}
}
