package ghltest

import (
	"net"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWithListenerServesOnIt(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := NewServer(WithListener(l), WithToken("pit-x", "loc1"), WithLocation("loc1"))
	assert.Equal(t, "http://"+l.Addr().String(), srv.URL)
	req, err := http.NewRequest("GET", srv.URL+"/contacts/?locationId=loc1", nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer pit-x")
	req.Header.Set("Version", APIVersion)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	srv.Close()
	_, err = net.Dial("tcp", l.Addr().String())
	assert.Error(t, err, "Close closes the listener")
}
