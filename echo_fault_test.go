package ghl_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A HighLevel (or a proxy before it) that repeats the request in its error answers must not make the SDK
// repeat the credential: not in the error's text, its fields, nor the log. ghltest's Echo fault is that server.
func TestAnEchoedCredentialReachesNoErrorNorLog(t *testing.T) {
	srv := ghltest.NewServer(ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	token := srv.IssueToken("loc-1")
	var logs bytes.Buffer
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(token)),
		ghl.WithLocationID("loc-1"),
		ghl.WithClock(clock.NewFake(time.Now())),
		ghl.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))),
	)
	require.NoError(t, err)
	ctx := context.Background()

	calls := []struct {
		name, method, route string
		status              int
		call                func() error
	}{
		{"a read answered 400", "POST", "/contacts/search", 400, func() error {
			_, err := client.Contacts.Search(ctx, contacts.SearchParams{PageLimit: 1})
			return err
		}},
		{"a read answered 404", "GET", "/contacts/{contactId}", 404, func() error {
			_, err := client.Contacts.Get(ctx, "c-missing")
			return err
		}},
		{"a create answered 400", "POST", "/contacts/", 400, func() error {
			_, err := client.Contacts.Create(ctx, contacts.CreateParams{FirstName: "Ada"})
			return err
		}},
		{"a 403 for a scope", "GET", "/contacts/{contactId}", 403, func() error {
			_, err := client.Contacts.Get(ctx, "c-1")
			return err
		}},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			srv.InjectFault(c.method, c.route, ghltest.Fault{Status: c.status, Echo: true})
			err := c.call()
			require.Error(t, err)
			var apiErr *ghl.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, c.status, apiErr.StatusCode)
			assert.Contains(t, string(apiErr.Body), "Bearer", "the server did echo the request")
			for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), string(apiErr.Body), apiErr.Message(), apiErr.TraceID} {
				assert.NotContains(t, text, token)
			}
		})
	}
	assert.NotContains(t, logs.String(), token)
	assert.NotEmpty(t, srv.Requests(), "the calls reached the server")
}
