package pgstore_test

import (
	"bufio"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A replica is SIGKILLed while it holds the refresh lock. PostgreSQL ends its transaction as the connection
// closes, and with it the lock: the others, whose token has just expired, go on at once, with one refresh.
func TestFleetGoesOnAfterALockHolderIsKilled(t *testing.T) {
	t.Parallel() // most of its time is spent waiting on other processes
	f := newFleet(t, nil)
	f.start(2)
	_, _ = f.phase(1) // the replicas have loaded the token

	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = f.env("hold-lock")
	dieWithParent(holder)
	stdin, err := holder.StdinPipe()
	require.NoError(t, err)
	defer stdin.Close()
	out, err := holder.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, holder.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)
	require.Equal(t, 1, advisoryLocks(t, f.pool), "the holder's lock")

	// The replicas' calls are under way, waiting for the lock, when the holder dies.
	f.expire()
	for _, w := range f.workers {
		_, err := w.stdin.Write([]byte("run 1\n"))
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool { return waitingForLock(t, f) >= 1 }, 10*time.Second, 5*time.Millisecond,
		"no replica waits for the holder's lock")
	require.NoError(t, holder.Process.Kill())
	_ = holder.Wait()
	killed := time.Now()
	require.Eventually(t, func() bool { return f.srv.OAuthStats().Refreshes > 0 }, 10*time.Second, time.Millisecond,
		"no replica refreshed after the holder died")
	wentOn := time.Since(killed) // to the refresh of the replica that took the lock next
	var res phaseResult
	for _, w := range f.workers {
		res.add(w.read(t))
	}
	logs := f.stop()
	oauth := f.srv.OAuthStats()
	t.Logf("a replica refreshed %s after the lock holder was killed; %d of %d calls succeeded; refreshes=%d invalid_grant=%d",
		wentOn.Round(time.Millisecond), res.ok, res.ok+res.failed, oauth.Refreshes, oauth.InvalidGrants)
	if len(res.errors) > 0 {
		t.Errorf("%d calls failed; the first: %s", len(res.errors), res.errors[0])
	}
	assert.Equal(t, 2*fleetGoroutines, res.ok)
	assert.Less(t, wentOn, time.Second, "the dead holder's lock was not freed at once")
	assert.Equal(t, 1, oauth.Refreshes)
	assert.Zero(t, oauth.InvalidGrants)
	assert.Equal(t, 1, strings.Count(logs, "auth: token refreshed and saved"))
}

// waitingForLock counts the backends of the fleet's database that wait for an advisory lock.
func waitingForLock(t *testing.T, f *fleet) int {
	var n int
	require.NoError(t, f.pool.QueryRow(ctxT(t), "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").Scan(&n))
	return n
}
