package handlers

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// auditPerPage is how many entries a page of the audit log shows.
const auditPerPage = 50

// showAuditLog serves the audit log: every entry for officials and administrators at the
// office's address, a delegate's region's entries at the inbox's; the models decide what
// each may read.
func (h *Handler) showAuditLog(c echo.Context) error {
	ctx := c.Request().Context()
	raw := form.ParseAuditFilter(c.QueryParams())
	status := http.StatusOK
	filter, err := raw.Validate()
	var invalid *models.ValidationError
	if errors.As(err, &invalid) {
		status = http.StatusUnprocessableEntity
	} else if err != nil {
		return err
	}
	choices, err := h.store.AuditChoicesFor(ctx, actor(c))
	if err != nil {
		return err
	}
	log, err := h.store.AuditLog(ctx, actor(c), filter, auditPerPage)
	if err != nil {
		return err
	}
	return h.render(c, status, views.AuditLogView(views.AuditLogPage{
		Filter: raw, Errors: invalid, Log: log, Choices: choices, Region: choices.Region.Code, RegionName: choices.Region.Name, Query: c.QueryParams(),
	}))
}
