package auth_test

import (
	"context"
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The requests of an install and of listing installed locations, with every parameter and with the fewest,
// conform to oauth.json, Version header included.
func TestInstallsConformToSpec(t *testing.T) {
	spec := conformance.Load(t, "../testdata/openapi/apps/oauth.json")
	e := newE2E(t)
	e.srv.InstallAgency("loc-a", "loc-b")
	e.connect(t, "", auth.AgencyScopes...)
	in := e.app.Installs(e.store)
	require.NoError(t, in.Install(context.Background(), auth.Installation{CompanyID: e.srv.CompanyID(), LocationID: "loc-a"}))
	agency := in.Company(e.srv.CompanyID())
	yes := true
	_, err := agency.InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "app-1"})
	require.NoError(t, err)
	_, err = agency.InstalledLocationsPage(context.Background(), auth.InstalledLocationsParams{AppID: "app-1", VersionID: "v-1",
		Query: "Location", IsInstalled: &yes, Skip: 1, Limit: 1})
	require.NoError(t, err)

	var reqs []conformance.Request
	for _, r := range e.srv.Requests() {
		reqs = append(reqs, conformance.Request{Method: r.Method, RawPath: r.RawPath, RawQuery: r.RawQuery, Header: r.Header, Body: r.Body})
	}
	assert.Equal(t, map[string]int{"get-location-access-token": 1, "get-installed-location": 2}, spec.CheckAll(t, reqs))
}
