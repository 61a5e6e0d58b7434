package ghltest

import "time"

// LocationSeed is what SeedLocation made.
type LocationSeed struct {
	Calendar     Calendar
	Businesses   []Business
	CustomFields []CustomFieldDefinition
}

// SeedLocation gives locationID ("" means the server's default location) what a demo of the calendars,
// businesses and custom fields APIs needs: a "Consultations" calendar of 30-minute slots from 9 to 17 in
// America/New_York (UTC when the zone database is missing), two businesses, and two custom fields of contacts
// (Company Size, a number, and Industry, a picklist).
func (s *Server) SeedLocation(locationID string) LocationSeed {
	if locationID == "" {
		locationID = s.location
	}
	zone, err := time.LoadLocation("America/New_York")
	if err != nil {
		zone = time.UTC
	}
	return LocationSeed{
		Calendar: s.AddCalendar(Calendar{LocationID: locationID, Name: "Consultations", TimeZone: zone}),
		Businesses: []Business{
			s.AddBusiness(Business{LocationID: locationID, Name: "Acme Corp", Website: "https://acme.example",
				Email: "hello@acme.example", City: "Springfield", Country: "US", Description: "Anvils and rockets"}),
			s.AddBusiness(Business{LocationID: locationID, Name: "Globex", Website: "https://globex.example",
				City: "Cypress Creek", Country: "US"}),
		},
		CustomFields: []CustomFieldDefinition{
			s.AddCustomField(CustomFieldDefinition{LocationID: locationID, Name: "Company Size", DataType: "NUMERICAL", Position: 0}),
			s.AddCustomField(CustomFieldDefinition{LocationID: locationID, Name: "Industry", DataType: "SINGLE_OPTIONS",
				PicklistOptions: []string{"Manufacturing", "Energy", "Software"}, Position: 1}),
		},
	}
}
