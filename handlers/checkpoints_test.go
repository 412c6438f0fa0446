package handlers_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"

	"derap/handlers"
	"derap/models"
)

// checkpointTestKey is a fixed Ed25519 key for the checkpoints' tests.
var checkpointTestKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, ed25519.SeedSize))

// The public page lists the checkpoints newest first, each with its time in Jakarta, entry,
// hash, key id and signature, under the portal's public key and the explanation of how to
// use them; it pages, and says so when there are none.
func TestCheckpointsPage(t *testing.T) {
	pub := checkpointTestKey.Public().(ed25519.PublicKey)
	s := newServer(t, handlers.Config{AuditPublicKey: pub})
	rec, doc := s.get(t, "/audit/checkpoints")
	if rec.Code != 200 || doc.Find(`[data-testid="checkpoints-empty"]`).Length() != 1 {
		t.Fatalf("no checkpoints yet: %d\n%s", rec.Code, rec.Body)
	}
	if got := text(doc.Find(`[data-testid="checkpoint-public-key"]`)); got != base64.StdEncoding.EncodeToString(pub) {
		t.Errorf("public key %q", got)
	}
	if got := text(doc.Find(`[data-testid="checkpoint-key-id"]`)); got != models.CheckpointKeyID(pub) {
		t.Errorf("key id %q", got)
	}
	if doc.Find(`[data-testid="checkpoints-how"] li`).Length() != 4 || text(doc.Find("h1")) != "Titik periksa log audit" {
		t.Errorf("the explanation is missing: %s", text(doc.Find("h1")))
	}
	ctx := context.Background()
	var all []models.AuditCheckpoint
	for range 31 {
		cp, err := s.store.RecordCheckpoint(ctx, checkpointTestKey)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cp)
	}
	rec, doc = s.get(t, "/audit/checkpoints")
	rows := doc.Find(`[data-testid="checkpoint"]`)
	if rec.Code != 200 || rows.Length() != 30 {
		t.Fatalf("first page: %d, %d rows", rec.Code, rows.Length())
	}
	newest := all[len(all)-1]
	first := rows.First()
	for sel, want := range map[string]string{
		`[data-testid="checkpoint-time"]`:      "26 November 2026 10.00 WIB",
		`[data-testid="checkpoint-entry"]`:     strconv.FormatUint(uint64(newest.EntryID), 10),
		`[data-testid="checkpoint-hash"]`:      newest.EntryHash,
		`[data-testid="checkpoint-key"]`:       newest.KeyID,
		`[data-testid="checkpoint-signature"]`: newest.Signature,
	} {
		if got := text(first.Find(sel)); got != want {
			t.Errorf("%s: %q, want %q", sel, got, want)
		}
	}
	if id, _ := first.Attr("data-id"); id != strconv.FormatUint(uint64(newest.ID), 10) {
		t.Errorf("the first row is checkpoint %s, not the newest", id)
	}
	if at, _ := first.Find("time").Attr("datetime"); at != "2026-11-26T03:00:00Z" {
		t.Errorf("datetime %q", at)
	}
	if bad := htmlRuleViolations(rec.Body.String()); len(bad) > 0 {
		t.Errorf("the page breaks the HTML checker's rules:\n%s", strings.Join(bad, "\n"))
	}
	if doc.Find(`nav.pager a[rel="next"]`).Length() != 1 {
		t.Error("no link to the second page")
	}
	rec, doc = s.get(t, "/audit/checkpoints?page=2")
	if rec.Code != 200 || doc.Find(`[data-testid="checkpoint"]`).Length() != 1 {
		t.Errorf("second page: %d", rec.Code)
	}
	if id, _ := doc.Find(`[data-testid="checkpoint"]`).Attr("data-id"); id != strconv.FormatUint(uint64(all[0].ID), 10) {
		t.Errorf("the second page shows %s, not the oldest", id)
	}
	for target, status := range map[string]int{"/audit/checkpoints?page=3": 404, "/audit/checkpoints?page=x": 400, "/audit/checkpoints.json?page=0": 400} {
		if rec := s.do(t, "GET", target); rec.Code != status {
			t.Errorf("%s: %d, want %d", target, rec.Code, status)
		}
	}
	_, doc = s.get(t, "/audit/checkpoints?lang=en")
	if text(doc.Find("h1")) != "Audit log checkpoints" || text(doc.Find(`[data-testid="checkpoint-time"]`).First()) != "26 November 2026 10:00 WIB" {
		t.Errorf("in English: %q", text(doc.Find("h1")))
	}
}

// The JSON is open to any site's scripts; each checkpoint carries the text its signature
// covers, and the signature verifies under the public key it gives.
func TestCheckpointsJSON(t *testing.T) {
	pub := checkpointTestKey.Public().(ed25519.PublicKey)
	s := newServer(t, handlers.Config{AuditPublicKey: pub})
	cp, err := s.store.RecordCheckpoint(context.Background(), checkpointTestKey)
	if err != nil {
		t.Fatal(err)
	}
	rec := s.do(t, "GET", "/audit/checkpoints.json")
	if rec.Code != 200 || rec.Header().Get("Access-Control-Allow-Origin") != "*" || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	var got struct {
		Format      string `json:"format"`
		Algorithm   string `json:"algorithm"`
		PublicKey   string `json:"public_key"`
		KeyID       string `json:"key_id"`
		Total       int    `json:"total"`
		Checkpoints []struct {
			ID         uint   `json:"id"`
			EntryID    uint   `json:"entry_id"`
			EntryHash  string `json:"entry_hash"`
			RecordedAt string `json:"recorded_at"`
			KeyID      string `json:"key_id"`
			PublicKey  string `json:"public_key"`
			Signature  string `json:"signature"`
			SignedText string `json:"signed_text"`
		} `json:"checkpoints"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Format != "derap-ksd-audit-checkpoint v1" || got.Algorithm != "Ed25519" || got.PublicKey != base64.StdEncoding.EncodeToString(pub) || got.KeyID != models.CheckpointKeyID(pub) || got.Total != 1 || len(got.Checkpoints) != 1 {
		t.Fatalf("%s", rec.Body)
	}
	c := got.Checkpoints[0]
	want := "derap-ksd-audit-checkpoint v1\n" + strconv.FormatUint(uint64(cp.EntryID), 10) + "\n" + cp.EntryHash + "\n2026-11-26T03:00:00Z\n"
	if c.ID != cp.ID || c.EntryID != cp.EntryID || c.EntryHash != cp.EntryHash || c.RecordedAt != "2026-11-26T03:00:00Z" || c.SignedText != want || c.KeyID != got.KeyID || c.PublicKey != got.PublicKey {
		t.Errorf("%+v", c)
	}
	key, _ := base64.StdEncoding.DecodeString(got.PublicKey)
	sig, _ := base64.StdEncoding.DecodeString(c.Signature)
	if !ed25519.Verify(key, []byte(c.SignedText), sig) {
		t.Error("the published signature does not verify")
	}
}

// The Atom feed has an entry per checkpoint with its signature; the open-data page shows
// the public key; without a key the pages say there is none.
func TestCheckpointsFeedAndKeyElsewhere(t *testing.T) {
	pub := checkpointTestKey.Public().(ed25519.PublicKey)
	s := newServer(t, handlers.Config{AuditPublicKey: pub})
	cp, err := s.store.RecordCheckpoint(context.Background(), checkpointTestKey)
	if err != nil {
		t.Fatal(err)
	}
	rec := s.do(t, "GET", "/audit/checkpoints.atom?lang=en")
	var feed struct {
		Title   string `xml:"title"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("%d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if err := xml.Unmarshal(rec.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if feed.Title != "Derap KSD: audit log checkpoints" || len(feed.Entries) != 1 || !strings.Contains(feed.Entries[0].Summary, cp.Signature) ||
		!strings.Contains(feed.Entries[0].Summary, cp.EntryHash) || !strings.HasSuffix(feed.Entries[0].ID, "/audit/checkpoints#checkpoint-"+strconv.FormatUint(uint64(cp.ID), 10)) {
		t.Errorf("%+v", feed)
	}
	rec, doc := s.get(t, "/data")
	if bad := htmlRuleViolations(rec.Body.String()); len(bad) > 0 {
		t.Errorf("/data breaks the HTML checker's rules:\n%s", strings.Join(bad, "\n"))
	}
	if got := text(doc.Find(`[data-testid="checkpoint-public-key"]`)); got != base64.StdEncoding.EncodeToString(pub) {
		t.Errorf("/data shows the key %q", got)
	}
	if doc.Find(`[data-testid="checkpoint-key-section"] a[href="/audit/checkpoints"]`).Length() != 1 {
		t.Error("/data does not link to the checkpoints")
	}
	none := newServer(t, handlers.Config{})
	for _, path := range []string{"/audit/checkpoints", "/data"} {
		if _, doc := none.get(t, path); doc.Find(`[data-testid="checkpoint-no-key"]`).Length() != 1 {
			t.Errorf("%s without a key", path)
		}
	}
}
