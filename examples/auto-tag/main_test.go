package main

import (
	"strings"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fake is a ghltest server the program reaches as if it were HighLevel, on a simulated clock shared with the
// client so that the rate limiter never waits for real.
type fake struct {
	srv   *ghltest.Server
	clk   *clock.Fake
	loc   string
	token string
}

func newFake(t *testing.T) *fake {
	t.Helper()
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	return &fake{srv: srv, clk: clk, loc: "loc-1", token: srv.IssueToken("loc-1")}
}

func (f *fake) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	env := map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}
	err := run(t.Context(), args, func(k string) string { return env[k] }, &out,
		ghl.WithBaseURL(f.srv.URL), ghl.WithClock(f.clk))
	assert.NotContains(t, out.String(), f.token)
	return out.String(), err
}

func TestAddsOnlyMissingTags(t *testing.T) {
	f := newFake(t)
	add := func(source string, tags ...string) string {
		return f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Source: source, Tags: tags}).ID
	}
	bare := add("Facebook Ads")
	partly := add("facebook ads", "Paid", "vip")
	complete := add("facebook ads", "social", "paid")
	form := add("website form")
	other := add("referral", "friend")
	none := add("")
	rules := []string{"facebook ads=paid,social", "website form=organic", "facebook ads=Social"}

	out, err := f.run(t, rules...)
	require.NoError(t, err, out)
	want := map[string][]string{
		bare:     {"paid", "social"},
		partly:   {"Paid", "vip", "social"},
		complete: {"social", "paid"},
		form:     {"organic"},
		other:    {"friend"},
		none:     {},
	}
	for id, tags := range want {
		c, ok := f.srv.Contact(f.loc, id)
		require.True(t, ok)
		assert.ElementsMatch(t, tags, c.Tags, "contact with source %q", c.Source)
	}
	assert.Len(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/tags"), 3, "one request per contact missing tags")
	assert.Contains(t, out, `source "facebook ads": 3 contacts, 2 tagged, 1 had every tag`)
	assert.Contains(t, out, `source "website form": 1 contacts, 1 tagged, 0 had every tag`)

	f.srv.ResetRequests()
	out, err = f.run(t, rules...)
	require.NoError(t, err, out)
	assert.Empty(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/tags"), "a second run wrote")
}

func TestManyContactsWithinTheRateLimit(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 600, ghltest.SeedOptions{Tags: []string{"x"}, Edit: func(i int, c *ghltest.Contact) {
		c.Source = []string{"ads", "form", "referral"}[i%3]
	}})
	out, err := f.run(t, "ads=paid", "form=organic")
	require.NoError(t, err)
	assert.Contains(t, out, `source "ads": 200 contacts, 200 tagged`)
	for _, c := range f.srv.Contacts(f.loc) {
		want := map[string][]string{"ads": {"x", "paid"}, "form": {"x", "organic"}, "referral": {"x"}}[c.Source]
		assert.ElementsMatch(t, want, c.Tags, c.ID)
	}
	assert.Zero(t, f.srv.Stats(f.loc).RateLimited)
}

func TestDemoUsesTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), nil, func(string) string { return "" }, &out, ghl.WithClock(clock.NewFake(time.Now()))))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 7, out.String())
	assert.Contains(t, lines[0], "using the in-memory fake HighLevel")
	assert.Contains(t, lines[1], "No rules given")
	assert.Equal(t, `source "facebook ads": 2 contacts, 2 tagged, 0 had every tag`, lines[4])
	assert.Equal(t, `source "website form": 2 contacts, 1 tagged, 1 had every tag`, lines[6])
}

func TestArguments(t *testing.T) {
	both := map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, []string{"a=b"}, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, []string{"a=b"}, "GHL_TOKEN"},
		{"no rules", both, nil, "at least one rule"},
		{"no equals sign", nil, []string{"ads"}, `rule "ads"`},
		{"no tags", nil, []string{"ads= , "}, "want source=tag"},
		{"no source", nil, []string{"=paid"}, "want source=tag"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "usage: auto-tag")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}
