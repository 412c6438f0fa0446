package models

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// SearchQuery is what a visitor or an official searches for.
type SearchQuery struct {
	Text string
	// Kind narrows the results to one kind, a page at a time; empty shows the best few of
	// each kind (PerKind) with how many there are.
	Kind    SearchKind
	Page    int // 1-based, with Kind
	PerPage int
	PerKind int
	// Unpublished includes agreements the public does not see (drafts, agreements in
	// review, unpublished ones): the officials' search in the office. Only staff may.
	Unpublished bool
}

// SearchHit is one thing found, with its texts cut where the query's words are.
type SearchHit struct {
	Kind      SearchKind
	Key       string // the agreement's or event's id, the region's code
	Published bool
	Status    Status // an agreement's
	Title     Highlight
	Detail    Highlight // an agreement's number, a region's code, an event's place
	Excerpt   Highlight
	Day       *time.Time // an agreement's signing, an event's start
}

// SearchResults is what a search found.
type SearchResults struct {
	Terms []SearchTerm
	// AnyWord says nothing held every word of the query, and the results hold some.
	AnyWord bool
	Counts  map[SearchKind]int64
	// Hits are one page of Kind's results, or the best PerKind of each kind in the order
	// of SearchKinds.
	Hits []SearchHit
	Kind SearchKind
	Page int
	// PerPage is the page size the results were cut to.
	PerPage int
}

// Total is how many things were found, of every kind.
func (r SearchResults) Total() int64 {
	var n int64
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// Pages is how many pages Kind's results take (at least 1).
func (r SearchResults) Pages() int { return pageCount(r.Counts[r.Kind], r.PerPage) }

// HitsOf are the hits of one kind.
func (r SearchResults) HitsOf(k SearchKind) []SearchHit {
	var out []SearchHit
	for _, h := range r.Hits {
		if h.Kind == k {
			out = append(out, h)
		}
	}
	return out
}

// Search finds published agreements, regions and events by the words of q.Text, best
// first: a word in the title counts most, then in the numbers, codes and names, then in
// the rest of the text. A thing is found when it holds every word (a word's beginning,
// or the whole of a number); when nothing does, what holds any of them is shown instead.
// Only staff may search unpublished agreements.
func (s *Store) Search(ctx context.Context, actor Actor, q SearchQuery) (SearchResults, error) {
	if q.Unpublished && !actor.IsStaff() {
		return SearchResults{}, ErrForbidden
	}
	out := SearchResults{Terms: ParseSearchTerms(q.Text), Kind: q.Kind, Page: max(q.Page, 1), PerPage: q.PerPage}
	if q.Kind == "" {
		out.PerPage = q.PerKind
	}
	if len(out.Terms) == 0 {
		return out, nil
	}
	err := s.searchPage(ctx, &out, s.searchMatch(out.Terms, false), q.Unpublished)
	if err == nil && out.Total() == 0 && len(out.Terms) > 1 {
		out.AnyWord = true
		err = s.searchPage(ctx, &out, s.searchMatch(out.Terms, true), q.Unpublished)
	}
	if err != nil {
		return SearchResults{}, fmt.Errorf("models: search: %w", err)
	}
	return out, nil
}

// searchMatch is the full-text condition for the terms in the engine's own syntax: every
// term (or, with any, one of them), each the beginning of a word unless a whole number.
// The terms are folded words of letters and digits alone, so nothing in them is syntax.
func (s *Store) searchMatch(terms []SearchTerm, any bool) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		switch {
		case s.engine == EnginePostgres && t.Whole:
			parts[i] = t.Text
		case s.engine == EnginePostgres:
			parts[i] = t.Text + ":*"
		case t.Whole:
			parts[i] = `"` + t.Text + `"`
		default:
			parts[i] = `"` + t.Text + `"*`
		}
	}
	join := map[bool]map[Engine]string{
		false: {EngineSQLite: " AND ", EnginePostgres: " & "},
		true:  {EngineSQLite: " OR ", EnginePostgres: " | "},
	}[any][s.engine]
	return strings.Join(parts, join)
}

// searchPage fills in the counts by kind and the hits of the page asked for, in one
// statement: the match is evaluated and ranked once, each kind's results numbered by
// rank, and only the rows shown (plus each kind's first, which carries its count) are
// read in full.
func (s *Store) searchPage(ctx context.Context, out *SearchResults, match string, unpublished bool) error {
	// The weights of the title, the names and numbers, and the rest: SQLite's bm25 takes
	// them per column (lower scores are better); PostgreSQL's ts_rank per weight class
	// (D, C, B, A: the migration puts the three columns in A, B and D). Both are
	// multiplied by the row's boost.
	matched := `SELECT d.id, d.kind, d.day, bm25(search_index, 10.0, 4.0, 1.0) * d.boost AS score
		FROM search_index JOIN search_documents AS d ON d.id = search_index.rowid
		WHERE search_index MATCH @match AND (d.public OR @unpublished)`
	order := "score, day DESC, id DESC"
	if s.engine == EnginePostgres {
		matched = `SELECT d.id, d.kind, d.day, ts_rank('{0.1, 0.2, 0.4, 1.0}', d.terms, query) * d.boost AS score
			FROM search_documents AS d, to_tsquery('simple', @match) AS query
			WHERE d.terms @@ query AND (d.public OR @unpublished)`
		order = "score DESC, day DESC NULLS LAST, id DESC"
	}
	from, to := 0, out.PerPage // the rank numbers shown: from < rn <= to
	if out.Kind != "" {
		from = (out.Page - 1) * out.PerPage
		to = from + out.PerPage
	}
	var rows []struct {
		Kind      SearchKind
		N         int64 // how many of the kind were found
		RN        int   // the row's rank among them
		ObjectKey string
		Public    bool
		Status    string
		Title     string
		Detail    string
		Body      string
		Day       *time.Time
	}
	err := s.db.WithContext(ctx).Raw(`WITH matched AS (`+matched+`),
		numbered AS (
			SELECT id, kind, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY `+order+`) AS rn,
				COUNT(*) OVER (PARTITION BY kind) AS n
			FROM matched
		)
		SELECT numbered.kind, numbered.n, numbered.rn, d.object_key, d.public, d.status, d.title, d.detail, d.body, d.day
		FROM numbered JOIN search_documents AS d ON d.id = numbered.id
		WHERE numbered.rn = 1 OR ((numbered.kind = @kind OR @kind = '') AND numbered.rn > @from AND numbered.rn <= @to)
		ORDER BY numbered.kind, numbered.rn`,
		sql.Named("match", match), sql.Named("unpublished", unpublished), sql.Named("kind", string(out.Kind)),
		sql.Named("from", from), sql.Named("to", to)).Scan(&rows).Error
	if err != nil {
		return err
	}
	out.Counts = map[SearchKind]int64{}
	byKind := map[SearchKind][]SearchHit{}
	for _, r := range rows {
		out.Counts[r.Kind] = r.N
		if (out.Kind != "" && r.Kind != out.Kind) || r.RN <= from || r.RN > to {
			continue // a kind's first row, read for its count only
		}
		byKind[r.Kind] = append(byKind[r.Kind], SearchHit{
			Kind: r.Kind, Key: r.ObjectKey, Published: r.Public, Status: Status(r.Status), Day: r.Day,
			Title: HighlightText(r.Title, out.Terms), Detail: HighlightText(r.Detail, out.Terms),
			Excerpt: SnippetText(r.Body, out.Terms),
		})
	}
	out.Hits = nil
	for _, k := range SearchKinds {
		out.Hits = append(out.Hits, byKind[k]...)
	}
	return nil
}
