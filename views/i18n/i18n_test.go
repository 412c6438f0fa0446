package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"
)

func TestCatalogHasBothLanguages(t *testing.T) {
	for key, pair := range catalog {
		if pair[0] == "" || pair[1] == "" {
			t.Errorf("%s: missing a translation: %q", key, pair)
		}
	}
}

// Every literal key the templates and view helpers use must be in the catalog.
func TestCatalogCoversTheViews(t *testing.T) {
	literal := regexp.MustCompile(`\b([TN])\(ctx, "([a-z0-9_.]+)"`)
	files, _ := filepath.Glob("../*.templ")
	more, _ := filepath.Glob("../*.go")
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no view files found")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			fn, key := m[1], m[2]
			if key[len(key)-1] == '.' { // a prefix completed at run time; tested by its owner
				continue
			}
			if !Has(key) {
				t.Errorf("%s uses %q, which the catalog lacks", filepath.Base(f), key)
			}
			if (fn == "N") != IsPlural(key) {
				t.Errorf("%s gives %q with %s: plural messages take N, the others T", filepath.Base(f), key, fn)
			}
		}
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	tests := []struct {
		header string
		want   Locale
	}{
		{"", ID},
		{"en-US,en;q=0.9", EN},
		{"id-ID,id;q=0.9,en;q=0.8", ID},
		{"fr-FR,en;q=0.5", EN},
		{"fr", ID},
		{"en;q=0.4, id;q=0.6", ID},
		{"in", ID},
		{"en;q=0", ID},
		{"de, en;q=bad", ID},
		{"id;q=0.5, en;q=Inf", ID},
		{"id;q=0.5, en;q=NaN", ID},
		{"id;q=0.5, en;q=2", ID},
	}
	for _, tt := range tests {
		if got := FromAcceptLanguage(tt.header); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.header, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2025, time.October, 3, 0, 0, 0, 0, time.UTC)
	if got := ID.Date(d); got != "3 Oktober 2025" {
		t.Errorf("id: %q", got)
	}
	if got := EN.Date(d); got != "3 October 2025" {
		t.Errorf("en: %q", got)
	}
	tests := []struct {
		from, to time.Time
		want     string
	}{
		{d, d, "3 Oktober 2025"},
		{d, d.AddDate(0, 0, 2), "3–5 Oktober 2025"},
		{d.AddDate(0, 0, -3), d, "30 September – 3 Oktober 2025"},
		{d, d.AddDate(1, 0, 0), "3 Oktober 2025 – 3 Oktober 2026"},
	}
	for _, tt := range tests {
		if got := ID.DateRange(tt.from, tt.to); got != tt.want {
			t.Errorf("range: %q, want %q", got, tt.want)
		}
	}
	if got := ID.Time(time.Date(2025, 1, 1, 9, 5, 0, 0, time.UTC)); got != "09.05" {
		t.Errorf("time: %q", got)
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		n      int64
		id, en string
	}{
		{0, "0", "0"},
		{999, "999", "999"},
		{1000, "1.000", "1,000"},
		{1234567, "1.234.567", "1,234,567"},
		{-5000, "-5.000", "-5,000"},
	}
	for _, tt := range tests {
		if got := ID.Int(tt.n); got != tt.id {
			t.Errorf("id %d: %q", tt.n, got)
		}
		if got := EN.Int(tt.n); got != tt.en {
			t.Errorf("en %d: %q", tt.n, got)
		}
	}
	if got := ID.Decimal(-6.21, 2); got != "-6,21" {
		t.Errorf("decimal: %q", got)
	}
}

func TestMissingKeyShowsItself(t *testing.T) {
	if got := EN.T("no.such.key"); got != "no.such.key" {
		t.Errorf("%q", got)
	}
	if got := ID.T("office.save"); got == "office.save" {
		t.Errorf("%q", got)
	}
	if got := EN.N("no.such.key", 1); got != "no.such.key" {
		t.Errorf("%q", got)
	}
}

// A message with a number takes the number's form in each language: English says
// "1 agreement" and "2 agreements", Indonesian "1 kesepakatan" and "2 kesepakatan".
func TestPluralForms(t *testing.T) {
	tests := []struct {
		locale Locale
		n      int64
		want   string
	}{
		{EN, 0, "0 agreements"}, {EN, 1, "1 agreement"}, {EN, 2, "2 agreements"}, {EN, 21, "21 agreements"},
		{ID, 1, "1 kesepakatan"}, {ID, 2, "2 kesepakatan"},
	}
	for _, tt := range tests {
		if got := tt.locale.N("agreements.count", tt.n, tt.locale.Int(tt.n)); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.locale, tt.n, got, tt.want)
		}
	}
	if got := EN.N("signoff.summary", 1, 1, 1); got != "1 of 1 party confirmed" {
		t.Errorf("%q", got)
	}
	for key, forms := range plurals {
		if len(forms[0]) != 1 || len(forms[1]) != 2 {
			t.Errorf("%s: Indonesian takes one form, English two: %q", key, forms)
		}
		for _, f := range append(forms[0], forms[1]...) {
			if f == "" {
				t.Errorf("%s: an empty form", key)
			}
		}
		if _, twice := catalog[key]; twice {
			t.Errorf("%s is both a message and a plural message", key)
		}
	}
}
