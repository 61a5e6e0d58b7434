package ghltest

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContactLifecycle(t *testing.T) {
	f := newFixture(t)
	created := f.clock.Now()
	r := f.do(t, "POST", "/contacts/", map[string]any{
		"locationId": f.loc, "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
		"phone": "+1 888-888-8888", "tags": []string{"vip", "vip", "new"}, "companyName": "Engines",
		"customFields": []map[string]any{{"id": "cf1", "field_value": "x"}},
		"dndSettings":  map[string]any{"SMS": map[string]any{"status": "active"}},
	})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	c := r.json(t)["contact"].(map[string]any)
	id := c["id"].(string)
	assert.Regexp(t, `^[A-Za-z0-9]{20}$`, id)
	assert.NotContains(t, c, "name", "HighLevel answers no name")
	assert.NotContains(t, c, "contactName")
	assert.Equal(t, "ada lovelace", c["fullNameLowerCase"])
	assert.Equal(t, "ada", c["firstNameLowerCase"])
	assert.Equal(t, "ada@example.com", c["emailLowerCase"])
	assert.Equal(t, "lead", c["type"])
	assert.Equal(t, []any{}, c["followers"])
	assert.Equal(t, []any{}, c["additionalEmails"])
	assert.Contains(t, c, "lastAttributionSource")
	assert.Nil(t, c["lastAttributionSource"], "a contact with one touch has a null lastAttributionSource")
	createdBy, _ := c["createdBy"].(map[string]any)
	assert.Equal(t, "INTEGRATION", createdBy["source"])
	assert.Equal(t, created.Format(timeLayout), createdBy["timestamp"])
	assert.Equal(t, "+18888888888", c["phone"], "phones are stored normalised")
	assert.Equal(t, []any{"vip", "new"}, c["tags"])
	assert.Equal(t, created.Format(timeLayout), c["dateAdded"])
	assert.Equal(t, []any{map[string]any{"id": "cf1", "value": "x"}}, c["customFields"])
	assert.Equal(t, map[string]any{"SMS": map[string]any{"status": "active", "message": "", "code": ""}}, c["dndSettings"])

	f.clock.Advance(time.Minute)
	r = f.do(t, "PUT", "/contacts/"+id, `{"firstName":"Augusta","companyName":null}`)
	require.Equal(t, http.StatusUnprocessableEntity, r.status, "companyName is not in UpdateContactDto")
	assert.Equal(t, []any{"property companyName should not exist"}, r.json(t)["message"])

	r = f.do(t, "PUT", "/contacts/"+id, `{"firstName":"Augusta","lastName":null,"customFields":[{"id":"cf2","field_value":"y"}]}`)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	body := r.json(t)
	assert.Equal(t, true, body["succeded"])
	c = body["contact"].(map[string]any)
	assert.Equal(t, "Augusta", c["firstName"])
	assert.Nil(t, c["lastName"], "null clears")
	assert.Equal(t, "ada@example.com", c["email"], "absent properties are kept")
	assert.Equal(t, "Engines", c["companyName"])
	assert.Len(t, c["customFields"], 2, "custom fields are merged by id")
	assert.Equal(t, created.Add(time.Minute).Format(timeLayout), c["dateUpdated"])
	assert.Equal(t, created.Format(timeLayout), c["dateAdded"])

	r = f.do(t, "GET", "/contacts/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "Augusta", r.json(t)["contact"].(map[string]any)["firstName"])
	stored, ok := f.srv.Contact(f.loc, id)
	require.True(t, ok)
	assert.Equal(t, "Augusta", stored.FirstName)

	r = f.do(t, "DELETE", "/contacts/"+id, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, map[string]any{"succeded": true}, r.json(t))
	assert.Equal(t, 0, f.srv.ContactCount(f.loc))
	f.create(t, map[string]any{"email": "ada@example.com"}) // the email is free again
}

func TestContactNotFound(t *testing.T) {
	f := newFixture(t)
	for _, method := range []string{"GET", "PUT", "DELETE"} {
		t.Run(method, func(t *testing.T) {
			var body any
			if method == "PUT" {
				body = map[string]any{"firstName": "A"}
			}
			r := f.do(t, method, "/contacts/nosuchcontact0000000", body)
			require.Equal(t, http.StatusBadRequest, r.status)
			assert.Equal(t, msgContactMissing, r.json(t)["message"])
			assert.Equal(t, float64(400), r.json(t)["statusCode"])
		})
	}
}

func TestContactValidation(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name     string
		method   string
		body     any
		status   int
		messages []any
	}{
		{"unknown property", "POST", map[string]any{"locationId": "loc1", "nickname": "A"}, 422, []any{"property nickname should not exist"}},
		{"property in another case", "POST", map[string]any{"locationId": "loc1", "FirstName": "A"}, 422, []any{"property FirstName should not exist"}},
		{"unknown nested property", "POST", map[string]any{"locationId": "loc1", "dndSettings": map[string]any{"sms": map[string]any{"status": "active"}}}, 422, []any{"property dndSettings.sms should not exist"}},
		{"unknown custom field property", "POST", map[string]any{"locationId": "loc1", "customFields": []any{map[string]any{"id": "a", "value": "b"}}}, 422, []any{"property customFields.0.value should not exist"}},
		{"invalid email", "POST", map[string]any{"locationId": "loc1", "email": "not-an-email"}, 422, []any{"email must be an email"}},
		{"empty email", "POST", map[string]any{"locationId": "loc1", "email": ""}, 422, []any{"email must be an email"}},
		{"no locationId", "POST", map[string]any{"firstName": "A", "email": "bad"}, 422, []any{"locationId should not be empty", "email must be an email"}},
		{"wrong type", "POST", map[string]any{"locationId": "loc1", "tags": "vip"}, 422, []any{"tags must be an array"}},
		{"bad dnd status", "POST", map[string]any{"locationId": "loc1", "dndSettings": map[string]any{"SMS": map[string]any{"status": "on"}}}, 422, []any{"status must be one of the following values: active, inactive, permanent"}},
		{"malformed JSON", "POST", `{"locationId":`, 400, nil},
		{"invalid email on update", "PUT", map[string]any{"email": "x@"}, 422, []any{"email must be an email"}},
		{"locationId on update", "PUT", map[string]any{"locationId": "loc1"}, 422, []any{"property locationId should not exist"}},
	}
	existing := f.srv.AddContact(Contact{FirstName: "Ada"})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "/contacts/"
			if tt.method == "PUT" {
				path += existing.ID
			}
			r := f.do(t, tt.method, path, tt.body)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
			if tt.messages != nil {
				body := r.json(t)
				assert.Equal(t, tt.messages, body["message"])
				assert.Equal(t, "Unprocessable Entity", body["error"])
			}
		})
	}
	assert.Equal(t, 1, f.srv.ContactCount(f.loc), "nothing was created")
}

func TestDuplicateContacts(t *testing.T) {
	f := newFixture(t)
	first := f.create(t, map[string]any{"firstName": "Ada", "lastName": "Lovelace", "email": "Ada@Example.com", "phone": "+1 555 010 0000"})
	tests := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"same email in another case", map[string]any{"email": "ada@example.com"}, "email"},
		{"same phone written differently", map[string]any{"phone": "(555) 010-0000"}, "phone"},
		{"email matched before phone", map[string]any{"email": "ada@example.com", "phone": "+15550100000"}, "email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.body["locationId"] = f.loc
			r := f.do(t, "POST", "/contacts/", tt.body)
			require.Equal(t, http.StatusBadRequest, r.status)
			assert.JSONEq(t, `{"statusCode":400,"message":"This location does not allow duplicated contacts.",`+
				`"meta":{"contactId":"`+first+`","contactName":"ada lovelace","matchingField":"`+tt.field+`"}}`, string(r.body))
		})
	}

	second := f.create(t, map[string]any{"email": "grace@example.com"})
	r := f.do(t, "PUT", "/contacts/"+second, map[string]any{"email": "ADA@example.com"})
	assert.Equal(t, http.StatusBadRequest, r.status, "an update cannot take another contact's email")
	r = f.do(t, "PUT", "/contacts/"+first, map[string]any{"email": "ada@example.com"})
	assert.Equal(t, http.StatusOK, r.status, "a contact keeps its own email")

	f.srv.SetAllowDuplicates(f.loc, true)
	f.create(t, map[string]any{"email": "ada@example.com"})
	assert.Equal(t, 3, f.srv.ContactCount(f.loc))
	f.srv.SetAllowDuplicates("loc2", false)
	assert.Equal(t, 0, f.srv.ContactCount("loc2"), "the duplicate setting is per location")
}

func TestEscapedSlashStaysOneSegment(t *testing.T) {
	f := newFixture(t)
	ct := f.srv.AddContact(Contact{ID: "a/b", FirstName: "Ada"})
	r := f.do(t, "GET", "/contacts/"+url.PathEscape(ct.ID), nil)
	require.Equal(t, http.StatusOK, r.status, "body: %s", r.body)
	assert.Equal(t, "a/b", r.json(t)["contact"].(map[string]any)["id"])
	reqs := f.srv.RequestsTo("GET", "/contacts/{contactId}")
	require.Len(t, reqs, 1)
	assert.Equal(t, "/contacts/a%2Fb", reqs[0].RawPath)
	assert.Equal(t, "/contacts/a/b", reqs[0].Path)

	r = f.do(t, "GET", "/contacts/a/b", nil)
	assert.Equal(t, http.StatusNotFound, r.status, "unescaped, it is two segments and no route")
}

func TestDataHelpers(t *testing.T) {
	f := newFixture(t, WithLocation("loc2"))
	a := f.srv.AddContact(Contact{FirstName: "Ada", Phone: "555-010-0000", Tags: []string{"x"}})
	assert.Equal(t, "loc1", a.LocationID, "the default location")
	assert.Equal(t, "+15550100000", a.Phone)
	assert.Equal(t, f.clock.Now(), a.DateAdded)
	a.Tags[0] = "changed"
	got, ok := f.srv.Contact("loc1", a.ID)
	require.True(t, ok)
	assert.Equal(t, []string{"x"}, got.Tags, "copies share nothing with the store")
	_, ok = f.srv.Contact("loc2", a.ID)
	assert.False(t, ok, "another location's contact")

	f.clock.Advance(time.Second)
	b := f.srv.AddContact(Contact{LocationID: "loc1", FirstName: "Grace"})
	var names []string
	for _, c := range f.srv.Contacts("loc1") {
		names = append(names, c.FirstName)
	}
	assert.Equal(t, []string{"Ada", "Grace"}, names)
	f.srv.AddContact(Contact{ID: b.ID, FirstName: "Hopper"})
	assert.Equal(t, 2, f.srv.ContactCount("loc1"), "same ID replaces")
	assert.Empty(t, f.srv.Contacts("nowhere"))
}
