package models

// SectorGroup is the class of government affairs a sector belongs to (UU 23/2014 Pasal 12).
type SectorGroup string

// Sector groups in the order of the law.
const (
	SectorMandatoryBasic SectorGroup = "mandatory_basic"
	SectorMandatoryOther SectorGroup = "mandatory_other"
	SectorOptional       SectorGroup = "optional"
	SectorSupporting     SectorGroup = "supporting"
)

// Sector is one government affair an agreement can cover. Its names live in the
// message catalog under "sector.<Key>"; the key is what the database stores.
type Sector struct {
	Key   string
	Group SectorGroup
}

// Sectors is the fixed list of objects of cooperation Permendagri 22/2020 names.
var Sectors = []Sector{
	{"education", SectorMandatoryBasic},
	{"health", SectorMandatoryBasic},
	{"public_works", SectorMandatoryBasic},
	{"housing", SectorMandatoryBasic},
	{"public_order", SectorMandatoryBasic},
	{"social", SectorMandatoryBasic},
	{"labour", SectorMandatoryOther},
	{"women_children", SectorMandatoryOther},
	{"food", SectorMandatoryOther},
	{"land", SectorMandatoryOther},
	{"environment", SectorMandatoryOther},
	{"civil_registry", SectorMandatoryOther},
	{"village_empowerment", SectorMandatoryOther},
	{"family_planning", SectorMandatoryOther},
	{"transport", SectorMandatoryOther},
	{"communication", SectorMandatoryOther},
	{"cooperatives_smes", SectorMandatoryOther},
	{"investment", SectorMandatoryOther},
	{"youth_sports", SectorMandatoryOther},
	{"statistics", SectorMandatoryOther},
	{"cryptography", SectorMandatoryOther},
	{"culture", SectorMandatoryOther},
	{"library", SectorMandatoryOther},
	{"archives", SectorMandatoryOther},
	{"marine_fisheries", SectorOptional},
	{"tourism", SectorOptional},
	{"agriculture", SectorOptional},
	{"forestry", SectorOptional},
	{"energy_mineral", SectorOptional},
	{"trade", SectorOptional},
	{"industry", SectorOptional},
	{"transmigration", SectorOptional},
	{"civil_service_training", SectorSupporting},
}

// ValidSector reports whether key names one of Sectors.
func ValidSector(key string) bool {
	for _, s := range Sectors {
		if s.Key == key {
			return true
		}
	}
	return false
}
