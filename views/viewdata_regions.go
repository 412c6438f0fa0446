package views

import (
	"slices"

	"derap/models"
	"derap/views/form"
)

// RegionListPage is the directory of regions with its filters.
type RegionListPage struct {
	Filter models.RegionFilter
	Groups []models.RegionGroup
	Map    models.ProgrammeMap
}

// Matches counts the regions that matched the filter.
func (p RegionListPage) Matches() int {
	n := 0
	for _, g := range p.Groups {
		if g.ProvinceMatches {
			n++
		}
		n += len(g.Members)
	}
	return n
}

// Filtered reports whether any filter is set.
func (p RegionListPage) Filtered() bool {
	return p.Filter.Kind != "" || p.Filter.PartnersOnly || p.Filter.Query != ""
}

// RegionPage is the public page of a region; CanEdit offers the profile form to those
// who may edit it.
type RegionPage struct {
	models.RegionPage
	CanEdit bool
}

// ProfilePage is the form of a region's profile: the whole of it for officials (Full),
// the contact office alone for the region's delegate.
type ProfilePage struct {
	Region models.Region
	Full   bool
	Form   form.Profile
	Errors form.Errors
	Alert  Alert
}

// HasCommodity reports whether the form ticks a commodity.
func (p ProfilePage) HasCommodity(c string) bool { return slices.Contains(p.Form.Commodities, c) }
