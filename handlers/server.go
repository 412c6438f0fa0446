// Package handlers is the portal's web layer: routing, reading requests, calling models,
// choosing a view and mapping errors to status codes. It is the only package that knows
// Echo, so a move to Echo v5 touches this folder alone.
package handlers

import (
	"context"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"derap/models"
)

// Store is what the handlers need from the models layer.
type Store interface {
	Ping(ctx context.Context) error
	Today() time.Time
	HomePage(ctx context.Context, agreements, events int) (models.Home, error)
	PublishedAgreements(ctx context.Context, f models.AgreementFilter, perPage int) (models.AgreementPage, error)
	PublishedAgreementFacets(ctx context.Context) (models.AgreementFacets, error)
	PublishedAgreement(ctx context.Context, id uint) (models.AgreementView, error)
	RegionDirectory(ctx context.Context, f models.RegionFilter) ([]models.RegionGroup, error)
	RegionPageByCode(ctx context.Context, code string) (models.RegionPage, error)
	Events(ctx context.Context, limit int) ([]models.Event, error)
	EventByID(ctx context.Context, id uint) (models.Event, error)
}

// Config is how the web layer is set up.
type Config struct {
	// PerPage is the length of a page of agreements.
	PerPage int
}

// Handler holds what every handler needs; each action is one of its methods.
type Handler struct {
	store Store
	cfg   Config
	log   *slog.Logger
}

// New builds the portal's web server: middleware, the route table and the error pages.
func New(store Store, cfg Config, log *slog.Logger) *echo.Echo {
	if cfg.PerPage <= 0 {
		cfg.PerPage = 20
	}
	h := &Handler{store: store, cfg: cfg, log: log}
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = h.handleError
	e.Use(
		middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
			LogMethod: true, LogURIPath: true, LogStatus: true, LogLatency: true,
			LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
				h.log.Info("request", "method", v.Method, "path", v.URIPath, "status", v.Status, "latency", v.Latency.Round(time.Microsecond))
				return nil
			},
		}),
		middleware.RecoverWithConfig(middleware.RecoverConfig{
			LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
				h.log.Error("panic", "path", c.Request().URL.Path, "err", err, "stack", string(stack))
				return err
			},
		}),
		securityHeaders,
		h.requestContext,
	)
	h.routes(e)
	return e
}
