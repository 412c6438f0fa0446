package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"derap/handlers"
	"derap/internal/notify"
	"derap/models"
	"derap/models/modeltest"
	"derap/views/form"
)

// The rules of the Nu HTML Checker (validator.w3.org/nu) that the portal's pages could
// break, checked without the checker (a 32 MB jar that needs a Java runtime): the
// nesting rules on the raw markup, token by token, since a parser quietly repairs what
// the checker reports (it closes a p before a form, moves a stray tr); the rest on the
// parsed tree.

// htmlRuleViolations lists, one line each, where a page breaks the checker's rules.
func htmlRuleViolations(raw string) []string {
	var out []string
	ids := map[string]int{}
	out = append(out, checkTokens(raw, ids)...)
	out = append(out, checkTree(raw, ids)...)
	return out
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	voidElements = set("area base br col embed hr img input link meta source track wbr")
	// flowOnly are the elements that are flow content but not phrasing content.
	flowOnly = set(`address article aside blockquote details dialog div dl fieldset figcaption figure
		footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre search section table ul li
		dd dt caption colgroup thead tbody tfoot tr td th legend summary option optgroup`)
	// phrasingOnly are the elements whose content is phrasing content alone.
	phrasingOnly = set(`p span label strong em b i u s small code kbd samp var time abbr cite q dfn
		mark sub sup data output button h1 h2 h3 h4 h5 h6 pre legend summary bdi bdo`)
	// transparent elements take the content model of their parent.
	transparent = set("a ins del map noscript object video audio canvas slot")
	headings    = set("h1 h2 h3 h4 h5 h6")
	sectioning  = set("article aside nav section header footer h1 h2 h3 h4 h5 h6 hgroup")
	labelable   = set("button input meter output progress select textarea")
	inputTypes  = set(`button checkbox color date datetime-local email file hidden image month number
		password radio range reset search submit tel text time url week`)
	// The ARIA 1.2 roles, abstract ones excepted, with the DPUB and graphics roles the checker knows.
	ariaRoles = set(`alert alertdialog application article banner blockquote button caption cell
		checkbox code columnheader combobox complementary contentinfo definition deletion dialog
		directory document emphasis feed figure form generic grid gridcell group heading img
		insertion link list listbox listitem log main marquee math meter menu menubar menuitem
		menuitemcheckbox menuitemradio navigation none note option paragraph presentation
		progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox
		separator slider spinbutton status strong subscript superscript switch tab table tablist
		tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem
		doc-abstract doc-acknowledgments doc-afterword doc-appendix doc-backlink doc-biblioentry
		doc-bibliography doc-biblioref doc-chapter doc-colophon doc-conclusion doc-cover
		doc-credit doc-credits doc-dedication doc-endnote doc-endnotes doc-epigraph doc-epilogue
		doc-errata doc-example doc-footnote doc-foreword doc-glossary doc-glossref doc-index
		doc-introduction doc-noteref doc-notice doc-pagebreak doc-pagelist doc-part doc-preface
		doc-prologue doc-pullquote doc-qna doc-subtitle doc-tip doc-toc
		graphics-document graphics-object graphics-symbol`)
	ariaAttributes = set(`aria-activedescendant aria-atomic aria-autocomplete aria-braillelabel
		aria-brailleroledescription aria-busy aria-checked aria-colcount aria-colindex
		aria-colindextext aria-colspan aria-controls aria-current aria-describedby aria-description
		aria-details aria-disabled aria-errormessage aria-expanded aria-flowto aria-haspopup
		aria-hidden aria-invalid aria-keyshortcuts aria-label aria-labelledby aria-level aria-live
		aria-modal aria-multiline aria-multiselectable aria-orientation aria-owns aria-placeholder
		aria-posinset aria-pressed aria-readonly aria-relevant aria-required aria-roledescription
		aria-rowcount aria-rowindex aria-rowindextext aria-rowspan aria-selected aria-setsize
		aria-sort aria-valuemax aria-valuemin aria-valuenow aria-valuetext`)
	// idRefs are the attributes naming other elements by id (several, for the plural ones).
	idRefs = map[string]bool{"aria-describedby": true, "aria-labelledby": true, "aria-controls": true,
		"aria-owns": true, "aria-flowto": true, "aria-activedescendant": false, "aria-details": false,
		"aria-errormessage": false, "for": false, "list": false, "form": false, "headers": true}
	// nonEmpty attributes must have a value wherever they appear.
	nonEmpty = set(`id for list form action src type role tabindex name method enctype autocomplete
		datetime scope headers rowspan colspan min max step maxlength minlength size accept
		aria-describedby aria-labelledby aria-controls aria-owns aria-current aria-invalid
		aria-live aria-hidden aria-expanded aria-level`)
	// enumerated attributes and the values they take, by element ("*": any element).
	enumerated = map[string]map[string]map[string]bool{
		"button": {"type": set("submit reset button")},
		"th":     {"scope": set("row col rowgroup colgroup")},
		"form":   {"method": set("get post dialog"), "enctype": set("application/x-www-form-urlencoded multipart/form-data text/plain")},
		"*": {
			"aria-invalid":  set("true false grammar spelling"),
			"aria-live":     set("off polite assertive"),
			"aria-current":  set("page step location date time true false"),
			"aria-hidden":   set("true false undefined"),
			"aria-expanded": set("true false undefined"),
			"aria-busy":     set("true false"),
			"aria-atomic":   set("true false"),
			"aria-required": set("true false"),
			"aria-disabled": set("true false"),
			"dir":           set("ltr rtl auto"),
			"translate":     set("yes no"),
			"hidden":        {"": true, "hidden": true, "until-found": true},
		},
	}
	// inputAttributes are the input attributes that apply to some types only.
	inputAttributes = map[string]map[string]bool{
		"placeholder":  set("text search url tel email password number"),
		"maxlength":    set("text search url tel email password"),
		"minlength":    set("text search url tel email password"),
		"pattern":      set("text search url tel email password"),
		"size":         set("text search url tel email password"),
		"min":          set("date month week time datetime-local number range"),
		"max":          set("date month week time datetime-local number range"),
		"step":         set("date month week time datetime-local number range"),
		"checked":      set("checkbox radio"),
		"multiple":     set("email file"),
		"accept":       set("file"),
		"required":     set("text search url tel email password date month week time datetime-local number checkbox radio file"),
		"readonly":     set("text search url tel email password date month week time datetime-local number"),
		"list":         set("text search url tel email date month week time datetime-local number range color"),
		"autocomplete": set("hidden text search url tel email password date month week time datetime-local number range color"),
		"dirname":      set("hidden text search url tel email"),
	}
	autofill = set(`on off name honorific-prefix given-name additional-name family-name
		honorific-suffix nickname username new-password current-password one-time-code
		organization-title organization street-address address-line1 address-line2 address-line3
		address-level4 address-level3 address-level2 address-level1 country country-name
		postal-code cc-name cc-given-name cc-additional-name cc-family-name cc-number cc-exp
		cc-exp-month cc-exp-year cc-csc cc-type transaction-currency transaction-amount language
		bday bday-day bday-month bday-year sex url photo tel tel-country-code tel-national
		tel-area-code tel-local tel-local-prefix tel-local-suffix tel-extension email impp
		shipping billing home work mobile fax pager webauthn`)
	// inputValues are the forms of the values of the inputs that take a date, time or number.
	inputValues = map[string]*regexp.Regexp{
		"date":           regexp.MustCompile(`^\d{4,}-\d{2}-\d{2}$`),
		"month":          regexp.MustCompile(`^\d{4,}-\d{2}$`),
		"week":           regexp.MustCompile(`^\d{4,}-W\d{2}$`),
		"time":           regexp.MustCompile(`^\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$`),
		"datetime-local": regexp.MustCompile(`^\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$`),
		"number":         regexp.MustCompile(`^-?(\d+|\d*\.\d+)([eE][-+]?\d+)?$`),
		"range":          regexp.MustCompile(`^-?(\d+|\d*\.\d+)([eE][-+]?\d+)?$`),
		"color":          regexp.MustCompile(`^#[0-9a-fA-F]{6}$`),
	}
	// optionalEnd are the elements whose end tag may be left out.
	optionalEnd = set("html head body li p option optgroup dt dd tr td th thead tbody tfoot")
	// noText are the elements that hold elements alone.
	noText = set("ul ol menu dl table thead tbody tfoot tr select colgroup")
	// allowedChildren are the children some elements take.
	allowedChildren = map[string]map[string]bool{
		"ul": set("li script template"), "ol": set("li script template"), "menu": set("li script template"),
		"dl": set("dt dd div script template"), "table": set("caption colgroup thead tbody tfoot tr script template"),
		"thead": set("tr script template"), "tbody": set("tr script template"), "tfoot": set("tr script template"),
		"tr": set("td th script template"), "select": set("option optgroup hr script template"),
		"optgroup": set("option script template"), "head": set("title meta link style script base noscript template"),
	}
	// A time element without datetime must hold one of these in its text.
	validTime = regexp.MustCompile(`^(\d{4,}(-\d{2}(-\d{2})?)?|\d{4,}-W\d{2}|--\d{2}-\d{2}|\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?|\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?|Z|[+-]\d{2}:?\d{2}|P.*|(\d+[WDHMS] ?)+)$`)
)

type openElement struct {
	tag   string
	attrs map[string]string
	at    int    // byte offset of its start tag
	raw   string // its start tag
}

// checkTokens walks the raw markup, keeping the stack of open elements as written, and
// records every id it meets (with its byte offset).
func checkTokens(raw string, ids map[string]int) []string {
	var out []string
	report := func(at int, format string, args ...any) {
		out = append(out, fmt.Sprintf("at byte %d: ", at)+fmt.Sprintf(format, args...))
	}
	z := html.NewTokenizer(strings.NewReader(raw))
	var stack []openElement
	offset, mains, seenDoctype, seenContent := 0, 0, false, false
	parent := func() string {
		if len(stack) == 0 {
			return ""
		}
		return stack[len(stack)-1].tag
	}
	inside := func(tags map[string]bool) (openElement, bool) {
		for i := len(stack) - 1; i >= 0; i-- {
			if tags[stack[i].tag] {
				return stack[i], true
			}
		}
		return openElement{}, false
	}
	// content is the innermost open element that is not transparent.
	content := func() openElement {
		for i := len(stack) - 1; i >= 0; i-- {
			if !transparent[stack[i].tag] {
				return stack[i]
			}
		}
		return openElement{}
	}
	for {
		tt := z.Next()
		at := offset
		offset += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				report(at, "unreadable markup: %v", z.Err())
			}
			for _, e := range stack {
				if !optionalEnd[e.tag] {
					report(e.at, "%s is never closed", clip(e.raw))
				}
			}
			if mains > 1 {
				report(offset, "%d main elements", mains)
			}
			return out
		case html.DoctypeToken:
			if seenContent || !strings.EqualFold(strings.TrimSpace(string(z.Text())), "html") {
				report(at, "the doctype must be <!DOCTYPE html>, before anything else")
			}
			seenDoctype = true
		case html.TextToken:
			text := strings.TrimSpace(string(z.Text()))
			if text == "" {
				continue
			}
			seenContent = true
			if p := parent(); noText[p] {
				report(at, "text %q directly inside <%s>", clip(text), p)
			}
		case html.CommentToken:
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			i := len(stack) - 1
			for i >= 0 && stack[i].tag != tag {
				i--
			}
			if i < 0 {
				if !set("html head body")[tag] {
					report(at, "stray end tag </%s>", tag)
				}
				continue
			}
			for _, e := range stack[i+1:] {
				if !optionalEnd[e.tag] {
					report(e.at, "%s is closed by </%s> at byte %d", clip(e.raw), tag, at)
				}
			}
			stack = stack[:i]
		case html.StartTagToken, html.SelfClosingTagToken:
			if !seenDoctype {
				report(at, "no doctype before the first element")
				seenDoctype = true
			}
			seenContent = true
			name, hasAttr := z.TagName()
			tag := string(name)
			attrs := map[string]string{}
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				if _, dup := attrs[string(k)]; dup {
					report(at, "<%s> has the attribute %s twice", tag, k)
				}
				attrs[string(k)] = string(v)
			}
			// Optional end tags, implied by the next sibling.
			if p := parent(); (tag == "li" && p == "li") || (tag == "option" && p == "option") ||
				(set("dt dd")[tag] && set("dt dd")[p]) || (tag == "tr" && set("tr td th")[p]) || (set("td th")[tag] && set("td th")[p]) {
				stack = stack[:len(stack)-1]
				if tag == "tr" && set("td th")[p] {
					stack = stack[:len(stack)-1]
				}
			}
			checkAttributes(tag, attrs, func(format string, args ...any) { report(at, format, args...) })
			if id, ok := attrs["id"]; ok && id != "" {
				if first, dup := ids[id]; dup {
					report(at, "duplicate id %q (first at byte %d)", id, first)
				} else {
					ids[id] = at
				}
			}
			p := parent()
			// Content models: flow content inside an element that takes phrasing content.
			if c := content(); flowOnly[tag] && phrasingOnly[c.tag] && !(headings[tag] && set("legend summary")[c.tag]) {
				report(at, "<%s> inside <%s>, which takes phrasing content only: %s ... %s", tag, c.tag, clip(c.raw), clip(string(z.Raw())))
			} else if sectioning[tag] && set("dt th address")[c.tag] {
				report(at, "<%s> inside <%s>", tag, c.tag)
			}
			if _, in := inside(set("form")); in && tag == "form" {
				report(at, "<form> inside another form")
			}
			if _, in := inside(set("label")); in && tag == "label" {
				report(at, "<label> inside another label")
			}
			if outer, in := inside(set("a button")); in && interactive(tag, attrs) {
				report(at, "interactive <%s> inside <%s>", tag, outer.tag)
			}
			switch {
			case tag == "li" && !set("ul ol menu")[p]:
				report(at, "<li> inside <%s>, not a list", p)
			case tag == "tr" && !set("table thead tbody tfoot")[p]:
				report(at, "<tr> inside <%s>", p)
			case set("td th")[tag] && p != "tr":
				report(at, "<%s> inside <%s>, not a row", tag, p)
			case set("thead tbody tfoot caption colgroup")[tag] && p != "table":
				report(at, "<%s> inside <%s>, not a table", tag, p)
			case set("dt dd")[tag] && !set("dl div")[p]:
				report(at, "<%s> inside <%s>", tag, p)
			case tag == "summary" && p != "details":
				report(at, "<summary> inside <%s>", p)
			case tag == "legend" && p != "fieldset":
				report(at, "<legend> inside <%s>", p)
			case set("option optgroup")[tag] && !set("select datalist optgroup")[p]:
				report(at, "<%s> inside <%s>", tag, p)
			}
			if kids, ok := allowedChildren[p]; ok && !kids[tag] {
				report(at, "<%s> inside <%s>", tag, p)
			}
			if tag == "main" && !hidden(attrs) {
				mains++
			}
			if tt == html.StartTagToken && !voidElements[tag] {
				stack = append(stack, openElement{tag, attrs, at, string(z.Raw())})
			}
		}
	}
}

// interactive says whether an element is interactive content, which a and button must not hold.
func interactive(tag string, attrs map[string]string) bool {
	_, href := attrs["href"]
	_, tabindex := attrs["tabindex"]
	_, controls := attrs["controls"]
	_, usemap := attrs["usemap"]
	switch {
	case tabindex, tag == "a" && href, set("button details embed iframe label select textarea")[tag]:
		return true
	case tag == "input":
		return attrs["type"] != "hidden"
	case set("audio video")[tag]:
		return controls
	case tag == "img":
		return usemap
	}
	return false
}

func hidden(attrs map[string]string) bool { _, h := attrs["hidden"]; return h }

// checkAttributes checks one element's attributes on their own.
func checkAttributes(tag string, attrs map[string]string, report func(string, ...any)) {
	for k, v := range attrs {
		if nonEmpty[k] && strings.TrimSpace(v) == "" && !(k == "type" && tag == "script") && !(k == "name" && set("meta a map iframe object slot")[tag]) {
			report("<%s %s=\"\">: the value must not be empty", tag, k)
			continue
		}
		if strings.HasPrefix(k, "aria-") && !ariaAttributes[k] {
			report("<%s>: no such attribute %s", tag, k)
		}
		for _, scope := range []string{tag, "*"} {
			if values, ok := enumerated[scope][k]; ok && !values[strings.ToLower(v)] {
				report("<%s %s=%q>: not one of its values", tag, k, v)
			}
		}
		if set("href src action")[k] && (strings.ContainsAny(strings.TrimSpace(v), " \t\n\\") || (k != "href" && v == "")) {
			report("<%s %s=%q>: not a valid URL", tag, k, v)
		}
	}
	if role, ok := attrs["role"]; ok {
		for _, r := range strings.Fields(role) {
			if !ariaRoles[r] {
				report("<%s role=%q>: %q is not an ARIA role", tag, role, r)
			}
		}
	}
	if ti, ok := attrs["tabindex"]; ok {
		if n, err := strconv.Atoi(strings.TrimSpace(ti)); err != nil {
			report("<%s tabindex=%q>: not an integer", tag, ti)
		} else if n > 0 {
			report("<%s tabindex=%q>: a positive tabindex breaks the reading order", tag, ti)
		}
	}
	_, named := attrs["aria-label"]
	if _, by := attrs["aria-labelledby"]; by {
		named = true
	}
	if _, role := attrs["role"]; named && !role && set("div span p b i u s em strong code small sub sup del ins pre q samp data")[tag] {
		report("<%s> cannot be named with aria-label or aria-labelledby without a role", tag)
	}
	if ac, ok := attrs["autocomplete"]; ok && ac != "" {
		for _, token := range strings.Fields(strings.ToLower(ac)) {
			if !autofill[token] && !strings.HasPrefix(token, "section-") {
				report("<%s autocomplete=%q>: %q is not an autofill token", tag, ac, token)
			}
		}
	}
	if tag == "img" {
		if _, ok := attrs["alt"]; !ok {
			report("<img> without alt")
		}
	}
	if tag != "input" {
		return
	}
	typ := strings.ToLower(attrs["type"])
	if _, ok := attrs["type"]; !ok {
		typ = "text"
	}
	if !inputTypes[typ] {
		report("<input type=%q>: no such type", attrs["type"])
		return
	}
	for k := range attrs {
		if types, ok := inputAttributes[k]; ok && !types[typ] {
			report("<input type=%q> cannot have %s", typ, k)
		}
	}
	if _, ok := attrs["value"]; ok && set("file image")[typ] {
		report("<input type=%q> cannot have value", typ)
	}
	for _, k := range []string{"value", "min", "max"} {
		if v := attrs[k]; v != "" && inputValues[typ] != nil && !inputValues[typ].MatchString(v) {
			report("<input type=%q %s=%q>: not a %s", typ, k, v, typ)
		}
	}
}

// checkTree checks the rules that hold between elements, on the parsed document.
func checkTree(raw string, ids map[string]int) []string {
	var out []string
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(raw))
	if err != nil {
		return []string{err.Error()}
	}
	describe := func(s *goquery.Selection) string {
		c := s.Clone()
		c.Empty()
		h, _ := goquery.OuterHtml(c)
		return clip(h)
	}
	elements := map[string]*goquery.Selection{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		if id := s.AttrOr("id", ""); elements[id] == nil {
			elements[id] = s
		}
	})

	// References by id name elements of the page, of the right kind.
	for attr, plural := range idRefs {
		doc.Find("[" + attr + "]").Each(func(_ int, s *goquery.Selection) {
			v := s.AttrOr(attr, "")
			refs := strings.Fields(v)
			if len(refs) == 0 {
				out = append(out, fmt.Sprintf("%s: empty %s", describe(s), attr))
				return
			}
			if !plural && len(refs) > 1 {
				out = append(out, fmt.Sprintf("%s: %s names more than one element", describe(s), attr))
			}
			for _, id := range refs {
				if _, ok := ids[id]; !ok {
					out = append(out, fmt.Sprintf("%s: %s names %q, which is not on the page", describe(s), attr, id))
					continue
				}
				target := elements[id]
				tag := goquery.NodeName(target)
				switch {
				case attr == "for" && goquery.NodeName(s) == "label" && (!labelable[tag] || target.AttrOr("type", "") == "hidden"):
					out = append(out, fmt.Sprintf("%s: for names a <%s>, which is not a form control", describe(s), tag))
				case attr == "list" && tag != "datalist":
					out = append(out, fmt.Sprintf("%s: list names a <%s>, not a datalist", describe(s), tag))
				case attr == "form" && tag != "form":
					out = append(out, fmt.Sprintf("%s: form names a <%s>, not a form", describe(s), tag))
				}
			}
		})
	}
	// A label holds at most one control, and the one its for names.
	doc.Find("label").Each(func(_ int, s *goquery.Selection) {
		controls := s.Find("button, input:not([type=hidden]), meter, output, progress, select, textarea")
		if controls.Length() > 1 {
			out = append(out, fmt.Sprintf("%s: holds %d form controls", describe(s), controls.Length()))
		}
		if f, ok := s.Attr("for"); ok && controls.Length() == 1 && controls.AttrOr("id", "") != f {
			out = append(out, fmt.Sprintf("%s: holds a control that is not the one its for names", describe(s)))
		}
	})
	// A required single select starts with an empty placeholder option.
	doc.Find("select[required]").Each(func(_ int, s *goquery.Selection) {
		if _, multiple := s.Attr("multiple"); multiple {
			return
		}
		if n, err := strconv.Atoi(s.AttrOr("size", "1")); err == nil && n > 1 {
			return
		}
		first := s.Find("option").First()
		value, ok := first.Attr("value")
		if !ok {
			value = strings.TrimSpace(first.Text())
		}
		if first.Length() == 0 || goquery.NodeName(first.Parent()) != "select" || value != "" {
			out = append(out, fmt.Sprintf("%s: required, but its first option is not an empty placeholder", describe(s)))
		}
	})
	doc.Find("details").Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s.Children().First()) != "summary" {
			out = append(out, fmt.Sprintf("%s: the first child is not a summary", describe(s)))
		}
	})
	doc.Find("h1, h2, h3, h4, h5, h6").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Text()) == "" && s.Find(`img:not([alt=""])`).Length() == 0 {
			out = append(out, fmt.Sprintf("%s: empty heading", describe(s)))
		}
	})
	doc.Find("time").Each(func(_ int, s *goquery.Selection) {
		v, ok := s.Attr("datetime")
		if !ok {
			v = s.Text()
		}
		if !validTime.MatchString(strings.TrimSpace(v)) {
			out = append(out, fmt.Sprintf("%s: %q is not a date or time", describe(s), v))
		}
	})
	if titles := doc.Find("head title"); titles.Length() != 1 || strings.TrimSpace(titles.Text()) == "" {
		out = append(out, fmt.Sprintf("%d titles in the head, or an empty one", titles.Length()))
	}
	slices.Sort(out)
	return out
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:117] + "..."
	}
	return s
}

// Each rule is shown to fail on a snippet that breaks it, and to pass the same snippet
// put right.
func TestHTMLRuleViolations(t *testing.T) {
	page := func(body string) string {
		return `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Uji</title></head><body>` + body + `</body></html>`
	}
	tests := []struct {
		name, bad, good, want string
	}{
		{"form in p", `<p>Teks <form action="/x" method="post"><button>Kirim</button></form></p>`,
			`<div>Teks <form action="/x" method="post"><button>Kirim</button></form></div>`, "<form> inside <p>"},
		{"div in p through a link", `<p><a href="/x"><div>Blok</div></a></p>`, `<div><a href="/x"><div>Blok</div></a></div>`, "<div> inside <p>"},
		{"ul in span", `<span><ul><li>x</li></ul></span>`, `<div><ul><li>x</li></ul></div>`, "<ul> inside <span>"},
		{"heading in summary is fine, div is not", `<details><summary><div>x</div></summary>y</details>`,
			`<details><summary><h2>x</h2></summary>y</details>`, "<div> inside <summary>"},
		{"required select without placeholder", `<label for="s">S</label><select id="s" name="s" required><option value="a">A</option></select>`,
			`<label for="s">S</label><select id="s" name="s" required><option value="">Pilih</option><option value="a">A</option></select>`, "first option is not an empty placeholder"},
		{"required select placeholder in optgroup", `<select name="s" aria-label="S" required><optgroup label="g"><option value="">-</option></optgroup></select>`,
			`<select name="s" aria-label="S" required multiple><optgroup label="g"><option value="">-</option></optgroup></select>`, "first option is not an empty placeholder"},
		{"empty aria-describedby", `<input name="a" aria-label="A" aria-describedby="">`, `<input name="a" aria-label="A">`, "aria-describedby=\"\">: the value must not be empty"},
		{"aria-describedby to nothing", `<input name="a" aria-label="A" aria-describedby="a-hint">`,
			`<input name="a" aria-label="A" aria-describedby="a-hint"><p id="a-hint">Petunjuk</p>`, `names "a-hint", which is not on the page`},
		{"aria-labelledby to nothing", `<section aria-labelledby="h"><h2>x</h2></section>`, `<section aria-labelledby="h"><h2 id="h">x</h2></section>`, `names "h"`},
		{"aria-controls to nothing", `<button type="button" aria-controls="m">x</button>`, `<button type="button" aria-controls="m">x</button><div id="m"></div>`, `names "m"`},
		{"label for nothing", `<label for="x">X</label><input id="y" name="y">`, `<label for="y">X</label><input id="y" name="y">`, `names "x"`},
		{"list to nothing", `<input name="r" aria-label="R" list="regions">`, `<input name="r" aria-label="R" list="regions"><datalist id="regions"></datalist>`, `names "regions"`},
		{"list to a non-datalist", `<input name="r" aria-label="R" list="regions"><div id="regions"></div>`,
			`<input name="r" aria-label="R" list="regions"><datalist id="regions"></datalist>`, "not a datalist"},
		{"label for a non-control", `<label for="d">X</label><div id="d"></div>`, `<label for="d">X</label><textarea id="d" name="d"></textarea>`, "not a form control"},
		{"label for a hidden input", `<label for="d">X</label><input type="hidden" id="d" name="d">`, `<label for="d">X</label><input id="d" name="d">`, "not a form control"},
		{"label holding another control", `<label for="a">A <input id="b" name="b"></label><input id="a" name="a">`,
			`<label for="b">A <input id="b" name="b"></label><input id="a" name="a" aria-label="A">`, "not the one its for names"},
		{"duplicate id", `<div id="x"></div><div id="x"></div>`, `<div id="x"></div><div id="y"></div>`, `duplicate id "x"`},
		{"empty id", `<div id=""></div>`, `<div class=""></div>`, `id="">: the value must not be empty`},
		{"empty name", `<input name="" aria-label="A">`, `<input name="a" aria-label="A">`, `name="">: the value must not be empty`},
		{"empty action", `<form action="" method="post"></form>`, `<form action="/x" method="post"></form>`, `action="">: the value must not be empty`},
		{"button in a", `<a href="/x"><button type="button">x</button></a>`, `<a href="/x"><span>x</span></a>`, "interactive <button> inside <a>"},
		{"link in button", `<button type="button"><a href="/x">x</a></button>`, `<button type="button"><span>x</span></button>`, "interactive <a> inside <button>"},
		{"input in button", `<button type="submit"><input name="a" aria-label="A"></button>`, `<button type="submit">a</button>`, "interactive <input> inside <button>"},
		{"tabindex in a", `<a href="/x"><span tabindex="0">x</span></a>`, `<a href="/x"><span>x</span></a>`, "interactive <span> inside <a>"},
		{"a in a", `<a href="/x"><a href="/y">y</a></a>`, `<a href="/x">x</a><a href="/y">y</a>`, "interactive <a> inside <a>"},
		{"li outside a list", `<div><li>x</li></div>`, `<ul><li>x</li></ul>`, "<li> inside <div>, not a list"},
		{"div in ul", `<ul><div>x</div></ul>`, `<ul><li><div>x</div></li></ul>`, "<div> inside <ul>"},
		{"text in ul", `<ul>x<li>y</li></ul>`, `<ul><li>x</li><li>y</li></ul>`, `text "x" directly inside <ul>`},
		{"tr outside a table", `<div><tr><td>x</td></tr></div>`, `<table><tbody><tr><td>x</td></tr></tbody></table>`, "<tr> inside <div>"},
		{"td outside a row", `<table><tbody><td>x</td></tbody></table>`, `<table><tbody><tr><td>x</td></tr></tbody></table>`, "<td> inside <tbody>, not a row"},
		{"th in a div", `<div><th>x</th></div>`, `<table><tr><th>x</th></tr></table>`, "<th> inside <div>, not a row"},
		{"heading in th", `<table><tr><th><h2>x</h2></th></tr></table>`, `<table><tr><th>x</th></tr></table>`, "<h2> inside <th>"},
		{"input type", `<input type="dates" name="d" aria-label="D">`, `<input type="date" name="d" aria-label="D">`, "no such type"},
		{"input attribute for another type", `<input type="date" name="d" aria-label="D" maxlength="10">`, `<input type="text" name="d" aria-label="D" maxlength="10">`, "cannot have maxlength"},
		{"placeholder on a checkbox", `<input type="checkbox" name="d" aria-label="D" placeholder="x">`, `<input type="checkbox" name="d" aria-label="D">`, "cannot have placeholder"},
		{"malformed date kept in a date input", `<input type="date" name="d" aria-label="D" value="3 Oktober">`,
			`<input type="text" name="d" aria-label="D" value="3 Oktober">`, `not a date`},
		{"button type", `<button type="go">x</button>`, `<button type="submit">x</button>`, "not one of its values"},
		{"details without summary first", `<details><p>x</p><summary>s</summary></details>`, `<details><summary>s</summary><p>x</p></details>`, "the first child is not a summary"},
		{"empty heading", `<h2> </h2>`, `<h2>Judul</h2>`, "empty heading"},
		{"img without alt", `<img src="/x.png">`, `<img src="/x.png" alt="">`, "<img> without alt"},
		{"unknown role", `<div role="panel">x</div>`, `<div role="region" aria-label="x">x</div>`, "is not an ARIA role"},
		{"unknown aria attribute", `<div aria-labeled="x">x</div>`, `<nav aria-label="x">x</nav>`, "no such attribute aria-labeled"},
		{"aria-label on a div", `<div aria-label="x">x</div>`, `<nav aria-label="x">x</nav>`, "cannot be named"},
		{"bad aria-invalid", `<input name="a" aria-label="A" aria-invalid="yes">`, `<input name="a" aria-label="A" aria-invalid="true">`, "not one of its values"},
		{"positive tabindex", `<div tabindex="2">x</div>`, `<div tabindex="-1">x</div>`, "positive tabindex"},
		{"autocomplete token", `<input name="e" aria-label="E" autocomplete="mail">`, `<input name="e" aria-label="E" autocomplete="email">`, "not an autofill token"},
		{"time text", `<time>10 Februari 2026</time>`, `<time datetime="2026-02-10">10 Februari 2026</time>`, "is not a date or time"},
		{"form in form", `<form action="/a"><form action="/b"></form></form>`, `<form action="/a"></form><form action="/b"></form>`, "<form> inside another form"},
		{"unclosed element", `<div><span>x</div>`, `<div><span>x</span></div>`, "<span> is closed by </div>"},
		{"stray end tag", `<div>x</div></span>`, `<div><span>x</span></div>`, "stray end tag </span>"},
		{"href with a space", `<a href="/a b">x</a>`, `<a href="/a%20b">x</a>`, "not a valid URL"},
		{"two mains", `<main>a</main><main>b</main>`, `<main>a</main><main hidden>b</main>`, "2 main elements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := htmlRuleViolations(page(tt.bad))
			if !slices.ContainsFunc(bad, func(v string) bool { return strings.Contains(v, tt.want) }) {
				t.Errorf("%s\nis not reported as %q: %q", tt.bad, tt.want, bad)
			}
			if good := htmlRuleViolations(page(tt.good)); len(good) != 0 {
				t.Errorf("%s\nis reported: %q", tt.good, good)
			}
		})
	}
	if got := htmlRuleViolations(`<html><head><title>x</title></head><body></body></html>`); !slices.ContainsFunc(got, func(v string) bool { return strings.Contains(v, "doctype") }) {
		t.Errorf("a page without a doctype: %q", got)
	}
	if got := htmlRuleViolations(page("")); len(got) != 0 {
		t.Errorf("an empty page: %q", got)
	}
}

// Every page a signed-in user or a visitor reaches, in every state of an agreement and
// re-rendered with its refusals, keeps the Nu HTML Checker's rules.
func TestHTMLRulesOnEveryPage(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	draft := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Draf uji", Stage: modeltest.Draft})
	review := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Dalam telaah", Stage: modeltest.InReview})
	declined := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Ditolak", Stage: modeltest.InReview})
	agreed := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Disepakati", Stage: modeltest.Agreed})
	signed := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Ditandatangani", Stage: modeltest.Signed})
	published := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Diterbitkan"})
	terminated := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Title: "Diakhiri"})
	events, err := p.store.Events(ctx, 0)
	if err != nil || len(events) == 0 {
		t.Fatalf("%d events, %v", len(events), err)
	}
	event := events[0].ID

	type visit struct {
		name   string
		page   page
		status int
	}
	var visits []visit
	seen := func(name string, pg page, status int) { visits = append(visits, visit{name, pg, status}) }

	// A delegate of the partner region declines one agreement, and reads the others.
	del := p.browser(t)
	del.login(u.delegate.Email, modeltest.Password)
	seen("delegate inbox", del.get("/inbox"), http.StatusOK)
	seen("delegate: agreement in review", del.get("/agreements/"+itoa(review)), http.StatusOK)
	ans := del.get("/agreements/" + itoa(declined))
	hash := text(ans.doc.Find(`[data-testid="content-hash"]`))
	declineURL := ans.doc.Find(`[data-testid="decline-form"]`).AttrOr("action", "")
	seen("delegate: decline without a reason", del.post(declineURL, url.Values{"hash": {hash}, "reason": {""}}), http.StatusUnprocessableEntity)
	if got := del.post(declineURL, url.Values{"hash": {hash}, "reason": {"Belum sepakat"}}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("decline: %d", got.StatusCode)
	}
	seen("delegate: declined agreement", del.get("/agreements/"+itoa(declined)), http.StatusOK)
	seen("delegate: published agreement", del.get("/agreements/"+itoa(published)), http.StatusOK)
	seen("delegate inbox after answering", del.get("/inbox"), http.StatusOK)
	seen("delegate account", del.get("/account"), http.StatusOK)
	seen("delegate: own region's contact", del.get("/regions/13.77/profile"), http.StatusOK)
	seen("delegate: own region's contact refused", del.post("/regions/13.77/profile", url.Values{form.FieldContactEmail: {"bukan surel"}}), http.StatusUnprocessableEntity)

	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	seen("official dashboard", off.get("/office"), http.StatusOK)

	ad := p.browser(t)
	ad.login(u.admin.Email, modeltest.Password)
	ad.get("/office/agreements/" + itoa(terminated))
	if got := ad.post("/office/agreements/"+itoa(terminated)+"/unpublish", understood()); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d", got.StatusCode)
	}
	ad.get("/office/agreements/" + itoa(terminated))
	if got := ad.post("/office/agreements/"+itoa(terminated)+"/terminate", url.Values{"terminated_on": {"2025-06-01"}, "reason": {"Tidak berjalan"}, "understood": {"yes"}}); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("terminate: %d", got.StatusCode)
	}
	ad.get("/office/agreements/" + itoa(published))
	if got := ad.postFile("/office/agreements/"+itoa(published)+"/documents", url.Values{"document_title": {"Naskah"}}, "naskah.pdf", pdf); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", got.StatusCode)
	}
	ad.get("/office/events/" + itoa(event))
	if got := ad.postFile("/office/events/"+itoa(event)+"/documents", url.Values{"document_title": {"Foto"}}, "foto.png", png); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", got.StatusCode)
	}

	seen("dashboard", ad.get("/office"), http.StatusOK)
	seen("agreement list", ad.get("/office/agreements"), http.StatusOK)
	for _, s := range models.Statuses {
		seen("agreement list: "+string(s), ad.get("/office/agreements?status="+string(s)), http.StatusOK)
	}
	seen("agreement list: sector and region", ad.get("/office/agreements?sector=food&region=13.77"), http.StatusOK)
	for _, a := range []struct {
		state string
		id    uint
	}{{"draft", draft}, {"in review", review}, {"declined", declined}, {"agreed", agreed}, {"signed", signed}, {"published", published}, {"terminated", terminated}} {
		seen("agreement "+a.state, ad.get("/office/agreements/"+itoa(a.id)), http.StatusOK)
	}
	seen("withdraw refused", ad.post("/office/agreements/"+itoa(review)+"/withdraw", url.Values{}), http.StatusUnprocessableEntity)
	ad.get("/office/agreements/" + itoa(agreed))
	seen("signing refused", ad.post("/office/agreements/"+itoa(agreed)+"/sign", url.Values{"signed_on": {"2025-03-01"}, "signed_place": {""}}), http.StatusUnprocessableEntity)
	ad.get("/office/agreements/" + itoa(signed))
	seen("early end refused", ad.post("/office/agreements/"+itoa(signed)+"/terminate", url.Values{"terminated_on": {"2025-06-01"}, "reason": {""}, "understood": {"yes"}}), http.StatusUnprocessableEntity)
	ad.get("/office/agreements/" + itoa(published))
	seen("upload refused", ad.postFile("/office/agreements/"+itoa(published)+"/documents", url.Values{"document_title": {"Program"}}, "program.pdf", []byte("MZ not a pdf")), http.StatusUnprocessableEntity)

	blank := ad.get("/office/agreements/new")
	seen("new agreement", blank, http.StatusOK)
	v := formValues(blank.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldOp, form.AddRow(form.ListParties).Value())
	seen("new agreement with a row added", ad.post("/office/agreements", v), http.StatusOK)
	v = formValues(blank.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set("end_date", "bukan tanggal")
	seen("new agreement refused", ad.post("/office/agreements", v), http.StatusUnprocessableEntity)
	edit := ad.get("/office/agreements/" + itoa(draft) + "/edit")
	seen("edit agreement", edit, http.StatusOK)
	v = formValues(edit.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set("title", "")
	v.Set("start_date", "2030-01-01")
	seen("edit agreement refused", ad.post("/office/agreements/"+itoa(draft), v), http.StatusUnprocessableEntity)
	v = formValues(edit.doc.Find(`[data-testid="agreement-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set("title", "Draf uji, judul baru")
	if got := ad.post("/office/agreements/"+itoa(draft), v); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", got.StatusCode)
	}
	v = formValues(edit.doc.Find(`[data-testid="agreement-form"]`)) // the form as it was before that save
	v.Set(form.FieldOp, "save")
	v.Set("title", "Draf uji, judul lain")
	seen("edit agreement after another save", ad.post("/office/agreements/"+itoa(draft), v), http.StatusConflict)

	seen("event list", ad.get("/office/events"), http.StatusOK)
	newEvent := ad.get("/office/events/new")
	seen("new event", newEvent, http.StatusOK)
	v = formValues(newEvent.doc.Find(`[data-testid="event-form"]`))
	v.Set(form.FieldOp, "save")
	seen("new event refused", ad.post("/office/events", v), http.StatusUnprocessableEntity)
	editEvent := ad.get("/office/events/" + itoa(event))
	seen("edit event", editEvent, http.StatusOK)
	v = formValues(editEvent.doc.Find(`[data-testid="event-form"]`))
	v.Set(form.FieldOp, "save")
	v.Set(form.FieldEndDate, "3 Oktober")
	seen("edit event refused", ad.post("/office/events/"+itoa(event), v), http.StatusUnprocessableEntity)
	ad.get("/office/events/" + itoa(event))
	seen("event upload refused", ad.postFile("/office/events/"+itoa(event)+"/documents", url.Values{"document_title": {""}}, "x.exe", []byte("MZ")), http.StatusUnprocessableEntity)

	seen("users", ad.get("/office/users"), http.StatusOK)
	seen("invitation refused", ad.post("/office/users", url.Values{form.FieldEmail: {"bukan surel"}, form.FieldRole: {string(models.RoleDelegate)}}), http.StatusUnprocessableEntity)
	link := ad.post("/office/users", url.Values{form.FieldEmail: {"baru@derap.test"}, form.FieldName: {"Pengguna Baru"}, form.FieldRole: {string(models.RoleOfficial)}})
	seen("invitation link", link, http.StatusOK)
	token := text(link.doc.Find(`[data-testid="invitation-link"]`))
	token = token[strings.LastIndex(token, "/")+1:]
	seen("account", ad.get("/account"), http.StatusOK)
	seen("outbox", ad.get("/office/outbox"), http.StatusOK)
	seen("outbox: failed", ad.get("/office/outbox?status=failed"), http.StatusOK)
	outbox := ad.get("/office/outbox")
	seen("outbox message", ad.get(outbox.doc.Find(`[data-testid="outbox-message"] a`).First().AttrOr("href", "")), http.StatusOK)
	settingsForm := formValues(ad.get("/account").doc.Find(`[data-testid="settings-form"]`))
	settingsForm.Set(form.FieldLanguage, "")
	seen("account settings refused", ad.post("/account/settings", settingsForm), http.StatusBadRequest)
	seen("password refused", ad.post("/account/password", url.Values{form.FieldCurrent: {"salah"}, form.FieldPassword: {"x"}, form.FieldConfirm: {"y"}}), http.StatusUnprocessableEntity)
	profile := ad.get("/regions/13.77/profile")
	seen("region profile", profile, http.StatusOK)
	v = formValues(profile.doc.Find(`[data-testid="profile-form"]`))
	v.Set(form.FieldLatitude, "utara")
	seen("region profile refused", ad.post("/regions/13.77/profile", v), http.StatusUnprocessableEntity)
	if settings := ad.get("/office/settings"); settings.StatusCode != http.StatusNotFound {
		seen("settings", settings, http.StatusOK)
	}

	// Implementation monitoring: the plan's forms, the reports' forms of every kind, the
	// review, and the lists (activity_test.go, report_test.go)
	acts, err := p.store.ActivitiesToReport(ctx, models.System)
	if err != nil || len(acts) == 0 {
		t.Fatalf("%d activities, %v", len(acts), err)
	}
	byKind := map[models.ActivityKind]models.RegionActivity{}
	for _, a := range acts {
		if _, ok := byKind[a.Kind]; !ok {
			byKind[a.Kind] = a
		}
	}
	supply := byKind[models.KindSupply]
	planPage := "/office/agreements/" + itoa(supply.AgreementID)
	seen("agreement with its plan", ad.get(planPage), http.StatusOK)
	seen("monitoring", ad.get("/office/monitoring"), http.StatusOK)
	newActivity := ad.get(planPage + "/activities/new")
	seen("new activity", newActivity, http.StatusOK)
	v = formValues(newActivity.doc.Find(`[data-testid="activity-form"]`))
	v.Set(form.FieldTarget, "banyak")
	seen("new activity refused", ad.post(planPage+"/activities", v), http.StatusUnprocessableEntity)
	editActivity := ad.get("/office/activities/" + itoa(supply.ID))
	seen("edit activity", editActivity, http.StatusOK)
	v = formValues(editActivity.doc.Find(`[data-testid="activity-form"]`))
	v.Set(form.FieldRevision, "1")
	v.Set(form.FieldTitle, "Judul dari salinan lama")
	seen("edit activity after another save", ad.post("/office/activities/"+itoa(supply.ID), v), http.StatusConflict)
	seen("remove activity refused", ad.post("/office/activities/"+itoa(supply.ID)+"/delete", url.Values{}), http.StatusConflict)
	for _, kind := range models.ActivityKinds {
		a := byKind[kind]
		seen("activity: "+string(kind), ad.get("/activities/"+itoa(a.ID)), http.StatusOK)
		blankReport := ad.get("/activities/" + itoa(a.ID) + "/reports/new")
		seen("new report: "+string(kind), blankReport, http.StatusOK)
		v = formValues(blankReport.doc.Find(`[data-testid="report-form"]`))
		v.Set(form.FieldPeriodEnd, "kemarin")
		v.Set(form.FieldUnit, string(models.UnitHead))
		seen("new report refused: "+string(kind), ad.post("/activities/"+itoa(a.ID)+"/reports", v), http.StatusUnprocessableEntity)
	}
	seen("office monitoring", ad.get("/office/monitoring"), http.StatusOK)
	waiting := ad.get("/office/monitoring").doc.Find(`[data-testid="waiting-reports"] .item-title a`).First().AttrOr("href", "")
	report := ad.get(waiting)
	seen("report waiting for review", report, http.StatusOK)
	ret := report.doc.Find(`[data-testid="return-form"]`)
	seen("return refused", ad.post(ret.AttrOr("action", ""), formValues(ret)), http.StatusUnprocessableEntity)
	if got := ad.post(ret.AttrOr("action", ""), fill(formValues(ret), form.FieldReviewNote, "Lengkapi berita acara.")); got.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %d", got.StatusCode)
	}
	seen("report returned", ad.get(waiting), http.StatusOK)
	seen("report correction", ad.get(waiting+"/edit"), http.StatusOK)
	seen("office monitoring with a returned report", ad.get("/office/monitoring"), http.StatusOK)
	kalbarDelegate := p.browser(t)
	kalbarDelegate.login(modeltest.CreateUser(t, p.store, models.RoleDelegate, supply.RegionCode).Email, modeltest.Password)
	seen("delegate inbox with activities", kalbarDelegate.get("/inbox"), http.StatusOK)
	seen("delegate activities", kalbarDelegate.get("/inbox/activities"), http.StatusOK)
	seen("delegate: returned report", kalbarDelegate.get(waiting), http.StatusOK)

	visitor := p.browser(t)
	for _, path := range []string{"/", "/agreements", "/agreements?sector=food&region=13.77", "/agreements/" + itoa(published),
		"/regions", "/regions?kind=city", "/regions/13.77", "/regions/31", "/events", "/events/" + itoa(event), "/about", "/login"} {
		seen("public "+path, visitor.get(path), http.StatusOK)
	}
	seen("public terminated agreement", visitor.get("/agreements/"+itoa(terminated)), http.StatusNotFound)
	seen("not found", visitor.get("/agreements/999999"), http.StatusNotFound)
	seen("invitation", visitor.get("/invitations/"+token), http.StatusOK)
	seen("invitation expired", visitor.get("/invitations/tidak-ada"), http.StatusNotFound)
	unsubscribe := "/unsubscribe/" + notify.NewSigner(testKey).Token(u.delegate.ID, models.NotifyReminder)
	seen("unsubscribe", visitor.get(unsubscribe), http.StatusOK)
	seen("unsubscribed", visitor.post(unsubscribe, nil), http.StatusOK)
	visitor.get("/login")
	seen("login refused", visitor.post("/login", url.Values{form.FieldEmail: {u.admin.Email}, form.FieldPassword: {"salah"}}), http.StatusUnauthorized)

	// HTML_RULES_DUMP=dir writes the pages out, for the real checker to compare (the jar of
	// npm's vnu-jar): java -jar vnu.jar --format text dir/*.html
	dump := os.Getenv("HTML_RULES_DUMP")
	for i, v := range visits {
		if dump != "" {
			name := fmt.Sprintf("%02d-%s.html", i, strings.NewReplacer(" ", "-", "/", "_", ":", "").Replace(v.name))
			if err := os.WriteFile(filepath.Join(dump, name), []byte(v.page.body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Run(v.name, func(t *testing.T) {
			if v.page.StatusCode != v.status {
				t.Errorf("%s: status %d, want %d", v.page.Request.URL.Path, v.page.StatusCode, v.status)
			}
			if bad := htmlRuleViolations(v.page.body); len(bad) > 0 {
				t.Errorf("%s %s:\n\t%s", v.page.Request.Method, v.page.Request.URL.RequestURI(), strings.Join(bad, "\n\t"))
			}
		})
	}
}
