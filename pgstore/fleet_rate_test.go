package pgstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// budgetUsed is the share of HighLevel's 100 per 10 s that n requests over d (fleet time) used.
func budgetUsed(n int, d time.Duration) float64 { return float64(n) / (d.Seconds() / 10 * 100) }

// Three replicas of 20 goroutines share one location while the server expires the access token between
// phases: each expiry costs exactly one refresh, made by one replica; the others wait on the lock and use the
// token it saved.
func TestFleetRefreshesOncePerExpiry(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	const phases, each = 5, 2
	f := newFleet(t, nil)
	f.start(fleetProcesses)
	var total phaseResult
	var took time.Duration
	expiries := 0
	for p := range phases {
		if p > 0 {
			f.expire()
			expiries++
		}
		res, d := f.phase(each)
		total.add(res)
		took += d
		require.Equal(t, expiries, f.srv.OAuthStats().Refreshes, "refreshes after phase %d", p)
	}
	logs := f.stop()

	want := fleetProcesses * fleetGoroutines * each * phases
	oauth, st := f.srv.OAuthStats(), f.srv.Stats(fleetLocation)
	t.Logf("processes=%d goroutines=%d requests=%d succeeded=%d expiries=%d refreshes=%d invalid_grant=%d "+
		"429s: at callers=%d, from the server=%d; budget used=%.1f%%",
		fleetProcesses, fleetGoroutines, want, total.ok, expiries, oauth.Refreshes, oauth.InvalidGrants,
		total.limited, st.RateLimited, budgetUsed(total.ok, took)*100)
	if len(total.errors) > 0 {
		t.Errorf("%d calls failed; the first: %s", len(total.errors), total.errors[0])
	}
	assert.Equal(t, want, total.ok)
	assert.Equal(t, expiries, oauth.Refreshes, "refreshes = expiries")
	assert.Zero(t, oauth.InvalidGrants)
	// The server's own 429s are reported, not bounded: each replica keeps to its third as it sends, but on a
	// loaded machine a request can reach the server late (a tenth of a real second is a fleet second), and the
	// client waits such a 429 out and retries, so no caller sees it.
	assert.Zero(t, total.limited)
	final := f.stored()
	assert.True(t, f.srv.TokenActive(final.AccessToken), "the stored access token is the server's current one")
	assert.True(t, f.srv.TokenActive(final.RefreshToken), "the stored refresh token is the server's current one")
	assert.Equal(t, expiries, strings.Count(logs, "auth: token refreshed and saved"))
	assert.Contains(t, logs, "auth: token was already refreshed; using the stored one", "a replica that waited reloaded the token")
	checkNoSecrets(t, logs+strings.Join(total.errors, "\n"), f.secrets())
}

func checkNoSecrets(t *testing.T, text string, secrets []string) {
	t.Helper()
	require.NotEmpty(t, secrets)
	for _, s := range secrets {
		if strings.Contains(text, s) {
			t.Errorf("a credential (%d characters, starting %.4s) appears in the logs or errors", len(s), s)
		}
	}
}
