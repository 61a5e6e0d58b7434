package ghl_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientRefusesBadConfiguration(t *testing.T) {
	tok := ghl.WithTokenSource(auth.PrivateToken("pit-x"))
	tests := []struct {
		name  string
		opts  []ghl.Option
		field string
	}{
		{"no token source", nil, "WithTokenSource"},
		{"nil token source", []ghl.Option{ghl.WithTokenSource(nil)}, "WithTokenSource"},
		{"relative base URL", []ghl.Option{tok, ghl.WithBaseURL("services.example")}, "WithBaseURL"},
		{"unparsable base URL", []ghl.Option{tok, ghl.WithBaseURL("http://[::1")}, "WithBaseURL"},
		{"ftp base URL", []ghl.Option{tok, ghl.WithBaseURL("ftp://example.com")}, "WithBaseURL"},
		{"nil http client", []ghl.Option{tok, ghl.WithHTTPClient(nil)}, "WithHTTPClient"},
		{"negative retries", []ghl.Option{tok, ghl.WithRetry(ghl.RetryPolicy{MaxAttempts: -1})}, "WithRetry"},
		{"zero rate", []ghl.Option{tok, ghl.WithRateLimit(0, 1)}, "WithRateLimit"},
		{"nil limiter", []ghl.Option{tok, ghl.WithLimiter(nil)}, "WithLimiter"},
		{"zero body cap", []ghl.Option{tok, ghl.WithMaxResponseBytes(0)}, "WithMaxResponseBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ghl.NewClient(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			var argErr *ghl.ArgumentError
			require.ErrorAs(t, err, &argErr)
			assert.Equal(t, tt.field, argErr.Field)
			assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
		})
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := ghl.NewClient(ghl.WithTokenSource(auth.PrivateToken("pit-x")))
	require.NoError(t, err)
	assert.Equal(t, "https://services.leadconnectorhq.com", c.BaseURL())
	assert.Empty(t, c.LocationID())
	assert.NotNil(t, c.Contacts)
	assert.NotNil(t, c.Tasks)
}

// recorder is a server that answers {} and remembers the requests.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
	body []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var b json.RawMessage
	_ = json.NewDecoder(req.Body).Decode(&b)
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.body = append(r.body, string(b))
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"ok":true,"method":"` + req.Method + `"}`))
}

func TestDoIsTheEscapeHatch(t *testing.T) {
	rec := &recorder{}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	c, err := ghl.NewClient(ghl.WithBaseURL(srv.URL+"/v2/"), ghl.WithTokenSource(auth.PrivateToken("pit-x")))
	require.NoError(t, err)

	var out struct {
		OK     bool   `json:"ok"`
		Method string `json:"method"`
	}
	require.NoError(t, c.Do(t.Context(), "post", "/custom/thing?locationId=loc%201", map[string]int{"n": 1}, &out))
	assert.True(t, out.OK)
	assert.Equal(t, "POST", out.Method)
	r := rec.reqs[0]
	assert.Equal(t, "/v2/custom/thing", r.URL.Path)
	assert.Equal(t, "loc 1", r.URL.Query().Get("locationId"))
	assert.Equal(t, `{"n":1}`, rec.body[0])
	assert.Equal(t, "2021-07-28", r.Header.Get("Version"))

	for _, bad := range []string{"https://evil.example/x", "/a/../oauth/token", "relative"} {
		err := c.Do(t.Context(), "GET", bad, nil, nil)
		assert.ErrorIs(t, err, ghl.ErrInvalidArgument, bad)
	}
	assert.Len(t, rec.reqs, 1, "bad paths send nothing")
}

func TestForLocationKeepsSettingsAndChangesTheLocation(t *testing.T) {
	c, err := ghl.NewClient(ghl.WithTokenSource(auth.PrivateToken("pit-x")), ghl.WithLocationID("a"), ghl.WithBaseURL("http://127.0.0.1:1"))
	require.NoError(t, err)
	b := c.ForLocation("b")
	assert.Equal(t, "a", c.LocationID())
	assert.Equal(t, "b", b.LocationID())
	assert.Equal(t, c.BaseURL(), b.BaseURL())
	assert.Same(t, c.HTTPClient(), b.HTTPClient(), "one connection pool")
}

func TestPtr(t *testing.T) {
	p := ghl.Ptr("")
	require.NotNil(t, p)
	assert.Equal(t, "", *p)
	assert.Equal(t, 3, *ghl.Ptr(3))
}

// oauthSource stands for an OAuth token source whose token calls go to base.
type oauthSource struct{ base string }

func (oauthSource) Token(context.Context) (string, error) { return "t", nil }
func (s oauthSource) TokenBaseURL() string                { return s.base }

func TestOAuthCallsAndAPICallsShareOneBaseURL(t *testing.T) {
	_, err := ghl.NewClient(ghl.WithTokenSource(oauthSource{base: "https://services.leadconnectorhq.com"}), ghl.WithBaseURL("http://127.0.0.1:9"))
	require.ErrorIs(t, err, ghl.ErrInvalidArgument)
	assert.Contains(t, err.Error(), "auth.App.BaseURL")

	_, err = ghl.NewClient(ghl.WithTokenSource(oauthSource{base: "http://127.0.0.1:9/"}), ghl.WithBaseURL("http://127.0.0.1:9"))
	assert.NoError(t, err)
}
