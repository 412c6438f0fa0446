package handlers_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

// urlBuilders lists the exported functions of views/urls.go that build a path.
func urlBuilders(t *testing.T) []string {
	t.Helper()
	file, err := parser.ParseFile(token.NewFileSet(), "../views/urls.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range file.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || !fn.Name.IsExported() || fn.Type.Results == nil || len(fn.Type.Results.List) != 1 {
			continue
		}
		if sel, ok := fn.Type.Results.List[0].Type.(*ast.SelectorExpr); ok && sel.Sel.Name == "SafeURL" {
			names = append(names, fn.Name.Name)
		}
	}
	return names
}

// routeOf finds the registered route a method and URL reach, or "".
func routeOf(e *echo.Echo, method string, u templ.SafeURL) string {
	parsed, err := url.Parse(string(u))
	if err != nil {
		return ""
	}
	c := e.NewContext(httptest.NewRequest(method, parsed.RequestURI(), nil), httptest.NewRecorder())
	e.Router().Find(method, parsed.EscapedPath(), c)
	for _, r := range e.Routes() {
		if r.Method == method && r.Path == c.Path() {
			return r.Path
		}
	}
	return ""
}

// Every path a page links to, a form posts to or a handler redirects to comes from one
// builder in views/urls.go; each builds a path of a route registered with the method it
// is used with, and every route a person reaches has its builder.
func TestEveryURLBuilderNamesARoute(t *testing.T) {
	store := modeltest.NewStore(t)
	e, err := handlers.New(store, handlers.Config{SessionKey: testKey}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	get, post := http.MethodGet, http.MethodPost
	u := &models.User{Role: models.RoleDelegate}
	type urlCase struct {
		builder string
		url     templ.SafeURL
		methods []string
	}
	cases := []urlCase{
		{"HomeURL", views.HomeURL(), []string{get}},
		{"AgreementsURL", views.AgreementsURL(), []string{get}},
		{"AgreementURL", views.AgreementURL(7), []string{get}},
		{"RegionsURL", views.RegionsURL(), []string{get}},
		{"PartnerRegionsURL", views.PartnerRegionsURL(), []string{get}},
		{"RegionURL", views.RegionURL("74.01"), []string{get}},
		{"RegionAgreementsURL", views.RegionAgreementsURL("74.01"), []string{get}},
		{"RegionProfileURL", views.RegionProfileURL("74.01"), []string{get, post}},
		{"EventsURL", views.EventsURL(), []string{get}},
		{"EventURL", views.EventURL(3), []string{get}},
		{"EventCalendarURL", views.EventCalendarURL(3), []string{get}},
		{"CalendarURL", views.CalendarURL(), []string{get}},
		{"AboutURL", views.AboutURL(), []string{get}},
		{"DataLicenceURL", views.DataLicenceURL(), []string{get}},
		{"DataURL", views.DataURL(), []string{get}},
		{"MonitoringURL", views.MonitoringURL(), []string{get}},
		{"MonitoringSupplyCSVURL", views.MonitoringSupplyCSVURL(), []string{get}},
		{"MonitoringTrainingCSVURL", views.MonitoringTrainingCSVURL(), []string{get}},
		{"MonitoringExchangesCSVURL", views.MonitoringExchangesCSVURL(), []string{get}},
		{"SearchURL", views.SearchURL(), []string{get}},
		{"VerifyURL", views.VerifyURL(), []string{get, post}},
		{"VerifyHashURL", views.VerifyHashURL("ab12"), []string{get}},
		{"AgreementsFeedURL", views.AgreementsFeedURL(), []string{get}},
		{"EventsFeedURL", views.EventsFeedURL(), []string{get}},
		{"SitemapURL", views.SitemapURL(), []string{get}},
		{"RobotsURL", views.RobotsURL(), []string{get}},
		{"AgreementsCSVURL", views.AgreementsCSVURL(url.Values{"sector": {"food"}}), []string{get}},
		{"PartiesCSVURL", views.PartiesCSVURL(nil), []string{get}},
		{"AgreementsXLSXURL", views.AgreementsXLSXURL(nil), []string{get}},
		{"AgreementsJSONURL", views.AgreementsJSONURL(nil), []string{get}},
		{"AgreementJSONURL", views.AgreementJSONURL(7), []string{get}},
		{"AgreementCertificateURL", views.AgreementCertificateURL(7), []string{get}},
		{"AgreementCertificatePDFURL", views.AgreementCertificatePDFURL(7), []string{get}},
		{"AgreementCertificateQRURL", views.AgreementCertificateQRURL(7), []string{get}},
		{"RegionsJSONURL", views.RegionsJSONURL(), []string{get}},
		{"EventsJSONURL", views.EventsJSONURL(), []string{get}},
		{"RegisterSchemaURL", views.RegisterSchemaURL(), []string{get}},
		{"AuditCheckpointsURL", views.AuditCheckpointsURL(), []string{get}},
		{"AuditCheckpointsJSONURL", views.AuditCheckpointsJSONURL(), []string{get}},
		{"AuditCheckpointsFeedURL", views.AuditCheckpointsFeedURL(), []string{get}},
		{"DocumentURL", views.DocumentURL(5), []string{get}},
		{"LoginURL", views.LoginURL(), []string{get, post}},
		{"LoginThenURL", views.LoginThenURL("/office/users"), []string{get}},
		{"LogoutURL", views.LogoutURL(), []string{post}},
		{"InvitationURL", views.InvitationURL("a-b_c"), []string{get, post}},
		{"AccountURL", views.AccountURL(), []string{get}},
		{"PasswordURL", views.PasswordURL(), []string{post}},
		{"AccountSettingsURL", views.AccountSettingsURL(), []string{post}},
		{"UnsubscribeURL", views.UnsubscribeURL("MTI6YWdyZWVtZW50LnNlbnQ.c2ln"), []string{get, post}},
		{"StartURL", views.StartURL(u), []string{get}},
		{"StartURL", views.StartURL(nil), []string{get}},
		{"InboxURL", views.InboxURL(), []string{get}},
		{"RegionAuditLogURL", views.RegionAuditLogURL(), []string{get}},
		{"AuditLogURL", views.AuditLogURL(), []string{get}},
		{"ConfirmPartyURL", views.ConfirmPartyURL(7, 9), []string{post}},
		{"DeclinePartyURL", views.DeclinePartyURL(7, 9), []string{post}},
		{"OfficeURL", views.OfficeURL(), []string{get}},
		{"OfficeSearchURL", views.OfficeSearchURL(), []string{get}},
		{"OfficeAgreementsURL", views.OfficeAgreementsURL(), []string{get, post}},
		{"OfficeAgreementsInURL", views.OfficeAgreementsInURL(models.StatusInReview), []string{get}},
		{"NewAgreementURL", views.NewAgreementURL(), []string{get}},
		{"ParentSuggestionsURL", views.ParentSuggestionsURL(7), []string{get}},
		{"OfficeAgreementURL", views.OfficeAgreementURL(7), []string{get, post}},
		{"EditAgreementURL", views.EditAgreementURL(7), []string{get}},
		{"SendAgreementURL", views.SendAgreementURL(7), []string{post}},
		{"WithdrawAgreementURL", views.WithdrawAgreementURL(7), []string{post}},
		{"SignAgreementURL", views.SignAgreementURL(7), []string{post}},
		{"PublishAgreementURL", views.PublishAgreementURL(7), []string{post}},
		{"UnpublishAgreementURL", views.UnpublishAgreementURL(7), []string{post}},
		{"TerminateAgreementURL", views.TerminateAgreementURL(7), []string{post}},
		{"AgreementDocumentsURL", views.AgreementDocumentsURL(7), []string{post}},
		{"NewActivityURL", views.NewActivityURL(7), []string{get}},
		{"AgreementActivitiesURL", views.AgreementActivitiesURL(7), []string{post}},
		{"OfficeActivityURL", views.OfficeActivityURL(4), []string{get, post}},
		{"DeleteActivityURL", views.DeleteActivityURL(4), []string{post}},
		{"ActivityURL", views.ActivityURL(4), []string{get}},
		{"NewReportURL", views.NewReportURL(4), []string{get}},
		{"ActivityReportsURL", views.ActivityReportsURL(4), []string{post}},
		{"ReportURL", views.ReportURL(6), []string{get, post}},
		{"EditReportURL", views.EditReportURL(6), []string{get}},
		{"ReportDocumentsURL", views.ReportDocumentsURL(6), []string{post}},
		{"RemoveReportDocumentURL", views.RemoveReportDocumentURL(6, 9), []string{post}},
		{"AcceptReportURL", views.AcceptReportURL(6), []string{post}},
		{"ReturnReportURL", views.ReturnReportURL(6), []string{post}},
		{"OfficeMonitoringURL", views.OfficeMonitoringURL(), []string{get}},
		{"InboxActivitiesURL", views.InboxActivitiesURL(), []string{get}},
		{"OfficeEventsURL", views.OfficeEventsURL(), []string{get, post}},
		{"NewEventURL", views.NewEventURL(), []string{get}},
		{"OfficeEventURL", views.OfficeEventURL(3), []string{get, post}},
		{"DeleteEventURL", views.DeleteEventURL(3), []string{post}},
		{"EventDocumentsURL", views.EventDocumentsURL(3), []string{post}},
		{"RemoveDocumentURL", views.RemoveDocumentURL(5), []string{post}},
		{"RemoveEventDocumentURL", views.RemoveEventDocumentURL(3, 5), []string{post}},
		{"UsersURL", views.UsersURL(), []string{get, post}},
		{"DisableUserURL", views.DisableUserURL(2), []string{post}},
		{"EnableUserURL", views.EnableUserURL(2), []string{post}},
		{"EndSessionsURL", views.EndSessionsURL(2), []string{post}},
		{"ReinviteUserURL", views.ReinviteUserURL(2), []string{post}},
		{"OutboxURL", views.OutboxURL(), []string{get}},
		{"OutboxMessageURL", views.OutboxMessageURL(7), []string{get}},
		{"RetryMessageURL", views.RetryMessageURL(7), []string{post}},
		{"SettingsURL", views.SettingsURL(), []string{get, post}},
		{"HealthURL", views.HealthURL(), []string{get}},
	}

	for _, name := range urlBuilders(t) {
		if !slices.ContainsFunc(cases, func(c urlCase) bool { return c.builder == name }) {
			t.Errorf("views.%s is not checked here", name)
		}
	}
	reached := map[string]bool{}
	for _, c := range cases {
		for _, m := range c.methods {
			route := routeOf(e, m, c.url)
			if route == "" {
				t.Errorf("views.%s: %s %s is no route", c.builder, m, c.url)
			}
			reached[m+" "+route] = true
		}
	}
	// The routes no page links to: files, the icon browsers ask for, the old address.
	unlinked := []string{"/static/*", "/favicon.ico", "/admin*"}
	for _, r := range e.Routes() {
		// HEAD answers with GET; Echo's groups add routes of their own for unknown paths.
		if (r.Method != http.MethodGet && r.Method != http.MethodPost) || slices.Contains(unlinked, r.Path) {
			continue
		}
		if !reached[r.Method+" "+r.Path] {
			t.Errorf("%s %s has no URL builder", r.Method, r.Path)
		}
	}
}
