package envelope

import (
	"context"
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type record struct {
	ID string `json:"id"`
}

func recordID(r *record) string { return r.ID }

func TestOne(t *testing.T) {
	tests := []struct {
		name      string
		kind      transport.Kind
		status    int
		body      string
		wantID    string
		wantErrIs error
		wantMsg   string
	}{
		{name: "the record under its key", kind: transport.Read, status: 200, body: `{"record":{"id":"r1"}}`, wantID: "r1"},
		{name: "a read without the record is not found", kind: transport.Read, status: 200, body: `{"record":null}`,
			wantErrIs: transport.ErrNotFound, wantMsg: "GET /records/r1: the answer holds no record"},
		{name: "a record under another key is missing", kind: transport.Read, status: 200, body: `{"other":{"id":"r1"}}`,
			wantErrIs: transport.ErrNotFound},
		{name: "a record without an ID is missing", kind: transport.Read, status: 200, body: `{"record":{"id":""}}`,
			wantErrIs: transport.ErrNotFound},
		{name: "a create without the record may have been applied", kind: transport.Create, status: 200, body: `{}`,
			wantErrIs: transport.ErrOutcomeUnknown, wantMsg: "it may have been created"},
		{name: "an update without the record", kind: transport.Idempotent, status: 200, body: `{}`,
			wantMsg: "the answer holds no record"},
		{name: "an error answer is the transport's error", kind: transport.Read, status: 404, body: `{"message":"gone"}`,
			wantErrIs: transport.ErrNotFound, wantMsg: "gone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := resourcetest.Scripted(t, tt.status, tt.body)
			req := &transport.Request{Method: http.MethodGet, Path: "/records/r1", Kind: tt.kind}
			got, err := One(context.Background(), c, req, "record", "record", recordID)
			assert.Len(t, seen(), 1)
			if tt.wantID != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantID, got.ID)
				return
			}
			require.Error(t, err)
			assert.Nil(t, got)
			if tt.wantErrIs != nil {
				assert.ErrorIs(t, err, tt.wantErrIs)
			} else {
				assert.NotErrorIs(t, err, transport.ErrNotFound)
				assert.NotErrorIs(t, err, transport.ErrOutcomeUnknown)
			}
			assert.Contains(t, err.Error(), tt.wantMsg)
		})
	}
}

func TestDelete(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		body      string
		wantMsg   string
		wantErrIs error
	}{
		{name: "the flag says it deleted", status: 200, body: `{"succeeded":true}`},
		{name: "no flag is success", status: 200, body: `{}`},
		{name: "a flag under another spelling is not read", status: 200, body: `{"success":false}`},
		{name: "the flag says it did not delete", status: 200, body: `{"succeeded":false}`, wantMsg: "DELETE /records/r1: HighLevel answered succeeded: false"},
		{name: "an error answer is the transport's error", status: 404, body: `{"message":"gone"}`, wantErrIs: transport.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, seen := resourcetest.Scripted(t, tt.status, tt.body)
			req := &transport.Request{Method: http.MethodDelete, Path: "/records/r1", Kind: transport.Idempotent}
			err := Delete(context.Background(), c, req, "succeeded")
			require.Len(t, seen(), 1)
			assert.Equal(t, http.MethodDelete, seen()[0].Method)
			switch {
			case tt.wantErrIs != nil:
				assert.ErrorIs(t, err, tt.wantErrIs)
			case tt.wantMsg != "":
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantMsg)
			default:
				assert.NoError(t, err)
			}
		})
	}
}
