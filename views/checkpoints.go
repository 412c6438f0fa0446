package views

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/i18n"
)

// CheckpointKey is the public key the portal signs the audit checkpoints with: base64 of
// its 32 bytes and its key id; both "" when no key is set up.
type CheckpointKey struct {
	PublicKey string
	KeyID     string
}

// CheckpointsPage is the public list of the audit chain's checkpoints.
type CheckpointsPage struct {
	Key  CheckpointKey
	List models.CheckpointList
}

// PageURL is page n of the list.
func (p CheckpointsPage) PageURL(n int) templ.SafeURL {
	return numberedPageURL(AuditCheckpointsURL(), n)
}

// checkpointTime writes when a checkpoint was recorded as the signed text has it.
func checkpointTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// checkpointAnchor is the fragment that names a checkpoint on the page and in the feed.
func checkpointAnchor(id uint) string { return "checkpoint-" + strconv.FormatUint(uint64(id), 10) }

// checkpointJSONField is one field of the JSON, with the catalog key saying what it holds.
type checkpointJSONField struct{ name, holds string }

// checkpointJSONFields are the fields of each checkpoint in the JSON, documented on the page.
var checkpointJSONFields = []checkpointJSONField{
	{"id", "checkpoints.json.id"},
	{"entry_id", "checkpoints.json.entry_id"},
	{"entry_hash", "checkpoints.json.entry_hash"},
	{"recorded_at", "checkpoints.json.recorded_at"},
	{"key_id", "checkpoints.json.key_id"},
	{"public_key", "checkpoints.json.public_key"},
	{"signature", "checkpoints.json.signature"},
	{"signed_text", "checkpoints.json.signed_text"},
}

type checkpointsDocument struct {
	Format      string           `json:"format"`
	Algorithm   string           `json:"algorithm"`
	SignedText  string           `json:"signed_text_template"`
	PublicKey   string           `json:"public_key,omitempty"`
	KeyID       string           `json:"key_id,omitempty"`
	Page        int              `json:"page"`
	Pages       int              `json:"pages"`
	Total       int64            `json:"total"`
	Next        string           `json:"next,omitempty"`
	Checkpoints []checkpointJSON `json:"checkpoints"`
}

type checkpointJSON struct {
	ID         uint   `json:"id"`
	EntryID    uint   `json:"entry_id"`
	EntryHash  string `json:"entry_hash"`
	RecordedAt string `json:"recorded_at"`
	KeyID      string `json:"key_id"`
	PublicKey  string `json:"public_key"`
	Signature  string `json:"signature"`
	SignedText string `json:"signed_text"`
}

// CheckpointTemplate is the signed text with its fields named, as the page and the JSON
// describe it.
const CheckpointTemplate = models.CheckpointFormat + "\n{entry_id}\n{entry_hash}\n{recorded_at}\n"

// CheckpointsJSON writes a page of checkpoints as JSON: the portal's public key, the format
// of the signed text, and each checkpoint with the exact text its signature covers.
func CheckpointsJSON(list models.CheckpointList, key CheckpointKey, base *url.URL) ([]byte, error) {
	doc := checkpointsDocument{
		Format: models.CheckpointFormat, Algorithm: "Ed25519", SignedText: CheckpointTemplate,
		PublicKey: key.PublicKey, KeyID: key.KeyID,
		Page: list.Page, Pages: list.Pages(), Total: list.Total, Checkpoints: []checkpointJSON{},
	}
	if list.Page < list.Pages() {
		doc.Next = absoluteURL(base, numberedPageURL(AuditCheckpointsJSONURL(), list.Page+1))
	}
	for i := range list.Items {
		cp := &list.Items[i]
		doc.Checkpoints = append(doc.Checkpoints, checkpointJSON{
			ID: cp.ID, EntryID: cp.EntryID, EntryHash: cp.EntryHash, RecordedAt: checkpointTime(cp.RecordedAt),
			KeyID: cp.KeyID, PublicKey: cp.PublicKey, Signature: cp.Signature, SignedText: string(cp.Message()),
		})
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// CheckpointsFeed writes the Atom feed of the newest checkpoints, as given (newest first):
// each entry holds the checkpoint's fields and the text its signature covers.
func CheckpointsFeed(items []models.AuditCheckpoint, key CheckpointKey, base *url.URL, l i18n.Locale, fallback time.Time) ([]byte, error) {
	f := newFeed(base, l, AuditCheckpointsFeedURL(), AuditCheckpointsURL(), "checkpoints")
	if key.PublicKey != "" {
		f.Subtitle.Body += " " + l.T("checkpoints.feed_key", key.PublicKey, key.KeyID)
	}
	page := absoluteURL(base, AuditCheckpointsURL())
	for i := range items {
		cp := &items[i]
		lines := []string{
			l.T("checkpoints.entry") + ": " + strconv.FormatUint(uint64(cp.EntryID), 10),
			l.T("checkpoints.hash") + ": " + cp.EntryHash,
			l.T("checkpoints.recorded_utc") + ": " + checkpointTime(cp.RecordedAt),
			l.T("checkpoints.key_id") + ": " + cp.KeyID,
			l.T("checkpoints.public_key") + ": " + cp.PublicKey,
			l.T("checkpoints.signature") + ": " + cp.Signature,
			"",
			l.T("checkpoints.signed_text") + ":",
			strings.TrimSuffix(string(cp.Message()), "\n"),
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:        page + "#" + checkpointAnchor(cp.ID),
			Title:     atomText{Type: "text", Body: l.T("checkpoints.feed_entry", cp.EntryID, l.Date(cp.RecordedAt.In(models.Jakarta)))},
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Hreflang: string(l), Href: absoluteURL(base, LocalisedURL(AuditCheckpointsURL(), l)) + "#" + checkpointAnchor(cp.ID)}},
			Published: atomTime(cp.RecordedAt),
			Updated:   atomTime(cp.RecordedAt),
			Summary:   atomText{Type: "text", Body: strings.Join(lines, "\n")},
		})
	}
	return f.encode(fallback)
}
