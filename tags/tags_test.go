package tags_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
	"github.com/ghlkit/ghl/tags"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newService(t *testing.T, h http.HandlerFunc) *tags.Service {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tc, err := transport.New(transport.Config{BaseURL: srv.URL, Tokens: auth.PrivateToken("pit-test"), Clock: clock.NewFake(time.Now())})
	require.NoError(t, err)
	return registry.New[*tags.Service](tc)
}

func TestAddAndRemove(t *testing.T) {
	var got []string
	svc := newService(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.EscapedPath()+" "+string(body))
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			_, _ = w.Write([]byte(`{"tags":["old","vip","lead"]}`))
			return
		}
		_, _ = w.Write([]byte(`{"tags":null}`))
	})
	ctx := context.Background()
	after, err := svc.Add(ctx, "c/1", []string{"vip", "lead"})
	require.NoError(t, err)
	assert.Equal(t, []string{"old", "vip", "lead"}, after)
	after, err = svc.Remove(ctx, "c/1", []string{"old"})
	require.NoError(t, err)
	assert.Equal(t, []string{}, after, "no tags left is an empty list, not nil")
	assert.Equal(t, []string{
		`POST /contacts/c%2F1/tags {"tags":["vip","lead"]}`,
		`DELETE /contacts/c%2F1/tags {"tags":["old"]}`,
	}, got)
}

// Adding tags is idempotent, so an answer lost to a 502 is asked again.
func TestAddIsRetried(t *testing.T) {
	var calls atomic.Int32
	svc := newService(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"tags": []string{"vip"}})
	})
	after, err := svc.Add(context.Background(), "c1", []string{"vip"})
	require.NoError(t, err)
	assert.Equal(t, []string{"vip"}, after)
	assert.Equal(t, int32(2), calls.Load())
}

func TestBadInputSendsNothing(t *testing.T) {
	many := make([]string, tags.MaxPerRequest+1)
	for i := range many {
		many[i] = "t" + strconv.Itoa(i)
	}
	tests := []struct {
		name      string
		contactID string
		tags      []string
		field     string
		problem   string
	}{
		{"no contact", "", []string{"a"}, "contactID", "required"},
		{"no tags", "c1", nil, "tags", "at least one"},
		{"too many tags", "c1", many, "tags", "at most 100"},
		{"empty tag", "c1", []string{"a", "  "}, "tags[1]", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := newService(t, func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("unexpected request %s %s", r.Method, r.URL.Path)
			})
			for _, call := range []func(context.Context, string, []string, ...option.RequestOption) ([]string, error){svc.Add, svc.Remove} {
				_, err := call(context.Background(), tt.contactID, tt.tags)
				assert.ErrorIs(t, err, transport.ErrInvalidArgument)
				var ae *transport.ArgumentError
				require.True(t, errors.As(err, &ae))
				assert.Equal(t, tt.field, ae.Field)
				assert.Contains(t, ae.Problem, tt.problem)
			}
		})
	}
	assert.NoError(t, tags.Check("tags", many[:tags.MaxPerRequest]))
}
