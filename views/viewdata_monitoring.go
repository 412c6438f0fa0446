package views

import (
	"cmp"
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"derap/models"
	"derap/views/chart"
	"derap/views/i18n"
)

// The public side of implementation monitoring: an agreement's progress on its page, and
// the programme page with its charts, tables and CSV files. Only accepted reports of
// published agreements reach here; amounts are summed within one unit (and commodity),
// never across.

// MonitoringPage is the programme's public figures.
type MonitoringPage struct {
	Figures models.MonitoringFigures
}

// FormatQuantity writes an amount with its unit in the page's language, with the
// language's separators and its plural: "1 ton", "1.250,5 ton", "30 participants",
// "1 event", "150 head". A milestone's amount (no unit) is the number alone.
func FormatQuantity(ctx context.Context, q models.Quantity, u models.Unit) string {
	n := quantityNumber(Lang(ctx), q)
	if u == models.UnitNone {
		return n
	}
	count := int64(2)
	if q == models.QuantityScale {
		count = 1
	}
	return N(ctx, "monpub.qty."+string(u), count, n)
}

// quantityNumber writes an amount's number with the language's separators and at most
// three decimals, trailing zeros dropped: 1.250,5 or 1,250.5.
func quantityNumber(l i18n.Locale, q models.Quantity) string {
	sign := ""
	if q < 0 {
		sign, q = "-", -q
	}
	s := l.Int(int64(q) / models.QuantityScale)
	if frac := fraction(q); frac != "" {
		sep := ","
		if l == i18n.EN {
			sep = "."
		}
		s += sep + frac
	}
	return sign + s
}

// fraction is an amount's thousandths without trailing zeros, "" for a whole number.
func fraction(q models.Quantity) string {
	return strings.TrimRight(strconv.FormatInt(int64(q)%models.QuantityScale+models.QuantityScale, 10)[1:], "0")
}

// csvQuantity writes an amount for a file: a point before the decimals, no thousands
// separator: 1250.5.
func csvQuantity(q models.Quantity) string {
	sign := ""
	if q < 0 {
		sign, q = "-", -q
	}
	s := strconv.FormatInt(int64(q)/models.QuantityScale, 10)
	if frac := fraction(q); frac != "" {
		s += "." + frac
	}
	return sign + s
}

// unitLabel names a unit as a column or an axis does: "ton", "participants".
func unitLabel(ctx context.Context, u models.Unit) string { return T(ctx, "monpub.unit."+string(u)) }

// monthOf reads a YYYY-MM month.
func monthOf(m string) (time.Time, bool) {
	t, err := time.Parse("2006-01", m)
	return t, err == nil
}

// monthLabel writes a month in full ("November 2025") and short ("Nov 2025").
func monthLabel(l i18n.Locale, m string) (full, short string) {
	t, ok := monthOf(m)
	if !ok {
		return m, m
	}
	full = strings.TrimPrefix(l.Date(t), "1 ")
	name, year, _ := strings.Cut(full, " ")
	return full, string([]rune(name)[:3]) + " " + year
}

// months lists every month from the first to the last, gaps included.
func months(from, to string) []string {
	a, ok1 := monthOf(from)
	b, ok2 := monthOf(to)
	if !ok1 || !ok2 || b.Before(a) {
		return nil
	}
	var out []string
	for t := a; !t.After(b) && len(out) < 600; t = t.AddDate(0, 1, 0) {
		out = append(out, t.Format("2006-01"))
	}
	return out
}

// commodityOrder sorts commodities as the fixed list orders them.
func commodityOrder(a, b string) int {
	ia, ib := slices.Index(models.Commodities, a), slices.Index(models.Commodities, b)
	if ia < 0 {
		ia = len(models.Commodities)
	}
	if ib < 0 {
		ib = len(models.Commodities)
	}
	return cmp.Or(cmp.Compare(ia, ib), cmp.Compare(a, b))
}

// quantityValue is an amount as a chart draws and shows it.
func quantityValue(l i18n.Locale, q models.Quantity) chart.Value {
	return chart.Of(q.Float(), quantityNumber(l, q))
}

// countValue is a count as a chart draws and shows it.
func countValue(l i18n.Locale, n int) chart.Value { return chart.Of(float64(n), l.Int(int64(n))) }

// tickFormat writes an axis value in the language.
func tickFormat(l i18n.Locale) func(float64) string {
	return func(v float64) string { return quantityNumber(l, models.Quantity(v*models.QuantityScale+0.5)) }
}

// SupplyCharts are the food supply's charts in one unit: per month by commodity, and the
// total per region and commodity.
type SupplyCharts struct {
	Unit     models.Unit
	ByMonth  chart.Data
	ByRegion chart.Data
}

// supplyCharts groups the supply figures by unit (in the fixed order of units) and draws
// each unit's two charts; amounts of one unit and commodity are summed exactly.
func supplyCharts(ctx context.Context, figures []models.SupplyFigure) []SupplyCharts {
	l := Lang(ctx)
	var out []SupplyCharts
	for _, unit := range models.Units {
		var rows []models.SupplyFigure
		for _, f := range figures {
			if f.Unit == unit {
				rows = append(rows, f)
			}
		}
		if len(rows) == 0 {
			continue
		}
		var commodities, regions, monthKeys []string
		regionNames := map[string]string{}
		perMonth := map[[2]string]models.Quantity{}  // month, commodity
		perRegion := map[[2]string]models.Quantity{} // region, commodity
		for _, f := range rows {
			if !slices.Contains(commodities, f.Commodity) {
				commodities = append(commodities, f.Commodity)
			}
			if !slices.Contains(regions, f.FromRegionCode) {
				regions = append(regions, f.FromRegionCode)
				regionNames[f.FromRegionCode] = f.FromRegionName
			}
			monthKeys = append(monthKeys, f.Month)
			perMonth[[2]string{f.Month, f.Commodity}] += f.Quantity
			perRegion[[2]string{f.FromRegionCode, f.Commodity}] += f.Quantity
		}
		slices.SortFunc(commodities, commodityOrder)
		slices.Sort(regions)
		slices.Sort(monthKeys)
		span := months(monthKeys[0], monthKeys[len(monthKeys)-1])
		unitName := unitLabel(ctx, unit)
		first, _ := monthLabel(l, span[0])
		last, _ := monthLabel(l, span[len(span)-1])
		id := "supply-" + string(unit)
		byMonth := chart.Data{
			ID: id + "-month", Title: T(ctx, "monpub.supply_month"), Desc: T(ctx, "monpub.supply_month_desc", first, last, unitName),
			Unit: unitName, CategoryHeader: T(ctx, "monpub.month"), Empty: T(ctx, "monpub.no_data"), Tick: tickFormat(l),
		}
		for _, m := range span {
			full, short := monthLabel(l, m)
			byMonth.Categories = append(byMonth.Categories, chart.Category{Label: full, Short: short})
		}
		byRegion := chart.Data{
			ID: id + "-region", Title: T(ctx, "monpub.supply_region"), Desc: T(ctx, "monpub.supply_region_desc", unitName),
			Unit: unitName, CategoryHeader: T(ctx, "monpub.region"), Empty: T(ctx, "monpub.no_data"), Tick: tickFormat(l),
		}
		for _, r := range regions {
			byRegion.Categories = append(byRegion.Categories, chart.Category{Label: regionNames[r]})
		}
		for _, c := range commodities {
			label := T(ctx, "commodity."+c)
			sm := chart.Series{Key: c, Label: label}
			for _, m := range span {
				if q, ok := perMonth[[2]string{m, c}]; ok {
					sm.Values = append(sm.Values, quantityValue(l, q))
				} else {
					sm.Values = append(sm.Values, chart.Value{})
				}
			}
			byMonth.Series = append(byMonth.Series, sm)
			sr := chart.Series{Key: c, Label: label}
			for _, r := range regions {
				if q, ok := perRegion[[2]string{r, c}]; ok {
					sr.Values = append(sr.Values, quantityValue(l, q))
				} else {
					sr.Values = append(sr.Values, chart.Value{})
				}
			}
			byRegion.Series = append(byRegion.Series, sr)
		}
		out = append(out, SupplyCharts{Unit: unit, ByMonth: byMonth, ByRegion: byRegion})
	}
	return out
}

// trainingChart draws the participants trained per region: completed, and enrolled.
func trainingChart(ctx context.Context, figures []models.TrainingFigure) chart.Data {
	l := Lang(ctx)
	d := chart.Data{
		ID: "training", Title: T(ctx, "monpub.training_chart"), Desc: T(ctx, "monpub.training_desc"),
		Unit: unitLabel(ctx, models.UnitParticipant), CategoryHeader: T(ctx, "monpub.region"), Empty: T(ctx, "monpub.no_data"),
		Tick: func(v float64) string { return l.Int(int64(v + 0.5)) },
	}
	completed := chart.Series{Key: "completed", Label: T(ctx, "monpub.completed")}
	enrolled := chart.Series{Key: "enrolled", Label: T(ctx, "monpub.enrolled")}
	for _, f := range figures {
		d.Categories = append(d.Categories, chart.Category{Label: f.RegionName})
		completed.Values = append(completed.Values, countValue(l, f.Completed))
		enrolled.Values = append(enrolled.Values, countValue(l, f.Enrolled))
	}
	d.Series = []chart.Series{completed, enrolled}
	return d
}

// The monitoring files' names as they are saved.
const (
	SupplyFileName    = "derap-ksd-monitoring-supply.csv"
	TrainingFileName  = "derap-ksd-monitoring-training.csv"
	ExchangesFileName = "derap-ksd-monitoring-exchanges.csv"
)

// MonitoringSupplyCSV writes the food supplied as CSV: a row per month, commodity, region
// of origin and unit, as Figures groups them.
func MonitoringSupplyCSV(f models.MonitoringFigures) ([]byte, error) {
	rows := [][]string{{"month", "commodity", "from_region_code", "from_region", "quantity", "unit"}}
	for _, s := range f.Supply {
		rows = append(rows, []string{s.Month, s.Commodity, s.FromRegionCode, s.FromRegionName, csvQuantity(s.Quantity), string(s.Unit)})
	}
	return csvFile(rows)
}

// MonitoringTrainingCSV writes the participants trained per region as CSV.
func MonitoringTrainingCSV(f models.MonitoringFigures) ([]byte, error) {
	rows := [][]string{{"region_code", "region", "enrolled", "completed", "unit"}}
	for _, t := range f.Training {
		rows = append(rows, []string{t.RegionCode, t.RegionName, strconv.Itoa(t.Enrolled), strconv.Itoa(t.Completed), string(models.UnitParticipant)})
	}
	return csvFile(rows)
}

// MonitoringExchangesCSV writes the exchanges held as CSV, each with its agreement's
// identifier and public address.
func MonitoringExchangesCSV(f models.MonitoringFigures, base *url.URL) ([]byte, error) {
	rows := [][]string{{"start_date", "end_date", "title", "place", "participants", "unit", "agreement_id", "agreement_number", "agreement_url"}}
	for _, e := range f.Exchanges {
		rows = append(rows, []string{
			e.Start.Format(time.DateOnly), e.End.Format(time.DateOnly), e.Title, e.Place, strconv.Itoa(e.Participants), string(models.UnitParticipant),
			AgreementIdentifier(e.AgreementID), e.Number, absoluteURL(base, AgreementURL(e.AgreementID)),
		})
	}
	return csvFile(rows)
}

// exchangeCount says how many exchanges were held.
func exchangeCount(ctx context.Context, n int) string {
	return N(ctx, "monpub.exchange_count", n, FormatInt(ctx, n))
}

// Agreement progress

// totalPercent is the accepted share of a total's target, 0–100.
func totalPercent(t models.ProgressTotal) int {
	if t.Target <= 0 {
		return 0
	}
	return int(min(100, t.Accepted*100/t.Target))
}
