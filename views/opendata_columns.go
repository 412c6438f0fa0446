package views

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
