package main

import (
	"context"
	"fmt"
	"strconv"

	"derap/models"
	"derap/models/fixture"
)

// benchData is the built database's fixture, with the agreements given an implementation
// plan and accepted reports.
type benchData struct {
	fixture.Result
	Planned []uint
}

// plannedAgreements is how many published agreements get a plan and reports.
const plannedAgreements = 40

// addMonitoring gives up to n signed, published agreements a supply activity with a year
// of accepted monthly reports (fewer where the term or today ends sooner), through the
// models' own steps, so that /monitoring and an agreement page with a plan are measured
// with figures to draw. It returns the agreements that got a plan.
func addMonitoring(ctx context.Context, s *models.Store, published []uint, n int) ([]uint, error) {
	var planned []uint
	today := s.Today()
	for i, id := range published {
		if len(planned) == n {
			break
		}
		a, err := s.AgreementFor(ctx, models.System, id)
		if err != nil {
			return planned, err
		}
		partner := ""
		for _, p := range a.Parties {
			if p.RegionCode != models.JakartaCode {
				partner = p.RegionCode
			}
		}
		if a.Status != models.StatusSigned || len(a.Sectors) == 0 || partner == "" {
			continue
		}
		act, err := s.SaveActivity(ctx, models.System, id, 0, models.ActivityInput{
			Kind: models.KindSupply, Title: "Pasokan beras ke Jakarta", Sector: a.Sectors[0].Sector, RegionCode: partner,
			Commodity: "rice", Unit: models.UnitTonne, TargetText: "12000", DueDate: a.EndDate, Status: models.ActivityPlanned,
		})
		if err != nil {
			return planned, fmt.Errorf("plan of agreement %d: %w", id, err)
		}
		first := models.Date(a.StartDate.Year(), a.StartDate.Month(), 1).AddDate(0, 1, 0)
		for m := range 12 {
			start := first.AddDate(0, m, 0)
			end := start.AddDate(0, 1, -1)
			if end.After(today) || end.After(a.EndDate) {
				break
			}
			rid, err := s.SubmitReport(ctx, models.System, act, 0, models.ReportInput{
				PeriodStart: start, PeriodEnd: end, Commodity: "rice", Unit: models.UnitTonne,
				QuantityText: strconv.Itoa(300 + (i*37+m*53)%200), Destination: "Pasar Induk Beras Cipinang",
			})
			if err != nil {
				return planned, fmt.Errorf("report on agreement %d: %w", id, err)
			}
			if err := s.AcceptReport(ctx, models.System, rid, models.AnyRevision); err != nil {
				return planned, fmt.Errorf("review on agreement %d: %w", id, err)
			}
		}
		planned = append(planned, id)
	}
	return planned, nil
}
