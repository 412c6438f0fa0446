package handlers

import (
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// The programme page /monitoring and its files: what the published agreements have
// delivered, from accepted reports only (the models count nothing else). Visitors get the
// page from the page cache, which a committed write (an accepted report) invalidates.

// showMonitoring serves the programme page with its charts and tables.
func (h *Handler) showMonitoring(c echo.Context) error {
	figures, err := h.monitoringFigures(c.Request())
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.MonitoringProgrammePage(views.MonitoringPage{Figures: figures}))
}

// monitoringFile is one of the programme page's CSV files: how it is written and the name
// it is saved under.
type monitoringFile struct {
	name   string
	encode func(models.MonitoringFigures, *url.URL) ([]byte, error)
}

var (
	supplyCSV = monitoringFile{views.SupplyFileName, func(f models.MonitoringFigures, _ *url.URL) ([]byte, error) {
		return views.MonitoringSupplyCSV(f)
	}}
	trainingCSV = monitoringFile{views.TrainingFileName, func(f models.MonitoringFigures, _ *url.URL) ([]byte, error) {
		return views.MonitoringTrainingCSV(f)
	}}
	exchangesCSV = monitoringFile{views.ExchangesFileName, views.MonitoringExchangesCSV}
)

// monitoringCSV serves one of the programme's figures as CSV, open to any site's scripts,
// with a strong ETag of its content (a 304 while nothing changed), gzipped on request.
func (h *Handler) monitoringCSV(file monitoringFile) echo.HandlerFunc {
	return func(c echo.Context) error {
		openToAll(c)
		figures, err := h.monitoringFigures(c.Request())
		if err != nil {
			return err
		}
		body, err := file.encode(figures, h.cfg.BaseURL)
		if err != nil {
			return err
		}
		return sendOpenData(c, mimeCSV, file.name, body)
	}
}
