package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"derap/internal/portalproc"
	"derap/models"
	"derap/models/modeltest"
)

// confirmThrough confirms a delegate's party of an agreement through the portal's own
// pages, as a browser: the agreement's page, then its confirm form. It reports whether the
// portal acknowledged the confirmation (303); a server killed on the way is no answer.
func confirmThrough(client *http.Client, base string, id uint) bool {
	resp, err := client.Get(base + "/agreements/" + itoa64(int64(id)))
	if err != nil {
		return false
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil || resp.StatusCode != http.StatusOK {
		return false
	}
	action, values, ok := formBySuffix(doc, "/confirm")
	if !ok {
		return false
	}
	resp, err = client.PostForm(base+action, values)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusSeeOther
}

// The portal is killed with SIGKILL three times during a storm of confirmations through
// its own pages, and started again on the same database each time: every confirmation it
// acknowledged is there afterwards, the audit chain is intact, and so is the database.
func TestKillDuringWriteStorm(t *testing.T) {
	for _, k := range envVars {
		t.Setenv(k, "")
	}
	ctx := context.Background()
	store := modeltest.NewStore(t)
	db := modeltest.DSN(t, store)

	// Agreements in review, each awaiting one partner's confirmation, by region.
	partners := []string{"13.77", "61", "74.01", "61.04", "11", "12", "14", "15", "16", "17", "18", "19"}
	const perPartner = 8
	work := map[string][]uint{}
	emails := map[string]string{}
	for _, code := range partners {
		emails[code] = modeltest.CreateUser(t, store, models.RoleDelegate, code).Email
		for range perPartner {
			work[code] = append(work[code], modeltest.CreateAgreement(t, store, modeltest.Agreement{Partner: code, Stage: modeltest.InReview}))
		}
	}
	store.Close()

	bin := t.TempDir() + "/derap"
	if err := portalproc.Build(ctx, bin); err != nil {
		t.Fatal(err)
	}
	dataDir := t.TempDir()
	env := []string{"DERAP_SESSION_KEY=" + testSessionKey}
	var acked sync.Map // agreement ID → true, once the portal said it was confirmed
	var count atomic.Int64
	for round := range 3 {
		p, err := portalproc.Start(ctx, portalproc.Options{Binary: bin, DataDir: dataDir, Args: []string{"--db", db}, Env: env})
		if err != nil {
			t.Fatal(err)
		}
		base := p.Base()
		clients := map[string]*http.Client{}
		for _, code := range partners { // signed in before the storm, so that a kill finds only confirmations
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar, Timeout: 10 * time.Second,
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			w := &webClient{t: t, http: client}
			if w.login(base, emails[code], modeltest.Password) != http.StatusSeeOther {
				t.Fatalf("round %d: %s cannot sign in", round, code)
			}
			clients[code] = client
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for _, code := range partners {
			wg.Go(func() {
				for _, id := range work[code] {
					select {
					case <-stop:
						return
					default:
					}
					if _, done := acked.Load(id); done {
						continue
					}
					if confirmThrough(clients[code], base, id) {
						acked.Store(id, true)
						count.Add(1)
					}
				}
			})
		}
		// Kill once the storm is well under way.
		want := count.Load() + 10
		for deadline := time.Now().Add(30 * time.Second); count.Load() < want && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		if err := syscall.Kill(p.PID(), syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		close(stop)
		wg.Wait()
		_ = p.Stop() // reaps the killed process
		t.Logf("round %d: %d confirmations acknowledged so far", round, count.Load())
	}

	after, err := models.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	if err := after.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
	if n, err := after.VerifyAuditChain(ctx); err != nil || n == 0 {
		t.Errorf("the audit chain after the kills: %d entries, %v", n, err)
	}
	lost := 0
	acked.Range(func(key, _ any) bool {
		v, err := after.AgreementFor(ctx, models.System, key.(uint))
		if err != nil {
			t.Fatal(err)
		}
		if v.Parties[1].Status != models.SignOffConfirmed {
			lost++
		}
		return true
	})
	if lost > 0 || count.Load() == 0 {
		t.Fatalf("%d of %d acknowledged confirmations lost", lost, count.Load())
	}
}
