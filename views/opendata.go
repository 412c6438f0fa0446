package views

import (
	_ "embed" // the register's JSON Schema
	"net/url"
	"strings"
	"time"

	"github.com/a-h/templ"

	"derap/models"
	"derap/views/form"
)

// The register as open data: the published agreements (and the regions and events beside
// them) as CSV, Excel and JSON files that anyone may reuse. The encoders here take what
// the models loaded and the portal's address; they never query.

// RegisterSchema is the JSON Schema (draft 2020-12) of every JSON file the portal emits,
// served at RegisterSchemaURL.
//
//go:embed register.schema.json
var RegisterSchema []byte

// Identifiers of the register's records are stable: a prefix, a letter for the kind of
// record and the record's ID, e.g. "derap-ksd-a-12" for agreement 12. Regions keep their
// Kemendagri codes.
const (
	IdentifierPrefix  = "derap-ksd-"
	agreementIDLetter = "a"
	eventIDLetter     = "e"
	documentIDLetter  = "d"
)

// RegisterLicence names the licence of the register's data (the agreements, regions'
// profiles and events the portal publishes), and RegisterLicenceURL is its text.
const (
	RegisterLicence    = "CC BY 4.0"
	RegisterLicenceURL = "https://creativecommons.org/licenses/by/4.0/"
)

// AgreementIdentifier is an agreement's identifier in the register.
func AgreementIdentifier(id uint) string {
	return IdentifierPrefix + agreementIDLetter + "-" + idString(id)
}

// EventIdentifier is an event's identifier in the register.
func EventIdentifier(id uint) string { return IdentifierPrefix + eventIDLetter + "-" + idString(id) }

// DocumentIdentifier is a document's identifier in the register.
func DocumentIdentifier(id uint) string {
	return IdentifierPrefix + documentIDLetter + "-" + idString(id)
}

// OpenDataSource is where a file of the register comes from: the portal's address, the
// file's own address and the day its term states hold on.
type OpenDataSource struct {
	Base  *url.URL
	Self  templ.SafeURL // the file's path and query
	Today time.Time
}

// abs is a path of the portal as people outside reach it. A plain absolute path (what
// every record's addresses are) is put after the base's origin, which is what resolving it
// against the base gives, without parsing either for each of the file's many addresses.
func (s OpenDataSource) abs(path templ.SafeURL) string {
	if s.Base != nil && s.Base.User == nil && s.Base.Opaque == "" && plainHost(s.Base.Host) && plainPath(string(path)) {
		return s.Base.Scheme + "://" + s.Base.Host + string(path)
	}
	ref, err := url.Parse(string(path))
	if err != nil || s.Base == nil {
		return string(path)
	}
	return s.Base.ResolveReference(ref).String()
}

// plainHost reports whether a host is written in a URL as it is: letters, digits, dots,
// hyphens and a port (or an IPv6 address's brackets and colons).
func plainHost(host string) bool {
	if host == "" {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !isAlnum(c) && !strings.ContainsRune(".-:[]", rune(c)) {
			return false
		}
	}
	return true
}

// plainPath reports whether a path is absolute and resolves to itself: unreserved
// characters and slashes only, no query, no empty, "." or ".." segment.
func plainPath(p string) bool {
	if len(p) < 1 || p[0] != '/' {
		return false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; !isAlnum(c) && !strings.ContainsRune("-._~/", rune(c)) {
			return false
		}
	}
	if strings.Contains(p, "//") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// termValue is how the files write an agreement's term state on the source's day.
func termValue(a *models.Agreement, today time.Time) string {
	return form.TermStateValue(a.TermState(today))
}

// Timestamps in the files are instants in UTC; dates are calendar days.
const fileTimeLayout = time.RFC3339

func fileTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(fileTimeLayout)
}

func fileDate(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return isoDate(*t)
}

// publishedDate is when a file's content last changed: the latest of its records'
// changes, or the start of the day when it holds none.
func publishedDate(today time.Time, changes ...time.Time) string {
	var latest time.Time
	for _, t := range changes {
		if t.After(latest) {
			latest = t
		}
	}
	if latest.IsZero() {
		y, m, d := today.Date()
		latest = time.Date(y, m, d, 0, 0, 0, 0, models.Jakarta)
	}
	return latest.UTC().Format(fileTimeLayout)
}

// registerFileName is the name a download of the register is saved under.
func registerFileName(ext string) string { return "derap-ksd-agreements." + ext }

// RegisterFileNames are the names the register's downloads are saved under, by file.
var RegisterFileNames = map[string]string{
	"csv":     registerFileName("csv"),
	"parties": "derap-ksd-parties.csv",
	"xlsx":    registerFileName("xlsx"),
	"json":    registerFileName("json"),
	"regions": "derap-ksd-regions.json",
	"events":  "derap-ksd-events.json",
}

// joinCodes joins a list of values in one cell of a table.
func joinCodes(values []string) string { return strings.Join(values, ";") }
