// Package static embeds the portal's stylesheets, images and scripts and names each by a
// hash of its content, so browsers may keep a file for a year and still never see a stale
// one.
package static

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"path"
	"strings"

	"github.com/klauspost/compress/gzip"
)

//go:generate go run ./precompress

//go:embed css img js map
var files embed.FS

// Prefix is the URL path every static file is served under.
const Prefix = "/static/"

// Asset is one embedded file.
type Asset struct {
	Name        string // path inside the embedded tree, e.g. css/site.css
	URL         string // e.g. /static/css/site.3f2a9c1d7e6b.css
	ContentType string
	ETag        string // strong, from the content hash
	Data        []byte
	Gzip        []byte // the data gzipped at build time, when that saves; nil otherwise
}

// GzipSuffix ends the name of a file's gzipped copy, written beside it at build time by
// go generate (static/precompress) and embedded with it.
const GzipSuffix = ".gz"

// Gzip compresses a file as the build does: at the best compression, with no name or
// time in the header, so that every machine writes the same bytes. ok is false when it
// saves less than a tenth: such a file is served as it is.
func Gzip(data []byte) (gz []byte, ok bool) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, false
	}
	_, _ = w.Write(data)
	_ = w.Close()
	return buf.Bytes(), buf.Len() < len(data)*9/10
}

var (
	byName = map[string]*Asset{}
	byURL  = map[string]*Asset{}
)

func init() {
	err := fs.WalkDir(files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, GzipSuffix) {
			return err
		}
		data, err := files.ReadFile(name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])
		ext := path.Ext(name)
		a := &Asset{
			Name:        name,
			URL:         Prefix + strings.TrimSuffix(name, ext) + "." + hash[:12] + ext,
			ContentType: mime.TypeByExtension(ext),
			ETag:        `"` + hash[:32] + `"`,
			Data:        data,
		}
		if a.ContentType == "" {
			a.ContentType = "application/octet-stream"
		}
		// Compressed when the portal was built, not when it starts.
		if gz, err := files.ReadFile(name + GzipSuffix); err == nil {
			a.Gzip = gz
		}
		byName[name] = a
		byURL[a.URL] = a
		return nil
	})
	if err != nil {
		panic(err)
	}
}

// Path returns the hashed URL of an embedded file. It panics on an unknown name, which
// only a programming error can cause and every rendered page would show at once.
func Path(name string) string {
	a, ok := byName[name]
	if !ok {
		panic("static: no file " + name)
	}
	return a.URL
}

// Read returns the content of an embedded file, for code that draws with it (the map).
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Lookup finds the file a hashed URL names; an old hash or an unknown file is not found.
func Lookup(urlPath string) (*Asset, bool) {
	a, ok := byURL[urlPath]
	return a, ok
}
