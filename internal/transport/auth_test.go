package transport

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const scope401 = `{"statusCode":401,"message":"The token is not authorized for this scope.","error":"Unauthorized"}`

func TestScope401ReturnsAtOnceWithoutRefresh(t *testing.T) {
	f := setup(t, []step{jsonStep(401, scope401), okContact})
	_, _, err := getContact(f, t.Context())
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrScope)
	assert.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 1, f.script.count(), "exactly one request")
	assert.Equal(t, 0, f.tokens.refreshes, "a missing scope is not cured by a new token")
}

func TestExpiredToken401RefreshesOnceAndRetriesOnce(t *testing.T) {
	expired := jsonStep(401, `{"statusCode":401,"message":"Invalid JWT","error":"Unauthorized"}`)
	tests := []struct {
		name          string
		steps         []step
		wantErr       error
		wantCalls     int
		wantRefreshes int
	}{
		{"refresh then success", []step{expired, okContact}, nil, 2, 1},
		{"second 401 is returned, not refreshed again", []step{expired, expired, okContact}, ErrUnauthorized, 2, 1},
		{"a 401 about something else than the token", []step{jsonStep(401, `{"statusCode":401,"message":"The user does not exist."}`), okContact}, ErrUnauthorized, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := setup(t, tt.steps)
			_, _, err := getContact(f, t.Context())
			if tt.wantErr == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.wantErr)
			}
			assert.Equal(t, tt.wantCalls, f.script.count())
			assert.Equal(t, tt.wantRefreshes, f.tokens.refreshes)
			reqs := f.script.requests()
			assert.Equal(t, "Bearer "+testToken, reqs[0].Header.Get("Authorization"))
			if tt.wantRefreshes > 0 {
				assert.Equal(t, "Bearer pit-secret-refreshed-x", reqs[1].Header.Get("Authorization"))
			}
		})
	}
}

func TestFailedRefreshIsReportedWithoutTheToken(t *testing.T) {
	f := setup(t, []step{jsonStep(401, `{"message":"Invalid JWT"}`)})
	f.tokens.fail = errors.New("refresh rejected: invalid_grant")
	_, _, err := getContact(f, t.Context())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "invalid_grant")
	assert.NotContains(t, err.Error(), testToken)
}

func TestEveryRequestCarriesTheHeadersHighLevelNeeds(t *testing.T) {
	f := setup(t, []step{okContact}, func(c *Config) { c.UserAgent = "sync-bot/2" })
	_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPut, Path: Path("contacts", "c1"), Body: map[string]string{"firstName": "Ada"}, Kind: Idempotent}, nil)
	require.NoError(t, err)
	r := f.script.requests()[0]
	assert.Equal(t, "Bearer "+testToken, r.Header.Get("Authorization"))
	assert.Equal(t, DefaultAPIVersion, r.Header.Get("Version"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "sync-bot/2 ghl-go/"+SDKVersion, r.Header.Get("User-Agent"))
}

// TestNoSecretInLogsOrErrors walks the success, retry, refresh and error paths at Debug level and checks that
// neither the log nor any error string holds a token.
func TestNoSecretInLogsOrErrors(t *testing.T) {
	expired := jsonStep(401, `{"statusCode":401,"message":"Invalid JWT"}`)
	f := setup(t, []step{
		okContact,                      // success
		jsonStep(503, `{}`), okContact, // retry
		expired, okContact, // refresh
		jsonStep(404, `{"message":"nope"}`),        // error
		resetStep, resetStep, resetStep, resetStep, // network failure
	})
	var errs []string
	for range 5 {
		if _, _, err := getContact(f, t.Context()); err != nil {
			errs = append(errs, err.Error())
		}
	}
	require.Len(t, errs, 2)
	logs := f.logs.String()
	require.Contains(t, logs, "status=503")
	require.Contains(t, logs, "refreshing token")
	for _, secret := range []string{testToken, "pit-secret-refreshed", "Bearer"} {
		assert.NotContains(t, logs, secret)
		for _, e := range errs {
			assert.NotContains(t, e, secret)
		}
	}
	assert.Equal(t, 0, strings.Count(logs, "Authorization"))
}

// oauthDoubt stands for the auth package's error when a refresh may have reached HighLevel without an answer.
type oauthDoubt struct{}

func (oauthDoubt) Error() string        { return "auth: refresh: outcome of the token request is unknown" }
func (oauthDoubt) Is(target error) bool { return target == ErrOutcomeUnknown }

func TestATokenRequestInDoubtDoesNotPutTheCreateInDoubt(t *testing.T) {
	f := setup(t, []step{jsonStep(401, `{"message":"Invalid JWT"}`), okContact})
	f.tokens.fail = oauthDoubt{}
	_, err := f.c.Do(t.Context(), &Request{Method: http.MethodPost, Path: Path("contacts", ""),
		Body: map[string]string{"firstName": "Ada"}, Kind: Create}, nil)
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "the create was answered 401: it was not applied")
	var doubt oauthDoubt
	assert.ErrorAs(t, err, &doubt, "the token source's own error stays reachable")
	assert.Contains(t, err.Error(), "outcome of the token request is unknown")
	assert.Equal(t, 1, f.script.count(), "the create is not sent again without a token")
}
