package views

import (
	"bytes"
	"encoding/csv"
	"testing"
)

// A cell a spreadsheet would run as a formula is written as text; numbers, negative ones
// too, and ordinary text are written as they are; the file reads back.
func TestCSVFileKeepsFormulasOut(t *testing.T) {
	cells := map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+6221":                    "'+6221",
		"@SUM(A1)":                 "'@SUM(A1)",
		"-1+2":                     "'-1+2",
		"\tindent":                 "'\tindent",
		"-12.5":                    "-12.5",
		"Pasokan beras":            "Pasokan beras",
		"2026-03-01":               "2026-03-01",
		"":                         "",
	}
	var row, want []string
	for in, out := range cells {
		row, want = append(row, in), append(want, out)
	}
	body, err := csvFile([][]string{row})
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte(byteOrderMark)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0]) != len(want) {
		t.Fatalf("read back %q", got)
	}
	for i := range want {
		if got[0][i] != want[i] {
			t.Errorf("%q written as %q, want %q", row[i], got[0][i], want[i])
		}
	}
}
