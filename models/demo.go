package models

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"
)

// demoSetting marks a database that holds the demo programme.
const demoSetting = "demo_loaded_at"

// DemoAccount is a demo sign-in, with the password it was given.
type DemoAccount struct {
	Email    string
	Name     string
	Role     Role
	Region   string // Kemendagri code, delegates only
	Password string
}

// demoPassword makes a random password that passes the portal's rules and is easy to
// copy: 20 characters from an alphabet without look-alikes.
func demoPassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("models: no randomness: %v", err))
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// LoadDemo adds the programme's public record as demo data, once: the Derap Kerja Sama Daerah forum and
// its speakers, the partner profiles, one account of each kind (an administrator, an
// official, and a delegate for DKI Jakarta and for every partner region, all under
// derap.test, with random passwords), and the memoranda in varied states of their
// lifecycle. Every agreement goes through the real lifecycle, each step taken by the demo
// official or the region's demo delegate and written to the audit log, all in one
// transaction, so that a failure leaves nothing half-loaded. It returns the accounts with
// their passwords the first time, and nothing when the demo is already there. The
// reference regions must be loaded first.
func (s *Store) LoadDemo(ctx context.Context) ([]DemoAccount, error) {
	if _, done, err := s.setting(demoSetting); err != nil || done {
		return nil, err
	}
	accounts, hashes, err := s.demoAccounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("models: load demo: %w", err)
	}
	err = s.write(ctx, func(tx *Store) error {
		if _, done, err := tx.setting(demoSetting); err != nil || done {
			accounts = nil
			return err
		}
		if err := tx.loadDemo(ctx, accounts, hashes); err != nil {
			return err
		}
		return tx.w.Create(&Setting{Key: demoSetting, Value: tx.Now().Format(time.RFC3339)}).Error
	})
	if err != nil {
		return nil, fmt.Errorf("models: load demo: %w", err)
	}
	return accounts, nil
}

// demoAccounts chooses the demo accounts and hashes their passwords, outside the write
// transaction because hashing is slow.
func (s *Store) demoAccounts(ctx context.Context) ([]DemoAccount, []string, error) {
	accounts := []DemoAccount{
		{Email: "admin@derap.test", Name: "Administrator (demo)", Role: RoleAdmin},
		{Email: "pejabat@derap.test", Name: "Pejabat Biro KSD (demo)", Role: RoleOfficial},
	}
	codes := []string{JakartaCode}
	for _, d := range demoProfiles {
		if d.partner {
			codes = append(codes, d.profile.RegionCode)
		}
	}
	var regions []Region
	if err := s.db.WithContext(ctx).Where("code IN ?", codes).Order("code").Find(&regions).Error; err != nil {
		return nil, nil, err
	}
	for _, r := range regions {
		accounts = append(accounts, DemoAccount{
			Email: "delegasi-" + strings.ReplaceAll(r.Code, ".", "-") + "@derap.test", Name: "Delegasi " + r.Name + " (demo)",
			Role: RoleDelegate, Region: r.Code,
		})
	}
	hashes := make([]string, len(accounts))
	for i := range accounts {
		accounts[i].Password = demoPassword()
		h, err := hashPassword(accounts[i].Password, s.passwordParams)
		if err != nil {
			return nil, nil, err
		}
		hashes[i] = h
	}
	return accounts, hashes, nil
}

func float(f float64) *float64 { return &f }

// demoProfiles are the partner profiles; coordinates are those of each region's seat.
var demoProfiles = []struct {
	partner bool
	profile RegionProfile
}{
	{false, RegionProfile{RegionCode: JakartaCode, Latitude: float(-6.21), Longitude: float(106.85),
		Summary:       "Tuan rumah program Derap Kerja Sama Daerah. Sekitar 90 % kebutuhan pangan Jakarta dipasok dari daerah lain, sehingga kerja sama antardaerah menjadi bagian penting ketahanan pangan kota.",
		ContactOffice: "Biro Kerja Sama Daerah, Sekretariat Daerah Provinsi DKI Jakarta", ContactAddress: "Balai Kota, Jalan Medan Merdeka Selatan No. 8-9, Jakarta Pusat"}},
	{true, RegionProfile{RegionCode: "61", Latitude: float(-0.03), Longitude: float(109.34), Commodities: "rice,fish,meat",
		Summary:       "Salah satu pemasok utama pangan Jakarta, terutama beras dan ikan. Kerja sama mencakup ketahanan pangan, pelatihan ASN dan pertukaran budaya.",
		ContactOffice: "Biro Pemerintahan, Sekretariat Daerah Provinsi Kalimantan Barat"}},
	{true, RegionProfile{RegionCode: "74.01", Latitude: float(-4.05), Longitude: float(121.59), Commodities: "fish,rice",
		Summary:       "Daerah perikanan dan pertanian di Sulawesi Tenggara yang memasok ikan dan beras, serta mitra pelatihan ASN melalui BPSDM DKI Jakarta.",
		ContactOffice: "Bagian Pemerintahan, Sekretariat Daerah Kabupaten Kolaka"}},
	{true, RegionProfile{RegionCode: "13.77", Latitude: float(-0.63), Longitude: float(100.12), Commodities: "fish",
		Summary:       "Kota pesisir di Sumatera Barat; kerja sama meliputi pasokan ikan, pelatihan ASN, pertukaran budaya dan pariwisata, serta layanan publik digital.",
		ContactOffice: "Bagian Pemerintahan, Sekretariat Daerah Kota Pariaman"}},
	{true, RegionProfile{RegionCode: "14.71", Latitude: float(0.51), Longitude: float(101.45),
		Summary:       "Ibu kota Provinsi Riau; kerja sama meliputi pelatihan ASN serta kebudayaan dan pariwisata.",
		ContactOffice: "Bagian Kerja Sama, Sekretariat Daerah Kota Pekanbaru"}},
	{true, RegionProfile{RegionCode: "61.04", Latitude: float(-1.83), Longitude: float(109.97), Commodities: "rice,fish",
		Summary:       "Kabupaten terluas di Kalimantan Barat, penghasil beras dan ikan laut.",
		ContactOffice: "Bagian Pemerintahan, Sekretariat Daerah Kabupaten Ketapang"}},
	{true, RegionProfile{RegionCode: "53", Latitude: float(-10.18), Longitude: float(123.61), Commodities: "meat,fish",
		Summary: "Disebut sebagai salah satu pemasok utama pangan Jakarta, terutama sapi potong."}},
	{true, RegionProfile{RegionCode: "13", Latitude: float(-0.95), Longitude: float(100.42), Commodities: "rice,chili,shallot",
		Summary: "Disebut sebagai salah satu pemasok utama pangan Jakarta: beras, cabai dan bawang merah."}},
}

// demoAgreement is one demo agreement and how far along its lifecycle it has come.
type demoAgreement struct {
	input AgreementInput
	// parentIndex points at an earlier demoAgreement (-1: none).
	parentIndex int
	created     time.Time
	sent        time.Time // zero: stays a draft
	// answers by party position; zero time: no answer yet.
	answers []demoAnswer
	signed  time.Time // zero: not signed
	atEvent bool
	publish time.Time // zero: not published
}

type demoAnswer struct {
	at      time.Time
	decline string // reason; empty means confirm
}

func at(y int, m time.Month, d, hour int) time.Time {
	return time.Date(y, m, d, hour, 0, 0, 0, Jakarta).UTC()
}

const (
	demoFunding      = "Pembiayaan dibebankan pada Anggaran Pendapatan dan Belanja Daerah masing-masing pihak sesuai dengan kewenangan dan ketentuan peraturan perundang-undangan, serta sumber lain yang sah dan tidak mengikat."
	jakartaSignatory = "Pramono Anung Wibowo"
	jakartaPosition  = "Gubernur Daerah Khusus Ibukota Jakarta"
)

func demoScope(partner string, extra ...string) string {
	items := append([]string{
		"Ketahanan pangan: pasokan beras, daging dan ikan dari " + partner + " untuk memenuhi kebutuhan pangan Jakarta, termasuk distribusi melalui BUMD pangan Provinsi DKI Jakarta.",
		"Peningkatan kapasitas aparatur sipil negara melalui paket pelatihan BPSDM Provinsi DKI Jakarta.",
		"Pertukaran budaya serta promosi pariwisata kedua daerah.",
	}, extra...)
	for i := range items {
		items[i] = fmt.Sprintf("%d. %s", i+1, items[i])
	}
	return strings.Join(items, "\n")
}

func demoMemorandum(number, partner, partnerCode, partnerNumber, signatory, position string, authority Authority, start time.Time, sectors []string, extraScope ...string) AgreementInput {
	return AgreementInput{
		Number: number,
		Title:  "Kesepakatan Bersama antara Pemerintah Provinsi Daerah Khusus Ibukota Jakarta dan Pemerintah " + partner + " tentang Kerja Sama Ketahanan Pangan, Peningkatan Kapasitas Aparatur Sipil Negara, serta Kebudayaan dan Pariwisata",
		// The heading people read: the partner and the fields, not forty words.
		ShortTitle: strings.TrimPrefix(partner, "Provinsi ") + " — ketahanan pangan, ASN, budaya dan pariwisata",
		DocType:    DocMemorandum, Kind: CooperationRegional, Sectors: sectors,
		Scope:       demoScope(partner, extraScope...),
		Summary:     "Kesepakatan bersama yang menjadi payung kerja sama antara Pemerintah Provinsi DKI Jakarta dan Pemerintah " + partner + ". Pelaksanaannya dituangkan dalam perjanjian kerja sama tersendiri untuk setiap bidang.",
		StartDate:   start,
		EndDate:     start.AddDate(5, 0, -1),
		FundingNote: demoFunding,
		Parties: []PartyInput{
			{Region: JakartaCode, DocumentNumber: number, SignatoryName: jakartaSignatory, SignatoryPosition: jakartaPosition, Authority: AuthorityOwnOffice},
			{Region: partnerCode, DocumentNumber: partnerNumber, SignatoryName: signatory, SignatoryPosition: position, Authority: authority},
		},
	}
}

var (
	forumDay      = Date(2025, time.October, 3)
	memoSectors   = []string{"food", "civil_service_training", "culture", "tourism"}
	pariamanScope = "Layanan publik digital: berbagi pengalaman dan aplikasi pelayanan publik berbasis elektronik."
)

// demoAgreements are the memoranda of the forum in their varied states, and a draft
// implementing agreement under the first one. Partner signatories are illustrative names.
var demoAgreements = []demoAgreement{
	{
		input:       demoMemorandum("e-0117/KSB/2025", "Provinsi Kalimantan Barat", "61", "075/1842/Pem-A/2025", "Hendra Saputra", "Gubernur Kalimantan Barat", AuthorityOwnOffice, forumDay, memoSectors),
		parentIndex: -1, created: at(2025, time.August, 25, 9), sent: at(2025, time.September, 8, 10),
		answers: []demoAnswer{{at: at(2025, time.September, 12, 14)}, {at: at(2025, time.September, 19, 10)}},
		signed:  forumDay, atEvent: true, publish: at(2025, time.October, 10, 9),
	},
	{
		input:       demoMemorandum("e-0118/KSB/2025", "Kabupaten Kolaka", "74.01", "180/412/2025", "Rusdi Mappangara", "Sekretaris Daerah Kabupaten Kolaka", AuthorityPowerOfAttorney, forumDay, memoSectors),
		parentIndex: -1, created: at(2025, time.August, 26, 9), sent: at(2025, time.September, 9, 10),
		answers: []demoAnswer{{at: at(2025, time.September, 12, 15)}, {at: at(2025, time.September, 24, 11)}},
		signed:  forumDay, atEvent: true, publish: at(2025, time.October, 10, 9),
	},
	{
		input:       demoMemorandum("e-0119/KSB/2025", "Kota Pariaman", "13.77", "100.3/276/Pem/2025", "Syafrizal Chaniago", "Wali Kota Pariaman", AuthorityOwnOffice, forumDay, append(memoSectors, "communication"), pariamanScope),
		parentIndex: -1, created: at(2025, time.August, 27, 9), sent: at(2025, time.September, 10, 10),
		answers: []demoAnswer{{at: at(2025, time.September, 15, 9)}, {at: at(2025, time.September, 23, 16)}},
		signed:  forumDay, atEvent: true, publish: at(2025, time.October, 13, 10),
	},
	{
		input:       demoMemorandum("e-0204/KSB/2026", "Kota Pekanbaru", "14.71", "", "Indra Syahputra", "Wali Kota Pekanbaru", AuthorityOwnOffice, Date(2026, time.December, 15), []string{"civil_service_training", "culture", "tourism", "food"}),
		parentIndex: -1, created: at(2026, time.October, 6, 9), sent: at(2026, time.October, 19, 10),
		answers: []demoAnswer{{at: at(2026, time.October, 22, 13)}},
	},
	{
		input:       demoMemorandum("e-0205/KSB/2026", "Kabupaten Ketapang", "61.04", "", "Yohanes Kristianto", "Bupati Ketapang", AuthorityOwnOffice, Date(2026, time.December, 15), memoSectors),
		parentIndex: -1, created: at(2026, time.October, 6, 10), sent: at(2026, time.October, 19, 11),
		answers: []demoAnswer{
			{at: at(2026, time.October, 23, 9)},
			{at: at(2026, time.November, 4, 15), decline: "Mohon ruang lingkup ketahanan pangan dilengkapi dengan skema pengiriman ikan laut melalui Pelabuhan Ketapang dan pembagian biaya angkut sebelum kami konfirmasi."},
		},
	},
	{
		input: AgreementInput{
			Number:      "e-0211/PKS/2026",
			Title:       "Perjanjian Kerja Sama tentang Pasokan Beras dari Provinsi Kalimantan Barat ke Provinsi Daerah Khusus Ibukota Jakarta",
			ShortTitle:  "Kalimantan Barat — pasokan beras",
			DocType:     DocImplementing,
			Kind:        CooperationRegional,
			Sectors:     []string{"food"},
			Scope:       "1. Pasokan beras medium dan premium sebanyak yang disepakati setiap triwulan.\n2. Pengiriman melalui Pelabuhan Dwikora Pontianak ke Pelabuhan Tanjung Priok.\n3. Pemantauan harga dan mutu bersama.",
			Summary:     "Perjanjian pelaksanaan di bawah kesepakatan bersama dengan Provinsi Kalimantan Barat untuk pasokan beras ke Jakarta.",
			StartDate:   Date(2027, time.January, 1),
			EndDate:     Date(2028, time.December, 31),
			FundingNote: demoFunding,
			Parties: []PartyInput{
				{Region: JakartaCode, DocumentNumber: "e-0211/PKS/2026", SignatoryName: "Marulina Dewi", SignatoryPosition: "Kepala Biro Kerja Sama Daerah", Authority: AuthorityPowerOfAttorney},
				{Region: "61", SignatoryName: "Dewi Anggraini", SignatoryPosition: "Kepala Dinas Ketahanan Pangan Provinsi Kalimantan Barat", Authority: AuthorityPowerOfAttorney},
			},
		},
		parentIndex: 0, created: at(2026, time.November, 16, 10),
	},
}

func (tx *Store) loadDemo(ctx context.Context, accounts []DemoAccount, hashes []string) error {
	var official *User
	delegates := map[string]*User{}
	for i, a := range accounts {
		u := &User{Email: a.Email, Name: a.Name, Role: a.Role, Active: true, PasswordHash: hashes[i]}
		if a.Region != "" {
			code := a.Region
			u.RegionCode = &code
			delegates[code] = u
		}
		if err := tx.w.Create(u).Error; err != nil {
			return err
		}
		if a.Role == RoleOfficial {
			official = u
		}
	}
	for _, d := range demoProfiles {
		if err := tx.w.Create(&d.profile).Error; err != nil {
			return err
		}
		if d.partner {
			if err := tx.w.Model(&Region{}).Where("code = ?", d.profile.RegionCode).Update("partner", true).Error; err != nil {
				return err
			}
		}
	}
	forum := Event{
		Title:     "Derap Kerja Sama Daerah",
		StartsAt:  forumDay,
		EndsAt:    forumDay,
		AllDay:    true,
		Place:     "Jakarta",
		Organiser: "Pemerintah Provinsi DKI Jakarta",
		Summary:   "Forum kerja sama antardaerah yang diselenggarakan Pemerintah Provinsi DKI Jakarta. Sekitar 90 % pangan Jakarta berasal dari daerah lain; forum ini memperkuat kerja sama ketahanan pangan (beras, daging, ikan), peningkatan kapasitas ASN melalui paket pelatihan BPSDM, serta pertukaran budaya dan pariwisata, dan menjadi tempat penandatanganan kesepakatan bersama dengan daerah mitra.",
		Minutes: "## Pokok bahasan\n\n" +
			"- Sekitar 90 % kebutuhan pangan Jakarta dipasok daerah lain; Nusa Tenggara Timur, Sumatera Barat dan Kalimantan Barat disebut sebagai pemasok utama.\n" +
			"- Kerja sama ketahanan pangan mencakup pasokan beras, daging dan ikan.\n" +
			"- Peningkatan kapasitas ASN daerah mitra melalui paket pelatihan BPSDM Provinsi DKI Jakarta.\n" +
			"- Pertukaran budaya dan promosi pariwisata antardaerah.\n\n" +
			"## Hasil\n\n" +
			"Kesepakatan bersama dengan Provinsi Kalimantan Barat, Kabupaten Kolaka dan Kota Pariaman ditandatangani. Kesepakatan dengan Kota Pekanbaru dan Kabupaten Ketapang dilanjutkan ke tahap konfirmasi para pihak.",
		Speakers: []EventSpeaker{
			{Position: 1, Name: "Marulina Dewi", Role: "Kepala Biro Kerja Sama Daerah", Organisation: "Pemerintah Provinsi DKI Jakarta"},
			{Position: 2, Name: "Agus Fatoni", Role: "Direktur Jenderal Bina Keuangan Daerah", Organisation: "Kementerian Dalam Negeri"},
		},
	}
	for _, code := range []string{JakartaCode, "61", "74.01", "13.77", "14.71", "61.04"} {
		forum.Participants = append(forum.Participants, EventParticipant{RegionCode: code})
	}
	if err := tx.w.Create(&forum).Error; err != nil {
		return err
	}
	// Each step runs as of its own day, by the demo official or the region's delegate.
	at := func(t time.Time) *Store {
		c := tx.bound(tx.w)
		c.now = func() time.Time { return t }
		return c
	}
	staff := Actor{User: official, UserAgent: "demo loader"}
	ids := make([]uint, len(demoAgreements))
	for i, d := range demoAgreements {
		in := d.input
		if d.parentIndex >= 0 {
			in.ParentID = &ids[d.parentIndex]
		}
		id, err := at(d.created).CreateDraft(ctx, staff, in)
		if err != nil {
			return err
		}
		ids[i] = id
		if d.sent.IsZero() {
			continue
		}
		ver, err := at(d.sent).SendForConfirmation(ctx, staff, id, AnyRevision)
		if err != nil {
			return err
		}
		var parties []Party
		if err := tx.db.Where("agreement_id = ?", id).Order("position").Find(&parties).Error; err != nil {
			return err
		}
		for j, ans := range d.answers {
			delegate := Actor{User: delegates[parties[j].RegionCode], UserAgent: "demo loader"}
			if ans.decline != "" {
				err = at(ans.at).DeclineParty(ctx, delegate, id, parties[j].ID, ver.ContentHash, ans.decline)
			} else {
				err = at(ans.at).ConfirmParty(ctx, delegate, id, parties[j].ID, ver.ContentHash, "", "")
			}
			if err != nil {
				return err
			}
		}
		if d.signed.IsZero() {
			continue
		}
		sign := SigningInput{Date: d.signed, Place: "Jakarta"}
		if d.atEvent {
			sign.EventID = &forum.ID
		}
		if err := at(d.signed).RecordSigning(ctx, staff, id, sign); err != nil {
			return err
		}
		// The scan of the signed paper is attached before publication, as the office does.
		scan := demoSignedScan(d.input, d.signed, sign.Place)
		if _, err := at(d.signed.AddDate(0, 0, 2)).AddDocument(ctx, staff, OwnerAgreement, id, demoScanTitle, demoScanName(d.input.Number), bytes.NewReader(scan), int64(len(scan))); err != nil {
			return err
		}
		if !d.publish.IsZero() {
			if err := at(d.publish).Publish(ctx, staff, id, AnyRevision); err != nil {
				return err
			}
		}
	}
	return tx.loadDemoMonitoring(ctx, at, staff, delegates, ids)
}

// ResetDemoPasswords gives new random passwords to the demo accounts nobody has signed in
// with yet and returns them, for the person trying the demo who never saw the ones of the
// first start (it failed after seeding, or its log is gone). An account already used keeps
// its password. The operator only; each reset is audited like any password set for a user.
func (s *Store) ResetDemoPasswords(ctx context.Context, actor Actor) ([]DemoAccount, error) {
	if !actor.MayManageUsers() {
		return nil, fmt.Errorf("models: reset demo passwords: %w", ErrForbidden)
	}
	if _, done, err := s.setting(demoSetting); err != nil || !done {
		return nil, err
	}
	accounts, hashes, err := s.demoAccounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("models: reset demo passwords: %w", err)
	}
	var reset []DemoAccount
	for i, a := range accounts {
		u, err := s.UserByEmail(ctx, a.Email)
		if errors.Is(err, ErrNotFound) || (err == nil && (u.LastLoginAt != nil || !u.Active)) {
			continue
		}
		if err != nil {
			return reset, fmt.Errorf("models: reset demo passwords: %w", err)
		}
		_, err = s.accountStep(ctx, actor, u.ID, AnyRevision, "user.password_set", func(tx *Store) error {
			if err := tx.w.Model(&User{}).Where("id = ? AND last_login_at IS NULL", u.ID).Update("password_hash", hashes[i]).Error; err != nil {
				return err
			}
			return tx.w.Where("user_id = ?", u.ID).Delete(&Session{}).Error
		})
		if err != nil {
			return reset, err
		}
		reset = append(reset, a)
	}
	return reset, nil
}
