package webhook

import (
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Trial != nil means HighLevel described a trial: "trial": {} is no trial at all.
func TestInstallTrialPresence(t *testing.T) {
	tests := []struct {
		name    string
		trial   string
		present bool
		active  bool
	}{
		{"empty object", `,"trial":{}`, false, false},
		{"empty object with spaces", `,"trial": { } `, false, false},
		{"absent", ``, false, false},
		{"null", `,"trial":null`, false, false},
		{"on trial", `,"trial":{"onTrial":true,"trialDuration":10}`, true, true},
		{"described, not on trial", `,"trial":{"onTrial":false}`, true, false},
		{"odd fields still describe one", `,"trial":{"onTrial":"yes"}`, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := ghltest.StampWebhook([]byte(`{"type":"INSTALL","appId":"a","companyName":"C"`+tt.trial+`}`), "w", testNow)
			require.NoError(t, err)
			install, ok := construct(t, body).Data.(*AppInstall)
			require.True(t, ok)
			assert.Equal(t, "C", install.CompanyName, "the rest of the install is read")
			assert.Equal(t, tt.present, install.Trial != nil)
			assert.Equal(t, tt.active, install.Trial.Active())
		})
	}
	sample, ok := construct(t, stampedSample(t, TypeInstall)).Data.(*AppInstall)
	require.True(t, ok)
	assert.True(t, sample.Trial.Active())
	assert.Equal(t, "Location", sample.InstallType)
}

// A contact delivery's timezone and attribution, which real deliveries carry beyond the documented example.
func TestContactEventTimezoneAndAttribution(t *testing.T) {
	body, err := ghltest.StampWebhook([]byte(`{"type":"ContactUpdate","appId":"a","versionId":"v","id":"c1",`+
		`"timezone":"America/Chicago",`+
		`"attributionSource":{"url":"https://www.example.com/landing","sessionSource":"Paid Search","medium":"form","utmSource":"google"},`+
		`"lastAttributionSource":{"sessionSource":"CRM UI","medium":"manual"}}`), "w", testNow)
	require.NoError(t, err)
	e := construct(t, body)
	c, ok := e.Data.(*ContactUpdate)
	require.True(t, ok)
	assert.Equal(t, "a", e.AppID)
	assert.Equal(t, "v", e.VersionID)
	assert.Equal(t, "America/Chicago", c.Timezone)
	assert.Equal(t, &contacts.Attribution{URL: "https://www.example.com/landing", SessionSource: "Paid Search",
		Medium: "form", UTMSource: "google"}, c.AttributionSource)
	assert.Equal(t, &contacts.Attribution{SessionSource: "CRM UI", Medium: "manual"}, c.LastAttributionSource)

	sample, ok := construct(t, stampedSample(t, TypeContactCreate)).Data.(*ContactCreate)
	require.True(t, ok)
	assert.Nil(t, sample.AttributionSource, "the documented example has none")
}

// The real DND settings carry an RCS channel, kept in the map with the others.
func TestDndSampleKeepsRCS(t *testing.T) {
	d, ok := construct(t, stampedSample(t, TypeContactDndUpdate)).Data.(*ContactDndUpdate)
	require.True(t, ok)
	require.Contains(t, d.DNDSettings, "RCS")
	assert.Equal(t, "inactive", d.DNDSettings["RCS"].Status)
	assert.Len(t, d.DNDSettings, 7)
}

func stampedSample(t *testing.T, typ string) []byte {
	t.Helper()
	body, err := ghltest.StampWebhook(ghltest.WebhookSample(typ), "w-"+typ, testNow)
	require.NoError(t, err)
	return body
}

// The delivery's timestamp is read by the parser every record date goes through, but strictly: what it
// cannot read, and a wall clock without a zone, fail the delivery instead of reading as zero.
func TestDeliveryTimestampSharesTheRecordParser(t *testing.T) {
	tests := []struct {
		ts      string
		wantErr error
	}{
		{`"2025-01-28T14:35:00Z"`, nil},
		{`"2025-01-28T20:05:00+05:30"`, nil},
		{`"2025-01-28T14:35:00.000+0000"`, nil},
		{`1738075000000`, nil},
		{`"1738075000"`, nil},
		{`"Tue, 28 Jan 2025 14:35:00 GMT"`, nil},
		{`"2025-01-28T14:35:00"`, ErrInvalidTimestamp},
		{`"2025-01-28"`, ErrInvalidTimestamp},
		{`"5"`, ErrInvalidTimestamp},
	}
	for _, tt := range tests {
		t.Run(tt.ts, func(t *testing.T) {
			body := []byte(`{"type":"NoteCreate","webhookId":"w","timestamp":` + tt.ts + `}`)
			e, err := testVerifier(t, newFakeClock()).ConstructEvent(body, signedHeader(body))
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			var want Time
			require.NoError(t, want.UnmarshalJSON([]byte(tt.ts)))
			assert.True(t, want.Time.Equal(e.Timestamp), "the envelope and a record read %s alike", tt.ts)
		})
	}
}
