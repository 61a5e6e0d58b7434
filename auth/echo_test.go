package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Credentials with characters that URL and form encoding change, so that every spelling differs from the raw one.
const (
	echoPIT       = "pit/SECRET+0001=="
	echoSecret    = "cs/SECRET+0002 x&y="
	echoCode      = "code/SECRET+0003 z"
	echoAccess    = "at/SECRET+0004"
	echoRefresh   = "rt/SECRET+0005"
	echoNewAccess = "at2/SECRET+0006"
	echoNewRefr   = "rt2/SECRET+0007"
	echoAgency    = "agency/SECRET+0008"
)

var echoSecrets = []string{echoPIT, echoSecret, echoCode, echoAccess, echoRefresh, echoNewAccess, echoNewRefr, echoAgency}

// echoServer answers every call with an error whose every field repeats the whole request (method, URL, headers,
// body, the decoded form), raw, query-escaped and path-escaped. Only a refresh of echoRefresh succeeds.
func echoServer(t *testing.T, refreshed *atomic.Int32) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		if r.URL.Path == "/oauth/token" && form.Get("grant_type") == "refresh_token" && form.Get("refresh_token") == echoRefresh {
			refreshed.Add(1)
			w.Header().Set("Content-Type", "application/json")
			_, _ = fmt.Fprintf(w, `{"access_token":%q,"refresh_token":%q,"expires_in":86399,"userType":"Location","locationId":"loc-1"}`,
				echoNewAccess, echoNewRefr)
			return
		}
		var d strings.Builder
		fmt.Fprintf(&d, "%s %s\n", r.Method, r.URL.String())
		for k, vs := range r.Header {
			fmt.Fprintf(&d, "%s: %s\n", k, strings.Join(vs, ","))
		}
		fmt.Fprintf(&d, "%s\n%v", body, map[string][]string(form))
		dump := d.String() + " " + url.QueryEscape(d.String()) + " " + url.PathEscape(d.String())
		status := http.StatusBadRequest
		if !strings.HasPrefix(r.URL.Path, "/oauth/") {
			status = http.StatusUnauthorized // an expired token: the client refreshes once, then gives up
			dump = "Invalid JWT " + dump
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Trace-Id", strings.NewReplacer("\n", " ", "\r", " ").Replace(dump))
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{
			"statusCode": status, "error": dump, "error_description": dump, "message": []string{dump, dump},
			"msg": dump, "traceId": dump,
		})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestNoSecretEchoedByTheServerSurvives(t *testing.T) {
	var refreshed atomic.Int32
	srv := echoServer(t, &refreshed)
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	now := time.Now()
	app := &auth.App{ClientID: testClientID, ClientSecret: echoSecret, RedirectURL: testRedirect, BaseURL: srv.URL, Logger: log}
	client := func(src auth.TokenSource, location string) *ghl.Client {
		c, err := ghl.NewClient(ghl.WithBaseURL(srv.URL), ghl.WithTokenSource(src), ghl.WithLocationID(location),
			ghl.WithoutRateLimit(), ghl.WithLogger(log))
		require.NoError(t, err)
		return c
	}
	source := func(key auth.Key, tok *auth.Token) *auth.Source {
		store := auth.NewMemoryStore()
		put(t, store, key, tok)
		return app.Source(store, key)
	}
	get := func(c *ghl.Client) error { _, err := c.Contacts.Get(context.Background(), "c1"); return err }
	scenarios := map[string]func() error{
		"private token, API error": func() error { return get(client(auth.PrivateToken(echoPIT), "loc-1")) },
		"exchange": func() error {
			_, err := app.Exchange(context.Background(), echoCode, auth.Location)
			return err
		},
		"refresh after 401, then API error": func() error {
			src := source(locKey(), &auth.Token{AccessToken: echoAccess, RefreshToken: echoRefresh, UserType: auth.Location,
				LocationID: "loc-1", IssuedAt: now, Expiry: now.Add(time.Hour)})
			err := get(client(src, "loc-1"))
			assert.Equal(t, int32(1), refreshed.Load(), "the 401 was answered with one refresh")
			return err
		},
		"refresh failure": func() error {
			src := source(locKey(), &auth.Token{AccessToken: echoAccess, RefreshToken: echoAgency + "-spent", UserType: auth.Location,
				LocationID: "loc-1", IssuedAt: now.Add(-2 * time.Hour), Expiry: now.Add(-time.Hour)})
			return get(client(src, "loc-1"))
		},
		"location token mint": func() error {
			src := source(companyKey(), &auth.Token{AccessToken: echoAgency, RefreshToken: echoRefresh + "-agency",
				UserType: auth.Company, CompanyID: "co-1", IssuedAt: now, Expiry: now.Add(time.Hour)})
			return get(client(src, "loc-2"))
		},
	}
	for name, run := range scenarios {
		t.Run(name, func(t *testing.T) {
			err := run()
			require.Error(t, err)
			texts := map[string]string{"Error()": err.Error()}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
				texts[verb] = fmt.Sprintf(verb, err)
			}
			j, jerr := json.Marshal(err)
			require.NoError(t, jerr)
			texts["json"] = string(j)
			var apiErr *ghl.Error
			if errors.As(err, &apiErr) {
				texts["Body"], texts["Reason"], texts["TraceID"] = string(apiErr.Body), apiErr.Reason, apiErr.TraceID
				texts["Messages"] = strings.Join(apiErr.Messages, "\n")
				j, _ := json.Marshal(apiErr)
				texts["json of *ghl.Error"] = string(j)
			}
			var oe *auth.OAuthError
			if errors.As(err, &oe) {
				texts["Code"], texts["Description"] = oe.Code, oe.Description
				j, _ := json.Marshal(oe)
				texts["json of *auth.OAuthError"] = string(j)
				assert.Regexp(t, `^[a-z_]{0,64}$`, oe.Code, "an OAuth error code is kept only when it looks like one")
			}
			require.True(t, apiErr != nil || oe != nil, "the answer is typed: %v", err)
			for where, text := range texts {
				assertNoSpelling(t, where, text)
			}
		})
	}
	assertNoSpelling(t, "log", logs.String())
	for _, line := range []string{"ghl: request", "auth: refreshing token", "auth: minting location token", "auth: refresh failed"} {
		assert.Contains(t, logs.String(), line, "every path the test means to cover was taken")
	}
}

var bearerShape = regexp.MustCompile(`(?i)bearer(?:\s|\+|%20)+[A-Za-z0-9]`)

// assertNoSpelling fails when text holds a credential raw, query-escaped, path-escaped (either hex case) or a
// "Bearer <token>".
func assertNoSpelling(t *testing.T, where, text string) {
	t.Helper()
	for _, s := range echoSecrets {
		for _, v := range []string{s, url.QueryEscape(s), url.PathEscape(s), strings.ToLower(url.QueryEscape(s)),
			strings.ToLower(url.PathEscape(s))} {
			assert.NotContains(t, text, v, "%s shows a credential", where)
		}
	}
	assert.NotRegexp(t, bearerShape, text, "%s shows a bearer token", where)
}
