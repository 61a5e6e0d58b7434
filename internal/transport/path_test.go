package transport

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPathEscapesEverySegment(t *testing.T) {
	tests := []struct {
		segments []string
		want     string
	}{
		{[]string{"contacts", "abc"}, "/contacts/abc"},
		{[]string{"contacts", ""}, "/contacts/"},
		{[]string{"contacts", "a/b"}, "/contacts/a%2Fb"},
		{[]string{"contacts", "a?b=1"}, "/contacts/a%3Fb=1"},
		{[]string{"contacts", "a#frag"}, "/contacts/a%23frag"},
		{[]string{"contacts", ".."}, "/contacts/%2E%2E"},
		{[]string{"contacts", "."}, "/contacts/%2E"},
		{[]string{"contacts", "%2F"}, "/contacts/%252F"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Path(tt.segments...), "%q", tt.segments)
	}
}

// TestInjectedIDsNeverChangeTheEndpoint sends hostile IDs and checks what path the server routed.
func TestInjectedIDsNeverChangeTheEndpoint(t *testing.T) {
	for _, id := range []string{"../../oauth/token", "x/../../locations", "a?locationId=other", "a#b", "..", "%2e%2e"} {
		f := setup(t, []step{okContact})
		_, err := f.c.Do(t.Context(), &Request{Method: http.MethodGet, Path: Path("contacts", id), Kind: Read}, nil)
		require.NoError(t, err)
		r := f.script.requests()[0]
		assert.Equal(t, "/contacts/"+id, r.URL.Path, "the whole ID stays one segment: %q", id)
		assert.Empty(t, r.URL.RawQuery, "%q", id)
	}
}

func TestSplitRawPathRefusesEscapes(t *testing.T) {
	for _, bad := range []string{"contacts", "https://evil.example/x", "//evil.example/x", "/contacts/../oauth", "/./x"} {
		_, _, err := SplitRawPath(bad)
		assert.ErrorIs(t, err, ErrInvalidArgument, "%q", bad)
	}
	p, q, err := SplitRawPath("/contacts/?locationId=loc%201&limit=10")
	require.NoError(t, err)
	assert.Equal(t, "/contacts/", p)
	assert.Equal(t, "loc 1", q.Get("locationId"))
}

func TestRequireID(t *testing.T) {
	assert.ErrorIs(t, RequireID("contactId", " "), ErrInvalidArgument)
	assert.EqualError(t, RequireID("contactID", ""), "ghl: invalid argument contactID: is required")
	assert.NoError(t, RequireID("contactId", "c1"))
}
