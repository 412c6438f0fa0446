package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"derap/models"
)

// healthReport is what /healthz tells load balancers, monitors and operators.
type healthReport struct {
	Status            string        `json:"status"`
	Engine            models.Engine `json:"engine,omitempty"`
	SchemaVersion     int64         `json:"schema_version,omitempty"`
	SchemaNewest      int64         `json:"schema_newest,omitempty"` // the newest this program knows
	MigrationsPending bool          `json:"migrations_pending"`
	// Reason says why the portal is unavailable: the database does not answer, cannot
	// save (a full disk, a read-only file), or its disk is nearly full.
	Reason string `json:"reason,omitempty"`
}

// health answers 200 when the database answers and takes a write, with its engine and
// whether its schema is the one this program knows (migrations pending means a database
// restored from an older backup, say, that this server did not migrate); 503 with the
// reason when the database does not answer, cannot save, or its disk is nearly full.
func (h *Handler) health(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	c.Response().Header().Set("Cache-Control", "no-store")
	report := healthReport{Status: "ok", Engine: h.store.Engine()}
	err := h.store.Ping(ctx)
	if err == nil {
		report.SchemaVersion, report.SchemaNewest, err = h.store.SchemaVersion(ctx)
	}
	if err != nil {
		report.Reason = "the database does not answer"
	} else if err = h.store.ProbeWrite(ctx); err != nil {
		report.Reason = "the database cannot save"
		var u *models.UnavailableError
		if errors.As(err, &u) {
			report.Reason += ": " + u.Cause
		}
	} else if free, ok := h.store.FreeSpace(); ok && free < models.MinFreeSpace {
		report.Reason = fmt.Sprintf("the disk is nearly full: %d MiB free", free>>20)
		err = errors.New(report.Reason)
	}
	if err != nil {
		h.log.Warn("health check failed", "reason", report.Reason, "err", err)
		report.Status = "unavailable"
		return c.JSON(http.StatusServiceUnavailable, report)
	}
	report.MigrationsPending = report.SchemaVersion < report.SchemaNewest
	return c.JSON(http.StatusOK, report)
}
