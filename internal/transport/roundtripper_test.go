package transport

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bareRoundTripper answers in process and, like many test doubles and middlewares, leaves resp.Request unset and
// never fires the httptrace hooks that http.Transport fires.
type bareRoundTripper struct{ body string }

func (b bareRoundTripper) RoundTrip(*http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(b.body)),
	}, nil
}

func TestARoundTripperThatLeavesTheRequestUnsetIsServed(t *testing.T) {
	c, err := New(Config{
		BaseURL:    "https://example.invalid",
		Tokens:     &countingTokens{current: testToken},
		HTTPClient: &http.Client{Transport: bareRoundTripper{body: `{"contact":{"id":"c1"}}`}},
	})
	require.NoError(t, err)
	for range 3 { // the limiter's entries are settled though the trace hook never fired
		var out map[string]map[string]string
		_, err = c.Do(t.Context(), &Request{Method: http.MethodGet, Path: Path("contacts", "c1"), Kind: Read}, &out)
		require.NoError(t, err)
		assert.Equal(t, "c1", out["contact"]["id"])
	}
}
