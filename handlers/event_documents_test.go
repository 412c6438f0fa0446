package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"derap/handlers"
	"derap/models"
	"derap/models/modeltest"
	"derap/views"
	"derap/views/form"
)

// submitOwned is what a browser posts when a button of the form formID is pressed: the
// fields inside the form and those outside it that name it in their form attribute, with
// the button's own formaction. A file field is left to the caller.
func submitOwned(t *testing.T, doc *goquery.Document, formID, button string) (string, url.Values) {
	t.Helper()
	b := doc.Find(button)
	if b.Length() != 1 || b.AttrOr("form", "") != formID {
		t.Fatalf("%s: no button of the form %s", button, formID)
	}
	v := formValues(doc.Find("#" + formID))
	doc.Find(`[form="` + formID + `"][name]`).Each(func(_ int, s *goquery.Selection) {
		if t := s.AttrOr("type", "text"); t != "file" && t != "submit" {
			v.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
		}
	})
	return b.AttrOr("formaction", ""), v
}

// An official who edits an event and then attaches or removes a document finds the
// edits still in the form, unsaved, until they save; the documents change at once.
func TestEventDocumentsKeepUnsavedEdits(t *testing.T) {
	p := newPortal(t, handlers.Config{})
	ctx := context.Background()
	official := modeltest.CreateUser(t, p.store, models.RoleOfficial, "")
	as := modeltest.As(&official)
	event, err := p.store.SaveEvent(ctx, as, 0, models.EventInput{Title: "Forum Pangan", StartDate: models.Date(2026, 3, 2)})
	if err != nil {
		t.Fatal(err)
	}
	other, err := p.store.SaveEvent(ctx, as, 0, models.EventInput{Title: "Forum Budaya", StartDate: models.Date(2026, 4, 2)})
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := p.store.AddDocument(ctx, as, models.OwnerEvent, other, "Program budaya", "program.pdf", strings.NewReader(string(pdf)), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	documents := func(id uint) []models.Document {
		t.Helper()
		docs, err := p.store.Documents(ctx, models.OwnerEvent, id)
		if err != nil {
			t.Fatal(err)
		}
		return docs
	}
	storedTitle := func() string {
		t.Helper()
		e, err := p.store.EventForEdit(ctx, as, event)
		if err != nil {
			t.Fatal(err)
		}
		return e.Title
	}
	keptEdit := func(step string, got page) {
		t.Helper()
		if v := got.doc.Find("#"+form.FieldTitle).AttrOr("value", ""); v != "Forum Pangan dan Pertanian" {
			t.Errorf("%s: the unsaved title became %q", step, v)
		}
		if v := got.doc.Find("#"+form.FieldPlace).AttrOr("value", ""); v != "Balai Kota" {
			t.Errorf("%s: the unsaved place became %q", step, v)
		}
		if s := storedTitle(); s != "Forum Pangan" {
			t.Errorf("%s: the edit was saved without Save: %q", step, s)
		}
	}

	off := p.browser(t)
	off.login(official.Email, modeltest.Password)
	path := "/office/events/" + itoa(event)
	edit := off.get(path)
	if edit.doc.Find(`[data-testid="upload-keeps-edits"]`).Length() != 1 {
		t.Error("the page does not say that a document action keeps the edits")
	}
	action, v := submitOwned(t, edit.doc, views.EventFormID, `[data-testid="upload"]`)
	if action != path+"/documents" {
		t.Fatalf("the upload button posts to %q", action)
	}
	v.Set(form.FieldTitle, "Forum Pangan dan Pertanian")
	v.Set(form.FieldPlace, "Balai Kota")

	// A refused upload keeps both the edits and the upload's own input.
	v.Set(form.FieldDocumentTitle, "Daftar hadir")
	refused := off.postFile(action, v, "hadir.pdf", []byte("MZ not a pdf"))
	if refused.StatusCode != http.StatusUnprocessableEntity || refused.doc.Find("#doc_file-error").Length() != 1 || refused.doc.Find("#doc_title").AttrOr("value", "") != "Daftar hadir" {
		t.Fatalf("a refused upload: %d", refused.StatusCode)
	}
	keptEdit("refused upload", refused)
	if n := len(documents(event)); n != 0 {
		t.Fatalf("a refused upload stored %d documents", n)
	}

	// An accepted one attaches the file and says the edits are not saved yet.
	action, v = submitOwned(t, refused.doc, views.EventFormID, `[data-testid="upload"]`)
	added := off.postFile(action, v, "hadir.pdf", pdf)
	if added.StatusCode != http.StatusOK {
		t.Fatalf("upload: %d %s", added.StatusCode, text(added.doc.Find(".field-error")))
	}
	keptEdit("upload", added)
	if got := text(added.doc.Find(`[data-testid="flash"]`)); !strings.Contains(got, "Dokumen telah dilampirkan") || !strings.Contains(got, "Simpan acara") {
		t.Errorf("after the upload the page says %q", got)
	}
	if added.doc.Find("#doc_title").AttrOr("value", "") != "" {
		t.Error("the upload's title stays in the form after it was attached")
	}
	docs := documents(event)
	if len(docs) != 1 || docs[0].Title != "Daftar hadir" || added.doc.Find(`[data-testid="document"]`).Length() != 1 {
		t.Fatalf("documents after the upload: %+v", docs)
	}

	// Removing it, from the same page, keeps them too.
	action, v = submitOwned(t, added.doc, views.EventFormID, `[data-testid="remove-document"]`)
	removed := off.post(action, v)
	if removed.StatusCode != http.StatusOK {
		t.Fatalf("remove: %d", removed.StatusCode)
	}
	keptEdit("remove", removed)
	if n := len(documents(event)); n != 0 || removed.doc.Find(`[data-testid="document"]`).Length() != 0 {
		t.Fatalf("%d documents after the removal", n)
	}

	// The same button posted again (the document is gone) says so on the form, and a
	// document of another event cannot be removed through this one's page.
	again := off.post(action, v)
	if again.StatusCode != http.StatusConflict || !strings.Contains(text(again.doc.Find(".alert")), "sudah tidak terlampir") {
		t.Errorf("removing a removed document: %d %q", again.StatusCode, text(again.doc.Find(".alert")))
	}
	keptEdit("remove again", again)
	if got := off.post(path+"/documents/"+itoa(foreign.ID)+"/remove", v); got.StatusCode != http.StatusConflict {
		t.Errorf("another event's document through this page: %d", got.StatusCode)
	}
	if n := len(documents(other)); n != 1 {
		t.Fatalf("the other event's document was removed (%d left)", n)
	}

	// Saving stores the edits.
	v.Set(form.FieldOp, "save")
	saved := off.post(path, v)
	if saved.StatusCode != http.StatusSeeOther || storedTitle() != "Forum Pangan dan Pertanian" {
		t.Fatalf("save after the document actions: %d, title %q", saved.StatusCode, storedTitle())
	}
}
