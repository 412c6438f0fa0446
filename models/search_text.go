package models

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How text is made searchable, the same way on both engines: the portal folds the text
// itself (lower case, diacritics removed, punctuation to spaces, region codes written
// without their dot) before the database indexes it, and folds a query the same way, so
// that "Kab. Kolaka", "kolaka" and "KOLAKA" meet, and "74.01" and "7401" both find
// Kabupaten Kolaka. SQLite's FTS5 and PostgreSQL's 'simple' configuration then only split
// the folded text on spaces.

// regionCodeInText is a regency or city code as people write it ("74.01").
var regionCodeInText = regexp.MustCompile(`\b(\d{2})\.(\d{2})\b`)

// foldText is text as the index holds it: lower-case words of letters and digits without
// diacritics, separated by single spaces, with region codes written without their dot.
func foldText(s string) string {
	s = regionCodeInText.ReplaceAllString(s, "$1$2")
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a diacritic, separated from its letter by the decomposition
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// foldWord is one word folded, for comparing a word of a shown text with a query's terms.
func foldWord(s string) string {
	return strings.ReplaceAll(foldText(s), " ", "")
}

// regionAliases are the names people use for provinces besides their official ones: the
// abbreviations in the press and in the provinces' own usage, by province code.
var regionAliases = map[string][]string{
	"11": {"NAD"},
	"12": {"Sumut"},
	"13": {"Sumbar"},
	"14": {"Riau"},
	"16": {"Sumsel"},
	"19": {"Babel"},
	"21": {"Kepri"},
	"31": {"DKI", "DKI Jakarta", "Jakarta"},
	"32": {"Jabar"},
	"33": {"Jateng"},
	"34": {"DIY", "Yogyakarta", "Jogja"},
	"35": {"Jatim"},
	"52": {"NTB"},
	"53": {"NTT"},
	"61": {"Kalbar"},
	"62": {"Kalteng"},
	"63": {"Kalsel"},
	"64": {"Kaltim"},
	"65": {"Kaltara"},
	"71": {"Sulut"},
	"72": {"Sulteng"},
	"73": {"Sulsel"},
	"74": {"Sultra"},
	"76": {"Sulbar"},
	"82": {"Malut"},
	"92": {"Pabar"},
	"93": {"Papsel"},
	"94": {"Papteng"},
	"95": {"Pappeg"},
	"96": {"PBD"},
}

// regionKindWords are the words that name a region's level, with their short forms:
// "Kab. Kolaka" is searched as "kab kolaka", and "kab" is a prefix of "kabupaten".
var regionKindWords = map[RegionKind]string{
	KindProvince: "provinsi prov pemprov",
	KindRegency:  "kabupaten pemkab",
	KindCity:     "kota pemkot",
}

// regionTerms is what names a region in the index: its name, its code in both spellings,
// the word for its level and the abbreviations of its name.
func regionTerms(r Region) string {
	parts := []string{r.Name, r.Code, strings.ReplaceAll(r.Code, ".", ""), regionKindWords[r.Kind]}
	if r.Kind == KindProvince {
		parts = append(parts, regionAliases[r.Code]...)
	}
	return strings.Join(parts, " ")
}

// searchStopWords are the words a query may hold that say nothing of what is sought; a
// query keeps them only when it has nothing else.
var searchStopWords = map[string]bool{
	"dan": true, "di": true, "ke": true, "dari": true, "yang": true, "untuk": true, "dengan": true,
	"tentang": true, "pada": true, "atau": true, "oleh": true, "dalam": true, "antara": true,
	"the": true, "of": true, "and": true, "with": true, "on": true, "in": true, "for": true,
	"to": true, "a": true, "an": true, "about": true, "between": true,
}

// MaxSearchTerms bounds how many words of a query are searched for.
const MaxSearchTerms = 8

// SearchTerm is one word of a query, folded. A word of digits is matched whole (so that
// "74" finds the province and not every regency in it); any other word is matched as the
// beginning of a word ("kab" finds "kabupaten").
type SearchTerm struct {
	Text  string
	Whole bool
}

// matches reports whether a folded word of a text is one the term finds.
func (t SearchTerm) matches(word string) bool {
	if t.Whole {
		return word == t.Text
	}
	return strings.HasPrefix(word, t.Text)
}

// ParseSearchTerms turns what a visitor typed into the terms searched for: folded words,
// without repeats, without the words that say nothing (unless nothing else is left), at
// most MaxSearchTerms (the longest, in the order typed). A query of punctuation alone has
// no terms.
func ParseSearchTerms(q string) []SearchTerm {
	words := strings.Fields(foldText(q))
	var terms, stop []SearchTerm
	seen := map[string]bool{}
	for _, w := range words {
		if seen[w] {
			continue
		}
		seen[w] = true
		t := SearchTerm{Text: w, Whole: isDigits(w)}
		if utf8.RuneCountInString(w) > 40 {
			continue // no word is that long: a paste of something else
		}
		if searchStopWords[w] {
			stop = append(stop, t)
			continue
		}
		terms = append(terms, t)
	}
	if len(terms) == 0 {
		terms = stop
	}
	if len(terms) > MaxSearchTerms {
		// The longest words say most of what is sought: a pasted title keeps its names.
		keep := slices.Clone(terms)
		slices.SortStableFunc(keep, func(a, b SearchTerm) int { return len(b.Text) - len(a.Text) })
		keep = keep[:MaxSearchTerms]
		terms = slices.DeleteFunc(terms, func(t SearchTerm) bool { return !slices.Contains(keep, t) })
	}
	return terms
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Highlight is a text cut where the words a query found begin and end, for a page to
// mark them; the text itself is shown as written (and escaped by the page).
type Highlight []HighlightPart

// HighlightPart is a stretch of a highlighted text.
type HighlightPart struct {
	Text  string
	Match bool
}

// Matched reports whether any part is a match.
func (h Highlight) Matched() bool {
	for _, p := range h {
		if p.Match {
			return true
		}
	}
	return false
}

// highlightWord is a word of a text as it is matched: a run of letters and digits, or a
// region code with its dot.
var highlightWord = regexp.MustCompile(`\d{2}\.\d{2}\b|[\p{L}\p{M}\p{N}]+`)

// HighlightText marks in s the words the terms find.
func HighlightText(s string, terms []SearchTerm) Highlight {
	var out Highlight
	last := 0
	for _, loc := range highlightWord.FindAllStringIndex(s, -1) {
		word := foldWord(s[loc[0]:loc[1]])
		if !slices.ContainsFunc(terms, func(t SearchTerm) bool { return t.matches(word) }) {
			continue
		}
		if loc[0] > last {
			out = append(out, HighlightPart{Text: s[last:loc[0]]})
		}
		out = append(out, HighlightPart{Text: s[loc[0]:loc[1]], Match: true})
		last = loc[1]
	}
	if last < len(s) {
		out = append(out, HighlightPart{Text: s[last:]})
	}
	return out
}

// snippetWords is about how many words a result's excerpt shows.
const snippetWords = 28

// SnippetText is the part of a long text around the first word the terms find, about
// snippetWords words, with an ellipsis where it is cut, highlighted; the text's beginning
// when no word of it matches (the match was in the title or elsewhere).
func SnippetText(s string, terms []SearchTerm) Highlight {
	s = strings.Join(strings.Fields(s), " ")
	words := highlightWord.FindAllStringIndex(s, -1)
	first := -1
	for i, loc := range words {
		word := foldWord(s[loc[0]:loc[1]])
		if slices.ContainsFunc(terms, func(t SearchTerm) bool { return t.matches(word) }) {
			first = i
			break
		}
	}
	from := 0
	if first > snippetWords/3 {
		from = first - snippetWords/3
	}
	to := min(len(words), from+snippetWords)
	if len(words) == 0 {
		return nil
	}
	start, end := words[from][0], len(s)
	if to < len(words) {
		end = words[to-1][1]
	}
	text := s[start:end]
	if from > 0 {
		text = "… " + text
	}
	if end < len(s) {
		text += " …"
	}
	return HighlightText(text, terms)
}
