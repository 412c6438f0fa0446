package handlers

import (
	"net/url"
	"strings"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// The register as open data: the public list's agreements (filtered and ordered as the
// list, all its pages) as CSV, Excel and JSON, one agreement, the regions and the events
// as JSON, and the JSON Schema they follow. Published data only, whoever asks: the models
// load nothing else. Every file may be read by any site's scripts (CORS), carries a strong
// ETag of its content and answers a conditional GET with 304.

// The media types of the files.
const (
	mimeCSV    = "text/csv; charset=utf-8; header=present"
	mimeXLSX   = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mimeJSON   = "application/json"
	mimeSchema = "application/schema+json"
)

// registerFile is one of the register's files of the list: how it is written, its
// address and the name it is saved under.
type registerFile struct {
	url         func(url.Values) templ.SafeURL
	contentType string
	name        string
	encode      func(models.Register, views.OpenDataSource) ([]byte, error)
}

var (
	agreementsCSV = registerFile{views.AgreementsCSVURL, mimeCSV, views.RegisterFileNames["csv"], views.RegisterCSV}
	partiesCSV    = registerFile{views.PartiesCSVURL, mimeCSV, views.RegisterFileNames["parties"], func(r models.Register, _ views.OpenDataSource) ([]byte, error) {
		return views.PartiesCSV(r)
	}}
	agreementsXLSX = registerFile{views.AgreementsXLSXURL, mimeXLSX, views.RegisterFileNames["xlsx"], views.RegisterXLSX}
	agreementsJSON = registerFile{views.AgreementsJSONURL, mimeJSON, views.RegisterFileNames["json"], views.RegisterJSON}
)

// registerDownload serves a file of the register as the list's filter and order select it.
func (h *Handler) registerDownload(file registerFile) echo.HandlerFunc {
	return func(c echo.Context) error {
		openToAll(c)
		q := fileQuery(c.QueryParams()) // the files hold every page
		filter, err := form.ParseAgreementFilter(q).Validate()
		if err != nil {
			return err
		}
		register, err := h.store.PublishedRegister(c.Request().Context(), filter)
		if err != nil {
			return err
		}
		body, err := file.encode(register, h.openDataSource(file.url(q)))
		if err != nil {
			return err
		}
		return sendOpenData(c, file.contentType, file.name, body)
	}
}

// wholeRegister lets as many files of the whole register (the register's CSV, Excel and
// JSON, all events, the sitemap) be built at once as there are cores, and queues the rest.
// Each holds the whole register in memory while it is written and keeps a core busy, so
// more at once would only push the server past its memory limit, not finish sooner. A
// request whose client gives up while queued leaves the queue.
func (h *Handler) wholeRegister(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		select {
		case h.files <- struct{}{}:
			defer func() { <-h.files }()
			return next(c)
		case <-c.Request().Context().Done():
			return c.Request().Context().Err()
		}
	}
}

// agreementJSON serves one published agreement as JSON; an agreement that is not
// published is not found, whoever asks.
func (h *Handler) agreementJSON(c echo.Context) error {
	openToAll(c)
	id, err := idParam(c)
	if err != nil {
		return err
	}
	record, err := h.store.PublishedRecord(c.Request().Context(), id)
	if err != nil {
		return err
	}
	body, err := views.AgreementJSON(record, h.openDataSource(views.AgreementJSONURL(id)))
	if err != nil {
		return err
	}
	return sendOpenData(c, mimeJSON, views.AgreementIdentifier(id)+".json", body)
}

// regionsJSON serves every region as JSON.
func (h *Handler) regionsJSON(c echo.Context) error {
	openToAll(c)
	regions, err := h.store.RegionRecords(c.Request().Context())
	if err != nil {
		return err
	}
	body, err := views.RegionsJSON(regions, h.openDataSource(views.RegionsJSONURL()))
	if err != nil {
		return err
	}
	return sendOpenData(c, mimeJSON, views.RegisterFileNames["regions"], body)
}

// eventsJSON serves every event as JSON.
func (h *Handler) eventsJSON(c echo.Context) error {
	openToAll(c)
	events, docs, err := h.store.EventRecords(c.Request().Context())
	if err != nil {
		return err
	}
	body, err := views.EventsJSON(events, docs, h.openDataSource(views.EventsJSONURL()))
	if err != nil {
		return err
	}
	return sendOpenData(c, mimeJSON, views.RegisterFileNames["events"], body)
}

// registerSchema serves the JSON Schema of the portal's JSON, at an address that stays.
func (h *Handler) registerSchema(c echo.Context) error {
	openToAll(c)
	return sendOpenData(c, mimeSchema, "", views.RegisterSchema)
}

// openDataSource says where a file comes from: the portal's address and the file's own.
func (h *Handler) openDataSource(self templ.SafeURL) views.OpenDataSource {
	return views.OpenDataSource{Base: h.cfg.BaseURL, Self: self, Today: h.store.Today()}
}

// fileQuery is the list's filter and order in a request, as the files' addresses carry it.
func fileQuery(q url.Values) url.Values {
	out := url.Values{}
	for _, name := range form.RegisterParams {
		if v := q.Get(name); v != "" {
			out.Set(name, v)
		}
	}
	return out
}

// openToAll lets any site's scripts read the response (the files are public) and the
// headers that tell them whether it changed and what it is called.
func openToAll(c echo.Context) {
	h := c.Response().Header()
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("Access-Control-Expose-Headers", "ETag, Content-Disposition")
}

// sendOpenData writes a file of the register, saved under name when one is given:
// gzipped when it is text (an Excel file is a zip already).
func sendOpenData(c echo.Context, contentType, name string, body []byte) error {
	if name != "" {
		c.Response().Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	}
	return sendMachineFile(c, contentType, body, "Accept-Encoding", contentType != mimeXLSX)
}

// agreementDataSuffix ends the address of an agreement's JSON: /agreements/{id}.json.
const agreementDataSuffix = ".json"

// isAgreementData reports whether an agreement's path parameter asks for its JSON, and
// gives the ID part.
func isAgreementData(param string) (string, bool) {
	return strings.CutSuffix(param, agreementDataSuffix)
}
