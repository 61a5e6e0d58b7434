package settle

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type record struct {
	ID string `json:"id"`
}

func decode(raw json.RawMessage) *record {
	var out struct {
		Record *record `json:"record"`
	}
	if json.Unmarshal(raw, &out) != nil || out.Record == nil || out.Record.ID == "" {
		return nil
	}
	return out.Record
}

var errUnsettled = errors.New("the lookup could not tell")

func TestCreateLooksUpOnlyWhenTheOutcomeIsOpen(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		body       string
		wantID     string
		wantLookup bool
		wantErrIs  error
		wantErrMsg string
	}{
		{name: "the answer holds the record", status: 200, body: `{"record":{"id":"r1"}}`, wantID: "r1"},
		{name: "a success without the record", status: 200, body: `{"success":true}`, wantLookup: true, wantErrMsg: "the answer holds no record"},
		{name: "a 502 may have been applied", status: 502, body: `{}`, wantLookup: true, wantErrIs: transport.ErrOutcomeUnknown},
		{name: "a 400 was not applied", status: 400, body: `{"message":"bad"}`, wantErrIs: transport.ErrValidation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := resourcetest.Scripted(t, tt.status, tt.body)
			var lookedUp error
			lookup := func(_ context.Context, start time.Time, createErr error) (*record, error) {
				assert.False(t, start.IsZero())
				lookedUp = createErr
				return nil, errUnsettled
			}
			req := &transport.Request{Method: http.MethodPost, Path: "/records/", Body: struct{}{}, Kind: transport.Create}
			got, err := Create(context.Background(), c, req, "record", decode, lookup)

			assert.Len(t, seen(), 1, "a create is sent once")
			if tt.wantID != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantID, got.ID)
				assert.NoError(t, lookedUp)
				return
			}
			if tt.wantLookup {
				assert.ErrorIs(t, err, errUnsettled)
				require.Error(t, lookedUp, "the lookup is given the create's error")
				if tt.wantErrIs != nil {
					assert.ErrorIs(t, lookedUp, tt.wantErrIs)
				}
				if tt.wantErrMsg != "" {
					assert.Contains(t, lookedUp.Error(), tt.wantErrMsg)
				}
				return
			}
			assert.ErrorIs(t, err, tt.wantErrIs)
			assert.NoError(t, lookedUp, "no lookup for a create that surely failed")
		})
	}
}

func TestCreateSendsNothingOnAnEndedContext(t *testing.T) {
	c, seen := resourcetest.Scripted(t, 200, `{"record":{"id":"r1"}}`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Create(ctx, c, &transport.Request{Method: http.MethodPost, Path: "/records/", Kind: transport.Create}, "record", decode,
		func(context.Context, time.Time, error) (*record, error) { return nil, errUnsettled })
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, seen())
}
