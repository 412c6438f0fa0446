// Package handlers is the portal's web layer: routing, reading requests, calling models,
// choosing a view and mapping errors to status codes. It is the only package that knows
// Echo, so a move to Echo v5 touches this folder alone.
package handlers

import (
	"context"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"derap/internal/notify"
	"derap/models"
)

// Store is what the handlers need from the models layer.
type Store interface {
	SessionStore
	Ping(ctx context.Context) error
	Engine() models.Engine
	SchemaVersion(ctx context.Context) (current, newest int64, err error)
	ProbeWrite(ctx context.Context) error
	ScopeChangesSince(ctx context.Context, since uint64) ([]models.ScopeChange, error)
	FreeSpace() (free uint64, ok bool)
	Today() time.Time
	HomePage(ctx context.Context, agreements, events int) (models.Home, error)
	PublishedAgreements(ctx context.Context, f models.AgreementFilter, perPage int) (models.AgreementResults, error)
	Search(ctx context.Context, actor models.Actor, q models.SearchQuery) (models.SearchResults, error)
	PublishedAgreementFacets(ctx context.Context) (models.AgreementFacets, error)
	PublishedRegister(ctx context.Context, f models.AgreementFilter) (models.Register, error)
	PublishedRecord(ctx context.Context, id uint) (models.Register, error)
	RegionRecords(ctx context.Context) ([]models.Region, error)
	EventRecords(ctx context.Context) ([]models.Event, map[uint][]models.Document, error)
	AgreementFor(ctx context.Context, actor models.Actor, id uint) (models.AgreementView, error)
	AgreementHistory(ctx context.Context, actor models.Actor, id uint) ([]models.AuditEntry, error)
	AuditLog(ctx context.Context, actor models.Actor, f models.AuditFilter, perPage int) (models.AuditLogPage, error)
	AuditChoicesFor(ctx context.Context, actor models.Actor) (models.AuditChoices, error)
	Certificate(ctx context.Context, id uint) (models.Certificate, error)
	RegionDirectory(ctx context.Context, f models.RegionFilter) ([]models.RegionGroup, error)
	RegionList(ctx context.Context) ([]models.Region, error)
	RegionDirectoryOf(ctx context.Context, all []models.Region, f models.RegionFilter) ([]models.RegionGroup, error)
	RegionPageByCode(ctx context.Context, code string) (models.RegionPage, error)
	ProgrammeMapData(ctx context.Context) (models.ProgrammeMap, error)
	Figures(ctx context.Context) (models.MonitoringFigures, error)
	Events(ctx context.Context, limit int) ([]models.Event, error)
	EventsPage(ctx context.Context, page, perPage int) (models.EventList, error)
	EventByID(ctx context.Context, id uint) (models.Event, error)
	RecentlyPublished(ctx context.Context, limit int) ([]models.Agreement, error)
	PublicPages(ctx context.Context) (models.PublicPages, error)
	CountVerification(ctx context.Context, clientIP string) error
	VerifyHash(ctx context.Context, sha string) (models.Verification, error)
	AuditCheckpoints(ctx context.Context, page, perPage int) (models.CheckpointList, error)

	SignIn(ctx context.Context, email, password, clientIP string, knownDevice bool) (models.User, error)
	DashboardFor(ctx context.Context, actor models.Actor, today time.Time, limit int) (models.Dashboard, error)
	DelegateInbox(ctx context.Context, actor models.Actor, limit int) (models.Inbox, error)
	OfficeAgreements(ctx context.Context, actor models.Actor, f models.OfficeFilter, perPage int) (models.AgreementResults, error)
	AgreementVersions(ctx context.Context, actor models.Actor, id uint) ([]models.VersionHistory, error)
	ParentByReference(ctx context.Context, actor models.Actor, number string, id uint) (models.Agreement, error)
	ParentSuggestions(ctx context.Context, actor models.Actor, typed string, self uint, limit int) ([]models.Agreement, error)
	Regions(ctx context.Context) ([]models.Region, error)
	PartyRegions(ctx context.Context) ([]models.Region, error)
	CreateDraft(ctx context.Context, actor models.Actor, in models.AgreementInput) (uint, error)
	UpdateDraft(ctx context.Context, actor models.Actor, id uint, in models.AgreementInput) error
	SendForConfirmation(ctx context.Context, actor models.Actor, id uint, seen uint64) (models.AgreementVersion, error)
	Withdraw(ctx context.Context, actor models.Actor, id uint, seen uint64) error
	RecordSigning(ctx context.Context, actor models.Actor, id uint, in models.SigningInput) error
	Publish(ctx context.Context, actor models.Actor, id uint, seen uint64) error
	Unpublish(ctx context.Context, actor models.Actor, id uint, seen uint64) error
	Terminate(ctx context.Context, actor models.Actor, id uint, in models.TerminationInput) error
	ConfirmParty(ctx context.Context, actor models.Actor, agreementID, partyID uint, hash, ownNumber, note string) error
	SaveEvent(ctx context.Context, actor models.Actor, id uint, in models.EventInput) (uint, error)
	DeleteEvent(ctx context.Context, actor models.Actor, id uint, seen uint64) error
	EventForEdit(ctx context.Context, actor models.Actor, id uint) (models.Event, error)
	EventAgreementChoices(ctx context.Context, actor models.Actor) ([]models.Agreement, error)
	AddDocument(ctx context.Context, actor models.Actor, owner models.OwnerType, ownerID uint, title, uploadedName string, r io.Reader, limit int64) (models.Document, error)
	RemoveDocument(ctx context.Context, actor models.Actor, id uint) (models.Document, error)
	RemoveDocumentOf(ctx context.Context, actor models.Actor, owner models.OwnerType, ownerID, id uint) (models.Document, error)
	Documents(ctx context.Context, owner models.OwnerType, ownerID uint) ([]models.Document, error)
	DocumentFor(ctx context.Context, actor models.Actor, id uint) (models.Document, io.Reader, error)
	RegionByCode(ctx context.Context, code string) (models.Region, error)
	SaveProfile(ctx context.Context, actor models.Actor, code string, in models.ProfileInput) error
	SaveContact(ctx context.Context, actor models.Actor, code string, in models.ContactInput) error
	BureauContact(ctx context.Context) (models.BureauContact, error)
	UpdateBureauContact(ctx context.Context, actor models.Actor, in models.BureauContactInput, seen uint64) (models.BureauContact, error)
	DeclineParty(ctx context.Context, actor models.Actor, agreementID, partyID uint, hash, reason string) error
	ChangePassword(ctx context.Context, actor models.Actor, current, next, keepSession string) error
	Users(ctx context.Context, actor models.Actor) ([]models.User, error)
	ActiveSessions(ctx context.Context, actor models.Actor, idle time.Duration) (map[uint]int, error)
	CreateUser(ctx context.Context, actor models.Actor, in models.UserInput) (models.User, string, error)
	SetUserActive(ctx context.Context, actor models.Actor, userID uint, active bool, seen uint64) error
	EndSessions(ctx context.Context, actor models.Actor, userID uint, seen uint64) error
	Reinvite(ctx context.Context, actor models.Actor, userID uint, seen uint64) (models.User, string, error)
	InvitedUser(ctx context.Context, token string) (models.User, error)
	NotificationPreferences(ctx context.Context, u *models.User) (map[models.NotificationKind]models.Delivery, error)
	SaveAccountSettings(ctx context.Context, actor models.Actor, in models.AccountSettingsInput) error
	Unsubscribe(ctx context.Context, userID uint, k models.NotificationKind) error
	Outbox(ctx context.Context, actor models.Actor, f models.OutboxFilter, perPage int) (models.OutboxPage, error)
	OutboxMessageByID(ctx context.Context, actor models.Actor, id uint) (models.OutboxMessage, error)
	RetryMessage(ctx context.Context, actor models.Actor, id uint) error
	DigestItems(ctx context.Context, digest models.OutboxMessage) ([]models.OutboxMessage, error)
	AcceptInvitation(ctx context.Context, visitor models.Actor, token, password string) (models.User, error)

	// Implementation monitoring: the plan, realisation reports and their review
	SaveActivity(ctx context.Context, actor models.Actor, agreementID, id uint, in models.ActivityInput) (uint, error)
	DeleteActivity(ctx context.Context, actor models.Actor, id uint, seen uint64) error
	ActivityFor(ctx context.Context, actor models.Actor, id uint) (models.Activity, models.Agreement, error)
	SubmitReport(ctx context.Context, actor models.Actor, activityID, reportID uint, in models.ReportInput) (uint, error)
	AcceptReport(ctx context.Context, actor models.Actor, reportID uint, seen uint64) error
	ReturnReport(ctx context.Context, actor models.Actor, reportID uint, seen uint64, note string) error
	ReportFor(ctx context.Context, actor models.Actor, id uint) (models.ActivityReport, models.Activity, error)
	ReportsOf(ctx context.Context, actor models.Actor, act *models.Activity) ([]models.ActivityReport, error)
	Progress(ctx context.Context, actor models.Actor, a *models.Agreement) (models.AgreementProgress, error)
	MonitoringQueueFor(ctx context.Context, actor models.Actor, limit int) (models.MonitoringQueue, error)
	ActivitiesToReport(ctx context.Context, actor models.Actor) ([]models.RegionActivity, error)
}

// Config is how the web layer is set up.
type Config struct {
	// BaseURL is where people reach the portal; https turns on secure cookies and HSTS.
	BaseURL *url.URL
	// SessionKey is the secret that signs and encrypts session cookies (32 bytes or more).
	SessionKey []byte
	// SessionIdle ends a session unused for this long; SessionMaxAge ends any session
	// this long after sign-in.
	SessionIdle   time.Duration
	SessionMaxAge time.Duration
	// TrustedProxies are the addresses whose X-Forwarded-For is believed; with none, the
	// client address is the connection's.
	TrustedProxies []*net.IPNet
	// PerPage is the length of a page of agreements.
	PerPage int
	// MaxUpload is the largest file an official may attach, in bytes.
	MaxUpload int64
	// PageCache is the memory for rendered visitors' pages, in bytes (16 MiB when 0);
	// signed-in users' start pages get half as much. NoPageCache renders every page
	// afresh, through the same path (compressed, with its ETag), keeping nothing: what
	// the benchmark's cold scenarios measure.
	PageCache   int
	NoPageCache bool
	// Metrics, when not nil, counts requests, cache lookups and sign-ins.
	Metrics *Metrics
	// MailConfigured says the portal has a mail server to send notifications through;
	// without one they stay in the outbox, which says so.
	MailConfigured bool
	// Demo marks every page as showing demo data (derap serve --demo): the demo names
	// illustrative signatories beside real offices.
	Demo bool
	// AuditPublicKey is the public half of the key that signs the audit log's published
	// checkpoints, shown to visitors so that they can check them; nil when none is set up.
	AuditPublicKey ed25519.PublicKey
}

// Secure reports whether the portal is served over HTTPS.
func (c Config) Secure() bool { return c.BaseURL != nil && c.BaseURL.Scheme == "https" }

// Handler holds what every handler needs; each action is one of its methods.
type Handler struct {
	store     Store
	cfg       Config
	log       *slog.Logger
	sessions  *dbSessions
	cookie    string     // the session cookie's name
	pages     *pageCache // visitors' pages
	private   *pageCache // signed-in users' start pages, per session
	versions  *versionFeed
	files     chan struct{} // whole-register files being built (wholeRegister)
	summaries publicSummaries
	csrfKey   []byte // signs the forms' tokens (csrf.go)
	deviceKey []byte // marks browsers known to an account (device.go)
	// unavailableLogged is when the database's being unable to save was last logged
	// (Unix nanoseconds), so that a storm of failing writes logs it once a minute.
	unavailableLogged atomic.Int64
	// mail composes the outbox's messages for its page and checks unsubscribe links.
	mail *notify.Composer
	// bureau keeps the bureau's contact that every page's footer shows (bureau.go).
	bureau bureauCache
}

// deriveKey makes an independent key for one purpose from the session secret.
func deriveKey(secret []byte, purpose string) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(purpose))
	return mac.Sum(nil)
}

// New builds the portal's web server: middleware, the route table and the error pages.
func New(store Store, cfg Config, log *slog.Logger) (*echo.Echo, error) {
	if len(cfg.SessionKey) < 32 {
		return nil, errors.New("handlers: the session key must be at least 32 bytes")
	}
	if cfg.PerPage <= 0 {
		cfg.PerPage = 20
	}
	if cfg.SessionIdle <= 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.SessionMaxAge <= 0 {
		cfg.SessionMaxAge = 12 * time.Hour
	}
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = 20 << 20
	}
	if cfg.PageCache <= 0 {
		cfg.PageCache = 16 << 20
	}
	if cfg.NoPageCache {
		cfg.PageCache = 0
	}
	if cfg.BaseURL == nil {
		cfg.BaseURL = &url.URL{Scheme: "http", Host: "127.0.0.1:8080"}
	}
	codec := securecookie.New(deriveKey(cfg.SessionKey, "derap session signing"), deriveKey(cfg.SessionKey, "derap session encryption"))
	codec.MaxAge(int(cfg.SessionMaxAge.Seconds()))
	h := &Handler{store: store, cfg: cfg, log: log, cookie: "derap_session", csrfKey: deriveKey(cfg.SessionKey, "derap csrf tokens"), deviceKey: deriveKey(cfg.SessionKey, "derap known devices"), pages: newPageCache("public", cfg.PageCache), private: newPageCache("signed_in", cfg.PageCache/2)}
	if cfg.Secure() {
		// __Host- binds the cookie to this exact host, over HTTPS, for the whole site.
		h.cookie = "__Host-derap_session"
	}
	h.versions = &versionFeed{read: store.DataVersions, changes: store.ScopeChangesSince}
	h.files = make(chan struct{}, runtime.GOMAXPROCS(0))
	h.mail = &notify.Composer{Store: store, Base: cfg.BaseURL, Signer: notify.NewSigner(cfg.SessionKey)}
	h.sessions = &dbSessions{
		models: store, versions: h.versions, cache: newSessionCache(cfg.Metrics), codecs: []securecookie.Codec{codec}, idle: cfg.SessionIdle, maxAge: cfg.SessionMaxAge,
		options: sessions.Options{
			Path: "/", MaxAge: int(cfg.SessionMaxAge.Seconds()), HttpOnly: true, Secure: cfg.Secure(), SameSite: http.SameSiteLaxMode,
		},
	}

	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = h.handleError
	e.IPExtractor = echo.ExtractIPDirect()
	if len(cfg.TrustedProxies) > 0 {
		opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range cfg.TrustedProxies {
			opts = append(opts, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(opts...)
	}
	e.Use(
		cfg.Metrics.observe,
		middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
			LogMethod: true, LogURIPath: true, LogStatus: true, LogLatency: true,
			LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
				h.log.Info("request", "method", v.Method, "path", loggedPath(c, v.URIPath), "status", v.Status, "latency", v.Latency.Round(time.Microsecond))
				return nil
			},
		}),
		middleware.RecoverWithConfig(middleware.RecoverConfig{
			LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
				h.log.Error("panic", "path", loggedPath(c, c.Request().URL.Path), "err", err, "stack", string(stack))
				return err
			},
		}),
		h.securityHeaders,
		h.limitBody,
		h.loadRequest,
		h.csrfGuard,
	)
	h.routes(e)
	return e, nil
}
