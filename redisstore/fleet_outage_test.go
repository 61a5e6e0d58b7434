package redisstore_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Redis dies while the fleet is busy. Without it the replicas go on with the token they hold, paced by
// their own limiters and HighLevel's headers; a token that expires meanwhile cannot be refreshed (no lock, so
// no refresh token is spent) and those calls fail with an error that names Redis. Once Redis is back (its
// append-only file intact) the next call refreshes with the stored refresh token and the fleet goes on.
func TestFleetSurvivesARedisOutage(t *testing.T) {
	f := newFleet(t)
	// The limiters try Redis again 200 ms after a failure, so that recovery shows within the test.
	f.start(fleetProcesses, "FLEET_RETRY_AFTER=200ms")
	before, _ := f.phase(1)
	require.Equal(t, fleetProcesses*fleetGoroutines, before.ok, "before the outage: %v", before.errors)
	storedBefore := f.stored()

	// Killed while busy: the phase is under way when Redis goes.
	for _, w := range f.workers {
		_, err := w.stdin.Write([]byte("run 2\n"))
		require.NoError(t, err)
	}
	f.redis.Kill()
	var during phaseResult
	for _, w := range f.workers {
		during.add(w.read(t))
	}

	require.True(t, f.srv.ExpireToken(storedBefore.AccessToken))
	expired, _ := f.phase(1)

	f.redis.Start()
	storedAfter := f.stored()
	assert.Equal(t, storedBefore.RefreshToken, storedAfter.RefreshToken, "the refresh token did not survive the restart")
	after, _ := f.phase(3)
	logs := f.stop()

	oauth, st := f.srv.OAuthStats(), f.srv.Stats(fleetLocation)
	t.Logf("Redis down while busy: %d of %d calls succeeded (429s at callers %d); token expired while down: %d of %d "+
		"calls failed, the first with %q; Redis back: %d of %d succeeded; refreshes=%d invalid_grant=%d, 429s from the server=%d",
		during.ok, during.ok+during.failed, during.limited, expired.failed, expired.ok+expired.failed, first(expired.errors),
		after.ok, after.ok+after.failed, oauth.Refreshes, oauth.InvalidGrants, st.RateLimited)

	assert.Equal(t, 2*fleetProcesses*fleetGoroutines, during.ok, "without Redis, calls with a valid token go on: %v", during.errors)
	assert.Contains(t, logs, "redisstore: Redis is unreachable; requests fall back on the client's own limiter")

	assert.Equal(t, fleetProcesses*fleetGoroutines, expired.failed, "a token that expired while Redis is down cannot be refreshed")
	for _, e := range expired.errors {
		assert.Contains(t, e, "refreshing token after 401")
		assert.Contains(t, e, "redisstore: locking the token of")
		assert.Contains(t, e, "connection refused")
	}

	assert.Equal(t, 3*fleetProcesses*fleetGoroutines, after.ok, "after Redis is back: %v", after.errors)
	assert.Equal(t, 1, oauth.Refreshes, "one refresh, after Redis came back")
	assert.Zero(t, oauth.InvalidGrants, "no refresh token was spent twice or lost")
	assert.Contains(t, logs, "redisstore: Redis is reachable again")
	final := f.stored()
	assert.True(t, f.srv.TokenActive(final.RefreshToken), "the stored refresh token is the server's current one")
	assert.NotContains(t, logs, "panic")
	checkNoSecrets(t, logs+strings.Join(expired.errors, "\n"), f.secrets())
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
