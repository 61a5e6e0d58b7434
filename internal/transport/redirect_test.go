package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type staticTokens string

func (s staticTokens) Token(context.Context) (string, error) { return string(s), nil }

// recorder counts the requests a server got and keeps their Authorization headers.
type recorder struct {
	mu    sync.Mutex
	auths []string
}

func (r *recorder) handler(status int) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.auths = append(r.auths, req.Header.Get("Authorization"))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"ok":true}`))
	}
}

func (r *recorder) seen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.auths...)
}

func TestRedirectToAnotherOriginIsNotFollowed(t *testing.T) {
	tests := []struct {
		name string
		tls  bool // the API is served over https; the other origin is plain http (a downgrade)
		user bool // the caller passes an http.Client of their own
	}{
		{name: "default client, another port"},
		{name: "user's client, another port", user: true},
		{name: "user's client, https to http", tls: true, user: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var other recorder
			otherSrv := httptest.NewServer(other.handler(http.StatusOK))
			t.Cleanup(otherSrv.Close)
			redirect := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, otherSrv.URL+r.URL.Path, http.StatusTemporaryRedirect)
			})
			api := httptest.NewUnstartedServer(redirect)
			if tt.tls {
				api.StartTLS()
			} else {
				api.Start()
			}
			t.Cleanup(api.Close)
			var hc *http.Client
			userChecks := 0
			if tt.user {
				hc = api.Client()
				hc.CheckRedirect = func(*http.Request, []*http.Request) error { userChecks++; return nil }
			}
			c, err := New(Config{BaseURL: api.URL, HTTPClient: hc, Tokens: staticTokens(testToken)})
			require.NoError(t, err)

			var out map[string]any
			_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/contacts/c1", Kind: Read}, &out)

			assert.Empty(t, other.seen(), "the other origin got a request")
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusTemporaryRedirect, apiErr.StatusCode)
			assert.Zero(t, userChecks, "the user's CheckRedirect is asked only about redirects the SDK allows")
		})
	}
}

func TestRedirectOnTheSameOriginIsFollowed(t *testing.T) {
	for _, user := range []bool{false, true} {
		t.Run(map[bool]string{false: "default client", true: "user's client"}[user], func(t *testing.T) {
			var target recorder
			mux := http.NewServeMux()
			mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "/new", http.StatusTemporaryRedirect)
			})
			mux.Handle("/new", target.handler(http.StatusOK))
			api := httptest.NewServer(mux)
			t.Cleanup(api.Close)
			var hc *http.Client
			userChecks := 0
			if user {
				hc = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { userChecks++; return nil }}
			}
			c, err := New(Config{BaseURL: api.URL, HTTPClient: hc, Tokens: staticTokens(testToken)})
			require.NoError(t, err)

			var out map[string]any
			_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "/old", Kind: Read}, &out)
			require.NoError(t, err)
			assert.Equal(t, []string{"Bearer " + testToken}, target.seen())
			if user {
				assert.Equal(t, 1, userChecks, "the user's own CheckRedirect still decides")
			}
		})
	}
}
