package transport

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorBodiesAreTyped(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		want      []error
		notWant   []error
		wantMsgs  []string
		wantTrace string
	}{
		{"validation list", 422, `{"statusCode":422,"message":["email must be an email","phone is bad"],"error":"Unprocessable Entity","traceId":"t-1"}`,
			[]error{ErrValidation}, []error{ErrNotFound}, []string{"email must be an email", "phone is bad"}, "t-1"},
		{"contact not found is a 400", 400, `{"statusCode":400,"message":"Contact not found"}`, []error{ErrNotFound}, []error{ErrValidation}, []string{"Contact not found"}, ""},
		{"real 404", 404, `{"statusCode":404,"message":"Cannot GET /x"}`, []error{ErrNotFound}, nil, []string{"Cannot GET /x"}, ""},
		{"other 400", 400, `{"statusCode":400,"message":"bad"}`, []error{ErrValidation}, []error{ErrNotFound}, []string{"bad"}, ""},
		{"403", 403, `{"message":"The token does not have access to this location."}`, []error{ErrForbidden}, nil, []string{"The token does not have access to this location."}, ""},
		{"500 plain text", 500, `upstream exploded`, []error{ErrServer}, []error{ErrOutcomeUnknown}, []string{"upstream exploded"}, ""},
		{"html is not a message", 502, `<html>bad gateway</html>`, []error{ErrServer}, nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, []step{jsonStep(tt.status, tt.body)}, func(c *Config) { c.Retry.MaxAttempts = 1 })
			_, _, err := getContact(f, t.Context())
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.wantMsgs, apiErr.Messages)
			assert.Equal(t, tt.wantTrace, apiErr.TraceID)
			assert.Equal(t, "GET", apiErr.Method)
			assert.Equal(t, "/contacts/c1", apiErr.Path)
			for _, w := range tt.want {
				assert.ErrorIs(t, err, w)
			}
			for _, w := range tt.notWant {
				assert.NotErrorIs(t, err, w)
			}
		})
	}
}

func TestOversizedBodyIsRefused(t *testing.T) {
	big := `{"contact":{"id":"c1","notes":"` + strings.Repeat("x", 5000) + `"}}`
	f := setup(t, []step{jsonStep(200, big)}, func(c *Config) { c.MaxResponseBytes = 1024 })
	_, _, err := getContact(f, t.Context())
	var tooLarge *TooLargeError
	require.ErrorAs(t, err, &tooLarge)
	assert.Equal(t, int64(1024), tooLarge.Limit)
	assert.Equal(t, 1, f.script.count(), "a body over the cap is not fetched again")
}

func TestDecodingIsTolerant(t *testing.T) {
	f := setup(t, []step{jsonStep(200, `{"contact":{"id":"c1","unknown":{"deep":[1,2]},"email":42,"firstName":"Ada"}}`)})
	var out struct {
		Contact struct {
			ID        string `json:"id"`
			Email     string `json:"email"`
			FirstName string `json:"firstName"`
		} `json:"contact"`
	}
	_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, &out)
	require.NoError(t, err)
	assert.Equal(t, "c1", out.Contact.ID)
	assert.Equal(t, "Ada", out.Contact.FirstName, "fields after the odd one are still filled")
	assert.Contains(t, f.logs.String(), "unexpected type")
}

func TestBrokenJSONIsADecodeError(t *testing.T) {
	f := setup(t, []step{jsonStep(200, `{"contact":]}`)})
	_, _, err := getContact(f, t.Context())
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 1, f.script.count(), "a complete but broken body will not improve")
}

func TestRateLimitHeadersAreReachable(t *testing.T) {
	f := setup(t, []step{jsonStep(200, `{}`, rateHeaders(42, 1999)...)})
	resp, _, err := getContact(f, t.Context())
	require.NoError(t, err)
	assert.Equal(t, RateLimit{Max: 100, Remaining: 42, Interval: 10e9, DailyLimit: 200000, DailyRemaining: 1999, At: resp.RateLimit.At, Known: true, DailyKnown: true}, resp.RateLimit)
	assert.Equal(t, resp.RateLimit, f.c.RateLimit())
	assert.Equal(t, RateLimit{}, f.c.ForLocation("other").RateLimit(), "each location has its own snapshot")
	_ = http.StatusOK
}

func TestClosesTellsACutFromAnEnd(t *testing.T) {
	for doc, want := range map[string]bool{
		`{"contact":{"id":"c1"}}`:           true,
		`{"contact":{"id":"c1"}`:            false,
		`{"contact":{"name":"a } b"}}`:      true,
		`{"contact":{"name":"a } b`:         false,
		`{"contact":{"name":"quote \" }"}}`: true,
		`{"contact":{"name":"quote \" }"}`:  false,
		`[1,2,[3]]`:                         true,
		`[1,2,[3]`:                          false,
		`{"a":1}}`:                          true, // complete, and invalid: the caller's decoding says so
		`"text`:                             false,
		`12`:                                true,
		`{"a":"ends in a backslash \\"}`:    true,
		`{"a":"ends in a backslash \\"`:     false,
		`{"a":"escaped quote \\\" }"`:       false,
		`{"a":"escaped quote \\\" }"}`:      true,
		`{"a":"\\\\"}`:                      true,
	} {
		assert.Equal(t, want, closes([]byte(doc)), doc)
	}
}
