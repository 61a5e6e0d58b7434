package ghltest

import "strconv"

var (
	seedZones    = []string{"America/New_York", "Europe/London", "Asia/Kolkata", "America/Chicago", "Australia/Sydney"}
	seedSessions = []string{"Direct traffic", "Social media", "Organic search", "Paid search"}
	seedMediums  = []string{"form", "survey", "calendar", "chat_widget"}
	seedCompany  = []string{"Analytical Engines", "Compilers Inc", "Bletchley Works", "Structured Programs"}
)

// seedUserID is the user that seeded contacts follow and that "created" the ones made in the app.
const seedUserID = "ghltestSeedUser00001"

// fakeIntegrationID is the sourceId of the contacts the API creates. Chosen: a 24-hex ID like HighLevel's
// integration IDs.
const fakeIntegrationID = "6650a1b2c3d4e5f60718293a"

// seedShape gives seeded contact i the fields a real contact carries, varied from one contact to the next,
// with some of them null and some absent, as HighLevel answers them: the type, a timezone (absent on every
// third), a company, followers, additional emails and phones, the first touch (absent on every fourth), the
// last touch (null on every odd one), who created it (absent on every sixth) and DND settings on every tenth.
func seedShape(i int, c *Contact) {
	num := strconv.Itoa(i)
	c.Type = "lead"
	if i%4 == 1 {
		c.Type = "customer"
	}
	if i%3 != 0 {
		c.Timezone = seedZones[i%len(seedZones)]
	}
	if i%2 == 0 {
		c.CompanyName = seedCompany[i/2%len(seedCompany)]
	}
	if i%5 == 0 {
		c.Followers = []string{seedUserID}
	}
	if i%7 == 0 {
		c.AdditionalEmails = []string{"alt." + num + "@example.org"}
	}
	if i%11 == 0 {
		c.AdditionalPhones = []string{"+1666" + pad(num)[5:]}
	}
	if i%4 != 3 {
		c.AttributionSource = &Attribution{
			URL: "https://www.example.com/landing", SessionSource: seedSessions[i%len(seedSessions)],
			Medium: seedMediums[i%len(seedMediums)],
		}
	}
	if i%2 == 0 && c.AttributionSource != nil {
		c.LastAttributionSource = &Attribution{
			URL: "https://www.example.com/pricing", SessionSource: seedSessions[(i+1)%len(seedSessions)],
			Medium: seedMediums[(i+1)%len(seedMediums)],
		}
	}
	switch i % 6 {
	case 5:
	case 1, 3:
		c.CreatedBy = &CreatedBy{Source: "WEB_USER", Channel: "APP", SourceID: seedUserID, Timestamp: c.DateAdded}
	default:
		c.CreatedBy = &CreatedBy{Source: "INTEGRATION", Channel: "PRIVATE_INTEGRATION", SourceID: fakeIntegrationID,
			Timestamp: c.DateAdded}
	}
	if i%10 == 0 {
		c.DNDSettings = &DNDSettings{
			Email: &DNDSetting{Status: "active"}, SMS: &DNDSetting{Status: "inactive"},
			RCS: &DNDSetting{Status: "inactive"},
		}
	}
}
