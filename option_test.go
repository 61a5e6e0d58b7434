package ghl_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/businesses"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/customfields"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/option"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const getRoute = "/contacts/{contactId}"

// optionFixture is a fake HighLevel with one contact and a client on a simulated clock, so that retries do not
// sleep.
func optionFixture(t *testing.T, opts ...ghl.Option) (*ghltest.Server, *ghl.Client, string) {
	t.Helper()
	srv := ghltest.NewServer(ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	opts = append([]ghl.Option{
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc-1"))),
		ghl.WithLocationID("loc-1"),
		ghl.WithClock(clock.NewFake(time.Now())),
	}, opts...)
	client, err := ghl.NewClient(opts...)
	require.NoError(t, err)
	c, err := client.Contacts.Create(context.Background(), contacts.CreateParams{FirstName: "Ada", Email: "ada@example.com"})
	require.NoError(t, err)
	srv.ResetRequests()
	return srv, client, c.ID
}

func TestWithHeaderArrives(t *testing.T) {
	srv, client, id := optionFixture(t)
	_, err := client.Contacts.Get(context.Background(), id, option.WithHeader("x-request-source", "nightly-sync"))
	require.NoError(t, err)
	reqs := srv.RequestsTo(http.MethodGet, getRoute)
	require.Len(t, reqs, 1)
	assert.Equal(t, "nightly-sync", reqs[0].Header.Get("X-Request-Source"))
	assert.Equal(t, "2021-07-28", reqs[0].Header.Get("Version"), "the operation's Version is kept")
	assert.Equal(t, "Bearer ", reqs[0].Header.Get("Authorization")[:7])
}

func TestWithHeaderRefusesTheSDKsHeadersBeforeAnyRequest(t *testing.T) {
	for _, key := range []string{"Authorization", "authorization", "Version", "Connection", "Transfer-Encoding",
		"Upgrade", "Host", "Content-Length", "", "bad key"} {
		t.Run(key, func(t *testing.T) {
			srv, client, id := optionFixture(t)
			_, err := client.Contacts.Get(context.Background(), id, option.WithHeader(key, "x"))
			require.Error(t, err)
			assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
			var ae *api.ArgumentError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "WithHeader key", ae.Field)
			err = client.Do(context.Background(), http.MethodGet, "/contacts/"+id, nil, nil, option.WithHeader(key, "x"))
			assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
			assert.Empty(t, srv.Requests(), "nothing may be sent")
		})
	}
}

func TestWithoutRetriesSendsOnceOnA502(t *testing.T) {
	tests := []struct {
		name  string
		opts  []option.RequestOption
		sends int
	}{
		{"client default", nil, 3},
		{"without retries", []option.RequestOption{option.WithoutRetries()}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, client, id := optionFixture(t)
			srv.InjectFault(http.MethodGet, getRoute, ghltest.Fault{Status: http.StatusBadGateway, Times: 2})
			_, err := client.Contacts.Get(context.Background(), id, tt.opts...)
			assert.Len(t, srv.RequestsTo(http.MethodGet, getRoute), tt.sends)
			if tt.sends == 1 {
				assert.ErrorIs(t, err, ghl.ErrServer)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

func TestWithRetryRaisesAttemptsOfAReadButNeverResendsACreate(t *testing.T) {
	srv, client, id := optionFixture(t, ghl.WithoutRetries())
	more := option.WithRetry(api.RetryPolicy{MaxAttempts: 5})

	srv.InjectFault(http.MethodGet, getRoute, ghltest.Fault{Status: http.StatusBadGateway, Times: 2})
	var resp api.Response
	_, err := client.Contacts.Get(context.Background(), id, more, option.WithResponseInto(&resp))
	require.NoError(t, err, "a read is retried under the call's policy")
	assert.Equal(t, 3, resp.Attempts)
	assert.Len(t, srv.RequestsTo(http.MethodGet, getRoute), 3)

	srv.InjectFault(http.MethodPost, "/contacts/", ghltest.Fault{Status: http.StatusBadGateway})
	_, err = client.Contacts.Create(context.Background(), contacts.CreateParams{FirstName: "Bo"}, more)
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrOutcomeUnknown)
	assert.Len(t, srv.RequestsTo(http.MethodPost, "/contacts/"), 1, "a create that may have been applied is not resent")

	err = client.Do(context.Background(), http.MethodGet, "/contacts/"+id, nil, nil, option.WithRetry(api.RetryPolicy{MaxAttempts: -1}))
	assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
}

func TestWithMaxResponseBytesCapsOneCall(t *testing.T) {
	_, client, id := optionFixture(t)
	_, err := client.Contacts.Get(context.Background(), id, option.WithMaxResponseBytes(16))
	var tooLarge *api.TooLargeError
	require.ErrorAs(t, err, &tooLarge)
	assert.EqualValues(t, 16, tooLarge.Limit)
	_, err = client.Contacts.Get(context.Background(), id)
	assert.NoError(t, err, "the next call has the client's cap again")
	_, err = client.Contacts.Get(context.Background(), id, option.WithMaxResponseBytes(0))
	assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
}

func TestWithResponseInto(t *testing.T) {
	t.Run("success", func(t *testing.T) {
		_, client, id := optionFixture(t)
		var resp api.Response
		_, err := client.Contacts.Get(context.Background(), id, option.WithResponseInto(&resp))
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, 1, resp.Attempts)
		assert.True(t, resp.RateLimit.Known)
		assert.Positive(t, resp.RateLimit.Max)
		assert.NotEmpty(t, resp.Header.Get("Content-Type"))
	})
	t.Run("retried", func(t *testing.T) {
		srv, client, id := optionFixture(t)
		srv.InjectFault(http.MethodGet, getRoute, ghltest.Fault{Status: http.StatusServiceUnavailable})
		var resp api.Response
		_, err := client.Contacts.Get(context.Background(), id, option.WithResponseInto(&resp))
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.Equal(t, 2, resp.Attempts)
	})
	errorCases := []struct {
		name  string
		fault ghltest.Fault
		trace string
	}{
		{"error with a trace ID in the body", ghltest.Fault{Status: http.StatusUnprocessableEntity,
			Body: `{"statusCode":422,"message":["email is invalid"],"traceId":"trace-in-body"}`}, "trace-in-body"},
		{"error with a trace ID in a header", ghltest.Fault{Status: http.StatusNotFound,
			Headers: map[string]string{"X-Trace-Id": "trace-in-header"}}, "trace-in-header"},
	}
	for _, tt := range errorCases {
		t.Run(tt.name, func(t *testing.T) {
			srv, client, id := optionFixture(t)
			srv.InjectFault(http.MethodGet, getRoute, tt.fault)
			var resp api.Response
			_, err := client.Contacts.Get(context.Background(), id, option.WithResponseInto(&resp))
			var apiErr *api.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, tt.fault.Status, resp.StatusCode)
			assert.Equal(t, tt.trace, resp.TraceID)
			assert.Equal(t, apiErr.TraceID, resp.TraceID)
			assert.Equal(t, 1, resp.Attempts)
			assert.True(t, resp.RateLimit.Known)
		})
	}
	t.Run("nil", func(t *testing.T) {
		srv, client, id := optionFixture(t)
		_, err := client.Contacts.Get(context.Background(), id, option.WithResponseInto(nil))
		assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
		assert.Empty(t, srv.Requests())
	})
}

func TestOptionsApplyToEveryPageOfAnIterator(t *testing.T) {
	srv, client, _ := optionFixture(t)
	srv.SeedContacts("loc-1", 5, ghltest.SeedOptions{})
	srv.ResetRequests()
	var resp api.Response
	n := 0
	for _, err := range client.Contacts.SearchAll(context.Background(), contacts.SearchParams{PageLimit: 2},
		option.WithHeader("X-Job", "export-7"), option.WithResponseInto(&resp)) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 6, n)
	reqs := srv.Requests()
	require.GreaterOrEqual(t, len(reqs), 3)
	for _, r := range reqs {
		assert.Equal(t, "export-7", r.Header.Get("X-Job"), r.Path)
	}
	assert.Equal(t, http.StatusOK, resp.StatusCode)
}

func TestEveryResourcePackageTakesOptions(t *testing.T) {
	srv, client, id := optionFixture(t)
	ctx := context.Background()
	calls := map[string]func(option.RequestOption) error{
		"contacts.Search": func(o option.RequestOption) error {
			_, err := client.Contacts.Search(ctx, contacts.SearchParams{}, o)
			return err
		},
		"tags.Add":   func(o option.RequestOption) error { _, err := client.Tags.Add(ctx, id, []string{"vip"}, o); return err },
		"tasks.List": func(o option.RequestOption) error { _, err := client.Tasks.List(ctx, id, o); return err },
		"notes.List": func(o option.RequestOption) error { _, err := client.Notes.List(ctx, id, o); return err },
		"appointments.List": func(o option.RequestOption) error {
			_, err := client.Appointments.List(ctx, id, o)
			return err
		},
		"businesses.List": func(o option.RequestOption) error {
			_, err := client.Businesses.List(ctx, businesses.ListParams{}, o)
			return err
		},
		"customfields.List": func(o option.RequestOption) error {
			_, err := client.CustomFields.List(ctx, customfields.ListParams{}, o)
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			srv.ResetRequests()
			require.NoError(t, call(option.WithHeader("X-Probe", name)))
			reqs := srv.Requests()
			require.NotEmpty(t, reqs)
			assert.Equal(t, name, reqs[len(reqs)-1].Header.Get("X-Probe"))

			srv.ResetRequests()
			assert.ErrorIs(t, call(option.WithHeader("Authorization", "Bearer other")), ghl.ErrInvalidArgument)
			assert.Empty(t, srv.Requests())
		})
	}
}
