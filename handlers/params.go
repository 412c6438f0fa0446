package handlers

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views/form"
)

// Path parameters name records; one that cannot name any (not a number, not a region
// code) is a page that does not exist, 404, like a record that does not.

// idParam reads the record ID in a path.
func idParam(c echo.Context) (uint, error) { return uintParam(c, "id") }

// uintParam reads a numeric path parameter.
func uintParam(c echo.Context, name string) (uint, error) {
	id, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || id == 0 {
		return 0, notFound
	}
	return uint(id), nil
}

// regionParam reads a Kemendagri region code in a path.
func regionParam(c echo.Context) (string, error) {
	code := c.Param("code")
	if !models.IsRegionCode(code) {
		return "", notFound
	}
	return code, nil
}

// formValues is the request's form, parsed once (urlencoded or multipart).
func formValues(c echo.Context) (url.Values, error) {
	v, err := c.FormParams()
	if err != nil {
		return nil, badRequest(err)
	}
	return v, nil
}

// pageParam reads the page number a paginated list asks for (1 when none).
func pageParam(c echo.Context) (int, error) {
	v := c.QueryParam(form.FieldPage)
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > form.MaxPage {
		return 0, fmt.Errorf("%w: page %q", form.ErrMalformed, v)
	}
	return n, nil
}
