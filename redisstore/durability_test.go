package redisstore_test

import (
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/ghlkit/ghl/redisstore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A token saved through the lock survives Redis being killed (no shutdown work) and started again, with the
// settings CheckDurability asks for. The other settings show what the check guards against: without the
// append-only file the token is gone; with fsync once a second it usually survives a killed process, but Redis
// may hold the write back while a slow fsync is under way (as on a busy machine), and a crash of the machine can
// lose it, so the check refuses it too and the test asks nothing of its survival.
func TestTokenSurvivesARedisRestart(t *testing.T) {
	tests := []struct {
		name        string
		settings    []string
		wantChecked error  // CheckDurability's answer
		problem     string // in CheckDurability's message
		survives    string // "yes", "no", or "may"
	}{
		{"appendonly with fsync always", durable, nil, "", "yes"},
		{"appendonly with fsync every second", []string{"--appendonly", "yes", "--appendfsync", "everysec", "--save", ""},
			redisstore.ErrNotDurable, `appendfsync is "everysec"`, "may"},
		{"no persistence", volatile, redisstore.ErrNotDurable, `appendonly is "no"`, "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startRedis(t, tt.settings...)
			s := redisstore.NewTokenStore(srv.Client(), redisstore.TokenStoreOptions{})
			err := s.CheckDurability(ctxT(t))
			if tt.wantChecked == nil {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, tt.wantChecked)
				assert.Contains(t, err.Error(), tt.problem)
			}

			want := storetest.SampleToken(7)
			save(t, s, storetest.Key(1), want)
			srv.Kill()
			srv.Start()
			got, err := s.Load(ctxT(t), storetest.Key(1))
			switch tt.survives {
			case "may":
				return
			case "no":
				require.ErrorIs(t, err, auth.ErrNotStored)
				return
			}
			require.NoError(t, err, "the token did not survive the restart")
			assert.Equal(t, want.RefreshToken, got.RefreshToken)
			assert.Equal(t, want.AccessToken, got.AccessToken)
			assert.True(t, want.Expiry.Equal(got.Expiry))
		})
	}
}
