package contacts_test

import (
	"context"
	"testing"
	"time"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The fields HighLevel's answers carry beyond its spec decode into Contact, from ghltest's own wire types.
func TestContactDecodesRealShapeFields(t *testing.T) {
	f := newFake(t)
	made := time.Date(2025, 3, 4, 5, 6, 7, 891e6, time.UTC)
	added := f.srv.AddContact(ghltest.Contact{
		LocationID: f.loc, FirstName: "Ada", Type: "customer", Timezone: "Europe/London",
		Followers:        []string{"user1", "user2"},
		AdditionalEmails: []string{"ada@work.example"},
		AdditionalPhones: []string{"+15550199"},
		AttributionSource: &ghltest.Attribution{URL: "https://www.example.com/landing", SessionSource: "Paid search",
			Medium: "form", MediumID: "form1", Referrer: "https://google.com", UTMSource: "google"},
		LastAttributionSource: &ghltest.Attribution{SessionSource: "CRM UI", Medium: "manual"},
		CreatedBy:             &ghltest.CreatedBy{Source: "INTEGRATION", Channel: "OAUTH", SourceID: "app1", Timestamp: made},
		DNDSettings:           &ghltest.DNDSettings{RCS: &ghltest.DNDSetting{Status: "active"}},
	})

	c, err := f.svc.Get(context.Background(), added.ID)
	require.NoError(t, err)
	assert.Equal(t, "customer", c.Type)
	assert.Equal(t, "Europe/London", c.Timezone)
	assert.Equal(t, []string{"user1", "user2"}, c.Followers)
	assert.Equal(t, contacts.Additional{"ada@work.example"}, c.AdditionalEmails)
	assert.Equal(t, contacts.Additional{"+15550199"}, c.AdditionalPhones)
	assert.Equal(t, &contacts.Attribution{URL: "https://www.example.com/landing", SessionSource: "Paid search",
		Medium: "form", MediumID: "form1", Referrer: "https://google.com", UTMSource: "google"}, c.AttributionSource)
	assert.Equal(t, &contacts.Attribution{SessionSource: "CRM UI", Medium: "manual"}, c.LastAttributionSource)
	require.NotNil(t, c.CreatedBy)
	assert.Equal(t, "INTEGRATION", c.CreatedBy.Source)
	assert.Equal(t, "OAUTH", c.CreatedBy.Channel)
	assert.Equal(t, "app1", c.CreatedBy.SourceID)
	assert.True(t, made.Equal(c.CreatedBy.Timestamp.Time), "got %v", c.CreatedBy.Timestamp)
	require.NotNil(t, c.DNDSettings)
	require.NotNil(t, c.DNDSettings.RCS)
	assert.Equal(t, contacts.DNDActive, c.DNDSettings.RCS.Status)
}

// A seeded page has every shape ghltest answers with: some contacts with createdBy and attribution, some
// without, and none of them fails the page.
func TestSeededPageCarriesCreatedByAndAttribution(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 12, ghltest.SeedOptions{Prefix: "shape"})
	page, err := f.svc.Search(context.Background(), contacts.SearchParams{PageLimit: 12})
	require.NoError(t, err)
	require.Len(t, page.Contacts, 12)
	var createdBy, attributed, sessions, timezones int
	for _, c := range page.Contacts {
		if c.CreatedBy != nil {
			createdBy++
			assert.NotEmpty(t, c.CreatedBy.Source)
			assert.NotEmpty(t, c.CreatedBy.SourceID)
			assert.True(t, c.CreatedBy.Timestamp.Valid())
		}
		if c.AttributionSource != nil {
			attributed++
			if c.AttributionSource.SessionSource != "" && c.AttributionSource.Medium != "" {
				sessions++
			}
		}
		if c.Timezone != "" {
			timezones++
		}
	}
	assert.Equal(t, 10, createdBy, "every contact but the one in six ghltest seeds without")
	assert.Equal(t, 9, attributed, "three in four have a first touch")
	assert.Equal(t, attributed, sessions, "each first touch has its sessionSource and medium")
	assert.Equal(t, 8, timezones)
}
