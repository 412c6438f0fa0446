// Package i18n is the portal's message catalog and its formats for dates and numbers, in
// Bahasa Indonesia (the default) and English.
package i18n

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Locale is a language the portal speaks.
type Locale string

// The portal's languages; Indonesian is the default.
const (
	ID Locale = "id"
	EN Locale = "en"
)

// Locales lists the languages in the order the language switch offers them.
var Locales = []Locale{ID, EN}

// Default is the language of a visitor who has said nothing.
const Default = ID

// Parse reads a language code as given in ?lang= or a cookie.
func Parse(s string) (Locale, bool) {
	switch Locale(strings.ToLower(strings.TrimSpace(s))) {
	case ID:
		return ID, true
	case EN:
		return EN, true
	}
	return "", false
}

// FromAcceptLanguage picks the visitor's most preferred language the portal speaks from
// an Accept-Language header, or Default.
func FromAcceptLanguage(header string) Locale {
	type choice struct {
		locale Locale
		q      float64
		order  int
	}
	var choices []choice
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil || !(f >= 0 && f <= 1) { // a weight is 0 to 1; NaN is none
				continue
			}
			q = f
		}
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if primary == "in" { // the old code for Indonesian
			primary = "id"
		}
		if l, ok := Parse(primary); ok && q > 0 {
			choices = append(choices, choice{l, q, i})
		}
	}
	if len(choices) == 0 {
		return Default
	}
	sort.SliceStable(choices, func(i, j int) bool { return choices[i].q > choices[j].q })
	return choices[0].locale
}

// T returns the message for key in this language, formatted with args like fmt.Sprintf.
// A missing key shows as itself so that it is noticed; a test keeps the catalog complete.
func (l Locale) T(key string, args ...any) string {
	pair, ok := catalog[key]
	if !ok {
		return key
	}
	return format(pair[l.index()], args)
}

// format fills a message's verbs with args, like fmt.Sprintf; a message without args is
// returned as it is.
func format(msg string, args []any) string {
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Has reports whether the catalog holds key, as a message or a plural message.
func Has(key string) bool {
	_, ok := catalog[key]
	return ok || IsPlural(key)
}

// Keys lists every key of the catalog.
func Keys() []string {
	keys := make([]string, 0, len(catalog)+len(plurals))
	for k := range catalog {
		keys = append(keys, k)
	}
	for k := range plurals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var months = [2][12]string{
	{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"},
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

func (l Locale) index() int {
	if l == EN {
		return 1
	}
	return 0
}

// Date formats a calendar date as people write it: 3 Oktober 2025, 3 October 2025. The
// date is read in t's own location.
func (l Locale) Date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[l.index()][t.Month()-1], t.Year())
}

// DateRange formats a span of days, shortened where the ends share a month or a year:
// 3–5 Oktober 2025, 30 September – 2 Oktober 2025.
func (l Locale) DateRange(from, to time.Time) string {
	m := months[l.index()]
	switch {
	case from.Year() == to.Year() && from.YearDay() == to.YearDay():
		return l.Date(from)
	case from.Year() == to.Year() && from.Month() == to.Month():
		return fmt.Sprintf("%d–%d %s %d", from.Day(), to.Day(), m[to.Month()-1], to.Year())
	case from.Year() == to.Year():
		return fmt.Sprintf("%d %s – %s", from.Day(), m[from.Month()-1], l.Date(to))
	}
	return l.Date(from) + " – " + l.Date(to)
}

// Time formats a time of day: 09.00 in Indonesian, 09:00 in English.
func (l Locale) Time(t time.Time) string {
	if l == EN {
		return t.Format("15:04")
	}
	return t.Format("15.04")
}

// Int formats a whole number with the language's thousands separator: 1.234 or 1,234.
func (l Locale) Int(n int64) string {
	sep := "."
	if l == EN {
		sep = ","
	}
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// Decimal formats a number with the given decimals: -6,21 or -6.21.
func (l Locale) Decimal(f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	if l == EN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}
