package auth_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestToOAuth2FromASource(t *testing.T) {
	store := auth.NewMemoryStore()
	ts, _, app, first := setup(t, store, -time.Minute)
	o, err := auth.ToOAuth2(context.Background(), app.Source(store, locKey())).Token()
	require.NoError(t, err)
	assert.NotEqual(t, first.AccessToken, o.AccessToken, "the expired token was refreshed first")
	assert.Empty(t, o.RefreshToken, "refreshing stays with the Source")
	assert.Equal(t, "loc-1", o.Extra("locationId"))
	assert.False(t, o.Expiry.IsZero())
	refreshes, _, _ := ts.counts()
	assert.Equal(t, 1, refreshes)
}

type errTokenSource struct{}

func (errTokenSource) Token() (*oauth2.Token, error) { return nil, errors.New("boom") }

func TestFromOAuth2(t *testing.T) {
	cases := []struct {
		name    string
		ts      oauth2.TokenSource
		ctx     func() context.Context
		want    string
		wantErr error
	}{
		{"token", oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "a1"}), context.Background, "a1", nil},
		{"empty token", oauth2.StaticTokenSource(&oauth2.Token{}), context.Background, "", auth.ErrNoToken},
		{"source error", errTokenSource{}, context.Background, "", nil},
		{"cancelled", oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "a1"}), func() context.Context {
			c, cancel := context.WithCancel(context.Background())
			cancel()
			return c
		}, "", context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := auth.FromOAuth2(c.ts).Token(c.ctx())
			assert.Equal(t, c.want, got)
			if c.want == "" {
				require.Error(t, err)
			}
			if c.wantErr != nil {
				assert.ErrorIs(t, err, c.wantErr)
			}
		})
	}
}
