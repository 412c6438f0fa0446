package form

import (
	"net/url"
	"strconv"
	"strings"

	"derap/models"
)

// Search is the search box as it stands in the URL: the words typed, and on the page of
// one kind's results, that kind and the page.
type Search struct {
	Query, Kind, Page string
}

// SearchParams are the query parameters of the search page.
var SearchParams = []string{FieldQuery, FieldKind, FieldPage}

// ParseSearch reads the search box.
func ParseSearch(q url.Values) Search {
	return Search{Query: q.Get(FieldQuery), Kind: q.Get(FieldKind), Page: q.Get(FieldPage)}
}

// Values is the search as its links carry it.
func (f Search) Values() url.Values {
	return url.Values{FieldQuery: {f.Query}, FieldKind: {f.Kind}, FieldPage: {f.Page}}
}

// Validate turns the search box into a query. Words too long for the box are a message
// by the field, since someone typed them; a kind or page no link produces is malformed.
func (f Search) Validate() (models.SearchQuery, error) {
	out := models.SearchQuery{Text: strings.TrimSpace(f.Query), Kind: models.SearchKind(f.Kind), Page: 1}
	if f.Kind != "" && !out.Kind.Valid() {
		return out, malformed("search kind %q", f.Kind)
	}
	if f.Page != "" {
		n, err := strconv.Atoi(f.Page)
		if err != nil || n < 1 || n > MaxPage || f.Kind == "" {
			return out, malformed("page %q", f.Page)
		}
		out.Page = n
	}
	return out, checkText(url.Values{FieldQuery: {f.Query}}).Err()
}
