package models

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// OwnerType is the kind of record a document belongs to.
type OwnerType string

// Documents belong to agreements (signed scans), to events (programmes, photos) or to
// realisation reports (evidence: delivery notes, attendance lists, photos).
const (
	OwnerAgreement OwnerType = "agreement"
	OwnerEvent     OwnerType = "event"
	OwnerReport    OwnerType = "report"
)

// Document is a file attached to an agreement or an event. The file itself is stored once
// per content, named by its SHA-256, never by a name an uploader chose.
type Document struct {
	ID          uint      `gorm:"primaryKey"`
	OwnerType   OwnerType `gorm:"not null;index:idx_documents_owner,priority:1"`
	OwnerID     uint      `gorm:"not null;index:idx_documents_owner,priority:2"`
	Title       string    `gorm:"not null"` // what it is; a photo's text alternative
	FileName    string    `gorm:"not null"` // a safe name to download it under
	ContentType string    `gorm:"not null"`
	Size        int64     `gorm:"not null"`
	SHA256      string    `gorm:"not null;index"`
	UploadedBy  *uint
	CreatedAt   time.Time
}

// IsImage reports whether the document is a picture to show in the page.
func (d *Document) IsImage() bool { return strings.HasPrefix(d.ContentType, "image/") }

// fileType is a kind of file the portal accepts, known by how its content begins.
type fileType struct {
	contentType string
	ext         string
	magic       []byte
}

var (
	typePDF  = fileType{"application/pdf", ".pdf", []byte("%PDF-")}
	typePNG  = fileType{"image/png", ".png", []byte("\x89PNG\r\n\x1a\n")}
	typeJPEG = fileType{"image/jpeg", ".jpg", []byte("\xff\xd8\xff")}
)

// accepted lists what each owner takes: signed scans for agreements; also photos for events.
var accepted = map[OwnerType][]fileType{
	OwnerAgreement: {typePDF},
	OwnerEvent:     {typePDF, typePNG, typeJPEG},
	OwnerReport:    {typePDF, typePNG, typeJPEG},
}

// sniff tells a file's type from its first bytes, whatever its name or declared type.
func sniff(head []byte, owner OwnerType) (fileType, bool) {
	for _, t := range accepted[owner] {
		if bytes.HasPrefix(head, t.magic) {
			return t, true
		}
	}
	return fileType{}, false
}

// safeFileName makes a download name from what the uploader called the file: letters,
// digits, dots, dashes and underscores only, ending in the type's own extension.
func safeFileName(name string, t fileType) string {
	name = filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	name = strings.TrimSuffix(name, filepath.Ext(name))
	clean := strings.Map(func(r rune) rune {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)), r == '-', r == '_', r == '.':
			return r
		case unicode.IsSpace(r):
			return '-'
		}
		return -1
	}, name)
	clean = strings.Trim(clean, ".-_")
	if len(clean) > 80 {
		clean = clean[:80]
	}
	if clean == "" {
		clean = "dokumen"
	}
	return clean + t.ext
}

// ownerExists checks the record a document is for.
func (tx *Store) ownerExists(owner OwnerType, id uint) error {
	var n int64
	var err error
	switch owner {
	case OwnerAgreement:
		err = tx.db.Model(&Agreement{}).Where("id = ?", id).Count(&n).Error
	case OwnerEvent:
		err = tx.db.Model(&Event{}).Where("id = ?", id).Count(&n).Error
	case OwnerReport:
		err = tx.db.Model(&ActivityReport{}).Where("id = ?", id).Count(&n).Error
	}
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// mayAttachTo checks that the actor may attach a document to the record: staff to any
// that exists; the delegate of a report's region to that report while it is submitted or
// returned (an accepted one is ErrForbidden). A report the actor may not read is
// ErrNotFound. It returns the report's region, which the audit entry names.
func (tx *Store) mayAttachTo(actor Actor, owner OwnerType, id uint) (string, error) {
	if owner != OwnerReport {
		if !actor.IsStaff() {
			return "", ErrForbidden
		}
		return "", tx.ownerExists(owner, id)
	}
	return tx.mayChangeEvidence(actor, id)
}

// mayDetach checks that the actor may remove the document: staff any; the delegate of a
// report's region its evidence while the report is not accepted. It returns the report's
// region, which the audit entry names.
func (tx *Store) mayDetach(actor Actor, d Document) (string, error) {
	switch {
	case d.OwnerType == OwnerReport:
		return tx.mayChangeEvidence(actor, d.OwnerID)
	case !actor.IsStaff():
		return "", ErrForbidden
	}
	return "", nil
}

// mayChangeEvidence checks a change to a report's evidence: staff any report; a delegate
// their own region's report, not accepted yet.
func (tx *Store) mayChangeEvidence(actor Actor, reportID uint) (string, error) {
	var r ActivityReport
	if err := tx.db.Select("id", "region_code", "state").Where("id = ?", reportID).Limit(1).Find(&r).Error; err != nil {
		return "", err
	}
	switch {
	case r.ID == 0 || (!actor.IsStaff() && !actor.delegateOf(r.RegionCode)):
		return "", ErrNotFound
	case !actor.IsStaff() && r.State == ReportAccepted:
		return "", ErrForbidden
	}
	return r.RegionCode, nil
}

// AddDocument stores an uploaded file for an agreement or an event. It reads at most
// limit bytes (more is ErrTooLarge), tells the type from the content (a type the owner
// does not take is a validation error on "file"), and keeps the content under its SHA-256.
// Officials only; but a report's evidence also its region's delegate (mayAttachTo).
func (s *Store) AddDocument(ctx context.Context, actor Actor, owner OwnerType, ownerID uint, title, uploadedName string, r io.Reader, limit int64) (Document, error) {
	if !actor.IsStaff() && (owner != OwnerReport || actor.DelegateRegion() == "") {
		return Document{}, fmt.Errorf("models: add document: %w", ErrForbidden)
	}
	if _, err := s.bound(s.db.WithContext(ctx)).mayAttachTo(actor, owner, ownerID); err != nil {
		return Document{}, fmt.Errorf("models: add document: %w", err)
	}
	// The upload waits in a temporary file while it is checked and hashed, then goes into
	// the database in chunks: memory holds one chunk at a time, whatever the file's size.
	tmp, err := os.CreateTemp("", uploadPattern)
	if err != nil {
		return Document{}, fmt.Errorf("models: add document: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	hash := sha256.New()
	head := &prefix{max: 512}
	n, err := io.Copy(io.MultiWriter(tmp, hash, head), io.LimitReader(r, limit+1))
	if err != nil {
		return Document{}, fmt.Errorf("models: add document: %w", err)
	}
	if n > limit {
		return Document{}, fmt.Errorf("models: add document: %w", ErrTooLarge)
	}
	v := &ValidationError{}
	t, ok := sniff(head.buf, owner)
	if n == 0 || !ok {
		v.Add("file", "error.file_type_"+string(owner))
	}
	title = strings.TrimSpace(title)
	if title == "" {
		v.Add("document_title", "error.required")
	}
	if err := v.Err(); err != nil {
		return Document{}, fmt.Errorf("models: add document: %w", err)
	}
	sum := hex.EncodeToString(hash.Sum(nil))
	d := Document{OwnerType: owner, OwnerID: ownerID, Title: title, FileName: safeFileName(uploadedName, t), ContentType: t.contentType, Size: n, SHA256: sum, CreatedAt: s.now().UTC()}
	if actor.User != nil {
		d.UploadedBy = &actor.User.ID
	}
	err = s.write(ctx, func(tx *Store) error {
		region, err := tx.mayAttachTo(actor, owner, ownerID)
		if err != nil {
			return err // checked again: the report may have been accepted meanwhile
		}
		if err := tx.keepContent(sum, n, tmp); err != nil {
			return err
		}
		if err := tx.w.Create(&d).Error; err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "document.add", objectType: string(owner), objectID: ownerID, region: region, after: d, note: d.Title})
	})
	if err != nil {
		return Document{}, fmt.Errorf("models: add document: %w", err)
	}
	return d, nil
}

// uploadPattern names the temporary files of uploads under way.
const uploadPattern = "derap-upload-*"

// RemoveStaleUploads deletes temporary upload files older than age, which a process that
// died mid-upload left behind (a live one removes its own at once). It returns how many.
func RemoveStaleUploads(age time.Duration) (int, error) {
	paths, err := filepath.Glob(filepath.Join(os.TempDir(), uploadPattern))
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > age {
			if os.Remove(p) == nil {
				removed++
			}
		}
	}
	return removed, nil
}

// prefix keeps the first bytes written to it.
type prefix struct {
	buf []byte
	max int
}

func (p *prefix) Write(b []byte) (int, error) {
	if room := p.max - len(p.buf); room > 0 {
		p.buf = append(p.buf, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

// RemoveDocument detaches a document; the removal stands in the owner's history. The
// content goes with it when no other document has the same, in the same transaction.
// Officials only; but a report's evidence also its region's delegate (mayDetach).
func (s *Store) RemoveDocument(ctx context.Context, actor Actor, id uint) (Document, error) {
	return s.removeDocument(ctx, actor, id, func(Document) bool { return true })
}

// RemoveDocumentOf detaches a document of the given record, as RemoveDocument does; a
// document of another record is ErrNotFound, so that a page of one record never removes
// another's.
func (s *Store) RemoveDocumentOf(ctx context.Context, actor Actor, owner OwnerType, ownerID, id uint) (Document, error) {
	return s.removeDocument(ctx, actor, id, func(d Document) bool { return d.OwnerType == owner && d.OwnerID == ownerID })
}

// removeDocument detaches document id if belongs says it may go.
func (s *Store) removeDocument(ctx context.Context, actor Actor, id uint, belongs func(Document) bool) (Document, error) {
	if !actor.IsStaff() && actor.DelegateRegion() == "" {
		return Document{}, fmt.Errorf("models: remove document: %w", ErrForbidden)
	}
	var d Document
	err := s.write(ctx, func(tx *Store) error {
		d = Document{} // Find keeps a struct it finds no row for
		if err := tx.db.Where("id = ?", id).Limit(1).Find(&d).Error; err != nil {
			return err
		}
		if d.ID == 0 || !belongs(d) {
			return ErrNotFound
		}
		region, err := tx.mayDetach(actor, d)
		if err != nil {
			return err
		}
		if _, err := tx.lockContent(d.SHA256); err != nil {
			return err
		}
		if err := tx.w.Delete(&Document{}, id).Error; err != nil {
			return err
		}
		if err := tx.dropContentIfUnused(d.SHA256); err != nil {
			return err
		}
		return tx.audit(actor, auditStep{action: "document.remove", objectType: string(d.OwnerType), objectID: d.OwnerID, region: region, before: d, note: d.Title})
	})
	if err != nil {
		return Document{}, fmt.Errorf("models: remove document %d: %w", id, err)
	}
	return d, nil
}

// Documents lists an owner's documents, oldest first.
func (s *Store) Documents(ctx context.Context, owner OwnerType, ownerID uint) ([]Document, error) {
	var docs []Document
	err := s.db.WithContext(ctx).Where("owner_type = ? AND owner_id = ?", owner, ownerID).Order("id").Find(&docs).Error
	if err != nil {
		return nil, fmt.Errorf("models: documents: %w", err)
	}
	return docs, nil
}

// DocumentFor returns a document the actor may fetch, and a reader of its content: an
// event's documents are public; an agreement's follow who may read the agreement; a
// report's who may read the report (ReportFor). Anything else is ErrNotFound.
func (s *Store) DocumentFor(ctx context.Context, actor Actor, id uint) (Document, io.Reader, error) {
	var d Document
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&d).Error; err != nil {
		return Document{}, nil, fmt.Errorf("models: document %d: %w", id, err)
	}
	if d.ID == 0 {
		return Document{}, nil, fmt.Errorf("models: document %d: %w", id, ErrNotFound)
	}
	if d.OwnerType == OwnerAgreement {
		if _, err := s.AgreementFor(ctx, actor, d.OwnerID); err != nil {
			return Document{}, nil, fmt.Errorf("models: document %d: %w", id, err)
		}
	}
	if d.OwnerType == OwnerReport {
		if _, _, err := s.ReportFor(ctx, actor, d.OwnerID); err != nil {
			return Document{}, nil, fmt.Errorf("models: document %d: %w", id, err)
		}
	}
	return d, s.contentReader(ctx, d.SHA256, d.Size), nil
}
