package models

import "slices"

// RegionKind is the administrative level of a region, per Kemendagri.
type RegionKind string

// The three kinds of region the reference data holds.
const (
	KindProvince RegionKind = "province"
	KindRegency  RegionKind = "regency"
	KindCity     RegionKind = "city"
)

// RegionKinds lists the kinds in the order pages offer them.
var RegionKinds = []RegionKind{KindProvince, KindRegency, KindCity}

// Valid reports whether k is one of RegionKinds.
func (k RegionKind) Valid() bool { return slices.Contains(RegionKinds, k) }

// DocType is the legal form of an agreement document.
type DocType string

// Document types: a memorandum (Kesepakatan Bersama) is the framework between heads of
// regions; an implementing agreement (Perjanjian Kerja Sama) hangs under a memorandum with
// the concrete rights, obligations and funding; an amendment (Adendum) changes either.
const (
	DocMemorandum   DocType = "memorandum"   // Kesepakatan Bersama (KSB) / MoU
	DocImplementing DocType = "implementing" // Perjanjian Kerja Sama (PKS)
	DocAmendment    DocType = "amendment"    // Adendum
)

// DocTypes lists the document types in the order pages offer them.
var DocTypes = []DocType{DocMemorandum, DocImplementing, DocAmendment}

// Valid reports whether t is one of DocTypes.
func (t DocType) Valid() bool { return slices.Contains(DocTypes, t) }

// NeedsParent reports whether documents of this type hang under another agreement.
func (t DocType) NeedsParent() bool { return t == DocImplementing || t == DocAmendment }

// CooperationKind says who the agreement is with.
type CooperationKind string

// Kinds of cooperation (PP 28/2018).
const (
	CooperationRegional   CooperationKind = "region_to_region" // KSDD
	CooperationThirdParty CooperationKind = "third_party"      // KSDPK
)

// CooperationKinds lists the kinds of cooperation.
var CooperationKinds = []CooperationKind{CooperationRegional, CooperationThirdParty}

// Valid reports whether k is one of CooperationKinds.
func (k CooperationKind) Valid() bool { return slices.Contains(CooperationKinds, k) }

// Status is where an agreement is in its lifecycle.
type Status string

// Lifecycle states, in order: a draft is sent for confirmation (in review), is agreed when
// every party has confirmed, is signed when the signing is recorded, and may be terminated
// before its term ends. Publication is a flag beside the state, not a state.
const (
	StatusDraft      Status = "draft"
	StatusInReview   Status = "in_review"
	StatusAgreed     Status = "agreed"
	StatusSigned     Status = "signed"
	StatusTerminated Status = "terminated"
)

// Statuses lists every lifecycle state.
var Statuses = []Status{StatusDraft, StatusInReview, StatusAgreed, StatusSigned, StatusTerminated}

// Authority is on what footing a signatory signs.
type Authority string

// A signatory signs either by their own office or by a power of attorney (kuasa).
const (
	AuthorityOwnOffice       Authority = "own_office"
	AuthorityPowerOfAttorney Authority = "power_of_attorney"
)

// Authorities lists the kinds of signing authority.
var Authorities = []Authority{AuthorityOwnOffice, AuthorityPowerOfAttorney}

// Valid reports whether a is one of Authorities.
func (a Authority) Valid() bool { return slices.Contains(Authorities, a) }

// SignOff is a party's answer to the current version of an agreement.
type SignOff string

// Sign-off states of a party.
const (
	SignOffPending   SignOff = "pending"
	SignOffConfirmed SignOff = "confirmed"
	SignOffDeclined  SignOff = "declined"
)

// TermState says whether an agreement is in force on a given day.
type TermState string

// Term states; they follow from the dates and the terminated status, never stored.
const (
	TermUpcoming   TermState = "upcoming"
	TermActive     TermState = "active"
	TermExpired    TermState = "expired"
	TermTerminated TermState = "terminated"
)

// Commodities lists the foodstuffs a partner profile can name as supplied to Jakarta, and
// a supply activity can carry (monitoring.go), in the order the figures show them.
var Commodities = []string{"rice", "meat", "beef", "cattle", "chicken", "fish", "eggs", "chili", "shallot", "vegetables", "corn", "sugar"}
