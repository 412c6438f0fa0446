package form_test

import (
	"net/url"
	"strings"
	"testing"

	"derap/views/form"
)

// postedForm is one of the portal's forms as a test posts it: a complete, valid-looking
// submission, and how the form reads and checks it.
type postedForm struct {
	name     string
	base     url.Values
	validate func(url.Values) error
}

func postedForms() []postedForm {
	row := func(list, field string) string { return form.RowInput(list, field) }
	return []postedForm{
		{"login", url.Values{form.FieldEmail: {"a@b.id"}, form.FieldPassword: {"x"}, form.FieldNext: {"/office"}},
			func(v url.Values) error { return form.ParseLogin(v).Validate() }},
		{"password", url.Values{form.FieldCurrent: {"x"}, form.FieldPassword: {"y"}, form.FieldConfirm: {"y"}},
			func(v url.Values) error { return form.ParsePassword(v).Validate() }},
		{"invitation", url.Values{form.FieldEmail: {"a@b.id"}, form.FieldName: {"A"}, form.FieldRole: {"delegate"}, form.FieldRegion: {"13.77"}},
			func(v url.Values) error { _, err := form.ParseInvite(v).Validate(); return err }},
		{"agreement", url.Values{
			form.FieldNumber: {"1"}, form.FieldTitle: {"T"}, form.FieldDocType: {"memorandum"}, form.FieldParent: {""}, form.FieldKind: {"regional"},
			form.FieldSectors: {"food"}, form.FieldScope: {"S"}, form.FieldSummary: {"S"}, form.FieldFundingNote: {"F"},
			form.FieldStartDate: {"2026-01-01"}, form.FieldEndDate: {"2027-01-01"}, form.FieldRevision: {""},
			row(form.ListParties, form.PartyRegion): {"31"}, row(form.ListParties, form.PartyDocumentNumber): {"1"},
			row(form.ListParties, form.PartySignatoryName): {"N"}, row(form.ListParties, form.PartySignatoryPosition): {"P"},
			row(form.ListParties, form.PartyAuthority): {"own_office"},
		}, func(v url.Values) error {
			f, err := form.ParseAgreement(v)
			if err != nil {
				return err
			}
			_, err = f.Validate()
			return err
		}},
		{"event", url.Values{
			form.FieldTitle: {"T"}, form.FieldStartDate: {"2026-01-01"}, form.FieldEndDate: {""}, form.FieldStartTime: {"09:00"},
			form.FieldEndTime: {"10:00"}, form.FieldPlace: {"P"}, form.FieldOrganiser: {"O"}, form.FieldSummary: {"S"}, form.FieldMinutes: {"# M"},
			row(form.ListSpeakers, form.SpeakerName): {"N"}, row(form.ListSpeakers, form.SpeakerRole): {"R"},
			row(form.ListSpeakers, form.SpeakerOrganisation): {"O"}, form.ListRegions: {"13.77"}, form.FieldAgreements: {"1"},
		}, func(v url.Values) error {
			f, err := form.ParseEvent(v)
			if err != nil {
				return err
			}
			_, err = f.Validate()
			return err
		}},
		{"profile", url.Values{
			form.FieldSummary: {"S"}, form.FieldCommodities: {"rice"}, form.FieldLatitude: {"-0.6"},
			form.FieldLongitude: {"100.1"}, form.FieldContactOffice: {"O"}, form.FieldContactAddress: {"A"},
			form.FieldContactPhone: {"0751"}, form.FieldContactEmail: {"a@b.id"},
		}, func(v url.Values) error { _, err := form.ParseProfile(v, true, form.Profile{}).Validate(); return err }},
		{"contact", url.Values{
			form.FieldContactOffice: {"O"}, form.FieldContactAddress: {"A"}, form.FieldContactPhone: {"0751"}, form.FieldContactEmail: {"a@b.id"},
		}, func(v url.Values) error {
			_, err := form.ParseProfile(v, false, form.Profile{}).ValidateContact()
			return err
		}},
		{"upload", url.Values{form.FieldDocumentTitle: {"T"}},
			func(v url.Values) error {
				return form.Upload{Title: v.Get(form.FieldDocumentTitle), HasFile: true}.Validate()
			}},
		{"signing", url.Values{form.FieldSignedOn: {"2026-01-01"}, form.FieldSignedPlace: {"Jakarta"}, form.FieldEvent: {"1"}},
			func(v url.Values) error { _, err := form.ParseSigning(v).Validate(); return err }},
		{"termination", url.Values{form.FieldTerminatedOn: {"2026-01-01"}, form.FieldReason: {"R"}},
			func(v url.Values) error { _, err := form.ParseTermination(v).Validate(); return err }},
		{"answer", url.Values{form.FieldHash: {"abc"}, form.FieldNote: {"N"}, form.FieldReason: {"R"}},
			func(v url.Values) error { return form.ParseAnswer(v).Validate() }},
	}
}

// errorKeyOf is where a form shows the problem with the first value of a posted field.
func errorKeyOf(name string) string {
	for _, list := range []string{form.ListParties, form.ListSpeakers} {
		if field, ok := strings.CutPrefix(name, list+"."); ok {
			return form.RowKey(list, 0, field)
		}
	}
	if name == form.ListRegions {
		return form.RowKey(name, 0, "")
	}
	return name
}

// Every text field of every form refuses what no keyboard types (invalid UTF-8, NUL and
// other control characters, a line break in a one-line field) and text over its length,
// each as an error by the field; the forms' own values pass.
func TestEveryFieldOfEveryFormChecksItsText(t *testing.T) {
	bad := []struct {
		name  string
		value func(field string) string
		code  string
	}{
		{"NUL", func(string) string { return "a\x00b" }, "error.text_invalid"},
		{"invalid UTF-8", func(string) string { return "a\xff\xfeb" }, "error.text_invalid"},
		{"escape sequence", func(string) string { return "\x1b[31mmerah" }, "error.text_invalid"},
		{"C1 control", func(string) string { return "a\u0085b" }, "error.text_invalid"},
		{"one character too many", func(field string) string { return strings.Repeat("é", form.MaxLength(field)+1) }, "error.too_long"},
	}
	for _, f := range postedForms() {
		if err := f.validate(f.base); err != nil {
			if _, ok := form.ErrorsOf(err); !ok {
				t.Fatalf("%s: the base form: %v", f.name, err)
			}
			for field := range f.base {
				if code := fieldsOf(t, err).For(errorKeyOf(field)); strings.HasPrefix(code, "error.text") || code == "error.too_long" {
					t.Fatalf("%s: the base form's %s: %s", f.name, field, code)
				}
			}
		}
		for field := range f.base {
			for _, b := range bad {
				values := url.Values{}
				for k, v := range f.base {
					values[k] = append([]string(nil), v...)
				}
				values.Set(field, b.value(field))
				if got := fieldsOf(t, f.validate(values)).For(errorKeyOf(field)); got != b.code {
					t.Errorf("%s form, %s %s: %q, want %q", f.name, field, b.name, got, b.code)
				}
			}
		}
	}
}

// Multi-line fields keep their lines and tabs; one-line fields take none.
func TestLineBreaksOnlyWhereFieldsHaveLines(t *testing.T) {
	for _, tt := range []struct {
		field string
		lines bool
	}{
		{form.FieldSummary, true}, {form.FieldScope, true}, {form.FieldMinutes, true}, {form.FieldReason, true}, {form.FieldNote, true},
		{form.FieldTitle, false}, {form.FieldPlace, false}, {form.FieldEmail, false}, {form.FieldContactAddress, false},
	} {
		problem := form.RuleOf(tt.field).Problem("satu\r\ndua\tdan tiga")
		if got := problem == ""; got != tt.lines {
			t.Errorf("%s: %q", tt.field, problem)
		}
	}
	if got := form.RuleOf(form.FieldTitle).Problem("Kerja sama — ketahanan pangan 🌾"); got != "" {
		t.Errorf("letters and symbols: %q", got)
	}
}

// Minutes are bounded in bytes and in what makes Markdown slow to render: deep nesting
// and runs of inline marks; what officials write passes.
func TestMinutesStayCheapToRender(t *testing.T) {
	minutes := form.RuleOf(form.FieldMinutes)
	long := func(unit string, size int) string { return strings.Repeat(unit, size/len(unit)) }
	tests := []struct {
		name, src, code string
	}{
		{"ordinary minutes", "## Notulen\n\n1. Pembukaan oleh **Sekda**\n2. Paparan [KSD](https://ksd.example)\n   - pangan\n   - _pendidikan_\n\n> Disepakati bersama.\n", ""},
		{"100 KB of prose", long("Rapat membahas kerja sama pangan. ", form.MaxMinutes), ""},
		{"over 100 KB", long("Rapat membahas kerja sama pangan. ", form.MaxMinutes) + strings.Repeat("a", 40), "error.too_long"},
		{"100 KB of multi-byte letters", long("é", form.MaxMinutes+2), "error.too_long"},
		{"eight levels", "> > > > - - - - a\n", ""},
		{"quotes nested deep", strings.Repeat(">", 9) + " a\n", "error.markdown_nested"},
		{"a line of quote marks", strings.Repeat(">", 100_000), "error.markdown_nested"},
		{"lists nested deep", "1. a\n   - b\n" + strings.Repeat("- ", 9) + "c\n", "error.markdown_nested"},
		{"indented far", strings.Repeat(" ", 41) + "- a\n", "error.markdown_nested"},
		{"unclosed links", long("[a](", 4*501), "error.markdown_marks"},
		{"mixed emphasis", long("*_a", 3*251), "error.markdown_marks"},
		{"marks spread over paragraphs", long(strings.Repeat("**a** ", 100)+"\n\n", 13*(600+2)), "error.markdown_marks"},
		{"marks in paragraphs within limits", long(strings.Repeat("**a** ", 100)+"\n\n", 12*(600+2)), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := minutes.Problem(tt.src); got != tt.code {
				t.Errorf("%q, want %q", got, tt.code)
			}
		})
	}
}
