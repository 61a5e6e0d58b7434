package redisstore_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// budgetUsed is the share of HighLevel's 100 per 10 s that n requests over d (fleet time) used.
func budgetUsed(n int, d time.Duration) float64 { return float64(n) / (d.Seconds() / 10 * 100) }

// Three replicas of twenty goroutines each, one location, one Redis: together they keep under HighLevel's
// budget and close to it.
func TestFleetSharesOneRateBudget(t *testing.T) {
	const each = 10
	f := newFleet(t)
	f.start(fleetProcesses)
	res, took := f.phase(each)
	logs := f.stop()

	want := fleetProcesses * fleetGoroutines * each
	st := f.srv.Stats(fleetLocation)
	used := budgetUsed(res.ok, took)
	peak := f.peakWindow(10 * time.Second)
	t.Logf("processes=%d goroutines=%d requests=%d succeeded=%d 429s: at callers=%d, from the server=%d; "+
		"%.1f s of fleet time; budget used=%.1f%%; most in any 10 s=%d",
		fleetProcesses, fleetGoroutines, want, res.ok, res.limited, st.RateLimited, took.Seconds(), used*100, peak)
	if len(res.errors) > 0 {
		t.Errorf("%d calls failed; the first: %s", len(res.errors), res.errors[0])
	}
	assert.Equal(t, want, res.ok)
	assert.Zero(t, res.limited, "429s reached the callers")
	// The replicas admit at most 96 in any 10 s between them; without the shared budget they would send
	// three times that and the server would refuse hundreds. A few refusals remain possible on a loaded
	// machine: a request admitted on time can reach the server late (a fleet second is a fifth of a real
	// one), and its client waits the 429 out and retries, so no caller sees it.
	assert.LessOrEqual(t, st.RateLimited, want/100, "the server refused requests: the shared budget let too many through")
	assert.GreaterOrEqual(t, used, 0.90, "the fleet used too little of the budget")
	checkNoSecrets(t, logs+strings.Join(res.errors, "\n"), f.secrets())
}

// The same fleet while the server expires the access token between phases: each expiry costs exactly one
// refresh, made by one replica; the others wait on the lock and use the token it saved.
func TestFleetRefreshesOncePerExpiry(t *testing.T) {
	const phases, each = 5, 2
	f := newFleet(t)
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
