package views

import (
	"context"
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// SearchPage is the search page: the box as typed, what is wrong with it, and what was
// found. Office is the officials' search, which finds unpublished agreements too and
// leads to the office's pages.
type SearchPage struct {
	Form    form.Search
	Errors  form.Errors
	Results models.SearchResults
	Office  bool
}

// action is where the search box sends its words.
func (p SearchPage) action() templ.SafeURL {
	if p.Office {
		return OfficeSearchURL()
	}
	return SearchURL()
}

// searched reports whether there were words to search for and nothing wrong with them.
func (p SearchPage) searched() bool {
	return len(p.Errors) == 0 && len(p.Results.Terms) > 0
}

// KindURL is the page of one kind's results for the same words (all kinds for "").
func (p SearchPage) KindURL(k models.SearchKind) templ.SafeURL {
	return withQuery(string(p.action()), url.Values{form.FieldQuery: {p.Form.Query}, form.FieldKind: {string(k)}})
}

// PageURL is page n of the kind's results.
func (p SearchPage) PageURL(n int) templ.SafeURL {
	v := url.Values{form.FieldQuery: {p.Form.Query}, form.FieldKind: {string(p.Results.Kind)}}
	if n > 1 {
		v.Set(form.FieldPage, strconv.Itoa(n))
	}
	return withQuery(string(p.action()), v)
}

// HitURL is the page a result leads to: in the office, an agreement's office page.
func (p SearchPage) HitURL(h models.SearchHit) templ.SafeURL {
	switch h.Kind {
	case models.SearchAgreement:
		id, _ := strconv.ParseUint(h.Key, 10, 64)
		if p.Office {
			return OfficeAgreementURL(uint(id))
		}
		return AgreementURL(uint(id))
	case models.SearchEvent:
		id, _ := strconv.ParseUint(h.Key, 10, 64)
		return EventURL(uint(id))
	}
	return RegionURL(h.Key)
}

// firstNumber is the position of the first result of the page shown, for the list's
// numbering.
func (p SearchPage) firstNumber() int {
	return (p.Results.Page-1)*p.Results.PerPage + 1
}

// searchTitle is the page's title: with the words searched for, when there are some.
func searchTitle(ctx context.Context, p SearchPage) string {
	title := T(ctx, ifThen(p.Office, "search.office_title")+ifThen(!p.Office, "search.title"))
	if p.Form.Query == "" || len(p.Errors) > 0 {
		return title
	}
	return T(ctx, "search.title_for", p.Form.Query, title)
}
