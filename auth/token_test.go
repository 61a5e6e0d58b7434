package auth_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/oauth2"
)

func TestMarshalTokenRoundTrip(t *testing.T) {
	want := storetest.SampleToken(7)
	b, err := auth.MarshalToken(want)
	require.NoError(t, err)
	got, err := auth.UnmarshalToken(b)
	require.NoError(t, err)
	assert.Equal(t, want, got)

	redacted, err := json.Marshal(want)
	require.NoError(t, err)
	assert.NotContains(t, string(redacted), want.AccessToken)
	assert.NotContains(t, string(redacted), want.RefreshToken)
	assert.Contains(t, string(redacted), want.LocationID)
}

func TestUnmarshalTokenErrors(t *testing.T) {
	cases := []struct {
		name, data, want string
	}{
		{"truncated", `{"access_token":"at-secret-1","refresh`, "invalid JSON"},
		{"wrong type", `{"access_token":12}`, "wrong type"},
		{"no access token", `{"refresh_token":"rt-secret-2"}`, "no access token"},
		{"empty", ``, "invalid JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := auth.UnmarshalToken([]byte(c.data))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assertNoSecret(t, err.Error(), "at-secret-1", "rt-secret-2")
		})
	}
	_, err := auth.MarshalToken(&auth.Token{})
	assert.Error(t, err)
}

func TestOAuth2Conversion(t *testing.T) {
	want := storetest.SampleToken(3)
	o := want.OAuth2()
	assert.Equal(t, want.AccessToken, o.AccessToken)
	assert.Equal(t, want.RefreshToken, o.RefreshToken)
	assert.Equal(t, want.Expiry, o.Expiry)
	assert.Equal(t, "loc/3", o.Extra("locationId"))
	back := auth.TokenFromOAuth2(o, time.Time{})
	back.IssuedAt = want.IssuedAt
	assert.Equal(t, want, back)

	issued := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	raw := (&oauth2.Token{AccessToken: "a"}).WithExtra(map[string]any{"expires_in": float64(3600), "userType": "Company", "companyId": "co"})
	got := auth.TokenFromOAuth2(raw, issued)
	assert.Equal(t, issued.Add(time.Hour), got.Expiry, "expiry is recomputed on the given clock")
	assert.Equal(t, auth.Company, got.UserType)
	assert.Equal(t, auth.Key{ClientID: "c", UserType: auth.Company, ID: "co"}, auth.KeyOf("c", got))
}
