package handlers

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
	"derap/views/form"
)

// routes is the site map: every URL the portal answers, in one place. The links to them
// are built by views/urls.go alone; a test proves each builds a path registered here.
func (h *Handler) routes(e *echo.Echo) {
	readMethods := []string{http.MethodGet, http.MethodHead}

	// Public pages; for visitors who are not signed in, served from the page cache
	// (with the query parameters each reads)
	public := func(path string, handler echo.HandlerFunc, params ...string) {
		e.Match(readMethods, path, handler, h.cachePublic(params...))
	}
	public("/", h.showHome)
	public("/agreements", h.listAgreements, form.AgreementFilterParams...)
	// the list's agreements (every page) as files, filtered and ordered as the list (opendata.go)
	public("/agreements.csv", h.wholeRegister(h.registerDownload(agreementsCSV)), form.RegisterParams...)
	public("/agreements/parties.csv", h.wholeRegister(h.registerDownload(partiesCSV)), form.RegisterParams...)
	public("/agreements.xlsx", h.wholeRegister(h.registerDownload(agreementsXLSX)), form.RegisterParams...)
	public("/agreements.json", h.wholeRegister(h.registerDownload(agreementsJSON)), form.RegisterParams...)
	// an agreement's and a region's pages are kept across the publications of others
	e.Match(readMethods, "/agreements/:id", h.showAgreement, h.cachePublicScoped(agreementPageScope)) // also /agreements/{id}.json
	// a published agreement's sign-off certificate: its page, its PDF and its QR code
	public("/agreements/:id/certificate", h.showCertificate)
	e.Match(readMethods, "/agreements/:id/certificate.pdf", h.certificatePDF)
	e.Match(readMethods, "/agreements/:id/certificate.png", h.certificateQR)
	public("/regions", h.listRegions, form.RegionFilterParams...)
	public("/regions.json", h.regionsJSON)
	e.Match(readMethods, "/regions/:code", h.showRegion, h.cachePublicScoped(regionPageScope))
	public("/events", h.listEvents, form.FieldPage)
	public("/events.json", h.wholeRegister(h.eventsJSON))
	public("/events/:id", h.showEvent) // also /events/{id}.ics
	public("/about", h.showAbout)
	// What the published agreements deliver: the programme's figures and their files (monitoring.go)
	public("/monitoring", h.showMonitoring)
	public("/monitoring/supply.csv", h.monitoringCSV(supplyCSV))
	public("/monitoring/training.csv", h.monitoringCSV(trainingCSV))
	public("/monitoring/exchanges.csv", h.monitoringCSV(exchangesCSV))
	// The public record for machines: open data, feeds and what crawlers read
	public("/data", h.showDataPage)
	public("/data/register.schema.json", h.registerSchema) // the JSON files' schema, at an address that stays
	public("/agreements.atom", h.agreementsFeed)
	public("/events.atom", h.eventsFeed)
	// The audit chain's signed checkpoints, for anyone to keep and compare (checkpoints.go)
	public("/audit/checkpoints", h.listCheckpoints, form.FieldPage)
	public("/audit/checkpoints.json", h.checkpointsJSON, form.FieldPage)
	public("/audit/checkpoints.atom", h.checkpointsFeed)
	public("/sitemap.xml", h.wholeRegister(h.showSitemap))
	public("/robots.txt", h.showRobots)
	// Search results are rendered for each request, never kept: the words people type
	// are unbounded, and the page cache is for the pages every visitor reads
	e.Match(readMethods, "/search", h.search)
	e.Match(readMethods, "/events.ics", h.calendar)
	e.Match(readMethods, "/documents/:id", h.serveDocument)
	// Verifying a file or a SHA-256: a form with a token for every visitor, never cached;
	// each check is counted per client address (verify.go)
	e.Match(readMethods, verifyPath, h.showVerify, noStore)
	e.POST(verifyPath, h.checkVerify, noStore)

	// Signing in and out
	e.Match(readMethods, "/login", h.showLogin, noStore)
	e.POST("/login", h.submitLogin, noStore)
	e.POST("/logout", h.logout)
	e.Match(readMethods, "/invitations/:token", h.showInvitation, noStore)
	e.POST("/invitations/:token", h.acceptInvitation, noStore)

	// Every signed-in user (the models decide whose region's profile)
	e.Match(readMethods, "/regions/:code/profile", h.editProfile, requireRole())
	e.POST("/regions/:code/profile", h.saveProfile, requireRole())
	// Implementation monitoring: an activity's page and its reports, for officials and the
	// delegate of the activity's region (activity_*.go, report_*.go)
	e.Match(readMethods, "/activities/:id", h.showActivity, requireRole())
	e.Match(readMethods, "/activities/:id/reports/new", h.newReport, requireRole())
	e.POST("/activities/:id/reports", h.createReport, requireRole())
	e.Match(readMethods, "/reports/:id", h.showReport, requireRole())
	e.Match(readMethods, "/reports/:id/edit", h.editReport, requireRole())
	e.POST("/reports/:id", h.resubmitReport, requireRole())
	// a report's evidence documents: staff, and its region's delegate until it is accepted
	// (the models decide; report_documents.go)
	e.POST("/reports/:id/documents", h.uploadReportDocument, requireRole())
	e.POST("/reports/:id/documents/:document/remove", h.removeReportDocument, requireRole())
	account := e.Group("/account", requireRole())
	account.Match(readMethods, "", h.showAccount)
	account.POST("/password", h.changePassword)
	account.POST("/settings", h.saveAccountSettings)

	// A message's unsubscribe link, without signing in: its signed token is the authority
	// (csrf.go lets its POST through, as mail programs send it)
	e.Match(readMethods, unsubscribePath, h.showUnsubscribe, noStore)
	e.POST(unsubscribePath, h.unsubscribe, noStore)

	// Regional delegates
	delegate := requireRole(models.RoleDelegate)
	e.Match(readMethods, "/inbox", h.showInbox, delegate, h.cacheSignedIn)
	e.Match(readMethods, "/inbox/audit", h.showAuditLog, delegate) // the audit log of their region
	e.Match(readMethods, "/inbox/activities", h.listActivitiesToReport, delegate)
	e.POST("/agreements/:id/parties/:party/confirm", h.confirmParty, delegate)
	e.POST("/agreements/:id/parties/:party/decline", h.declineParty, delegate)

	// The office: officials and administrators
	office := e.Group("/office", requireRole(models.RoleOfficial, models.RoleAdmin))
	office.Match(readMethods, "", h.showDashboard, h.cacheSignedIn)
	office.Match(readMethods, "/agreements", h.listOfficeAgreements, h.cacheSignedIn)
	office.Match(readMethods, "/search", h.searchOffice)
	office.Match(readMethods, "/audit", h.showAuditLog) // the whole audit log, filtered (audit_log.go)
	office.Match(readMethods, "/agreements/new", h.newAgreement)
	office.Match(readMethods, "/agreements/parents", h.suggestParents) // the draft form's parent suggestions (JSON)
	office.POST("/agreements", h.createAgreement)
	office.Match(readMethods, "/agreements/:id", h.showOfficeAgreement)
	office.Match(readMethods, "/agreements/:id/edit", h.editAgreement)
	office.POST("/agreements/:id", h.updateAgreement)
	office.POST("/agreements/:id/send", h.sendAgreement)
	office.POST("/agreements/:id/withdraw", h.withdrawAgreement)
	office.POST("/agreements/:id/sign", h.signAgreement)
	office.POST("/agreements/:id/publish", h.publishAgreement)
	office.POST("/agreements/:id/unpublish", h.unpublishAgreement)
	office.POST("/agreements/:id/terminate", h.terminateAgreement)
	office.POST("/agreements/:id/documents", h.uploadAgreementDocument)
	office.Match(readMethods, "/events", h.listOfficeEvents, h.cacheSignedIn)
	office.Match(readMethods, "/events/new", h.newEvent)
	office.POST("/events", h.createEvent)
	office.Match(readMethods, "/events/:id", h.editEvent)
	office.POST("/events/:id", h.updateEvent)
	office.POST("/events/:id/delete", h.deleteEvent)
	office.POST("/events/:id/documents", h.uploadEventDocument)
	office.POST("/events/:id/documents/:document/remove", h.removeEventDocument)
	office.POST("/documents/:id/remove", h.removeDocument)
	// the implementation plan of a signed agreement, and the review of reports
	office.Match(readMethods, "/agreements/:id/activities/new", h.newActivity)
	office.POST("/agreements/:id/activities", h.createActivity)
	office.Match(readMethods, "/activities/:id", h.editActivity)
	office.POST("/activities/:id", h.updateActivity)
	office.POST("/activities/:id/delete", h.deleteActivity)
	office.POST("/reports/:id/accept", h.acceptReport)
	office.POST("/reports/:id/return", h.returnReport)
	office.Match(readMethods, "/monitoring", h.showOfficeMonitoring)
	office.Match(readMethods, "/outbox", h.showOutbox)
	office.Match(readMethods, "/outbox/:id", h.showOutboxMessage)
	office.POST("/outbox/:id/retry", h.retryMessage)

	// Administrators only
	users := office.Group("/users", requireRole(models.RoleAdmin))
	users.Match(readMethods, "", h.listUsers)
	users.POST("", h.inviteUser)
	users.POST("/:id/disable", h.disableUser)
	users.POST("/:id/enable", h.enableUser)
	users.POST("/:id/end-sessions", h.endUserSessions)
	users.POST("/:id/invitation", h.reinviteUser)
	settings := office.Group("/settings", requireRole(models.RoleAdmin))
	settings.Match(readMethods, "", h.editSettings)
	settings.POST("", h.saveSettings)

	// Machinery
	e.Match(readMethods, "/healthz", h.health)
	e.Match(readMethods, "/static/*", h.serveStatic)
	e.Match(readMethods, "/favicon.ico", h.favicon)
	e.Match(readMethods, "/admin*", h.movedToOffice) // the office's address until November 2026
}

// unsubscribePath is the route of a message's unsubscribe link.
const unsubscribePath = "/unsubscribe/:token"

// movedToOffice sends bookmarks of the office's old address to its new one.
func (h *Handler) movedToOffice(c echo.Context) error {
	rest, ok := strings.CutPrefix(c.Request().URL.Path, "/admin")
	if !ok || (rest != "" && !strings.HasPrefix(rest, "/")) {
		return notFound
	}
	target := string(views.OfficeURL()) + rest
	if q := c.Request().URL.RawQuery; q != "" {
		target += "?" + q
	}
	return c.Redirect(http.StatusMovedPermanently, target)
}
