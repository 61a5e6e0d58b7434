package redisstore_test

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

// A replica is SIGKILLed while it holds the refresh lock. The others, whose token has just expired, wait for
// the lock's lease to run out (nobody deletes it for the dead), then one refreshes and all go on.
func TestFleetGoesOnAfterALockHolderIsKilled(t *testing.T) {
	const lease = time.Second // real time: the lease is kept by Redis
	f := newFleet(t)
	ttl := "FLEET_LOCK_TTL=" + lease.String()
	f.start(2, ttl)
	_, _ = f.phase(1) // the replicas have loaded the token

	holder := exec.Command(os.Args[0], "-test.run=^$")
	holder.Env = f.env("hold-lock", ttl)
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
	require.NoError(t, holder.Process.Kill())
	_ = holder.Wait()
	killed := time.Now()
	rdb := f.redis.Client()
	locks, err := rdb.Keys(ctxT(t), "ghl:lock:*").Result()
	require.NoError(t, err)
	require.Len(t, locks, 1, "the dead holder's lock must still be there")
	left, err := rdb.PTTL(ctxT(t), locks[0]).Result()
	require.NoError(t, err)
	require.Greater(t, left, time.Duration(0), "the dead holder's lock must still be there")

	f.expire()
	res, _ := f.phase(1)
	waited := time.Since(killed)
	logs := f.stop()
	oauth := f.srv.OAuthStats()
	t.Logf("lock lease %s, %s of it left at the kill; the replicas went on %s after the kill; refreshes=%d invalid_grant=%d",
		lease, left.Round(time.Millisecond), waited.Round(time.Millisecond), oauth.Refreshes, oauth.InvalidGrants)
	if len(res.errors) > 0 {
		t.Errorf("%d calls failed; the first: %s", len(res.errors), res.errors[0])
	}
	assert.Equal(t, 2*fleetGoroutines, res.ok)
	assert.GreaterOrEqual(t, waited, left, "a replica refreshed while the dead holder's lease ran")
	assert.Less(t, waited, left+5*time.Second)
	assert.Equal(t, 1, oauth.Refreshes)
	assert.Zero(t, oauth.InvalidGrants)
	assert.Equal(t, 1, strings.Count(logs, "auth: token refreshed and saved"))
}
