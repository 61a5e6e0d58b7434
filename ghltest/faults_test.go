package ghltest

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatusFaults(t *testing.T) {
	tests := []struct {
		name       string
		fault      Fault
		status     int
		body       string // exact body, when set
		message    string // message of the default body, when set
		header     [2]string
		noRLHeader bool
	}{
		{"default is 500", Fault{}, 500, "", "Internal Server Error", [2]string{}, false},
		{"502 default body", Fault{Status: 502}, 502, "", "Bad Gateway", [2]string{}, false},
		{"429 without rate-limit headers", Fault{Status: 429, NoRateLimitHeaders: true, Headers: map[string]string{"Retry-After": "3"}},
			429, "", msgTooMany, [2]string{"Retry-After", "3"}, true},
		{"custom body", Fault{Status: 422, Body: `{"statusCode":422,"message":["x"]}`}, 422, `{"statusCode":422,"message":["x"]}`, "", [2]string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.InjectFault("POST", "/contacts/search", tt.fault)
			r := f.do(t, "POST", "/contacts/search", searchOne)
			require.Equal(t, tt.status, r.status)
			if tt.body != "" {
				assert.Equal(t, tt.body, string(r.body))
			}
			if tt.message != "" {
				assert.Equal(t, tt.message, r.json(t)["message"])
				assert.Equal(t, float64(tt.status), r.json(t)["statusCode"])
			}
			if tt.header[0] != "" {
				assert.Equal(t, tt.header[1], r.header.Get(tt.header[0]))
			}
			for _, h := range rateLimitHeaders {
				assert.Equal(t, tt.noRLHeader, r.header.Get(h) == "", h)
			}
			assert.Equal(t, http.StatusOK, f.do(t, "POST", "/contacts/search", searchOne).status, "the fault is used up")
			assert.Equal(t, 2, f.srv.Stats(f.loc).Requests)
		})
	}
}

func TestFaultsAreConsumedInOrder(t *testing.T) {
	f := newFixture(t)
	f.srv.InjectFault("POST", "/contacts/search", Fault{Status: 500, Times: 2})
	f.srv.InjectFault("POST", "/contacts/search", Fault{Status: 502})
	f.srv.InjectFault("POST", "/contacts", Fault{Status: 503}) // another route; a trailing slash does not matter
	require.Equal(t, http.StatusUnauthorized, f.send(t, "POST", "/contacts/search", "", searchOne).status,
		"a request refused before the fault does not consume it")
	var got []int
	for range 4 {
		got = append(got, f.do(t, "POST", "/contacts/search", searchOne).status)
	}
	assert.Equal(t, []int{500, 500, 502, 200}, got)
	assert.Equal(t, http.StatusServiceUnavailable, f.do(t, "POST", "/contacts/", map[string]any{"locationId": f.loc}).status)
	assert.Equal(t, 5, len(f.srv.RequestsTo("POST", "/contacts/search")), "faulted requests are recorded")
}

func TestClearFaults(t *testing.T) {
	f := newFixture(t)
	f.srv.InjectFault("POST", "/contacts/search", Fault{Status: 500})
	f.srv.ClearFaults()
	assert.Equal(t, http.StatusOK, f.do(t, "POST", "/contacts/search", searchOne).status)
}

func TestAfterHandlerCreatesAndFails(t *testing.T) {
	tests := []struct {
		name  string
		fault Fault
	}{
		{"422 after create", Fault{Status: 422, AfterHandler: true}},
		{"502 after create", Fault{Status: 502, AfterHandler: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.InjectFault("POST", "/contacts/", tt.fault)
			r := f.do(t, "POST", "/contacts/", map[string]any{"locationId": f.loc, "email": "ada@example.com"})
			assert.Equal(t, tt.fault.Status, r.status)
			assert.Equal(t, 1, f.srv.ContactCount(f.loc), "the contact was created anyway")
		})
	}
}

// freshClient never reuses a connection, so that Go's transport does not resend a request whose connection broke.
func freshClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

func TestResetFault(t *testing.T) {
	tests := []struct {
		name    string
		fault   Fault
		created int
	}{
		{"before the handler", Fault{Reset: true}, 0},
		{"after the handler", Fault{Reset: true, AfterHandler: true}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.InjectFault("POST", "/contacts/", tt.fault)
			req := f.request(t, "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc})
			resp, err := freshClient().Do(req)
			if resp != nil {
				resp.Body.Close()
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, syscall.ECONNRESET)
			assert.Equal(t, tt.created, f.srv.ContactCount(f.loc))
			reqs := f.srv.RequestsTo("POST", "/contacts/")
			require.Len(t, reqs, 1)
			assert.Equal(t, 0, reqs[0].Status)
			assert.Equal(t, 1, f.srv.Stats(f.loc).Statuses[0])
		})
	}
}

func TestTruncateFault(t *testing.T) {
	tests := []struct {
		name    string
		fault   Fault
		status  int
		created int
	}{
		{"normal answer cut", Fault{Truncate: true}, 201, 1},
		{"fault answer cut", Fault{Truncate: true, Status: 503}, 503, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.InjectFault("POST", "/contacts/", tt.fault)
			resp, err := freshClient().Do(f.request(t, "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc, "firstName": "Ada"}))
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			full, err := strconv.Atoi(resp.Header.Get("Content-Length"))
			require.NoError(t, err)
			b, err := io.ReadAll(resp.Body)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
			assert.Equal(t, full/2, len(b))
			assert.NotEmpty(t, resp.Header.Get("X-RateLimit-Remaining"))
			assert.Equal(t, tt.created, f.srv.ContactCount(f.loc))
		})
	}
}

func TestStallFaultEndsWhenTheClientGoesAway(t *testing.T) {
	f := newFixture(t)
	ended := make(chan string, 1)
	f.srv.stallEnded = func(reason string) { ended <- reason }
	f.srv.InjectFault("POST", "/contacts/", Fault{Stall: true})

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req := f.request(t, "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc}).WithContext(ctx)
	resp, err := freshClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusCreated, resp.StatusCode)
	full, err := strconv.Atoi(resp.Header.Get("Content-Length"))
	require.NoError(t, err)
	part := make([]byte, full/2)
	_, err = io.ReadFull(resp.Body, part)
	require.NoError(t, err, "half the body arrives")

	cancel() // the client's deadline
	_, err = io.ReadAll(resp.Body)
	assert.ErrorIs(t, err, context.Canceled)
	select {
	case reason := <-ended:
		assert.Equal(t, "client", reason)
	case <-time.After(10 * time.Second):
		t.Fatal("the stalled answer did not notice the client leaving")
	}
	assert.Equal(t, 1, f.srv.ContactCount(f.loc), "a stall without a status cuts the normal answer")
}

func TestStallFaultEndsOnClose(t *testing.T) {
	clk := newFakeClock()
	srv := NewServer(WithClock(clk))
	ended := make(chan string, 1)
	srv.stallEnded = func(reason string) { ended <- reason }
	srv.InjectFault("GET", "/contacts/{contactId}", Fault{Stall: true, Status: 500})
	ct := srv.AddContact(Contact{FirstName: "Ada"})
	req, err := http.NewRequest("GET", srv.URL+"/contacts/"+ct.ID, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+srv.IssueToken(srv.LocationID()))
	req.Header.Set("Version", APIVersion)
	resp, err := freshClient().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusInternalServerError, resp.StatusCode)

	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close waited for a stalled answer")
	}
	assert.Equal(t, "close", <-ended)
	_, err = io.ReadAll(resp.Body)
	assert.True(t, errors.Is(err, io.ErrUnexpectedEOF), "got %v", err)
}

// CutShort and ChunkedHalf deliver a well-formed HTTP answer whose JSON stops halfway: the read succeeds.
func TestCutShortFaults(t *testing.T) {
	tests := []struct {
		name    string
		fault   Fault
		status  int
		chunked bool
		created int
	}{
		{"normal answer behind a matching Content-Length", Fault{CutShort: true}, 201, false, 1},
		{"fault answer behind a matching Content-Length", Fault{CutShort: true, Status: 503}, 503, false, 0},
		{"normal answer chunked and ended cleanly", Fault{ChunkedHalf: true}, 201, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			f.srv.InjectFault("POST", "/contacts/", tt.fault)
			resp, err := freshClient().Do(f.request(t, "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc, "firstName": "Ada"}))
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			b, err := io.ReadAll(resp.Body)
			require.NoError(t, err, "the body reads to its end")
			if tt.chunked {
				assert.Equal(t, []string{"chunked"}, resp.TransferEncoding)
			} else {
				assert.Equal(t, int64(len(b)), resp.ContentLength)
			}
			assert.NotEmpty(t, b)
			assert.False(t, json.Valid(b), "the JSON stops halfway: %s", b)
			assert.Equal(t, tt.created, f.srv.ContactCount(f.loc))
		})
	}
}

// A 422 that still creates, as HighLevel's contact create can answer.
func TestValidationFaultAfterTheHandlerStillCreates(t *testing.T) {
	f := newFixture(t)
	f.srv.InjectFault("POST", "/contacts/", Fault{Status: 422, AfterHandler: true})
	resp, err := freshClient().Do(f.request(t, "POST", "/contacts/", f.token, map[string]any{"locationId": f.loc, "email": "ada@example.com"}))
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
	assert.Equal(t, 1, f.srv.ContactCount(f.loc), "the contact was made all the same")
}

// An Echo fault repeats the request, its credential included, in the error body, as a careless server might.
func TestEchoFaultRepeatsTheRequest(t *testing.T) {
	f := newFixture(t)
	f.srv.InjectFault("POST", "/contacts/search", Fault{Status: 400, Echo: true})
	r := f.do(t, "POST", "/contacts/search", searchOne)
	require.Equal(t, 400, r.status)
	doc := r.json(t)
	assert.Equal(t, float64(400), doc["statusCode"])
	msg, _ := doc["message"].(string)
	assert.Contains(t, msg, "POST /contacts/search")
	assert.Contains(t, msg, "Bearer "+f.token, "the credential is in the message")
	assert.Contains(t, msg, `"locationId"`, "so is the request body")
	assert.Contains(t, doc["error"], "Authorization: Bearer "+f.token)

	f.srv.InjectFault("POST", "/contacts/search", Fault{Echo: true})
	assert.Equal(t, http.StatusInternalServerError, f.do(t, "POST", "/contacts/search", searchOne).status, "500 unless Status says otherwise")
}
