package handlers

import (
	"sync"

	"github.com/labstack/echo/v4"

	"derap/models"
)

// bureauCache keeps the bureau's contact, which the footer of every page shows, under the
// database's public data version it was read at: any write that may change a public page
// (a save of the contact among them, by any server or the derap command) moves that
// version on, and the next page reads the contact again. A page thus costs no query for
// its footer while nothing public changes, and one when something did.
type bureauCache struct {
	mu      sync.Mutex
	read    bool
	version uint64
	contact models.BureauContact
}

// bureauContact is the bureau's contact as of the request's data versions: from the cache
// when it holds them, read otherwise (the versions first, then the contact, so that the
// contact kept is at least as new as the version it is kept under).
func (h *Handler) bureauContact(c echo.Context) (models.BureauContact, error) {
	versions, err := dataVersions(c.Request(), h.versions)
	if err != nil {
		return models.BureauContact{}, err
	}
	bc := &h.bureau
	bc.mu.Lock()
	if bc.read && bc.version == versions.Public {
		contact := bc.contact
		bc.mu.Unlock()
		return contact, nil
	}
	bc.mu.Unlock()
	contact, err := h.store.BureauContact(c.Request().Context())
	if err != nil {
		return models.BureauContact{}, err
	}
	bc.mu.Lock()
	bc.read, bc.version, bc.contact = true, versions.Public, contact
	bc.mu.Unlock()
	return contact, nil
}
