package conformance_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func load(t *testing.T) *conformance.Spec {
	return conformance.Load(t, filepath.Join(root, "testdata/openapi/apps/contacts.json"))
}

func hdr(kv ...string) http.Header {
	h := http.Header{"Version": {"2021-07-28"}, "Authorization": {"Bearer t"}, "Content-Type": {"application/json"}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			h.Del(kv[i])
		} else {
			h.Set(kv[i], kv[i+1])
		}
	}
	return h
}

func TestProblems(t *testing.T) {
	spec := load(t)
	tests := []struct {
		name   string
		req    conformance.Request
		wantID string
		// want are substrings of the expected problems, one each; none means the request conforms.
		want []string
	}{
		{"get contact", conformance.Request{Method: "GET", RawPath: "/contacts/abc", Header: hdr()}, "get-contact", nil},
		{"escaped id stays one segment", conformance.Request{Method: "GET", RawPath: "/contacts/a%2Fb", Header: hdr()}, "get-contact", nil},
		{"literal beats wildcard", conformance.Request{Method: "GET", RawPath: "/contacts/search/duplicate", RawQuery: "locationId=l&email=a%40b.co", Header: hdr()}, "get-duplicate-contact", nil},
		{"unknown path", conformance.Request{Method: "GET", RawPath: "/contacts/a/b/c/d", Header: hdr()}, "", []string{"no operation"}},
		{"unknown method", conformance.Request{Method: "PATCH", RawPath: "/contacts/abc", Header: hdr()}, "", []string{"no operation"}},
		{"missing version", conformance.Request{Method: "GET", RawPath: "/contacts/abc", Header: hdr("Version", "")}, "get-contact", []string{"required header Version"}},
		{"bad version", conformance.Request{Method: "GET", RawPath: "/contacts/abc", Header: hdr("Version", "2021-04-15")}, "get-contact", []string{"not one of"}},
		{"no bearer", conformance.Request{Method: "GET", RawPath: "/contacts/abc", Header: hdr("Authorization", "")}, "get-contact", []string{"bearer token"}},
		{"missing required query", conformance.Request{Method: "GET", RawPath: "/contacts/", RawQuery: "limit=10", Header: hdr()}, "get-contacts", []string{"required query parameter locationId"}},
		{"unknown query", conformance.Request{Method: "GET", RawPath: "/contacts/", RawQuery: "locationId=l&page=2", Header: hdr()}, "get-contacts", []string{"query parameter page is not one"}},
		{"query not a number", conformance.Request{Method: "GET", RawPath: "/contacts/", RawQuery: "locationId=l&startAfter=x", Header: hdr()}, "get-contacts", []string{"not a number"}},
		{"body on a get", conformance.Request{Method: "GET", RawPath: "/contacts/abc", Header: hdr(), Body: []byte(`{}`)}, "get-contact", []string{"takes none"}},
		{"create ok", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"locationId":"l","email":"a@b.co","dateOfBirth":"1990-01-02","customFields":[{"id":"f","field_value":12},{"id":"k","key":"contact.k","field_value":"a"},{"id":"m","field_value":["a"]}]}`)}, "create-contact", nil},
		{"create without slash", conformance.Request{Method: "POST", RawPath: "/contacts", Header: hdr(), Body: []byte(`{"locationId":"l"}`)}, "create-contact", nil},
		{"create unknown property", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"locationId":"l","emial":"a@b.co"}`)}, "create-contact", []string{`property "emial" is not in the schema`}},
		{"create missing required", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"email":"a@b.co"}`)}, "create-contact", []string{`required property "locationId"`}},
		{"custom field without id", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"locationId":"l","customFields":[{"key":"k","field_value":"a"}]}`)}, "create-contact", []string{"fits none"}},
		{"create wrong type", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"locationId":"l","dnd":"yes"}`)}, "create-contact", []string{"want a boolean"}},
		{"create bad dnd status", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr(), Body: []byte(`{"locationId":"l","dndSettings":{"SMS":{"status":"off"}}}`)}, "create-contact", []string{"not one of"}},
		{"create no body", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr()}, "create-contact", []string{"requires one"}},
		{"create as form", conformance.Request{Method: "POST", RawPath: "/contacts/", Header: hdr("Content-Type", "text/plain"), Body: []byte(`{"locationId":"l"}`)}, "create-contact", []string{"want \"application/json\""}},
		{"update null clears", conformance.Request{Method: "PUT", RawPath: "/contacts/abc", Header: hdr(), Body: []byte(`{"email":null,"tags":[]}`)}, "update-contact", nil},
		{"update takes no location", conformance.Request{Method: "PUT", RawPath: "/contacts/abc", Header: hdr(), Body: []byte(`{"locationId":"l"}`)}, "update-contact", []string{`"locationId" is not in the schema`}},
		{"update null where not nullable", conformance.Request{Method: "PUT", RawPath: "/contacts/abc", Header: hdr(), Body: []byte(`{"postalCode":null}`)}, "update-contact", []string{"is null"}},
		{"bulk tags type", conformance.Request{Method: "POST", RawPath: "/contacts/bulk/tags/update/add", Header: hdr(), Body: []byte(`{"contacts":["a"],"tags":["t"],"locationId":"l"}`)}, "create-association", nil},
		{"bulk tags bad type", conformance.Request{Method: "POST", RawPath: "/contacts/bulk/tags/update/toggle", Header: hdr(), Body: []byte(`{"contacts":["a"],"tags":["t"],"locationId":"l"}`)}, "create-association", []string{"path parameter type"}},
		{"search ok", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":500,"searchAfter":[1700000000000,"id"],"filters":[{"field":"email","operator":"eq","value":"a@b.co"},{"group":"OR","filters":[{"field":"phone","operator":"exists"},{"field":"dateAdded","operator":"range","value":{"gte":"2024-01-01"}}]}],"sort":[{"field":"dateAdded","direction":"desc"}],"query":"ada"}`)}, "search-contacts-advanced", nil},
		{"search page and cursor", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":10,"page":2,"searchAfter":[1,"x"]}`)}, "search-contacts-advanced", []string{"may not be sent together"}},
		{"search page limit", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":501}`)}, "search-contacts-advanced", []string{"above the maximum"}},
		{"search long query", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":1,"query":"` + strings.Repeat("q", 76) + `"}`)}, "search-contacts-advanced", []string{"at most 75"}},
		{"search exists with value", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":1,"filters":[{"field":"phone","operator":"exists","value":"x"}]}`)}, "search-contacts-advanced", []string{"fits none"}},
		{"search unknown operator", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":1,"filters":[{"field":"phone","operator":"like","value":"x"}]}`)}, "search-contacts-advanced", []string{"fits none"}},
		{"search empty range", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":1,"filters":[{"field":"dateAdded","operator":"range","value":{}}]}`)}, "search-contacts-advanced", []string{"fits none"}},
		{"search unknown property", conformance.Request{Method: "POST", RawPath: "/contacts/search", Header: hdr(), Body: []byte(`{"locationId":"l","pageLimit":1,"limit":3}`)}, "search-contacts-advanced", []string{`"limit" is not in the schema`}},
		{"campaign empty body", conformance.Request{Method: "POST", RawPath: "/contacts/c/campaigns/k", Header: hdr(), Body: []byte(`{}`)}, "add-contact-to-campaign", nil},
		{"campaign closed body", conformance.Request{Method: "POST", RawPath: "/contacts/c/campaigns/k", Header: hdr(), Body: []byte(`{"x":1}`)}, "add-contact-to-campaign", []string{`"x" is not in the schema`}},
		{"remove all campaigns", conformance.Request{Method: "DELETE", RawPath: "/contacts/c/campaigns/removeAll", Header: hdr()}, "remove-contact-from-every-campaign", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, probs := spec.Problems(tt.req)
			assert.Equal(t, tt.wantID, id)
			require.Len(t, probs, len(tt.want), "problems: %q", probs)
			for i, w := range tt.want {
				assert.Contains(t, probs[i], w)
			}
		})
	}
}

func TestCheckReportsThroughT(t *testing.T) {
	spec := load(t)
	rec := &recordingTB{TB: t}
	id := spec.Check(rec, "GET", "/contacts/abc", "x=1", hdr(), nil)
	assert.Equal(t, "get-contact", id)
	require.Len(t, rec.errors, 1)
	assert.Contains(t, rec.errors[0], "query parameter x")

	rec = &recordingTB{TB: t}
	counts := spec.CheckAll(rec, []conformance.Request{
		{Method: "GET", RawPath: "/contacts/a", Header: hdr()},
		{Method: "GET", RawPath: "/contacts/b", Header: hdr()},
		{Method: "DELETE", RawPath: "/contacts/b", Header: hdr()},
	})
	assert.Empty(t, rec.errors)
	assert.Equal(t, map[string]int{"get-contact": 2, "delete-contact": 1}, counts)
}

func TestErrataApply(t *testing.T) {
	spec := load(t)
	// Requests HighLevel accepts, which the spec as written would refuse (dateOfBirth typed object, numeric
	// custom fields typed object).
	_, probs := spec.Problems(conformance.Request{Method: "POST", RawPath: "/contacts/upsert", Header: hdr(),
		Body: []byte(`{"locationId":"l","email":"a@b.co","dateOfBirth":"1990-01-02","customFields":[{"id":"n","field_value":3.5}]}`)})
	assert.Empty(t, probs)
	assert.NotEmpty(t, conformance.Errata())
}

type recordingTB struct {
	testing.TB
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, format)
	if len(args) > 0 {
		r.errors[len(r.errors)-1] = strings.TrimSpace(sprintf(format, args...))
	}
}

func (r *recordingTB) Helper() {}
