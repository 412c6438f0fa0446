package views

import (
	"reflect"
	"strings"
)

// The open-data page documents the register's tables from the columns that write them
// (opendata_table.go): the same names in the same order, each column's type from its
// cell kind, and its meaning from the catalog under a key made of the table and the
// name. A column added to the files is on the page at once, and a test finds its
// description missing.

// ColumnDoc is one column of a table of the register as the open-data page documents it.
type ColumnDoc struct {
	Name        string // as in the header row
	Type        string // catalog key: how the files write its values
	Description string // catalog key: what it holds
}

// The tables' descriptions are catalog keys: a prefix and the column's name.
const (
	agreementColumnKeyPrefix = "opendata.col.agreement."
	partyColumnKeyPrefix     = "opendata.col.party."
)

// AgreementColumnDocs documents the columns of the agreements table (/agreements.csv and
// the workbook's agreements sheet), in order.
func AgreementColumnDocs() []ColumnDoc {
	return columnDocs(agreementColumns, agreementColumnKeyPrefix)
}

// PartyColumnDocs documents the columns of the parties table (/agreements/parties.csv
// and the workbook's parties sheet), in order.
func PartyColumnDocs() []ColumnDoc { return columnDocs(partyColumns, partyColumnKeyPrefix) }

func columnDocs[R any](cols []column[R], prefix string) []ColumnDoc {
	docs := make([]ColumnDoc, 0, len(cols))
	for _, c := range cols {
		docs = append(docs, ColumnDoc{Name: c.name, Type: cellTypeKey(c.kind), Description: prefix + c.name})
	}
	return docs
}

// cellTypeKey is the catalog key naming what a kind of cell holds; a kind without one
// gets a key the catalog lacks, which the page's test reports.
func cellTypeKey(kind cellKind) string {
	switch kind {
	case cellText:
		return "opendata.type.text"
	case cellInt:
		return "opendata.type.integer"
	case cellDate:
		return "opendata.type.date"
	case cellDateTime:
		return "opendata.type.datetime"
	case cellList:
		return "opendata.type.list"
	case cellURL:
		return "opendata.type.url"
	}
	return "opendata.type.undocumented"
}

// jsonField is a top-level member of the portal's JSON files, with what it holds.
type jsonField struct {
	name, holds string // holds: catalog key
}

// jsonPackageFields are the members of every JSON file (jsonPackage) and then the one
// member that holds the file's records.
var jsonPackageFields = []jsonField{
	{"$schema", "opendata.json.schema"},
	{"uri", "opendata.json.uri"},
	{"publishedDate", "opendata.json.published_date"},
	{"publisher", "opendata.json.publisher"},
	{"license", "opendata.json.license"},
	{"licenseName", "opendata.json.license_name"},
	{"agreements", "opendata.json.agreements"},
	{"agreement", "opendata.json.agreement"},
	{"regions", "opendata.json.regions"},
	{"events", "opendata.json.events"},
}

// The members of an agreement's implementation plan in the JSON files are documented from
// the structs that write them: each member's name from its JSON tag, in order, its type
// from its Go type (or its doc tag: date, datetime, url), and its meaning from the catalog
// under a prefix and the name.
const (
	activityFieldKeyPrefix = "opendata.json.activity."
	reportFieldKeyPrefix   = "opendata.json.report."
)

// ActivityFieldDocs documents the members of an activity of an agreement's "activities"
// in the JSON files, in order.
func ActivityFieldDocs() []ColumnDoc {
	return jsonMemberDocs(reflect.TypeFor[jsonActivity](), activityFieldKeyPrefix)
}

// ReportFieldDocs documents the members of an accepted report of an activity's "reports"
// in the JSON files, in order.
func ReportFieldDocs() []ColumnDoc {
	return jsonMemberDocs(reflect.TypeFor[jsonReport](), reportFieldKeyPrefix)
}

func jsonMemberDocs(t reflect.Type, prefix string) []ColumnDoc {
	docs := make([]ColumnDoc, 0, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		kind := f.Tag.Get("doc")
		if kind == "" {
			kind = jsonMemberKind(f.Type)
		}
		docs = append(docs, ColumnDoc{Name: name, Type: "opendata.type." + kind, Description: prefix + name})
	}
	return docs
}

// jsonMemberKind names how a member of a Go type is written (a key the catalog lacks for
// a type without one, which the page's test reports).
func jsonMemberKind(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[*jsonQuantity]():
		return "decimal"
	case t.Kind() == reflect.Pointer:
		return jsonMemberKind(t.Elem())
	case t.Kind() == reflect.String:
		return "text"
	case t.Kind() == reflect.Int:
		return "integer"
	case t.Kind() == reflect.Slice:
		return "objects"
	}
	return "undocumented"
}
