package views

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"iter"
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

// rows of the register's two tables, made one at a time as a file writes them.
func agreementRows(r models.Register, src OpenDataSource) iter.Seq[agreementRow] {
	src.Today = r.Today
	return func(yield func(agreementRow) bool) {
		for i := range r.Agreements {
			row := agreementRow{a: &r.Agreements[i], src: src}
			if v, ok := r.Versions[r.Agreements[i].ID]; ok {
				row.v = &v
			}
			if !yield(row) {
				return
			}
		}
	}
}

func partyRows(r models.Register) iter.Seq[partyRow] {
	return func(yield func(partyRow) bool) {
		for i := range r.Agreements {
			a := &r.Agreements[i]
			for j := range a.Parties {
				if !yield(partyRow{a: a, p: &a.Parties[j]}) {
					return
				}
			}
		}
	}
}

// byteOrderMark starts the CSV files, so that spreadsheet programs read them as UTF-8.
const byteOrderMark = "\uFEFF"

// RegisterCSV writes the register's agreements as CSV, one row per agreement.
func RegisterCSV(r models.Register, src OpenDataSource) ([]byte, error) {
	return writeCSV(agreementColumns, agreementRows(r, src), 512+len(r.Agreements)*700)
}

// PartiesCSV writes the parties of the register's agreements as CSV, one row per party,
// in the agreements' order and each agreement's parties in signing order.
func PartiesCSV(r models.Register) ([]byte, error) {
	parties := 0
	for i := range r.Agreements {
		parties += len(r.Agreements[i].Parties)
	}
	return writeCSV(partyColumns, partyRows(r), 512+parties*320)
}

// writeCSV writes a table row by row into the file, about size bytes long.
func writeCSV[R any](cols []column[R], rows iter.Seq[R], size int) ([]byte, error) {
	w := newCSVWriter(size)
	record := columnNames(cols)
	w.write(record)
	for row := range rows {
		for i, c := range cols {
			record[i] = csvValue(c.kind, c.value(row))
		}
		w.write(record)
	}
	return w.bytes()
}

// csvFile writes the portal's CSV files: UTF-8 with a byte order mark (so that spreadsheets
// read it as UTF-8), CRLF line ends (RFC 4180), and no cell a spreadsheet would run as a
// formula (csvSafe).
func csvFile(records [][]string) ([]byte, error) {
	w := newCSVWriter(0)
	for _, record := range records {
		w.write(record)
	}
	return w.bytes()
}

// csvWriter writes a CSV file of the portal (csvFile) a record at a time.
type csvWriter struct {
	b bytes.Buffer
	w *csv.Writer
}

func newCSVWriter(size int) *csvWriter {
	c := &csvWriter{}
	c.b.Grow(len(byteOrderMark) + size)
	c.b.WriteString(byteOrderMark)
	c.w = csv.NewWriter(&c.b)
	c.w.UseCRLF = true
	return c
}

// write writes a record, its cells made safe in place.
func (c *csvWriter) write(record []string) {
	for i := range record {
		record[i] = csvSafe(record[i])
	}
	_ = c.w.Write(record)
}

func (c *csvWriter) bytes() ([]byte, error) {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return nil, fmt.Errorf("views: write csv: %w", err)
	}
	return c.b.Bytes(), nil
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
	for _, sheet := range []string{partiesSheet, aboutSheet} {
		if _, err := f.NewSheet(sheet); err != nil {
			return nil, fmt.Errorf("views: workbook: %w", err)
		}
	}
	// The first sheet is the one that opens, set while the sheets are empty: excelize
	// sets it by reading every sheet back, which on a streamed sheet means parsing all
	// its rows into memory (hundreds of MB over a workbook of the whole register).
	f.SetActiveSheet(0)
	if err := writeSheet(f, agreementsSheet, styles, agreementColumns, agreementRows(r, src)); err != nil {
		return nil, err
	}
	if err := writeSheet(f, partiesSheet, styles, partyColumns, partyRows(r)); err != nil {
		return nil, err
	}
	if err := writeAbout(f, styles, r, src); err != nil {
		return nil, err
	}
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
func writeSheet[R any](f *excelize.File, sheet string, styles sheetStyles, cols []column[R], rows iter.Seq[R]) error {
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
	n := 2
	for row := range rows {
		for i, c := range cols {
			values[i] = xlsxValue(c.kind, c.value(row), styles)
		}
		cell, _ := excelize.CoordinatesToCellName(1, n)
		if err := sw.SetRow(cell, values); err != nil {
			return fmt.Errorf("views: sheet %s row %d: %w", sheet, n, err)
		}
		n++
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
	rows := [][2]any{
		{"source", src.abs(src.Self)},
		{"publisher", src.header(time.Time{}).Publisher.Name},
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
