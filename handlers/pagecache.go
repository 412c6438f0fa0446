package handlers

import (
	"bytes"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"

	"derap/models"
	"derap/views/form"
)

// pageCache keeps rendered public pages for visitors who are not signed in, keyed by the
// URL, the language and the day, each with its gzipped form and a strong ETag. An entry is
// only served while the database's data version is the one it was rendered at: every
// committed write that may change what the page shows, by this server, another or the
// derap command, moves it on, so no one sees a page older than the last change. The least
// recently used entries go when the cache holds more than max bytes.
type pageCache struct {
	name    string // in the metrics
	mu      sync.Mutex
	entries map[string]*list.Element
	order   *list.List // front: most recently used
	bytes   int
	max     int
	flight  singleflight.Group // renders under way, by key and version
}

type cachedPage struct {
	key     string
	version uint64
	// scope is the page's scope when a public change may leave it as it is (an
	// agreement's or a region's page: models.AgreementScope, RegionScope); empty when any
	// change may touch it.
	scope       string
	contentType string
	etag        string
	body        []byte      // nil for a big file kept gzipped only (plainBytes says how big)
	gz          []byte      // nil when gzip does not pay (an Excel file is a zip already)
	plainBytes  int         // the length of body, kept or not
	header      http.Header // what the handler said of the file besides (Content-Disposition, CORS)
}

// gzipOnlyOver is the size above which a page that gzip shrinks is kept gzipped only: the
// register's JSON is 5 MB of text and 350 kB gzipped, and clients that do not take gzip
// (rare: every browser and most tools do) get it unzipped as it is sent.
const gzipOnlyOver = 256 << 10

// sentByTheCache are the response headers sendPage writes itself for every kept page, so
// a kept page does not carry the handler's own. Headers set before the handler ran (the
// security headers, X-Cache) are not the handler's either: renderToKeep leaves out every
// header the handler did not change.
var sentByTheCache = map[string]bool{
	"Etag": true, "Cache-Control": true, "Vary": true, "Content-Length": true, "Content-Encoding": true,
	"Content-Type": true, "X-Cache": true,
}

func newPageCache(name string, maxBytes int) *pageCache {
	return &pageCache{name: name, entries: map[string]*list.Element{}, order: list.New(), max: maxBytes}
}

// get returns the page kept under key if it holds at version: rendered at it, or, for a
// page with a scope, rendered before it with no change since that touched its scope
// (unchanged, which the version feed's log answers). A page found to hold is then kept
// under version, so that the next request need not ask again.
func (pc *pageCache) get(key string, version uint64, unchanged func(scope string, since, now uint64) bool) *cachedPage {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	el, ok := pc.entries[key]
	if !ok {
		return nil
	}
	p := el.Value.(*cachedPage)
	if p.version != version {
		if p.scope == "" || p.version > version || unchanged == nil || !unchanged(p.scope, p.version, version) {
			if p.version < version {
				pc.remove(el)
			}
			return nil
		}
		p.version = version
	}
	pc.order.MoveToFront(el)
	return p
}

func (pc *pageCache) put(p *cachedPage) {
	size := p.size()
	if size > pc.max/8 {
		return // one page must not crowd out the rest
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if el, ok := pc.entries[p.key]; ok {
		pc.remove(el)
	}
	pc.entries[p.key] = pc.order.PushFront(p)
	pc.bytes += size
	for pc.bytes > pc.max {
		pc.remove(pc.order.Back())
	}
}

func (pc *pageCache) remove(el *list.Element) {
	p := pc.order.Remove(el).(*cachedPage)
	delete(pc.entries, p.key)
	pc.bytes -= p.size()
}

// size is what a kept page costs the cache.
func (p *cachedPage) size() int { return len(p.body) + len(p.gz) }

// Compression levels. A page the cache keeps is compressed once and sent many times, so
// it is worth compressing well: klauspost/compress at level 6 compresses the region
// directory (81 kB of HTML) in about a quarter of the time the standard library takes at
// its best compression, for 3 % more bytes. A response sent once (a signed-in user's
// page, a page asked with typed words, every page with the cache off) is compressed for
// that one reader, where level 1 takes about half the time of level 6 for 5–10 % more
// bytes. See the README's profile.
const (
	keptGzipLevel = 6
	onceGzipLevel = 1
)

var (
	keptGzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, keptGzipLevel); return w }}
	onceGzipWriters = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, onceGzipLevel); return w }}
)

// gzipped compresses a response sent once.
func gzipped(b []byte) []byte { return gzipWith(&onceGzipWriters, b) }

// gzippedToKeep compresses a page the cache keeps.
func gzippedToKeep(b []byte) []byte { return gzipWith(&keptGzipWriters, b) }

func gzipWith(writers *sync.Pool, b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/4 + 64)
	w := writers.Get().(*gzip.Writer)
	w.Reset(&buf)
	_, _ = w.Write(b)
	_ = w.Close()
	writers.Put(w)
	return buf.Bytes()
}

// acceptsGzip reports whether the client takes gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(coding), "gzip") && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

// sendPage writes a cached page: 304 when the client has it, gzipped when it takes that.
// A visitor's browser may keep a public page (asking each time if it changed); a signed-in
// user's page is never kept outside the server.
func sendPage(c echo.Context, p *cachedPage, private bool) error {
	h := c.Response().Header()
	for name, values := range p.header {
		h[name] = values
	}
	h.Set("ETag", p.etag)
	h.Set("Cache-Control", "no-cache")
	if private {
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Vary", "Cookie, Accept-Language, Accept-Encoding")
	if etagMatches(c.Request().Header.Get("If-None-Match"), p.etag) {
		return c.NoContent(http.StatusNotModified)
	}
	body := p.body
	if p.gz != nil && acceptsGzip(c.Request()) {
		h.Set("Content-Encoding", "gzip")
		body = p.gz
	} else if body == nil {
		zr, err := gzip.NewReader(bytes.NewReader(p.gz))
		if err != nil {
			return err
		}
		h.Set("Content-Length", strconv.Itoa(p.plainBytes))
		return c.Stream(http.StatusOK, p.contentType, zr)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return c.Blob(http.StatusOK, p.contentType, body)
}

// bufferedResponse holds what a handler writes, to cache before sending.
type bufferedResponse struct {
	http.ResponseWriter
	buf    bytes.Buffer
	status int
}

func (b *bufferedResponse) WriteHeader(status int) { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}

// cachePublic serves a public page from the cache to visitors who are not signed in, and
// keeps what it renders for the next. Signed-in users pass straight through: their pages
// are never cached here. params are the query parameters the page reads (besides lang):
// for visitors the query is cut down to its canonical form before anything reads it, so
// that a page is rendered once per thing it can show, not once per spelling of its URL
// (an unknown, empty, repeated, reordered or defaulted parameter, or a number written
// another way, would otherwise force a fresh render). Words typed into a filter are
// unbounded, so a page asked with them is rendered for its reader and never kept: the
// number of keys a client can make is bounded by the filters' finite choices.
func (h *Handler) cachePublic(params ...string) echo.MiddlewareFunc {
	return h.cachePublicScoped(nil, params...)
}

// cachePublicScoped is cachePublic for a page a public change may leave as it is: scope
// names the page's scope (models.AgreementScope, RegionScope) from its path, or "" when it
// cannot tell, and the page is then kept across the changes that did not touch it
// (page_scopes.go in models).
func (h *Handler) cachePublicScoped(scope func(echo.Context) string, params ...string) echo.MiddlewareFunc {
	allowed := append([]string{langParam}, params...)
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if currentUser(c) != nil {
				return next(c)
			}
			canonical := canonicalQuery(c.QueryParams(), allowed)
			// Echo keeps the parsed query in this map: the handler and its links see only
			// the canonical parameters, as does anything reading the request's URL.
			q := c.QueryParams()
			clear(q)
			maps.Copy(q, canonical)
			r := c.Request()
			r.URL.RawQuery, r.URL.ForceQuery = canonical.Encode(), false
			if canonical.Has(form.FieldQuery) {
				c.Response().Header().Set("X-Cache", "pass")
				return next(c)
			}
			key := string(currentLocale(c)) + "|" + h.store.Today().Format("2006-01-02") + "|" + r.URL.RequestURI()
			pageScope := ""
			if scope != nil {
				pageScope = scope(c)
			}
			return h.serveCached(c, next, h.pages, key, pageScope, func(v models.DataVersions) uint64 { return v.Public }, false)
		}
	}
}

// paramDefaults are the values a page takes when a parameter is absent: asking for them
// is asking for the page without them.
var paramDefaults = map[string]string{form.FieldPage: "1", form.FieldSort: string(models.SortNewest)}

// numericParams are the parameters that hold a whole number, written canonically without
// sign or leading zeros.
var numericParams = map[string]bool{form.FieldPage: true, form.FieldYear: true}

// canonicalQuery is what a page reads of a query: only the allowed parameters, each once
// (its first value, as the page reads it), only when not empty nor the default, numbers
// in their plain form.
func canonicalQuery(q url.Values, allowed []string) url.Values {
	out := url.Values{}
	for _, name := range allowed {
		v := q.Get(name)
		if n, err := strconv.Atoi(v); err == nil && numericParams[name] {
			v = strconv.Itoa(n)
		}
		if v != "" && v != paramDefaults[name] {
			out.Set(name, v)
		}
	}
	return out
}

// cacheSignedIn keeps the start pages of signed-in users (the dashboard, the inbox, the
// officials' lists), each for its own session and CSRF token only, in a cache apart from
// the visitors'. An entry holds while nothing has been written since it was rendered.
func (h *Handler) cacheSignedIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		s := currentSession(c)
		if s == nil || sessionUser(s) == nil || s.ID == "" {
			return next(c)
		}
		key := s.ID + "|" + csrfToken(c) + "|" + string(currentLocale(c)) + "|" + h.store.Today().Format("2006-01-02") + "|" + c.Request().URL.RequestURI()
		return h.serveCached(c, next, h.private, key, "", func(v models.DataVersions) uint64 { return v.Content }, true)
	}
}

// serveCached answers a GET or HEAD from cache when it holds the page at the database's
// current version (as pick reads it from the data versions), and otherwise renders it,
// keeps it and sends it. The versions are read before the page's data, so a page is
// never kept under a version newer than what it shows.
func (h *Handler) serveCached(c echo.Context, next echo.HandlerFunc, cache *pageCache, key, scope string, pick func(models.DataVersions) uint64, private bool) error {
	if r := c.Request(); r.Method != http.MethodGet && r.Method != http.MethodHead {
		return next(c)
	}
	versions, err := dataVersions(c.Request(), h.versions)
	if err != nil {
		return err
	}
	version := pick(versions)
	if p := cache.get(key, version, h.versions.scopes.unchanged); p != nil {
		c.Response().Header().Set("X-Cache", "hit")
		h.cfg.Metrics.cacheLookup(cache.name, true)
		return sendPage(c, p, private)
	}
	c.Response().Header().Set("X-Cache", "miss")
	h.cfg.Metrics.cacheLookup(cache.name, false)
	if cache.max == 0 {
		// No cache (derap serve --page-cache-mb 0): every request renders its own page.
		p, err := renderToKeep(c, next, key, version, false)
		if err != nil || p == nil {
			return err
		}
		return sendPage(c, p, private)
	}
	// Requests that miss the same page at the same version render it once: after a
	// publication every reader of the home page misses at the same moment, and without
	// this each of them would render the page again.
	leader := false
	shared, err, _ := cache.flight.Do(key+"|"+strconv.FormatUint(version, 10), func() (any, error) {
		leader = true
		p, err := renderToKeep(c, next, key, version, true)
		if p != nil {
			p.scope = scope
			cache.put(p)
		}
		return p, err
	})
	p, _ := shared.(*cachedPage)
	switch {
	case leader && (err != nil || p == nil):
		return err // an error, or a response not to keep, which went out as it was written
	case !leader && (err != nil || p == nil):
		// The page rendered for another request could not be kept: render this one.
		if p, err = renderToKeep(c, next, key, version, false); err != nil || p == nil {
			return err
		}
	}
	return sendPage(c, p, private)
}

// renderToKeep renders a page through next into a buffer and returns it ready to keep:
// an HTML page or a file made from the data (the register's CSV, Excel and JSON files,
// the feeds, the sitemap), which costs far more to make than a page, with the headers the
// handler gave it. A response that is not one to keep (an error page, a redirect, a 304,
// one the handler compressed itself) goes out as it was written, and the page returned
// is nil. A page that will be kept is compressed well; one sent once, quickly.
func renderToKeep(c echo.Context, next echo.HandlerFunc, key string, version uint64, keep bool) (*cachedPage, error) {
	real := c.Response().Writer
	buffered := &bufferedResponse{ResponseWriter: real}
	before := c.Response().Header().Clone()
	c.Response().Writer = buffered
	err := next(c)
	c.Response().Writer = real
	if err != nil {
		return nil, err
	}
	status := buffered.status
	header := c.Response().Header()
	contentType := header.Get("Content-Type")
	if status != http.StatusOK || contentType == "" || header.Get("Content-Encoding") != "" {
		// Not a page to keep (a redirect, say): send it as it was written.
		c.Response().Committed = false
		if status == 0 {
			status = http.StatusOK
		}
		c.Response().WriteHeader(status)
		_, werr := real.Write(buffered.buf.Bytes())
		return nil, werr
	}
	body := buffered.buf.Bytes() // this request's own buffer: cloned below only if kept plain
	sum := sha256.Sum256(body)
	c.Response().Committed = false
	p := &cachedPage{key: key, version: version, contentType: contentType, etag: `"` + hex.EncodeToString(sum[:16]) + `"`, body: body, plainBytes: len(body)}
	compress := gzipped
	if keep {
		compress = gzippedToKeep
	}
	if gz := compress(body); len(gz) < len(body)*9/10 {
		p.gz = gz
		if len(body) > gzipOnlyOver {
			p.body = nil
		}
	}
	if p.body != nil && keep {
		p.body = bytes.Clone(body) // without the buffer's spare capacity
	}
	for name, values := range header {
		if !sentByTheCache[name] && !slices.Equal(before[name], values) {
			if p.header == nil {
				p.header = http.Header{}
			}
			p.header[name] = slices.Clone(values)
		}
	}
	return p, nil
}
