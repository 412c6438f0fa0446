package views

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/views/form"
	"derap/views/i18n"
)

// After a save on an older copy, a field whose stored value differs says what is saved,
// read out with the field; a select says it by its option's label; a field that does not
// differ says nothing.
func TestConflictNotes(t *testing.T) {
	ctx := WithRequest(context.Background(), Request{Locale: i18n.ID, URL: &url.URL{Path: "/"},
		Conflict: form.Conflict{"title": "Judul <b>tersimpan</b>", "doc_type": "agreement", "scope": ""}})
	var buf bytes.Buffer
	parts := []func() error{
		func() error {
			return Field(FieldProps{ID: "title", Name: "title", Label: "Judul", Type: "text", Value: "Judul saya"}).Render(ctx, &buf)
		},
		func() error {
			return Field(FieldProps{ID: "number", Name: "number", Label: "Nomor", Type: "text"}).Render(ctx, &buf)
		},
		func() error {
			return Select(SelectProps{ID: "doc_type", Name: "doc_type", Label: "Jenis", Value: "memorandum",
				Options: []Option{{"memorandum", "Kesepakatan Bersama"}, {"agreement", "Perjanjian Kerja Sama"}}}).Render(ctx, &buf)
		},
		func() error {
			return TextArea(FieldProps{ID: "scope", Name: "scope", Label: "Ruang lingkup", Value: "isi saya"}, 3).Render(ctx, &buf)
		},
	}
	for _, p := range parts {
		if err := p(); err != nil {
			t.Fatal(err)
		}
	}
	doc, err := goquery.NewDocumentFromReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"title":    "Versi tersimpan: Judul <b>tersimpan</b>",
		"doc_type": "Versi tersimpan: Perjanjian Kerja Sama",
		"scope":    "Versi tersimpan: (kosong)",
	} {
		if got := text(doc.Find("#" + id + "-theirs")); got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
		if d := doc.Find("#"+id).AttrOr("aria-describedby", ""); !strings.Contains(d, id+"-theirs") {
			t.Errorf("%s is not described by its note: %q", id, d)
		}
	}
	if doc.Find("#number-theirs").Length() != 0 || doc.Find("b").Length() != 0 {
		t.Error("a note where nothing differs, or a stored value not escaped")
	}
	if v := doc.Find("#title").AttrOr("value", ""); v != "Judul saya" {
		t.Errorf("the input was not kept: %q", v)
	}
}
