package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"derap/models"
)

// routes is the site map: every URL the portal answers, in one place.
func (h *Handler) routes(e *echo.Echo) {
	readMethods := []string{http.MethodGet, http.MethodHead}

	// Public pages; for visitors who are not signed in, served from the page cache
	public := func(path string, handler echo.HandlerFunc) { e.Match(readMethods, path, handler, h.cachePublic) }
	public("/", h.showHome)
	public("/agreements", h.listAgreements)
	public("/agreements/:id", h.showAgreement)
	public("/regions", h.listRegions)
	public("/regions/:code", h.showRegion)
	public("/events", h.listEvents)
	public("/events/:id", h.showEvent) // also /events/{id}.ics
	public("/about", h.showAbout)
	e.Match(readMethods, "/events.ics", h.calendar)
	e.Match(readMethods, "/documents/:id", h.serveDocument)

	// Signing in and out
	e.Match(readMethods, "/login", h.showLogin, noStore)
	e.POST("/login", h.submitLogin, noStore)
	e.POST("/logout", h.logout)
	e.Match(readMethods, "/invitations/:token", h.showInvitation, noStore)
	e.POST("/invitations/:token", h.acceptInvitation, noStore)

	// Every signed-in user (the models decide whose region's profile)
	e.Match(readMethods, "/regions/:code/profile", h.editProfile, requireRole())
	e.POST("/regions/:code/profile", h.saveProfile, requireRole())
	account := e.Group("/account", requireRole())
	account.Match(readMethods, "", h.showAccount)
	account.POST("/password", h.changePassword)

	// Regional delegates
	delegate := requireRole(models.RoleDelegate)
	e.Match(readMethods, "/inbox", h.showInbox, delegate, h.cacheSignedIn)
	e.POST("/agreements/:id/parties/:party/confirm", h.confirmParty, delegate)
	e.POST("/agreements/:id/parties/:party/decline", h.declineParty, delegate)

	// Officials and administrators
	admin := e.Group("/admin", requireRole(models.RoleOfficial, models.RoleAdmin))
	admin.Match(readMethods, "", h.showDashboard, h.cacheSignedIn)
	admin.Match(readMethods, "/agreements", h.listWork, h.cacheSignedIn)
	admin.Match(readMethods, "/agreements/new", h.newAgreement)
	admin.POST("/agreements", h.createAgreement)
	admin.Match(readMethods, "/agreements/:id", h.showWork)
	admin.Match(readMethods, "/agreements/:id/edit", h.editAgreement)
	admin.POST("/agreements/:id", h.updateAgreement)
	admin.POST("/agreements/:id/send", h.sendAgreement)
	admin.POST("/agreements/:id/withdraw", h.withdrawAgreement)
	admin.POST("/agreements/:id/sign", h.signAgreement)
	admin.POST("/agreements/:id/publish", h.publishAgreement)
	admin.POST("/agreements/:id/unpublish", h.unpublishAgreement)
	admin.POST("/agreements/:id/terminate", h.terminateAgreement)
	admin.POST("/agreements/:id/documents", h.uploadAgreementDocument)
	admin.Match(readMethods, "/events", h.listEventWork, h.cacheSignedIn)
	admin.Match(readMethods, "/events/new", h.newEvent)
	admin.POST("/events", h.createEvent)
	admin.Match(readMethods, "/events/:id", h.editEvent)
	admin.POST("/events/:id", h.updateEvent)
	admin.POST("/events/:id/delete", h.deleteEvent)
	admin.POST("/events/:id/documents", h.uploadEventDocument)
	admin.POST("/documents/:id/remove", h.removeDocument)

	// Administrators only
	users := admin.Group("/users", requireRole(models.RoleAdmin))
	users.Match(readMethods, "", h.listUsers)
	users.POST("", h.inviteUser)
	users.POST("/:id/disable", h.disableUser)
	users.POST("/:id/enable", h.enableUser)
	users.POST("/:id/end-sessions", h.endUserSessions)
	users.POST("/:id/invitation", h.reinviteUser)

	// Machinery
	e.Match(readMethods, "/healthz", h.health)
	e.Match(readMethods, "/static/*", h.serveStatic)
	e.Match(readMethods, "/favicon.ico", h.favicon)
}
