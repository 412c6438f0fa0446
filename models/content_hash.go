package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"
)

// A version's content hash is what a delegate's confirmation binds to: the SHA-256 of the
// agreement's text, parties and term in one canonical JSON form. Anyone holding the same
// content can compute the same hash.

// canonicalContent is what a content version freezes. Its JSON encoding, with fields in
// this fixed order, sectors in catalog order and parties in signing order, is the text
// a content hash covers.
type canonicalContent struct {
	Number      string           `json:"number"`
	Title       string           `json:"title"`
	DocType     DocType          `json:"doc_type"`
	ParentID    *uint            `json:"parent_id"`
	Kind        CooperationKind  `json:"kind"`
	Sectors     []string         `json:"sectors"`
	Scope       string           `json:"scope"`
	Summary     string           `json:"summary"`
	Start       string           `json:"term_start"`
	End         string           `json:"term_end"`
	FundingNote string           `json:"funding_note"`
	Parties     []canonicalParty `json:"parties"`
}

type canonicalParty struct {
	Position          int       `json:"position"`
	Region            string    `json:"region"`
	DocumentNumber    string    `json:"document_number"`
	SignatoryName     string    `json:"signatory_name"`
	SignatoryPosition string    `json:"signatory_position"`
	Authority         Authority `json:"authority"`
}

// CanonicalContent serialises the agreement's text, parties and term; a must have its
// sectors and parties loaded.
func CanonicalContent(a *Agreement) ([]byte, error) {
	c := canonicalContent{
		Number: a.Number, Title: a.Title, DocType: a.DocType, ParentID: a.ParentID, Kind: a.Kind,
		Sectors: a.SectorKeys(), Scope: a.Scope, Summary: a.Summary,
		Start: a.StartDate.Format(time.DateOnly), End: a.EndDate.Format(time.DateOnly),
		FundingNote: a.FundingNote, Parties: make([]canonicalParty, len(a.Parties)),
	}
	for i, p := range a.Parties {
		c.Parties[i] = canonicalParty{p.Position, p.RegionCode, p.DocumentNumber, p.SignatoryName, p.SignatoryPosition, p.Authority}
	}
	// The hash must not depend on the order the parties were loaded in.
	slices.SortFunc(c.Parties, func(x, y canonicalParty) int { return x.Position - y.Position })
	return json.Marshal(c)
}

// ContentHash is the hex SHA-256 of canonical content.
func ContentHash(content []byte) string {
	sum := sha256.Sum256(content)
	return hex.EncodeToString(sum[:])
}

// contentHashOf hashes an agreement's content as it stands; a must have its sectors and
// parties loaded.
func contentHashOf(a *Agreement) string {
	content, _ := CanonicalContent(a)
	return ContentHash(content)
}
