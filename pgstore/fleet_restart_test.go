package pgstore_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// PostgreSQL stops (as a crash would: an immediate shutdown, crash recovery at the next start) while the fleet
// is busy. Without it the replicas go on with the token they hold; a token that expires meanwhile cannot be
// refreshed (no lock, so no refresh token is spent) and those calls fail with an error that names the lock and
// the refused connection. Once PostgreSQL is back, the stored token is the one from before and the next call
// refreshes with it.
func TestFleetSurvivesAPostgresRestart(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	srv := startPostgres(t)
	f := newFleet(t, srv)
	f.start(fleetProcesses)
	before, _ := f.phase(1)
	require.Equal(t, fleetProcesses*fleetGoroutines, before.ok, "before the restart: %v", before.errors)
	storedBefore := f.stored()

	// Stopped while busy: the phase is under way when PostgreSQL goes.
	for _, w := range f.workers {
		_, err := w.stdin.Write([]byte("run 2\n"))
		require.NoError(t, err)
	}
	srv.Crash()
	var during phaseResult
	for _, w := range f.workers {
		during.add(w.read(t))
	}

	require.True(t, f.srv.ExpireToken(storedBefore.AccessToken))
	expired, _ := f.phase(1)

	srv.Start()
	storedAfter := f.stored()
	assert.Equal(t, storedBefore.RefreshToken, storedAfter.RefreshToken, "the refresh token did not survive the restart")
	assert.Equal(t, storedBefore.AccessToken, storedAfter.AccessToken)
	after, _ := f.phase(3)
	logs := f.stop()

	oauth, st := f.srv.OAuthStats(), f.srv.Stats(fleetLocation)
	t.Logf("PostgreSQL down while busy: %d of %d calls succeeded; token expired while down: %d of %d calls failed, "+
		"the first with %q; PostgreSQL back: %d of %d succeeded; refreshes=%d invalid_grant=%d, 429s from the server=%d",
		during.ok, during.ok+during.failed, expired.failed, expired.ok+expired.failed, first(expired.errors),
		after.ok, after.ok+after.failed, oauth.Refreshes, oauth.InvalidGrants, st.RateLimited)

	assert.Equal(t, 2*fleetProcesses*fleetGoroutines, during.ok, "without PostgreSQL, calls with a valid token go on: %v", during.errors)

	assert.Equal(t, fleetProcesses*fleetGoroutines, expired.failed, "a token that expired while PostgreSQL is down cannot be refreshed")
	for _, e := range expired.errors {
		assert.Contains(t, e, "refreshing token after 401")
		assert.Contains(t, e, "pgstore: locking the token of")
		assert.Contains(t, e, "connection refused")
	}

	assert.Equal(t, 3*fleetProcesses*fleetGoroutines, after.ok, "after PostgreSQL is back: %v", after.errors)
	assert.Equal(t, 1, oauth.Refreshes, "one refresh, after PostgreSQL came back")
	assert.Zero(t, oauth.InvalidGrants, "no refresh token was spent twice or lost")
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
