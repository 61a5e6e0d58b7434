package contacts_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactDecodesTolerantly(t *testing.T) {
	added := time.Date(2021, 8, 31, 9, 59, 41, 937e6, time.UTC)
	tests := []struct {
		name  string
		json  string
		check func(t *testing.T, c contacts.Contact)
	}{
		{"well formed", `{"id":"c1","email":"a@b.co","tags":["vip"],"dateAdded":"2021-08-31T09:59:41.937Z","dnd":true,
			"dndSettings":{"SMS":{"status":"active"}},"customFields":[{"id":"f1","value":"x"}],"attributionSource":{"url":"u"}}`,
			func(t *testing.T, c contacts.Contact) {
				assert.Equal(t, "a@b.co", c.Email)
				assert.Equal(t, []string{"vip"}, c.Tags)
				assert.True(t, c.DateAdded.Equal(added))
				assert.True(t, c.DND)
				assert.Equal(t, "active", c.DNDSettings.SMS.Status)
				assert.Equal(t, "u", c.AttributionSource.URL)
			}},
		{"unknown field", `{"id":"c1","additionalEmails":[{"email":"x@y.z"}],"email":"a@b.co"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.Equal(t, "a@b.co", c.Email)
				raw, ok := c.Field("additionalEmails")
				require.True(t, ok)
				assert.JSONEq(t, `[{"email":"x@y.z"}]`, string(raw))
			}},
		{"number where text was expected", `{"id":"c1","phone":15550100,"postalCode":35061,"email":"a@b.co"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.Equal(t, "15550100", c.Phone)
				assert.Equal(t, "35061", c.PostalCode)
				assert.Equal(t, "a@b.co", c.Email)
			}},
		{"odd date", `{"id":"c1","dateAdded":"last tuesday","dateUpdated":"2021-08-31T09:59:41.937Z"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.False(t, c.DateAdded.Valid())
				assert.Equal(t, "last tuesday", c.DateAdded.Raw)
				assert.True(t, c.DateUpdated.Equal(added))
			}},
		{"date as epoch millis", `{"id":"c1","lastActivity":1630403981937,"dateOfBirth":"1990-09-25"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.True(t, c.LastActivity.Equal(added))
				assert.Equal(t, "1990-09-25", c.DateOfBirth.Format("2006-01-02"))
			}},
		{"text where numbers and flags were expected", `{"id":"c1","birthMonth":"8","birthDay":"25","dnd":"true"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.Equal(t, 8, c.BirthMonth)
				assert.Equal(t, 25, c.BirthDay)
				assert.True(t, c.DND)
			}},
		{"one tag as text", `{"id":"c1","tags":"vip"}`,
			func(t *testing.T, c contacts.Contact) { assert.Equal(t, []string{"vip"}, c.Tags) }},
		{"numbers in tags", `{"id":"c1","tags":["a",2,null]}`,
			func(t *testing.T, c contacts.Contact) { assert.Equal(t, []string{"a", "2"}, c.Tags) }},
		{"custom fields as a map", `{"id":"c1","customFields":{"f2":"b","f1":3}}`,
			func(t *testing.T, c contacts.Contact) {
				require.Len(t, c.CustomFields, 2)
				f, ok := c.CustomField("f1")
				require.True(t, ok)
				n, ok := f.Number()
				assert.True(t, ok)
				assert.Equal(t, 3.0, n)
			}},
		{"custom field with a numeric id", `{"id":"c1","customFields":[{"id":7,"value":"x"},{"id":"f","value":1}]}`,
			func(t *testing.T, c contacts.Contact) {
				require.Len(t, c.CustomFields, 2)
				assert.Equal(t, "7", c.CustomFields[0].ID)
				assert.JSONEq(t, `"x"`, string(c.CustomFields[0].Value))
				assert.Equal(t, "f", c.CustomFields[1].ID)
			}},
		{"one attribution as an object", `{"id":"c1","attributions":{"url":"u"}}`,
			func(t *testing.T, c contacts.Contact) {
				require.Len(t, c.Attributions, 1)
				assert.Equal(t, "u", c.Attributions[0].URL)
			}},
		{"object where text was expected", `{"id":"c1","attachments":[{"url":"f"}],"email":"a@b.co"}`,
			func(t *testing.T, c contacts.Contact) {
				assert.Empty(t, c.Attachments)
				assert.Equal(t, "a@b.co", c.Email)
				raw, _ := c.Field("attachments")
				assert.JSONEq(t, `[{"url":"f"}]`, string(raw))
			}},
		{"not an object", `"c1"`,
			func(t *testing.T, c contacts.Contact) {
				assert.Empty(t, c.ID)
				assert.Equal(t, `"c1"`, string(c.Raw))
			}},
		{"search cursor", `{"id":"c1","searchAfter":[1630403981937,"c1"]}`,
			func(t *testing.T, c contacts.Contact) {
				assert.JSONEq(t, `[1630403981937,"c1"]`, string(c.SearchAfter))
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c contacts.Contact
			require.NoError(t, json.Unmarshal([]byte(tt.json), &c))
			assert.JSONEq(t, tt.json, string(c.Raw), "Raw keeps the record")
			tt.check(t, c)
		})
	}
}

// One odd record must not fail the page, nor lose the records around it.
func TestOddRecordDoesNotFailPage(t *testing.T) {
	page := `{"contacts":[{"id":"a","email":"a@x.co"},{"id":"b","phone":5550100,"dateAdded":{"$date":1},"tags":"x","zzz":1},null,{"id":"c"}],"total":4}`
	var out struct {
		Contacts []contacts.Contact `json:"contacts"`
		Total    int                `json:"total"`
	}
	require.NoError(t, json.Unmarshal([]byte(page), &out))
	require.Len(t, out.Contacts, 4)
	assert.Equal(t, []string{"a", "b", "", "c"}, []string{out.Contacts[0].ID, out.Contacts[1].ID, out.Contacts[2].ID, out.Contacts[3].ID})
	assert.Equal(t, "5550100", out.Contacts[1].Phone)
	assert.Equal(t, `{"$date":1}`, out.Contacts[1].DateAdded.Raw)
	assert.Equal(t, 4, out.Total)
}

func TestTimeRoundTrip(t *testing.T) {
	tests := []struct{ in, out string }{
		{`"2021-08-31T09:59:41.937Z"`, `"2021-08-31T09:59:41.937Z"`},
		{`"2021-08-31T11:59:41+02:00"`, `"2021-08-31T09:59:41.000Z"`},
		{`1630403981937`, `"2021-08-31T09:59:41.937Z"`},
		{`"1630403981937"`, `"2021-08-31T09:59:41.937Z"`},
		{`"not a date"`, `"not a date"`},
		{`null`, `null`},
		{`""`, `null`},
		{`true`, `"true"`},
	}
	for _, tt := range tests {
		var tm api.Time
		require.NoError(t, json.Unmarshal([]byte(tt.in), &tm), tt.in)
		b, err := json.Marshal(tm)
		require.NoError(t, err)
		assert.Equal(t, tt.out, string(b), tt.in)
	}
}

func TestContactMarshalOmitsEmpty(t *testing.T) {
	b, err := json.Marshal(contacts.Contact{ID: "c1", Email: "a@b.co"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"c1","email":"a@b.co","dnd":false}`, string(b))
}

func TestCustomFieldAccessors(t *testing.T) {
	tests := []struct {
		value   string
		str     string
		strOK   bool
		num     float64
		numOK   bool
		list    []string
		listOK  bool
		boolean bool
		boolOK  bool
		empty   bool
	}{
		{value: `"gold"`, str: "gold", strOK: true, list: []string{"gold"}, listOK: true},
		{value: `"12.5"`, str: "12.5", strOK: true, num: 12.5, numOK: true, list: []string{"12.5"}, listOK: true},
		{value: `100`, str: "100", strOK: true, num: 100, numOK: true, list: []string{"100"}, listOK: true},
		{value: `["a","b"]`, list: []string{"a", "b"}, listOK: true},
		{value: `true`, str: "true", strOK: true, list: []string{"true"}, listOK: true, boolean: true, boolOK: true},
		{value: `{"f":{"url":"u"}}`},
		{value: `null`, empty: true},
		{value: `[]`, list: []string{}, listOK: true, empty: true},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			var f contacts.CustomField
			require.NoError(t, json.Unmarshal([]byte(`{"id":"f","value":`+tt.value+`}`), &f))
			assert.Equal(t, "f", f.ID)
			s, ok := f.String()
			assert.Equal(t, tt.str, s)
			assert.Equal(t, tt.strOK, ok)
			n, ok := f.Number()
			assert.Equal(t, tt.num, n)
			assert.Equal(t, tt.numOK, ok)
			l, ok := f.Strings()
			assert.Equal(t, tt.listOK, ok)
			if tt.listOK {
				assert.Equal(t, tt.list, l)
			}
			b, ok := f.Bool()
			assert.Equal(t, tt.boolean, b)
			assert.Equal(t, tt.boolOK, ok)
			assert.Equal(t, tt.empty, f.IsEmpty())
		})
	}
	var file contacts.CustomField
	require.NoError(t, json.Unmarshal([]byte(`{"id":"f","value":{"k":{"url":"u"}}}`), &file))
	var m map[string]struct{ URL string }
	require.NoError(t, file.Decode(&m))
	assert.Equal(t, "u", m["k"].URL)
	require.NoError(t, json.Unmarshal([]byte(`{"id":"7","value":[1,`+strings.Repeat(`"x",`, 2)+`"y"]}`), &file))
	_, ok := file.Strings()
	assert.False(t, ok, "a list with a number in it is not a list of strings")
}

// A page is read tolerantly too: odd records, null entries, counts of the wrong type, unknown keys.
func TestSearchPageTolerance(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		wantIDs []string
		total   int
		wantErr bool
	}{
		{"odd record among good ones", `{"contacts":[{"id":"a"},{"id":"b","phone":5550100,"dateAdded":[1]},{"id":"c"}],"total":3,"traceId":"x"}`, []string{"a", "b", "c"}, 3, false},
		{"null entries dropped", `{"contacts":[null,{"id":"a"}, null],"total":1}`, []string{"a"}, 1, false},
		{"total as text", `{"contacts":[{"id":"a"}],"total":"many"}`, []string{"a"}, 0, false},
		{"count instead of total", `{"count":7,"contacts":[{"id":"a"}]}`, []string{"a"}, 7, false},
		{"contacts not a list", `{"contacts":{"id":"a"},"total":1}`, nil, 1, false},
		{"no contacts", `{"total":0}`, nil, 0, false},
		{"not an object", `[{"id":"a"}]`, nil, 0, true},
		{"broken JSON", `{"contacts":[{"id":"a"]}`, nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tt.body))
			})
			p, err := svc.Search(context.Background(), contacts.SearchParams{PageLimit: 100})
			if tt.wantErr {
				var de *transport.DecodeError
				assert.True(t, errors.As(err, &de), "err = %v", err)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, c := range p.Contacts {
				ids = append(ids, c.ID)
				assert.NotEmpty(t, c.Raw)
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.total, p.Total)
			if len(p.Contacts) == 3 {
				assert.Equal(t, "5550100", p.Contacts[1].Phone)
				assert.Equal(t, "[1]", p.Contacts[1].DateAdded.Raw)
				assert.JSONEq(t, `{"id":"b","phone":5550100,"dateAdded":[1]}`, string(p.Contacts[1].Raw))
			}
		})
	}
}

func TestTimeShapes(t *testing.T) {
	tests := []struct {
		in    string
		want  time.Time
		raw   string
		valid bool
	}{
		{`"2024-02-29T23:59:59Z"`, time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC), "", true},
		{`"2024-02-29T23:59:59.1Z"`, time.Date(2024, 2, 29, 23, 59, 59, 1e8, time.UTC), "", true},
		{`"2024-02-29T23:59:59.123456789Z"`, time.Date(2024, 2, 29, 23, 59, 59, 123456789, time.UTC), "", true},
		{`"2023-02-29T00:00:00.000Z"`, time.Time{}, "2023-02-29T00:00:00.000Z", false},
		{`"2024-13-01T00:00:00.000Z"`, time.Time{}, "2024-13-01T00:00:00.000Z", false},
		{`"2024-01-01T00:00:00.Z"`, time.Time{}, "2024-01-01T00:00:00.Z", false},
		{`"2024-01-01T10:00:00+02:00"`, time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC), "", true},
		{`"2024-01-01"`, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), "", true},
		{`"2024-01-01 10:00:00"`, time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC), "", true},
		{`"2024-01-0\u0031T00:00:00.000Z"`, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), "", true},
	}
	for _, tt := range tests {
		var tm api.Time
		require.NoError(t, json.Unmarshal([]byte(tt.in), &tm))
		assert.Equal(t, tt.valid, tm.Valid(), tt.in)
		assert.True(t, tm.Time.Equal(tt.want), "%s: got %v", tt.in, tm.Time)
		assert.Equal(t, tt.raw, tm.Raw, tt.in)
	}
}
