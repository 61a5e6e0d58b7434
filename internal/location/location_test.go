package location

import (
	"errors"
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOr(t *testing.T) {
	tests := []struct {
		name, clientLoc, id, want string
		wantErr                   bool
	}{
		{name: "the params' location wins", clientLoc: "loc-client", id: "loc-params", want: "loc-params"},
		{name: "the client's location by default", clientLoc: "loc-client", id: "  ", want: "loc-client"},
		{name: "neither is an argument error", id: "", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := transport.New(transport.Config{BaseURL: "http://127.0.0.1:1", Tokens: auth.PrivateToken("pit-test"), LocationID: tt.clientLoc})
			require.NoError(t, err)
			got, err := Or(c, tt.id)
			if tt.wantErr {
				var argErr *transport.ArgumentError
				require.ErrorAs(t, err, &argErr)
				assert.Contains(t, err.Error(), "LocationID")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCheckedReportsTheParamsBeforeTheLocation(t *testing.T) {
	errBad := errors.New("bad params")
	tests := []struct {
		name, clientLoc, id, want string
		check                     error
		wantErr                   error
	}{
		{name: "checked params, their location", id: "loc-params", want: "loc-params"},
		{name: "checked params, the client's location", clientLoc: "loc-client", want: "loc-client"},
		{name: "bad params win over a missing location", check: errBad, wantErr: errBad},
		{name: "bad params with a location", id: "loc-params", check: errBad, wantErr: errBad},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := transport.New(transport.Config{BaseURL: "http://127.0.0.1:1", Tokens: auth.PrivateToken("pit-test"), LocationID: tt.clientLoc})
			require.NoError(t, err)
			got, err := Checked(c, tt.id, func() error { return tt.check })
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr)
				assert.Empty(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}
