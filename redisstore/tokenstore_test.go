package redisstore_test

import (
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/ghlkit/ghl/redisstore"
)

// The contract every auth.Store meets, each case on fresh keys (its own prefix) of one Redis.
func TestTokenStoreContract(t *testing.T) {
	srv := startRedis(t)
	rdb := srv.Client()
	var n atomic.Int64
	storetest.Run(t, func(t *testing.T) auth.Store {
		return redisstore.NewTokenStore(rdb, redisstore.TokenStoreOptions{Prefix: "contract" + strconv.FormatInt(n.Add(1), 10) + ":"})
	})
}
