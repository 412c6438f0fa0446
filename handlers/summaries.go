package handlers

import (
	"context"
	"net/http"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"

	"derap/models"
)

// publicSummaries keeps what public pages show of the whole register — the list's filter
// choices, the programme map, the programme's delivered figures, the 552 regions the
// directory groups — under the public counter they were read at. The first two are a few
// hundred index probes (one per region, 1–2 ms), the figures three aggregates over every
// accepted report, the regions 552 rows: small for one page,
// but every list, home and directory page paid its share on every render, the pages the
// page cache cannot spare after a publication. Kept here, a change of the register costs it once, whichever
// page asks first, and every page rendered until the next change shares it. The page cache
// off (--page-cache-mb 0) does not turn this off: it only spares the same answer, read
// again, and it follows the database's counter as the page cache does.
type publicSummaries struct {
	facets   versioned[models.AgreementFacets]
	mapShown versioned[models.ProgrammeMap]
	figures  versioned[models.MonitoringFigures]
	regions  versioned[[]models.Region]
}

// agreementFacets returns the public list's filter choices as of the request's counters.
func (h *Handler) agreementFacets(r *http.Request) (models.AgreementFacets, error) {
	return summaryAt(h, r, &h.summaries.facets, h.store.PublishedAgreementFacets)
}

// programmeMap returns the programme map as of the request's counters.
func (h *Handler) programmeMap(r *http.Request) (models.ProgrammeMap, error) {
	return summaryAt(h, r, &h.summaries.mapShown, h.store.ProgrammeMapData)
}

// monitoringFigures returns what the published agreements have delivered as of the
// request's counters.
func (h *Handler) monitoringFigures(r *http.Request) (models.MonitoringFigures, error) {
	return summaryAt(h, r, &h.summaries.figures, h.store.Figures)
}

// regionDirectory returns the directory of regions f selects as of the request's counters.
func (h *Handler) regionDirectory(r *http.Request, f models.RegionFilter) ([]models.RegionGroup, error) {
	all, err := summaryAt(h, r, &h.summaries.regions, h.store.RegionList)
	if err != nil {
		return nil, err
	}
	return h.store.RegionDirectoryOf(r.Context(), all, f)
}

// summaryAt reads a summary for the public counter the request sees.
func summaryAt[T any](h *Handler, r *http.Request, m *versioned[T], load func(context.Context) (T, error)) (T, error) {
	v, err := dataVersions(r, h.versions)
	if err != nil {
		var zero T
		return zero, err
	}
	return m.get(r.Context(), v.Public, load)
}

// versioned is one value read from the database, kept under the counter read before it
// was: a value read after the counter can only be as new or newer than the counter says,
// so a request that read the same counter may take it. Requests that ask while it is
// being read wait for that read rather than start their own.
type versioned[T any] struct {
	mu      sync.Mutex
	current *versionedRead[T]
}

// versionedRead is one read of the value and those waiting for it.
type versionedRead[T any] struct {
	version uint64
	done    chan struct{}
	value   T
	err     error
}

// get returns the value as of version, reading it when what is kept is older. A request
// holding an older counter than the kept value's (it read the counter just before a
// change) reads for itself and keeps nothing, so what is kept never goes back.
func (m *versioned[T]) get(ctx context.Context, version uint64, load func(context.Context) (T, error)) (T, error) {
	m.mu.Lock()
	r := m.current
	switch {
	case r != nil && r.version == version:
		m.mu.Unlock()
		select {
		case <-r.done:
		case <-ctx.Done():
			var zero T
			return zero, ctx.Err()
		}
		if r.err == nil {
			return r.value, nil
		}
		// The read it waited for failed (its request gave up, say): read for itself.
		return load(ctx)
	case r != nil && r.version > version:
		m.mu.Unlock()
		return load(ctx)
	}
	r = &versionedRead[T]{version: version, done: make(chan struct{})}
	m.current = r
	m.mu.Unlock()
	r.value, r.err = load(ctx)
	close(r.done)
	if r.err != nil {
		m.mu.Lock()
		if m.current == r {
			m.current = nil
		}
		m.mu.Unlock()
	}
	return r.value, r.err
}

// agreementPageScope is the scope of an agreement's page or JSON record, from its path;
// "" (any change may touch it) when the path names no agreement by its plain number.
func agreementPageScope(c echo.Context) string {
	param, _ := isAgreementData(c.Param("id"))
	id, err := strconv.ParseUint(param, 10, 32)
	if err != nil || id == 0 || strconv.FormatUint(id, 10) != param {
		return ""
	}
	return models.AgreementScope(uint(id))
}

// regionPageScope is the scope of a region's page, from its path.
func regionPageScope(c echo.Context) string {
	return models.RegionScope(c.Param("code"))
}
