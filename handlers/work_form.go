package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"derap/models"
	"derap/views"
)

// agreementForm is the draft form as posted: the fields, the party rows, and the button
// pressed ("save", or a change to the rows, see rowOp).
type agreementForm struct {
	views.AgreementForm
	Op string
}

func newAgreementForm(c echo.Context) (agreementForm, error) {
	values, err := c.FormParams()
	if err != nil {
		return agreementForm{}, badRequest(err)
	}
	f := agreementForm{Op: values.Get("op"), AgreementForm: views.AgreementForm{
		Number: values.Get("number"), Title: values.Get("title"), DocType: values.Get("doc_type"),
		ParentID: values.Get("parent_id"), Kind: values.Get("kind"), Sectors: values["sectors"],
		Scope: values.Get("scope"), Summary: values.Get("summary"), Funding: values.Get("funding"),
		Start: values.Get("start_date"), End: values.Get("end_date"),
	}}
	rows := values["party_region"]
	if len(rows) > maxRows {
		return agreementForm{}, badRequest(fmt.Errorf("handlers: %d parties", len(rows)))
	}
	at := func(name string, i int) string {
		if v := values[name]; i < len(v) {
			return v[i]
		}
		return ""
	}
	for i := range rows {
		f.Parties = append(f.Parties, views.PartyForm{
			Region: at("party_region", i), DocumentNumber: at("party_number", i), SignatoryName: at("party_signatory", i),
			SignatoryPosition: at("party_position", i), Authority: at("party_authority", i),
		})
	}
	return f, nil
}

// applyRowChange carries out a change to the party rows; it reports false when the button
// pressed was not one (the form is to be saved).
func (f *agreementForm) applyRowChange() (bool, error) {
	op, ok, err := parseRowOp(f.Op)
	if !ok || err != nil || op.list != "party" {
		return false, err
	}
	f.Parties = applyRows(f.Parties, op, views.PartyForm{Authority: string(models.AuthorityOwnOffice)})
	return true, nil
}

// Validate turns the form into a draft for the models to check; what only the form can
// tell (a date that is no date, a parent that is no number) comes back as field errors.
func (f agreementForm) Validate() (models.AgreementInput, views.FormErrors) {
	errs := views.FormErrors{}
	in := models.AgreementInput{
		Number: f.Number, Title: f.Title, DocType: models.DocType(f.DocType), Kind: models.CooperationKind(f.Kind),
		Sectors: f.Sectors, Scope: f.Scope, Summary: f.Summary, FundingNote: f.Funding,
		StartDate: parseDate(f.Start), EndDate: parseDate(f.End),
	}
	for field, v := range map[string]string{"start_date": f.Start, "end_date": f.End} {
		if v != "" && parseDate(v).IsZero() {
			errs[field] = "error.date_invalid"
		}
	}
	if f.ParentID != "" {
		id, err := strconv.ParseUint(f.ParentID, 10, 32)
		if err != nil {
			errs["parent_id"] = "error.choose_one"
		} else {
			parent := uint(id)
			in.ParentID = &parent
		}
	}
	for _, p := range f.Parties {
		in.Parties = append(in.Parties, models.PartyInput{
			Region: p.Region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: models.Authority(p.Authority),
		})
	}
	return in, errs
}

// formPage gathers the draft form around the given input and errors.
func (h *Handler) formPage(c echo.Context, id uint, form views.AgreementForm, errs views.FormErrors) (views.AgreementFormPage, error) {
	ctx := c.Request().Context()
	parents, err := h.store.ParentChoices(ctx, actor(c))
	if err != nil {
		return views.AgreementFormPage{}, err
	}
	regions, err := h.store.Regions(ctx)
	if err != nil {
		return views.AgreementFormPage{}, err
	}
	start, end := parseDate(form.Start), parseDate(form.End)
	long := models.AgreementInput{StartDate: start, EndDate: end}.LongTerm()
	return views.AgreementFormPage{ID: id, Form: form, Errors: errs, LongTerm: long, Parents: parents, Regions: regions}, nil
}

// newAgreement serves an empty draft form: DKI Jakarta as the first party, one more row.
func (h *Handler) newAgreement(c echo.Context) error {
	form := views.AgreementForm{
		DocType: string(models.DocMemorandum), Kind: string(models.CooperationRegional),
		Parties: []views.PartyForm{
			{Region: models.JakartaCode, Authority: string(models.AuthorityOwnOffice)},
			{Authority: string(models.AuthorityOwnOffice)},
		},
	}
	if jakarta, err := h.store.RegionPageByCode(c.Request().Context(), models.JakartaCode); err == nil {
		form.Parties[0].Region = models.RegionLabel(jakarta.Region)
	}
	page, err := h.formPage(c, 0, form, nil)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementFormView(page))
}

// editAgreement serves the form of a draft.
func (h *Handler) editAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	a, err := h.store.AgreementFor(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	if a.Status != models.StatusDraft {
		return h.workRefused(c, id, models.ErrInvalidTransition, nil)
	}
	in := models.InputOf(&a.Agreement)
	form := views.AgreementForm{
		Number: in.Number, Title: in.Title, DocType: string(in.DocType), Kind: string(in.Kind), Sectors: in.Sectors,
		Scope: in.Scope, Summary: in.Summary, Funding: in.FundingNote,
		Start: in.StartDate.Format("2006-01-02"), End: in.EndDate.Format("2006-01-02"),
	}
	if in.ParentID != nil {
		form.ParentID = strconv.FormatUint(uint64(*in.ParentID), 10)
	}
	for _, p := range in.Parties {
		form.Parties = append(form.Parties, views.PartyForm{
			Region: p.Region, DocumentNumber: p.DocumentNumber, SignatoryName: p.SignatoryName,
			SignatoryPosition: p.SignatoryPosition, Authority: string(p.Authority),
		})
	}
	page, err := h.formPage(c, id, form, nil)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusOK, views.AgreementFormView(page))
}

// saveAgreement handles a post of the draft form, new (id 0) or existing: a change to the
// party rows shows the form again; saving checks and stores it, or shows it with the
// errors by their fields and the input kept.
func (h *Handler) saveAgreement(c echo.Context, id uint) error {
	f, err := newAgreementForm(c)
	if err != nil {
		return err
	}
	if changed, err := f.applyRowChange(); err != nil || changed {
		if err != nil {
			return err
		}
		page, err := h.formPage(c, id, f.AgreementForm, nil)
		if err != nil {
			return err
		}
		return h.render(c, http.StatusOK, views.AgreementFormView(page))
	}
	in, errs := f.Validate()
	if len(errs) == 0 {
		ctx := c.Request().Context()
		if id == 0 {
			id, err = h.store.CreateDraft(ctx, actor(c), in)
		} else {
			err = h.store.UpdateDraft(ctx, actor(c), id, in)
		}
		if err == nil {
			h.log.Info("draft saved", "agreement", id, "by", currentUser(c).ID)
			return h.redirectDone(c, string(views.WorkURL(id)), "flash.draft_saved")
		}
		if errs, err = formErrors(err); err != nil {
			return err
		}
	}
	page, err := h.formPage(c, id, f.AgreementForm, errs)
	if err != nil {
		return err
	}
	return h.render(c, http.StatusUnprocessableEntity, views.AgreementFormView(page))
}

// createAgreement handles the form of a new draft.
func (h *Handler) createAgreement(c echo.Context) error { return h.saveAgreement(c, 0) }

// updateAgreement handles the form of an existing draft.
func (h *Handler) updateAgreement(c echo.Context) error {
	id, err := idParam(c)
	if err != nil {
		return err
	}
	return h.saveAgreement(c, id)
}
