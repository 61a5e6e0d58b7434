package redisstore

import (
	"strings"
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
)

func TestKeysOf(t *testing.T) {
	tests := []struct {
		key   auth.Key
		token string
	}{
		{auth.Key{ClientID: "app-1", UserType: auth.Location, ID: "loc1"}, "ghl:token:{app-1_Location_loc1}"},
		{auth.Key{ClientID: "a.b", UserType: auth.Company, ID: "c/1"}, "ghl:token:{a%2Eb_Company_c%2F1}"},
		// Braces in an ID would move the hash tag; escaped, they cannot.
		{auth.Key{ClientID: "x", UserType: auth.Location, ID: "}{"}, "ghl:token:{x_Location_%7D%7B}"},
		// Parts cannot run into each other.
		{auth.Key{ClientID: "a_Location", UserType: auth.Location, ID: "b"}, "ghl:token:{a%5FLocation_Location_b}"},
	}
	for _, tt := range tests {
		k := keysOf(DefaultPrefix, tt.key)
		assert.Equal(t, tt.token, k.token)
		assert.Equal(t, strings.Replace(tt.token, ":token:", ":lock:", 1), k.lock, "the lock shares the token's hash tag")
	}
	assert.Equal(t, "ghl:rate:{loc%2F1}", rateKey(DefaultPrefix, "loc/1"))
	assert.Equal(t, "p:webhook:wh%201", replayKey("p:", "wh 1"))
}
