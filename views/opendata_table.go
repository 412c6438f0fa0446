package views

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"derap/models"
)

// The register as tables: one row per agreement, and one row per party of each. The CSV
// files and the Excel workbook's sheets have the same columns, named for programs
// (stable, English, snake_case); dates are calendar days (YYYY-MM-DD), times instants in
// UTC (RFC 3339 in CSV), lists of codes are separated by semicolons.

// cellKind is what a column holds, which decides how each file writes it.
type cellKind int

const (
	cellText cellKind = iota
	cellInt
	cellDate     // a calendar day
	cellDateTime // an instant, in UTC
	cellList     // values separated by semicolons, written as text
	cellURL      // an absolute address, written as text
)

// column is one column of a table of the register.
type column[R any] struct {
	name  string
	kind  cellKind
	width float64 // in the workbook, in characters
	value func(R) any
}

// agreementRow is one agreement of the register with what its row shows.
type agreementRow struct {
	a   *models.Agreement
	v   *models.AgreementVersion
	src OpenDataSource
}

// partyRow is one party of an agreement of the register.
type partyRow struct {
	a *models.Agreement
	p *models.Party
}

func optionalID(id *uint, identifier func(uint) string) string {
	if id == nil {
		return ""
	}
	return identifier(*id)
}

// agreementColumns are the columns of the agreements table.
var agreementColumns = []column[agreementRow]{
	{"id", cellInt, 8, func(r agreementRow) any { return int(r.a.ID) }},
	{"identifier", cellText, 18, func(r agreementRow) any { return AgreementIdentifier(r.a.ID) }},
	{"number", cellText, 28, func(r agreementRow) any { return r.a.Number }},
	{"title", cellText, 60, func(r agreementRow) any { return r.a.Title }},
	{"short_title", cellText, 36, func(r agreementRow) any { return r.a.ShortTitle }},
	{"document_type", cellText, 14, func(r agreementRow) any { return string(r.a.DocType) }},
	{"cooperation_kind", cellText, 18, func(r agreementRow) any { return string(r.a.Kind) }},
	{"parent_identifier", cellText, 18, func(r agreementRow) any { return optionalID(r.a.ParentID, AgreementIdentifier) }},
	{"status", cellText, 12, func(r agreementRow) any { return string(r.a.Status) }},
	{"term_state", cellText, 12, func(r agreementRow) any { return termValue(r.a, r.src.Today) }},
	{"start_date", cellDate, 12, func(r agreementRow) any { return &r.a.StartDate }},
	{"end_date", cellDate, 12, func(r agreementRow) any { return &r.a.EndDate }},
	{"signed_on", cellDate, 12, func(r agreementRow) any { return r.a.SignedOn }},
	{"signed_place", cellText, 18, func(r agreementRow) any { return r.a.SignedPlace }},
	{"event_identifier", cellText, 18, func(r agreementRow) any { return optionalID(r.a.EventID, EventIdentifier) }},
	{"published_at", cellDateTime, 20, func(r agreementRow) any { return r.a.PublishedAt }},
	{"terminated_on", cellDate, 12, func(r agreementRow) any {
		if r.a.Status != models.StatusTerminated {
			return (*time.Time)(nil)
		}
		return r.a.TerminatedOn
	}},
	{"termination_reason", cellText, 30, func(r agreementRow) any { return r.a.TerminationReason }},
	{"sectors", cellList, 24, func(r agreementRow) any { return joinCodes(r.a.SectorKeys()) }},
	{"party_region_codes", cellList, 18, func(r agreementRow) any {
		codes := make([]string, 0, len(r.a.Parties))
		for _, p := range r.a.Parties {
			codes = append(codes, p.RegionCode)
		}
		return joinCodes(codes)
	}},
	{"party_region_names", cellList, 40, func(r agreementRow) any {
		names := make([]string, 0, len(r.a.Parties))
		for _, p := range r.a.Parties {
			names = append(names, p.Region.Name)
		}
		return joinCodes(names)
	}},
	{"version_number", cellInt, 10, func(r agreementRow) any {
		if r.v == nil {
			return nil
		}
		return r.v.Number
	}},
	{"version_sha256", cellText, 66, func(r agreementRow) any {
		if r.v == nil {
			return ""
		}
		return r.v.ContentHash
	}},
	{"scope", cellText, 50, func(r agreementRow) any { return r.a.Scope }},
	{"summary", cellText, 50, func(r agreementRow) any { return r.a.Summary }},
	{"funding_note", cellText, 30, func(r agreementRow) any { return r.a.FundingNote }},
	{"url", cellURL, 40, func(r agreementRow) any { return r.src.abs(AgreementURL(r.a.ID)) }},
}

// partyColumns are the columns of the parties table.
var partyColumns = []column[partyRow]{
	{"agreement_id", cellInt, 12, func(r partyRow) any { return int(r.a.ID) }},
	{"agreement_identifier", cellText, 18, func(r partyRow) any { return AgreementIdentifier(r.a.ID) }},
	{"agreement_number", cellText, 28, func(r partyRow) any { return r.a.Number }},
	{"position", cellInt, 9, func(r partyRow) any { return r.p.Position }},
	{"region_code", cellText, 12, func(r partyRow) any { return r.p.RegionCode }},
	{"region_name", cellText, 30, func(r partyRow) any { return r.p.Region.Name }},
	{"region_kind", cellText, 10, func(r partyRow) any { return string(r.p.Region.Kind) }},
	{"document_number", cellText, 28, func(r partyRow) any { return r.p.RegisterNumber() }},
	{"signatory_name", cellText, 28, func(r partyRow) any { return r.p.SignatoryName }},
	{"signatory_position", cellText, 30, func(r partyRow) any { return r.p.SignatoryPosition }},
	{"authority", cellText, 18, func(r partyRow) any { return string(r.p.Authority) }},
	{"confirmation_status", cellText, 14, func(r partyRow) any { return string(r.p.Status) }},
	{"confirmed_at", cellDateTime, 20, func(r partyRow) any {
		if r.p.Status != models.SignOffConfirmed {
			return (*time.Time)(nil)
		}
		return r.p.DecidedAt
	}},
	{"confirmed_sha256", cellText, 66, func(r partyRow) any {
		if r.p.Status != models.SignOffConfirmed {
			return ""
		}
		return r.p.ConfirmedHash
	}},
}

// AgreementColumns names the columns of the agreements table (CSV and workbook), in order.
func AgreementColumns() []string { return columnNames(agreementColumns) }

// PartyColumns names the columns of the parties table (CSV and workbook), in order.
func PartyColumns() []string { return columnNames(partyColumns) }

func columnNames[R any](cols []column[R]) []string {
	names := make([]string, 0, len(cols))
	for _, c := range cols {
		names = append(names, c.name)
	}
	return names
}

// rows of the register's two tables.
func agreementRows(r models.Register, src OpenDataSource) []agreementRow {
	src.Today = r.Today
	rows := make([]agreementRow, 0, len(r.Agreements))
	for i := range r.Agreements {
		row := agreementRow{a: &r.Agreements[i], src: src}
		if v, ok := r.Versions[r.Agreements[i].ID]; ok {
			row.v = &v
		}
		rows = append(rows, row)
	}
	return rows
}

func partyRows(r models.Register) []partyRow {
	var rows []partyRow
	for i := range r.Agreements {
		a := &r.Agreements[i]
		for j := range a.Parties {
			rows = append(rows, partyRow{a: a, p: &a.Parties[j]})
		}
	}
	return rows
}

// byteOrderMark starts the CSV files, so that spreadsheet programs read them as UTF-8.
const byteOrderMark = "\uFEFF"

// RegisterCSV writes the register's agreements as CSV, one row per agreement.
func RegisterCSV(r models.Register, src OpenDataSource) ([]byte, error) {
	return writeCSV(agreementColumns, agreementRows(r, src))
}

// PartiesCSV writes the parties of the register's agreements as CSV, one row per party,
// in the agreements' order and each agreement's parties in signing order.
func PartiesCSV(r models.Register) ([]byte, error) {
	return writeCSV(partyColumns, partyRows(r))
}

func writeCSV[R any](cols []column[R], rows []R) ([]byte, error) {
	records := make([][]string, 0, len(rows)+1)
	records = append(records, columnNames(cols))
	for _, row := range rows {
		record := make([]string, len(cols))
		for i, c := range cols {
			record[i] = csvValue(c.kind, c.value(row))
		}
		records = append(records, record)
	}
	return csvFile(records)
}

// csvFile writes the portal's CSV files: UTF-8 with a byte order mark (so that spreadsheets
// read it as UTF-8), CRLF line ends (RFC 4180), and no cell a spreadsheet would run as a
// formula (csvSafe).
func csvFile(records [][]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(byteOrderMark)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	for _, record := range records {
		for i := range record {
			record[i] = csvSafe(record[i])
		}
		_ = w.Write(record)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("views: write csv: %w", err)
	}
	return b.Bytes(), nil
}

// csvSafe keeps a text a spreadsheet would take for a formula (a title typed as
// "=HYPERLINK(...)", "+62...", "@SUM") from being one, by an apostrophe before it, which
// spreadsheets show as text (OWASP's advice for CSV injection). Numbers, negative ones
// included, are left as they are.
func csvSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '@', '\t', '\r':
		return "'" + s
	case '-':
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

// csvValue is how a CSV file writes a cell of a kind.
func csvValue(kind cellKind, v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case *time.Time:
		if kind == cellDate {
			return fileDate(v)
		}
		return fileTime(v)
	}
	return fmt.Sprint(v)
}

// The workbook's sheets, in order.
const (
	agreementsSheet = "agreements"
	partiesSheet    = "parties"
	aboutSheet      = "about"
)

// RegisterXLSX writes the register as an Excel workbook: a sheet of agreements and one of
// parties with the CSV files' columns, dates as date cells, the header row frozen; and a
// sheet that says where the data comes from and under what licence.
func RegisterXLSX(r models.Register, src OpenDataSource) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	styles, err := newSheetStyles(f)
	if err != nil {
		return nil, fmt.Errorf("views: workbook styles: %w", err)
	}
	if err := f.SetSheetName("Sheet1", agreementsSheet); err != nil {
		return nil, fmt.Errorf("views: workbook: %w", err)
	}
	if err := writeSheet(f, agreementsSheet, styles, agreementColumns, agreementRows(r, src)); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet(partiesSheet); err != nil {
		return nil, fmt.Errorf("views: workbook: %w", err)
	}
	if err := writeSheet(f, partiesSheet, styles, partyColumns, partyRows(r)); err != nil {
		return nil, err
	}
	if err := writeAbout(f, styles, r, src); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("views: write workbook: %w", err)
	}
	return inStableOrder(buf.Bytes())
}

// inStableOrder rewrites a zip file (a workbook) with its entries in one order, the
// content types first, then by name: excelize writes them in the order of its maps, and
// the same data must make the same bytes, or no ETag would ever match. The entries are
// copied as they are, not compressed again.
func inStableOrder(b []byte) ([]byte, error) {
	r, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("views: reorder workbook: %w", err)
	}
	files := slices.Clone(r.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		const first = "[Content_Types].xml"
		return cmp.Or(cmp.Compare(b2i(b.Name == first), b2i(a.Name == first)), strings.Compare(a.Name, b.Name))
	})
	var out bytes.Buffer
	w := zip.NewWriter(&out)
	for _, f := range files {
		if err := w.Copy(f); err != nil {
			return nil, fmt.Errorf("views: reorder workbook: %w", err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("views: reorder workbook: %w", err)
	}
	return out.Bytes(), nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sheetStyles are the workbook's cell styles.
type sheetStyles struct{ header, date, dateTime int }

func newSheetStyles(f *excelize.File) (sheetStyles, error) {
	var s sheetStyles
	var err error
	dateFormat, dateTimeFormat := "yyyy-mm-dd", "yyyy-mm-dd hh:mm:ss"
	if s.header, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}}); err != nil {
		return s, err
	}
	if s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat}); err != nil {
		return s, err
	}
	s.dateTime, err = f.NewStyle(&excelize.Style{CustomNumFmt: &dateTimeFormat})
	return s, err
}

// writeSheet streams a table into a sheet: widths, the frozen header, then the rows.
func writeSheet[R any](f *excelize.File, sheet string, styles sheetStyles, cols []column[R], rows []R) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("views: sheet %s: %w", sheet, err)
	}
	for i, c := range cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return fmt.Errorf("views: sheet %s: %w", sheet, err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("views: sheet %s: %w", sheet, err)
	}
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = excelize.Cell{StyleID: styles.header, Value: c.name}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("views: sheet %s: %w", sheet, err)
	}
	values := make([]any, len(cols))
	for n, row := range rows {
		for i, c := range cols {
			values[i] = xlsxValue(c.kind, c.value(row), styles)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n+2)
		if err := sw.SetRow(cell, values); err != nil {
			return fmt.Errorf("views: sheet %s row %d: %w", sheet, n+2, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("views: sheet %s: %w", sheet, err)
	}
	return nil
}

// xlsxValue is how the workbook writes a cell of a kind: dates and times as date cells
// (times in UTC, as Excel knows no zones), an empty date as an empty cell.
func xlsxValue(kind cellKind, v any, styles sheetStyles) any {
	t, ok := v.(*time.Time)
	if !ok {
		return v
	}
	if t == nil || t.IsZero() {
		return nil
	}
	if kind == cellDate {
		return excelize.Cell{StyleID: styles.date, Value: t.UTC()}
	}
	return excelize.Cell{StyleID: styles.dateTime, Value: t.UTC()}
}

// writeAbout writes the sheet that says what the workbook is.
func writeAbout(f *excelize.File, styles sheetStyles, r models.Register, src OpenDataSource) error {
	if _, err := f.NewSheet(aboutSheet); err != nil {
		return fmt.Errorf("views: workbook: %w", err)
	}
	rows := [][2]any{
		{"source", src.abs(src.Self)},
		{"publisher", src.header(nil).Publisher.Name},
		{"license", RegisterLicence + " " + RegisterLicenceURL},
		{"schema", src.abs(RegisterSchemaURL())},
		{"as_of", excelize.Cell{StyleID: styles.date, Value: r.Today}},
		{"agreements", len(r.Agreements)},
		{"note", "Dates are calendar days; times (published_at, confirmed_at) are in UTC. term_state is as of the as_of day."},
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(aboutSheet, cell, &[]any{excelize.Cell{StyleID: styles.header, Value: row[0]}, row[1]}); err != nil {
			return fmt.Errorf("views: workbook about: %w", err)
		}
	}
	if err := f.SetColWidth(aboutSheet, "A", "A", 14); err != nil {
		return fmt.Errorf("views: workbook about: %w", err)
	}
	if err := f.SetColWidth(aboutSheet, "B", "B", 90); err != nil {
		return fmt.Errorf("views: workbook about: %w", err)
	}
	return nil
}
