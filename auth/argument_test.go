package auth_test

import (
	"context"
	"errors"
	"testing"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBadArgumentsNameTheGoField(t *testing.T) {
	app := &auth.App{ClientID: testClientID, ClientSecret: testClientSecret}
	ctx := context.Background()
	connect := func(a *auth.App, tok *auth.Token) error {
		_, err := a.Connect(ctx, auth.NewMemoryStore(), tok)
		return err
	}
	cases := []struct {
		name      string
		call      func() error
		wantField string
	}{
		{"exchange without a code", func() error { _, err := app.Exchange(ctx, "", auth.Location); return err }, "code"},
		{"exchange with a bad user type", func() error { _, err := app.Exchange(ctx, "c", "Agency"); return err }, "userType"},
		{"exchange without a client ID", func() error {
			_, err := (&auth.App{ClientSecret: "s"}).Exchange(ctx, "c", auth.Location)
			return err
		}, "App.ClientID"},
		{"exchange without a client secret", func() error {
			_, err := (&auth.App{ClientID: "id"}).Exchange(ctx, "c", auth.Location)
			return err
		}, "App.ClientSecret"},
		{"connect a nil token", func() error { return connect(app, nil) }, "tok"},
		{"connect without an access token", func() error {
			return connect(app, &auth.Token{UserType: auth.Location, LocationID: "l"})
		}, "Token.AccessToken"},
		{"connect without a user type", func() error {
			return connect(app, &auth.Token{AccessToken: "a", LocationID: "l"})
		}, "Token.UserType"},
		{"connect a location token without its location", func() error {
			return connect(app, &auth.Token{AccessToken: "a", UserType: auth.Location})
		}, "Token.LocationID"},
		{"connect a company token without its company", func() error {
			return connect(app, &auth.Token{AccessToken: "a", UserType: auth.Company, LocationID: "l"})
		}, "Token.CompanyID"},
		{"connect on an app without a client ID", func() error {
			return connect(&auth.App{}, &auth.Token{AccessToken: "a", UserType: auth.Location, LocationID: "l"})
		}, "App.ClientID"},
		{"file store without a directory", func() error { _, err := auth.NewFileStore(""); return err }, "dir"},
		{"key without a client ID", func() error { return auth.Key{UserType: auth.Location, ID: "l"}.Validate() }, "Key.ClientID"},
		{"key without an ID", func() error { return auth.Key{ClientID: "c", UserType: auth.Company}.Validate() }, "Key.ID"},
		{"key with a bad user type", func() error { return auth.Key{ClientID: "c", ID: "l"}.Validate() }, "Key.UserType"},
		{"for an empty location", func() error {
			_, err := app.Source(auth.NewMemoryStore(), companyKey()).ForLocation("").Token(ctx)
			return err
		}, "locationID"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			require.Error(t, err)
			assert.ErrorIs(t, err, api.ErrInvalidArgument)
			assert.ErrorIs(t, err, ghl.ErrInvalidArgument)
			var ae *auth.ArgumentError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, c.wantField, ae.Field)
			assert.Contains(t, err.Error(), c.wantField)
			assert.NotContains(t, err.Error(), "names no", "the message says which field, not a blank")
		})
	}
}

func TestOutcomeUnknownIsOneValue(t *testing.T) {
	assert.True(t, auth.ErrOutcomeUnknown == api.ErrOutcomeUnknown, "auth.ErrOutcomeUnknown is api.ErrOutcomeUnknown")
	assert.True(t, auth.ErrOutcomeUnknown == ghl.ErrOutcomeUnknown, "auth.ErrOutcomeUnknown is ghl.ErrOutcomeUnknown")
	assert.False(t, errors.Is(&auth.ArgumentError{Field: "f"}, api.ErrOutcomeUnknown))
}
