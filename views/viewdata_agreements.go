package views

import (
	"net/url"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// AgreementListPage is the public list of agreements with its filters.
type AgreementListPage struct {
	Filter models.AgreementFilter
	Result models.AgreementResults
	Facets models.AgreementFacets
	// Query is the filter as it stands in the URL, kept by the pagination links.
	Query url.Values
}

// Filtered reports whether any filter is set.
func (p AgreementListPage) Filtered() bool {
	f := p.Filter
	return f.Sector != "" || f.Region != "" || f.DocType != "" || f.Year != 0 || f.Term != ""
}

// PageURL links to another page of the same filtered list.
func (p AgreementListPage) PageURL(n int) templ.SafeURL { return pageURL(AgreementsURL(), p.Query, n) }

// FileQuery is the list's filter and order as the register's downloads take them: the
// query without its page.
func (p AgreementListPage) FileQuery() url.Values {
	q := url.Values{}
	for _, name := range form.RegisterParams {
		if v := p.Query.Get(name); v != "" {
			q.Set(name, v)
		}
	}
	return q
}

// sortValue is the order the list is in, as its form names it.
func (p AgreementListPage) sortValue() models.AgreementSort {
	if p.Filter.Sort == "" {
		return models.SortNewest
	}
	return p.Filter.Sort
}

// AgreementPage is the page of one agreement.
type AgreementPage struct {
	models.AgreementView
	Term    models.TermState
	History []models.AuditEntry
	// OwnParty is the party a signed-in delegate answers for, when their region is one.
	OwnParty *models.Party
	// Answer is the delegate's answer as last submitted, with its errors.
	Answer       form.Answer
	AnswerErrors form.Errors
	// Alert says why an action was refused, e.g. an answer to an older version.
	Alert     Alert
	Documents []models.Document
	// Address is the page's address as people outside reach it, printed on paper copies.
	Address string
	// Progress is the agreement's implementation plan with its accepted totals; empty
	// without a plan (views/monitoring.templ).
	Progress models.AgreementProgress
}

// OwnNumberValue is what the confirmation's number field holds: the delegate's input when
// the form came back, else the number the draft gives their region, to check or correct.
func (p AgreementPage) OwnNumberValue() string {
	if p.Answer.Hash != "" || p.OwnParty == nil {
		return p.Answer.OwnNumber
	}
	return p.OwnParty.DocumentNumber
}

// regionName finds a region's name among an agreement's parties, or gives the code.
func regionName(parties []models.Party, code string) string {
	for _, p := range parties {
		if p.RegionCode == code && p.Region.Name != "" {
			return p.Region.Name
		}
	}
	return code
}
