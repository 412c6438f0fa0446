package models

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gorm.io/gorm/clause"
)

// Documents' contents live in the database, so that every portal server reaches them and
// a backup of the database holds them all. Each content is kept once, under its SHA-256,
// in chunks: an upload or a download holds one chunk in memory, never the whole file.

// contentChunk is the size of one stored piece of a document's content.
const contentChunk = 256 << 10

// documentContent is a stored content: its hash and size; its bytes are in chunks.
type documentContent struct {
	SHA256 string `gorm:"column:sha256;primaryKey"`
	Size   int64
}

func (documentContent) TableName() string { return "document_contents" }

// documentChunk is one piece of a content, in order of seq from 0.
type documentChunk struct {
	SHA256 string `gorm:"column:sha256;primaryKey"`
	Seq    int    `gorm:"primaryKey"`
	Data   []byte
}

func (documentChunk) TableName() string { return "document_chunks" }

// lockContent makes this transaction the only one that may add or drop the content with
// hash until it commits, so that a removal counting the documents that share it and an
// upload of the same file take turns: the upload's content is never dropped under it.
// It reports whether the content is there (once the lock is held).
func (tx *Store) lockContent(hash string) (bool, error) {
	var c documentContent
	err := forUpdate(tx.w.Where("sha256 = ?", hash)).Limit(1).Find(&c).Error
	return c.SHA256 != "", err
}

// keepContent stores the content read from r under hash, unless it is stored already.
func (tx *Store) keepContent(hash string, size int64, r io.ReadSeeker) error {
	header := documentContent{SHA256: hash, Size: size}
	for held := false; !held; {
		if err := tx.w.Clauses(clause.OnConflict{DoNothing: true}).Create(&header).Error; err != nil {
			return err
		}
		// On PostgreSQL a removal may have held the content and dropped it while this
		// waited for the lock: then it is made again, and locked again.
		var err error
		if held, err = tx.lockContent(hash); err != nil {
			return err
		}
	}
	var chunks int64
	if err := tx.w.Model(&documentChunk{}).Where("sha256 = ?", hash).Count(&chunks).Error; err != nil {
		return err
	}
	if chunks > 0 || size == 0 {
		return nil
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return err
	}
	buf := make([]byte, contentChunk)
	for seq := 0; ; seq++ {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if err := tx.w.Create(&documentChunk{SHA256: hash, Seq: seq, Data: buf[:n]}).Error; err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// dropContentIfUnused deletes the content with hash (and its chunks) when no document has
// it any more. The caller holds its lock (lockContent).
func (tx *Store) dropContentIfUnused(hash string) error {
	var shared int64
	if err := tx.w.Model(&Document{}).Where("sha256 = ?", hash).Count(&shared).Error; err != nil {
		return err
	}
	if shared > 0 {
		return nil
	}
	if err := tx.w.Where("sha256 = ?", hash).Delete(&documentChunk{}).Error; err != nil {
		return err
	}
	return tx.w.Where("sha256 = ?", hash).Delete(&documentContent{}).Error
}

// contentReader reads a stored content chunk by chunk.
func (s *Store) contentReader(ctx context.Context, hash string, size int64) io.Reader {
	return &chunkReader{ctx: ctx, s: s, hash: hash, left: size}
}

// chunkReader is a content being read: the chunk in hand and the next to load.
type chunkReader struct {
	ctx  context.Context
	s    *Store
	hash string
	next int
	buf  []byte
	left int64 // bytes not yet read
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.left <= 0 {
			return 0, io.EOF
		}
		var c documentChunk
		err := r.s.db.WithContext(r.ctx).Where("sha256 = ? AND seq = ?", r.hash, r.next).Limit(1).Find(&c).Error
		if err != nil {
			return 0, fmt.Errorf("models: document content %s: %w", r.hash, err)
		}
		if len(c.Data) == 0 {
			return 0, fmt.Errorf("models: document content %s: chunk %d: %w", r.hash, r.next, ErrNotFound)
		}
		r.buf, r.next = c.Data, r.next+1
	}
	n := copy(p, r.buf)
	r.buf, r.left = r.buf[n:], r.left-int64(n)
	return n, nil
}

// DocumentContentFault is a stored content that does not hold what its hash says.
type DocumentContentFault struct {
	SHA256 string
	Reason string // "missing" or "hash mismatch" or "size mismatch"
}

// VerifyDocuments reads every document's content back and checks its size and SHA-256.
// It returns how many contents it checked and those that failed.
func (s *Store) VerifyDocuments(ctx context.Context) (int, []DocumentContentFault, error) {
	var rows []struct {
		SHA256 string `gorm:"column:sha256"`
		Size   int64
	}
	err := s.db.WithContext(ctx).Model(&Document{}).Distinct("sha256", "size").Order("sha256").Scan(&rows).Error
	if err != nil {
		return 0, nil, fmt.Errorf("models: verify documents: %w", err)
	}
	var faults []DocumentContentFault
	for _, row := range rows {
		h := sha256.New()
		n, err := io.Copy(h, s.contentReader(ctx, row.SHA256, row.Size))
		switch {
		case errors.Is(err, ErrNotFound):
			faults = append(faults, DocumentContentFault{row.SHA256, "missing"})
		case err != nil:
			return 0, nil, fmt.Errorf("models: verify documents: %w", err)
		case n != row.Size:
			faults = append(faults, DocumentContentFault{row.SHA256, "size mismatch"})
		case hex.EncodeToString(h.Sum(nil)) != row.SHA256:
			faults = append(faults, DocumentContentFault{row.SHA256, "hash mismatch"})
		}
	}
	return len(rows), faults, nil
}

// ImportDocumentFiles moves into the database the contents that releases before December
// 2026 kept as files (dir/ab/abcdef..., named by their SHA-256), for every document whose
// content the database does not hold yet. Each file is checked against its hash first. It
// returns how many it imported and the hashes of the contents it could not find; the
// files themselves are left where they are.
func (s *Store) ImportDocumentFiles(ctx context.Context, dir string) (int, []string, error) {
	var hashes []string
	err := s.db.WithContext(ctx).Model(&Document{}).
		Where("sha256 NOT IN (SELECT sha256 FROM document_contents)").
		Distinct().Order("sha256").Pluck("sha256", &hashes).Error
	if err != nil {
		return 0, nil, fmt.Errorf("models: import document files: %w", err)
	}
	imported, missing := 0, []string(nil)
	for _, hash := range hashes {
		if len(hash) != 64 {
			missing = append(missing, hash)
			continue
		}
		content, err := os.ReadFile(filepath.Join(dir, hash[:2], hash))
		sum := sha256.Sum256(content)
		if err != nil || hex.EncodeToString(sum[:]) != hash {
			missing = append(missing, hash)
			continue
		}
		err = s.write(ctx, func(tx *Store) error {
			tx.effects.private = true // the same documents, now kept elsewhere
			return tx.keepContent(hash, int64(len(content)), bytes.NewReader(content))
		})
		if err != nil {
			return imported, missing, fmt.Errorf("models: import document %s: %w", hash, err)
		}
		imported++
	}
	return imported, missing, nil
}
