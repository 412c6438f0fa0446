package views

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"derap/models"
	"derap/views/i18n"
)

// property is one unfolded content line: NAME;PARAMS:VALUE.
type property struct {
	name, params, value string
}

// parseICS reads an iCalendar file back by RFC 5545's rules, failing the test on any
// line that breaks them.
func parseICS(t *testing.T, data []byte) []property {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("the file does not end with CRLF")
	}
	raw := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var lines []string
	for i, l := range raw {
		if strings.Contains(l, "\n") || strings.Contains(l, "\r") {
			t.Fatalf("line %d has a bare line break", i+1)
		}
		if len(l) > 75 {
			t.Fatalf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if !utf8Valid(l) {
			t.Fatalf("line %d splits a UTF-8 character", i+1)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatal("the file starts with a continuation")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var props []property
	for _, l := range lines {
		head, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("no colon in %q", l)
		}
		name, params, _ := strings.Cut(head, ";")
		if name == "" || strings.ToUpper(name) != name {
			t.Fatalf("bad property name in %q", l)
		}
		props = append(props, property{name, params, value})
	}
	return props
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func unescapeText(s string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(s)
}

func TestCalendar(t *testing.T) {
	updated := time.Date(2025, 9, 1, 3, 4, 5, 0, time.UTC)
	long := strings.Repeat("Kerja sama pangan; beras, daging, ikan — ", 6) + "\nBaris kedua \\ akhir"
	events := []models.Event{
		{ID: 1, Title: "Derap Kerja Sama Daerah", AllDay: true, StartsAt: models.Date(2025, 10, 3), EndsAt: models.Date(2025, 10, 3),
			Place: "Jakarta", Organiser: "Pemprov DKI Jakarta", Summary: long, UpdatedAt: updated},
		{ID: 2, Title: "Rapat, evaluasi; monev", StartsAt: time.Date(2026, 2, 10, 2, 0, 0, 0, time.UTC), EndsAt: time.Date(2026, 2, 10, 5, 30, 0, 0, time.UTC),
			UpdatedAt: updated},
	}
	props := parseICS(t, Calendar(events, &url.URL{Scheme: "https", Host: "ksd.example"}, i18n.ID))

	depth, inEvent := 0, map[string][]property{}
	var current []property
	for _, p := range props {
		switch {
		case p.name == "BEGIN":
			depth++
			current = nil
		case p.name == "END":
			depth--
			if p.value == "VEVENT" {
				for _, q := range current {
					if q.name == "UID" {
						inEvent[q.value] = current
					}
				}
			}
		default:
			current = append(current, p)
		}
	}
	if depth != 0 || props[0].value != "VCALENDAR" || props[len(props)-1].value != "VCALENDAR" {
		t.Fatal("unbalanced BEGIN/END")
	}
	get := func(ev []property, name string) property {
		for _, p := range ev {
			if p.name == name {
				return p
			}
		}
		t.Fatalf("no %s", name)
		return property{}
	}
	allDay := inEvent["event-1@ksd.example"]
	if allDay == nil {
		t.Fatal("no event 1")
	}
	if p := get(allDay, "DTSTART"); p.params != "VALUE=DATE" || p.value != "20251003" {
		t.Errorf("all-day start %+v", p)
	}
	if p := get(allDay, "DTEND"); p.value != "20251004" {
		t.Errorf("all-day end %+v", p)
	}
	if p := get(allDay, "DTSTAMP"); p.value != "20250901T030405Z" {
		t.Errorf("DTSTAMP %+v", p)
	}
	if got := unescapeText(get(allDay, "DESCRIPTION").value); !strings.HasPrefix(got, long) || !strings.HasSuffix(got, "https://ksd.example/events/1") {
		t.Errorf("description does not round-trip: %q", got)
	}
	timed := inEvent["event-2@ksd.example"]
	if p := get(timed, "DTSTART"); p.params != "TZID=Asia/Jakarta" || p.value != "20260210T090000" {
		t.Errorf("timed start %+v", p)
	}
	if p := get(timed, "DTEND"); p.value != "20260210T123000" {
		t.Errorf("timed end %+v", p)
	}
	if got := get(timed, "SUMMARY").value; got != `Rapat\, evaluasi\; monev` {
		t.Errorf("summary escaping %q", got)
	}
	tz := false
	for _, p := range props {
		tz = tz || (p.name == "TZID" && p.value == "Asia/Jakarta")
	}
	if !tz {
		t.Error("a timed event without the VTIMEZONE")
	}
}
