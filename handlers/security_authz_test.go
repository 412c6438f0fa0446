package handlers_test

// Security claims: authorisation. Each route admits only the roles it is for, and each
// record only the users the models allow: a delegate reaches their own region's parties
// and profile only, never a draft, never the office; a visitor only what is published.

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
)

func TestRoutesByRole(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	target := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61")
	end := "/office/users/" + strconv.Itoa(int(target.ID)) + "/end-sessions"
	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		denied = http.StatusForbidden
	)
	tests := []struct {
		method, path string
		// statuses for anonymous, delegate, official, admin
		want [4]int
	}{
		{"GET", "/", [4]int{ok, ok, ok, ok}},
		{"GET", "/agreements", [4]int{ok, ok, ok, ok}},
		{"GET", "/login", [4]int{ok, see, see, see}},
		{"GET", "/account", [4]int{see, ok, ok, ok}},
		{"GET", "/inbox", [4]int{see, ok, denied, denied}},
		{"GET", "/office", [4]int{see, denied, ok, ok}},
		{"GET", "/office/users", [4]int{see, denied, denied, ok}},
		{"GET", "/office/nothing-here", [4]int{see, denied, http.StatusNotFound, http.StatusNotFound}},
		{"POST", end, [4]int{see, denied, denied, see}},
		{"POST", "/office/users", [4]int{see, denied, denied, http.StatusUnprocessableEntity}},
		{"GET", "/office/settings", [4]int{see, denied, denied, ok}},
		{"POST", "/office/settings", [4]int{see, denied, denied, http.StatusUnprocessableEntity}},
	}
	for i, role := range []string{"anonymous", "delegate", "official", "admin"} {
		b := p.browser(t)
		switch role {
		case "delegate":
			b.login(u.delegate.Email, modeltest.Password)
		case "official":
			b.login(u.official.Email, modeltest.Password)
		case "admin":
			b.login(u.admin.Email, modeltest.Password)
		}
		for _, tt := range tests {
			var got page
			if tt.method == "GET" {
				got = b.get(tt.path)
			} else {
				b.get("/login") // any page that carries a token
				got = b.post(tt.path, nil)
			}
			if got.StatusCode != tt.want[i] {
				t.Errorf("%s %s %s: %d, want %d", role, tt.method, tt.path, got.StatusCode, tt.want[i])
			}
			if got.StatusCode == denied && text(got.doc.Find("h1")) != "Akses ditolak" {
				t.Errorf("%s %s %s: the 403 page is not the portal's", role, tt.method, tt.path)
			}
			if role != "anonymous" && got.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s %s %s: Cache-Control %q", role, tt.method, tt.path, got.Header.Get("Cache-Control"))
			}
		}
	}
}

// Each new route answers each role as the permissions table says.
func TestWorkflowRoutesByRole(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	review, _ := p.store.AgreementsByStatus(ctx, models.StatusInReview)
	var ketapang models.Agreement
	for _, a := range review {
		if a.Parties[1].RegionCode == "61.04" {
			ketapang = a
		}
	}
	ketapangDelegate := modeltest.CreateUser(t, p.store, models.RoleDelegate, "61.04")
	id := strconv.Itoa(int(ketapang.ID))
	partyURL := "/agreements/" + id + "/parties/" + strconv.Itoa(int(ketapang.Parties[1].ID)) + "/confirm"
	const (
		ok     = http.StatusOK
		see    = http.StatusSeeOther
		denied = http.StatusForbidden
		gone   = http.StatusNotFound
	)
	fixed := func(path string) func() string { return func() string { return path } }
	// A fresh agreement in review for each try, so that one role's withdrawal leaves the
	// next role the same state.
	freshReview := func() string {
		fresh := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Stage: modeltest.InReview})
		return "/office/agreements/" + strconv.Itoa(int(fresh)) + "/withdraw"
	}
	tests := []struct {
		method string
		path   func() string
		want   [5]int // anonymous, Pariaman's delegate, Ketapang's delegate, official, admin
	}{
		{"GET", fixed("/office/agreements"), [5]int{see, denied, denied, ok, ok}},
		{"GET", fixed("/office/agreements/new"), [5]int{see, denied, denied, ok, ok}},
		{"GET", fixed("/office/agreements/" + id), [5]int{see, denied, denied, ok, ok}},
		{"GET", fixed("/office/agreements/" + id + "/edit"), [5]int{see, denied, denied, http.StatusConflict, http.StatusConflict}},
		{"GET", fixed("/agreements/" + id), [5]int{gone, gone, ok, ok, ok}},
		{"POST", freshReview, [5]int{see, denied, denied, see, see}},
		{"POST", fixed(partyURL), [5]int{see, denied, http.StatusConflict, denied, denied}},
	}
	users := []*models.User{nil, &u.delegate, &ketapangDelegate, &u.official, &u.admin}
	for i, user := range users {
		b := p.browser(t)
		if user != nil {
			b.login(user.Email, modeltest.Password)
		}
		for _, tt := range tests {
			var got page
			path := tt.path()
			if tt.method == "GET" {
				got = b.get(path)
			} else {
				b.get("/login")
				got = b.post(path, url.Values{"hash": {"x"}, "understood": {"yes"}})
			}
			if got.StatusCode != tt.want[i] {
				name := "anonymous"
				if user != nil {
					name = string(user.Role) + " " + user.RegionName()
				}
				t.Errorf("%s %s %s: %d, want %d", name, tt.method, path, got.StatusCode, tt.want[i])
			}
		}
	}
}

// A delegate acts for their own region's party only: answering another region's party,
// or their own party's ID under another agreement, is refused and writes nothing; an
// official cannot manage accounts. The database is checked after each refusal.
func TestRefusedActionsWriteNothing(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	u := p.users(t)
	ctx := context.Background()
	ketapang := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Partner: "61.04", Stage: modeltest.InReview})
	pariaman := modeltest.CreateAgreement(t, p.store, modeltest.Agreement{Partner: "13.77", Stage: modeltest.InReview})
	ketapangParties, pariamanParties := modeltest.Parties(t, p.store, ketapang), modeltest.Parties(t, p.store, pariaman)

	d := p.browser(t)
	d.login(u.delegate.Email, modeltest.Password) // Pariaman's delegate
	hash := text(d.get("/agreements/" + itoa(pariaman)).doc.Find(`[data-testid="content-hash"]`))
	for _, tt := range []struct {
		name, path string
		want       int
	}{
		{"another region's party", "/agreements/" + itoa(ketapang) + "/parties/" + itoa(ketapangParties[1].ID) + "/confirm", http.StatusForbidden},
		{"another region's party, declining", "/agreements/" + itoa(ketapang) + "/parties/" + itoa(ketapangParties[1].ID) + "/decline", http.StatusForbidden},
		{"own party under another agreement", "/agreements/" + itoa(ketapang) + "/parties/" + itoa(pariamanParties[1].ID) + "/confirm", http.StatusForbidden},
	} {
		if got := d.post(tt.path, url.Values{"hash": {hash}, "reason": {"tidak"}}); got.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got.StatusCode, tt.want)
		}
	}
	for _, id := range []uint{ketapang, pariaman} {
		for _, party := range modeltest.Parties(t, p.store, id)[1:] {
			if party.Status != models.SignOffPending {
				t.Errorf("agreement %d, party %s: %s", id, party.RegionCode, party.Status)
			}
		}
	}

	accounts, _ := p.store.Users(ctx, models.System)
	off := p.browser(t)
	off.login(u.official.Email, modeltest.Password)
	off.get("/office")
	if got := off.post(string(views.DisableUserURL(u.delegate.ID)), nil); got.StatusCode != http.StatusForbidden {
		t.Errorf("an official disabling an account: %d", got.StatusCode)
	}
	if got := off.post("/office/users", url.Values{"email": {"baru@example.go.id"}, "name": {"Baru"}, "role": {"admin"}}); got.StatusCode != http.StatusForbidden {
		t.Errorf("an official inviting an administrator: %d", got.StatusCode)
	}
	if user, err := p.store.UserByID(ctx, u.delegate.ID); err != nil || !user.Active {
		t.Errorf("the delegate's account: %+v %v", user, err)
	}
	if users, _ := p.store.Users(ctx, models.System); len(users) != len(accounts) {
		t.Errorf("%d accounts, want %d", len(users), len(accounts))
	}
}
