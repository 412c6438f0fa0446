package models_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"
	"time"

	"derap/models"
	"derap/models/modeltest"
)

var (
	pdfBytes  = []byte("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
	pngBytes  = append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...)
	jpegBytes = append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF"), bytes.Repeat([]byte{1}, 64)...)
	elfBytes  = append([]byte("\x7fELF\x02\x01\x01"), bytes.Repeat([]byte{2}, 64)...)
)

func TestDocumentUploads(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	agreement := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	event, err := s.SaveEvent(ctx, official, 0, models.EventInput{Title: "Forum", StartDate: models.Date(2026, 1, 5)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		owner    models.OwnerType
		id       uint
		file     string
		content  []byte
		limit    int64
		wantType string
		wantName string
		wantErr  string
	}{
		{"a signed PDF", models.OwnerAgreement, agreement, "Naskah KSB (final).pdf", pdfBytes, 1 << 20, "application/pdf", "Naskah-KSB-final.pdf", ""},
		{"a PNG named .pdf, on an agreement", models.OwnerAgreement, agreement, "scan.pdf", pngBytes, 1 << 20, "", "", "error.file_type_agreement"},
		{"a PNG named .pdf, on an event", models.OwnerEvent, event, "foto.pdf", pngBytes, 1 << 20, "image/png", "foto.png", ""},
		{"a JPEG photo", models.OwnerEvent, event, "../../etc/passwd.jpg", jpegBytes, 1 << 20, "image/jpeg", "passwd.jpg", ""},
		{"a renamed executable", models.OwnerEvent, event, "laporan.pdf", elfBytes, 1 << 20, "", "", "error.file_type_event"},
		{"an empty file", models.OwnerEvent, event, "kosong.pdf", nil, 1 << 20, "", "", "error.file_type_event"},
		{"a PDF of several chunks", models.OwnerAgreement, agreement, "scan besar.pdf", bigPDF, 1 << 20, "application/pdf", "scan-besar.pdf", ""},
		{"too large", models.OwnerAgreement, agreement, "besar.pdf", append(pdfBytes, bytes.Repeat([]byte{' '}, 100)...), int64(len(pdfBytes)) + 50, "", "", "too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.AddDocument(ctx, official, tt.owner, tt.id, "Judul", tt.file, bytes.NewReader(tt.content), tt.limit)
			var v *models.ValidationError
			switch {
			case tt.wantErr == "too large":
				if !errors.Is(err, models.ErrTooLarge) {
					t.Fatalf("err = %v", err)
				}
			case tt.wantErr != "":
				if !errors.As(err, &v) || v.For("file") != tt.wantErr {
					t.Fatalf("err = %v, want %s", err, tt.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			default:
				if d.ContentType != tt.wantType || d.FileName != tt.wantName || d.Size != int64(len(tt.content)) || len(d.SHA256) != 64 {
					t.Fatalf("document %+v", d)
				}
				if stored := readContent(t, s, d.ID); !bytes.Equal(stored, tt.content) {
					t.Fatalf("stored content: %d bytes of %d", len(stored), len(tt.content))
				}
			}
		})
	}
	// Each content is kept once, in chunks, whatever the names it was uploaded under.
	if n := countRows(t, s, "document_contents"); n != 4 {
		t.Errorf("%d contents kept, want 4", n)
	}
	if n := countRows(t, s, "document_chunks"); n != 3+3 {
		t.Errorf("%d chunks kept, want 6 (three small files, one of three chunks)", n)
	}
	if _, err := s.AddDocument(ctx, modeltest.Delegate(t, s, "31"), models.OwnerEvent, event, "x", "x.pdf", bytes.NewReader(pdfBytes), 1<<20); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("a delegate uploading: %v", err)
	}
}

func TestDocumentVisibilityAndRemoval(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	published := modeltest.CreateAgreement(t, s, modeltest.Agreement{})
	review := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.InReview, Partner: "61"})
	pub, _ := s.AddDocument(ctx, official, models.OwnerAgreement, published, "Naskah", "a.pdf", bytes.NewReader(pdfBytes), 1<<20)
	hidden, _ := s.AddDocument(ctx, official, models.OwnerAgreement, review, "Naskah", "b.pdf", bytes.NewReader(pdfBytes), 1<<20)
	if pub.SHA256 != hidden.SHA256 {
		t.Fatal("the same content got two hashes")
	}
	read := func(user *models.User, id uint) error {
		_, f, err := s.DocumentFor(ctx, modeltest.As(user), id)
		if err == nil {
			b, _ := io.ReadAll(f)
			if !bytes.Equal(b, pdfBytes) {
				t.Error("wrong content")
			}
		}
		return err
	}
	if err := read(nil, pub.ID); err != nil {
		t.Errorf("a visitor reading a published agreement's document: %v", err)
	}
	if err := read(nil, hidden.ID); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("a visitor reading an unpublished agreement's document: %v", err)
	}
	if err := read(modeltest.Delegate(t, s, "61").User, hidden.ID); err != nil {
		t.Errorf("the party's delegate: %v", err)
	}
	// The content stays while another document has it, and goes with the last.
	if _, err := s.RemoveDocument(ctx, official, pub.ID); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readContent(t, s, hidden.ID), pdfBytes) {
		t.Fatal("removing one document deleted content another still has")
	}
	if _, err := s.RemoveDocument(ctx, official, hidden.ID); err != nil {
		t.Fatal(err)
	}
	if countRows(t, s, "document_contents") != 0 || countRows(t, s, "document_chunks") != 0 {
		t.Fatal("the content outlived its last document")
	}
	history, _ := s.AgreementHistory(ctx, official, review)
	if last := history[len(history)-1]; last.Action != "document.remove" || last.Note != "Naskah" {
		t.Errorf("the removal is not in the history: %+v", last)
	}
}

// bigPDF spans three chunks of stored content.
var bigPDF = append(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("0123456789abcdef"), 40<<10)...), "%%EOF\n"...)

// readContent reads a document's stored content back, as the system.
func readContent(t *testing.T, s *models.Store, id uint) []byte {
	t.Helper()
	_, r, err := s.DocumentFor(context.Background(), models.System, id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func countRows(t *testing.T, s *models.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.DBForTest().Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// One official removes a document while another uploads the same file: whichever goes
// first, the upload's document keeps its content.
func TestRemovingAndUploadingTheSameContentAtOnce(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	agreement := modeltest.CreateAgreement(t, s, modeltest.Agreement{Stage: modeltest.Signed})
	for trial := range 20 {
		content := append(append([]byte{}, pdfBytes...), fmt.Sprint(trial)...)
		old, err := s.AddDocument(ctx, official, models.OwnerAgreement, agreement, "Lama", "a.pdf", bytes.NewReader(content), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var added models.Document
		var addErr, removeErr error
		wg.Go(func() { _, removeErr = s.RemoveDocument(ctx, official, old.ID) })
		wg.Go(func() {
			added, addErr = s.AddDocument(ctx, official, models.OwnerAgreement, agreement, "Baru", "a.pdf", bytes.NewReader(content), 1<<20)
		})
		wg.Wait()
		if addErr != nil || removeErr != nil {
			t.Fatalf("trial %d: add %v, remove %v", trial, addErr, removeErr)
		}
		if got := readContent(t, s, added.ID); !bytes.Equal(got, content) {
			t.Fatalf("trial %d: the new document lost its content (%d bytes)", trial, len(got))
		}
	}
}

// Upload files a dead process left behind are removed; a live upload's are not.
func TestRemoveStaleUploads(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	old, err := os.CreateTemp("", "derap-upload-*")
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	fresh, err := os.CreateTemp("", "derap-upload-*")
	if err != nil {
		t.Fatal(err)
	}
	fresh.Close()
	if err := os.Chtimes(old.Name(), time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, err := models.RemoveStaleUploads(time.Hour); err != nil || n != 1 {
		t.Errorf("removed %d, %v", n, err)
	}
	if _, err := os.Stat(old.Name()); !os.IsNotExist(err) {
		t.Error("the stale upload is still there")
	}
	if _, err := os.Stat(fresh.Name()); err != nil {
		t.Error("a live upload was removed")
	}
}

// Only staff remove documents, and only of the record the page is about.
func TestRemoveDocumentOf(t *testing.T) {
	s := modeltest.NewStore(t)
	ctx := context.Background()
	official := modeltest.Official(t, s)
	event, _ := s.SaveEvent(ctx, official, 0, models.EventInput{Title: "Forum", StartDate: models.Date(2026, 1, 5)})
	d, err := s.AddDocument(ctx, official, models.OwnerEvent, event, "Program", "p.pdf", bytes.NewReader(pdfBytes), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		actor models.Actor
		owner models.OwnerType
		id    uint
		want  error
	}{
		{"a delegate", modeltest.Delegate(t, s, "31"), models.OwnerEvent, event, models.ErrForbidden},
		{"another event", official, models.OwnerEvent, event + 1, models.ErrNotFound},
		{"an agreement of the same number", official, models.OwnerAgreement, event, models.ErrNotFound},
	} {
		if _, err := s.RemoveDocumentOf(ctx, tt.actor, tt.owner, tt.id, d.ID); !errors.Is(err, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := s.RemoveDocumentOf(ctx, official, models.OwnerEvent, event, d.ID); err != nil {
		t.Fatalf("the event's own document: %v", err)
	}
}
