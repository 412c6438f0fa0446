package views

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"derap/models"
	"derap/views/i18n"
)

// Calendar writes events as an iCalendar file (RFC 5545) that calendar apps import: CRLF
// line ends, lines folded at 75 octets, TEXT values escaped, a UID and DTSTAMP per event,
// all-day events as dates and timed ones in the Asia/Jakarta zone.
func Calendar(events []models.Event, base *url.URL, l i18n.Locale) []byte {
	var b bytes.Buffer
	line := func(name, value string) { writeFolded(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Pemerintah Provinsi DKI Jakarta//Derap KSD//ID")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", icalText(l.T("site.name")+" · "+l.T("events.title")))
	line("X-WR-TIMEZONE", "Asia/Jakarta")
	timed := false
	for _, e := range events {
		timed = timed || !e.AllDay
	}
	if timed {
		// Jakarta keeps UTC+7 all year (WIB), so one standard rule describes the zone.
		for _, kv := range [][2]string{
			{"BEGIN", "VTIMEZONE"}, {"TZID", "Asia/Jakarta"}, {"BEGIN", "STANDARD"}, {"DTSTART", "19700101T000000"},
			{"TZOFFSETFROM", "+0700"}, {"TZOFFSETTO", "+0700"}, {"TZNAME", "WIB"}, {"END", "STANDARD"}, {"END", "VTIMEZONE"},
		} {
			line(kv[0], kv[1])
		}
	}
	for _, e := range events {
		page := base.JoinPath("events", fmt.Sprint(e.ID)).String()
		stamp := e.UpdatedAt.UTC().Format("20060102T150405Z")
		line("BEGIN", "VEVENT")
		line("UID", fmt.Sprintf("event-%d@%s", e.ID, base.Hostname()))
		line("DTSTAMP", stamp)
		line("LAST-MODIFIED", stamp)
		if e.AllDay {
			line("DTSTART;VALUE=DATE", e.StartsAt.UTC().Format("20060102"))
			// DTEND of an all-day event is the day after the last (exclusive).
			line("DTEND;VALUE=DATE", e.EndsAt.UTC().AddDate(0, 0, 1).Format("20060102"))
		} else {
			line("DTSTART;TZID=Asia/Jakarta", e.StartsAt.In(models.Jakarta).Format("20060102T150405"))
			line("DTEND;TZID=Asia/Jakarta", e.EndsAt.In(models.Jakarta).Format("20060102T150405"))
		}
		line("SUMMARY", icalText(e.Title))
		if e.Place != "" {
			line("LOCATION", icalText(e.Place))
		}
		desc := e.Summary
		if e.Organiser != "" {
			desc = strings.TrimSpace(desc + "\n\n" + l.T("event.organiser") + ": " + e.Organiser)
		}
		desc = strings.TrimSpace(desc + "\n\n" + page)
		line("DESCRIPTION", icalText(desc))
		line("URL", page)
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// icalText escapes a TEXT value: backslash, semicolon, comma and line breaks.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace(s)
}

// writeFolded writes a content line, folded so that no line exceeds 75 octets, never
// inside a UTF-8 character; continuation lines start with a space.
func writeFolded(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
