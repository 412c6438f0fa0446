package models_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

// A report's evidence documents: who attaches, who reads and who removes them, by role,
// region and the report's state; the file types an event takes.
func TestReportEvidenceDocuments(t *testing.T) {
	f := newMonitoringFixture(t)
	ctx := context.Background()
	report, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, 0, beefReport(time.April, "3"))
	if err != nil {
		t.Fatal(err)
	}
	add := func(actor models.Actor, content []byte) (models.Document, error) {
		return f.s.AddDocument(ctx, actor, models.OwnerReport, report, "Surat jalan", "surat jalan.pdf", bytes.NewReader(content), 1<<20)
	}

	// Attaching to a submitted report.
	for _, tt := range []struct {
		name  string
		actor models.Actor
		want  error
	}{
		{"a visitor", models.Actor{}, models.ErrForbidden},
		{"another region's delegate", f.pariaman, models.ErrNotFound},
		{"a party's delegate, not the reporting one", f.jakarta, models.ErrNotFound},
		{"the reporting region's delegate", f.kolaka, nil},
		{"an official", f.official, nil},
		{"an administrator", f.admin, nil},
	} {
		if _, err := add(tt.actor, pdfBytes); !errors.Is(err, tt.want) && !(tt.want == nil && err == nil) {
			t.Errorf("%s attaching: %v, want %v", tt.name, err, tt.want)
		}
	}
	// The types an event takes: PDF, PNG, JPEG, told by content; nothing else.
	for name, content := range map[string][]byte{"png": pngBytes, "jpeg": jpegBytes} {
		if _, err := add(f.kolaka, content); err != nil {
			t.Errorf("a %s: %v", name, err)
		}
	}
	var v *models.ValidationError
	if _, err := add(f.kolaka, elfBytes); !errors.As(err, &v) || v.For("file") != "error.file_type_report" {
		t.Errorf("an executable: %v", err)
	}
	if _, err := f.s.AddDocument(ctx, f.official, models.OwnerReport, report+100, "X", "x.pdf", bytes.NewReader(pdfBytes), 1<<20); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a report that does not exist: %v", err)
	}
	mine, err := add(f.kolaka, pdfBytes)
	if err != nil {
		t.Fatal(err)
	}

	// Reading while it waits for review: staff and the reporting region only.
	read := func(actor models.Actor, id uint) error {
		_, r, err := f.s.DocumentFor(ctx, actor, id)
		if err == nil {
			if b, _ := io.ReadAll(r); !bytes.Equal(b, pdfBytes) {
				t.Errorf("document %d: the content differs", id)
			}
		}
		return err
	}
	readers := func(state string, public bool) {
		t.Helper()
		for _, tt := range []struct {
			name  string
			actor models.Actor
			may   bool
		}{
			{"a visitor", models.Actor{}, public},
			{"another region's delegate", f.pariaman, public},
			{"Jakarta's delegate", f.jakarta, public},
			{"the reporting region's delegate", f.kolaka, true},
			{"an official", f.official, true},
			{"an administrator", f.admin, true},
		} {
			err := read(tt.actor, mine.ID)
			if tt.may && err != nil || !tt.may && !errors.Is(err, models.ErrNotFound) {
				t.Errorf("%s, %s reading: %v, may %v", state, tt.name, err, tt.may)
			}
		}
	}
	readers("submitted", false)

	// Removing while it is not accepted: staff, the reporting region's delegate.
	for _, tt := range []struct {
		name  string
		actor models.Actor
		want  error
	}{
		{"a visitor", models.Actor{}, models.ErrForbidden},
		{"another region's delegate", f.pariaman, models.ErrNotFound},
	} {
		if _, err := f.s.RemoveDocument(ctx, tt.actor, mine.ID); !errors.Is(err, tt.want) {
			t.Errorf("%s removing: %v, want %v", tt.name, err, tt.want)
		}
	}
	extra, _ := add(f.kolaka, pdfBytes)
	if _, err := f.s.RemoveDocumentOf(ctx, f.kolaka, models.OwnerReport, report, extra.ID); err != nil {
		t.Errorf("the reporting delegate removing: %v", err)
	}

	// Returned: the delegate still attaches; nobody outside reads.
	rep, _, _ := f.s.ReportFor(ctx, f.official, report)
	if err := f.s.ReturnReport(ctx, f.official, report, rep.Revision, "Lampirkan surat jalan yang ditandatangani."); err != nil {
		t.Fatal(err)
	}
	readers("returned", false)
	signed, err := add(f.kolaka, pdfBytes)
	if err != nil {
		t.Errorf("attaching to a returned report: %v", err)
	}
	rep, _, _ = f.s.ReportFor(ctx, f.official, report)
	if _, err := f.s.SubmitReport(ctx, f.kolaka, f.beef, report, withRevision(beefReport(time.April, "3"), rep.Revision)); err != nil {
		t.Fatal(err)
	}
	rep, _, _ = f.s.ReportFor(ctx, f.official, report)
	if err := f.s.AcceptReport(ctx, f.official, report, rep.Revision); err != nil {
		t.Fatal(err)
	}

	// Accepted under a published agreement: everyone reads; the delegate neither attaches
	// nor removes any more; staff still do.
	readers("accepted", true)
	if _, err := add(f.kolaka, pdfBytes); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("the delegate attaching to an accepted report: %v", err)
	}
	if _, err := f.s.RemoveDocument(ctx, f.kolaka, signed.ID); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("the delegate removing from an accepted report: %v", err)
	}
	staffDoc, err := add(f.official, pdfBytes)
	if err != nil {
		t.Errorf("an official attaching to an accepted report: %v", err)
	}
	if _, err := f.s.RemoveDocument(ctx, f.official, staffDoc.ID); err != nil {
		t.Errorf("an official removing from an accepted report: %v", err)
	}

	// Unpublished: the public no longer reads.
	if err := f.s.Unpublish(ctx, models.System, f.agreement, models.AnyRevision); err != nil {
		t.Fatal(err)
	}
	if err := read(models.Actor{}, mine.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a visitor reading the evidence of an unpublished agreement: %v", err)
	}
	if err := read(f.kolaka, mine.ID); err != nil {
		t.Errorf("the reporting delegate, agreement unpublished: %v", err)
	}

	// The audit log names the report's region, so its delegates see the steps.
	db := modeltest.OpenSQL(t, modeltest.DSN(t, f.s))
	var n, withRegion int64
	if err := db.QueryRow(`SELECT count(*), count(CASE WHEN region_code = '74.01' THEN 1 END) FROM audit_entries WHERE action IN ('document.add', 'document.remove') AND object_type = 'report'`).Scan(&n, &withRegion); err != nil {
		t.Fatal(err)
	}
	if n == 0 || n != withRegion {
		t.Errorf("%d audit entries of report documents, %d naming the region", n, withRegion)
	}
}

func withRevision(in models.ReportInput, rev uint64) models.ReportInput {
	in.Revision = rev
	return in
}
