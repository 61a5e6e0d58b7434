package ghltest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRequestLog(t *testing.T) {
	f := newFixture(t)
	at := f.clock.Now()
	id := f.create(t, map[string]any{"firstName": "Ada"})
	f.clock.Advance(time.Second)
	f.do(t, "GET", "/contacts/"+id+"?x=1", nil)
	f.do(t, "GET", "/nowhere", nil)

	reqs := f.srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "POST", reqs[0].Method)
	assert.Equal(t, "/contacts/", reqs[0].Route)
	assert.JSONEq(t, `{"firstName":"Ada","locationId":"loc1"}`, string(reqs[0].Body))
	assert.Equal(t, at, reqs[0].At)
	assert.Equal(t, http.StatusCreated, reqs[0].Status)
	assert.Equal(t, APIVersion, reqs[0].Header.Get("Version"))
	assert.Equal(t, "x=1", reqs[1].RawQuery)
	assert.Equal(t, "/contacts/{contactId}", reqs[1].Route)
	assert.Equal(t, at.Add(time.Second), reqs[1].At)
	assert.Equal(t, "", reqs[2].Route)
	assert.Equal(t, http.StatusNotFound, reqs[2].Status)

	assert.Len(t, f.srv.RequestsTo("GET", "/contacts/{contactId}"), 1)
	assert.Len(t, f.srv.RequestsTo("POST", "/contacts"), 1, "a trailing slash does not matter")
	assert.Empty(t, f.srv.RequestsTo("DELETE", "/contacts/{contactId}"))

	reqs[0].Body[0] = 'X'
	reqs[0].Header.Set("Version", "changed")
	again := f.srv.Requests()
	assert.Equal(t, byte('{'), again[0].Body[0], "copies share nothing with the log")
	assert.Equal(t, APIVersion, again[0].Header.Get("Version"))

	f.srv.ResetRequests()
	assert.Empty(t, f.srv.Requests())
	f.do(t, "GET", "/contacts/"+id, nil)
	require.Len(t, f.srv.Requests(), 1)
	assert.Equal(t, http.StatusOK, f.srv.Requests()[0].Status)
}
