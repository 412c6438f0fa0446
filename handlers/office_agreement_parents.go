package handlers

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// suggestParents answers the draft form's parent field as an official types in it: at
// most models.MaxParentSuggestions agreements whose number or title the words may mean,
// as JSON for the field's datalist (static/js/parent-suggest.js); an identifier typed
// whole gives its agreement. ?q= is what was typed;
// ?self= the draft being edited, which is never offered. The models refuse anyone but
// staff; the route admits officials and administrators alone.
func (h *Handler) suggestParents(c echo.Context) error {
	q := c.QueryParam(form.FieldQuery)
	if form.RuleOf(form.FieldParent).Problem(q) != "" {
		return c.JSON(http.StatusOK, []views.ParentSuggestion{}) // nothing a number or title holds
	}
	var self uint
	if s := c.QueryParam("self"); s != "" {
		id, err := strconv.ParseUint(s, 10, 32)
		if err != nil {
			return badRequest(err)
		}
		self = uint(id)
	}
	if ref, ok := form.ParseParentReference(q); ok && ref.ID != 0 {
		// an identifier names one agreement, which its words would not find
		a, err := h.store.ParentByReference(c.Request().Context(), actor(c), "", ref.ID)
		if errors.Is(err, models.ErrNotFound) || a.ID == self {
			return c.JSON(http.StatusOK, []views.ParentSuggestion{})
		}
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, views.ParentSuggestionsOf([]models.Agreement{a}))
	}
	found, err := h.store.ParentSuggestions(c.Request().Context(), actor(c), q, self, models.MaxParentSuggestions)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, views.ParentSuggestionsOf(found))
}
