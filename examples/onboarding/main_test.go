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
	loc   string
	token string
	opts  []ghl.Option
}

func newFake(t *testing.T) *fake {
	t.Helper()
	clk := clock.NewFake(time.Now())
	srv := ghltest.NewServer(ghltest.WithClock(clk), ghltest.WithLocation("loc-1"))
	t.Cleanup(srv.Close)
	return &fake{srv: srv, loc: "loc-1", token: srv.IssueToken("loc-1"),
		opts: []ghl.Option{ghl.WithBaseURL(srv.URL), ghl.WithClock(clk)}}
}

func (f *fake) env(key string) string {
	return map[string]string{"GHL_TOKEN": f.token, "GHL_LOCATION_ID": f.loc}[key]
}

func (f *fake) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(t.Context(), args, f.env, &out, f.opts...)
	assert.NotContains(t, out.String(), f.token)
	return out.String(), err
}

func TestRunTwiceCreatesNothingTwice(t *testing.T) {
	f := newFake(t)
	// The customer exists already, with a tag of their own and a phone the signup does not repeat.
	prior := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Email: "grace@example.com", Phone: "+15550199", Tags: []string{"vip"}})
	args := []string{"-email", "Grace@Example.com", "-first", "Grace", "-last", "Hopper", "-due", "48h"}

	before := time.Now()
	out, err := f.run(t, args...)
	require.NoError(t, err, out)
	assert.Contains(t, out, "contact "+prior.ID+" already there, updated (Grace Hopper)")
	out, err = f.run(t, args...)
	require.NoError(t, err, out)
	assert.Contains(t, out, `task    "Onboarding call" already there`)
	assert.Contains(t, out, "note    welcome note already there")

	all := f.srv.Contacts(f.loc)
	require.Len(t, all, 1)
	c := all[0]
	assert.Equal(t, prior.ID, c.ID)
	assert.Equal(t, "Grace", c.FirstName)
	assert.Equal(t, "+15550199", c.Phone, "an upsert without a phone cleared it")
	assert.ElementsMatch(t, []string{"vip", "onboarding"}, c.Tags)

	tasks := f.srv.Tasks(c.ID)
	require.Len(t, tasks, 1)
	assert.Equal(t, "Onboarding call", tasks[0].Title)
	assert.False(t, tasks[0].Completed)
	assert.WithinRange(t, tasks[0].DueDate, before.Add(47*time.Hour), time.Now().Add(48*time.Hour))
	notes := f.srv.Notes(c.ID)
	require.Len(t, notes, 1)
	assert.Equal(t, "Welcome aboard, Grace Hopper! Signed up through onboarding.", notes[0].Body)

	assert.Len(t, f.srv.RequestsTo("POST", "/contacts/{contactId}/tags"), 1, "the tag was added twice")
}

// HighLevel makes the record and the answer is lost: the SDK cannot resend the create, but it finds the record
// it made, so one run makes one task and one note.
func TestACreateInDoubtIsSettledInOneRun(t *testing.T) {
	for _, route := range []string{"/contacts/{contactId}/tasks", "/contacts/{contactId}/notes"} {
		t.Run(route, func(t *testing.T) {
			f := newFake(t)
			f.srv.InjectFault("POST", route, ghltest.Fault{Status: 502, AfterHandler: true})
			out, err := f.run(t, "-phone", "+15550123", "-first", "Linus")
			require.NoError(t, err, out)
			all := f.srv.Contacts(f.loc)
			require.Len(t, all, 1)
			assert.Len(t, f.srv.Tasks(all[0].ID), 1)
			assert.Len(t, f.srv.Notes(all[0].ID), 1)
			assert.Len(t, f.srv.RequestsTo("POST", route), 1, "the create was sent once")
		})
	}
}

func TestDemoUsesTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), nil, func(string) string { return "" }, &out, ghl.WithClock(clock.NewFake(time.Now()))))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 10, out.String())
	assert.Contains(t, lines[0], "using the in-memory fake HighLevel")
	assert.Contains(t, lines[1], "created (Ada Lovelace)")
	assert.Equal(t, "Running again for the same person:", lines[5])
	for _, l := range lines[6:] {
		assert.Contains(t, l, "already there")
	}
}

func TestArguments(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, nil, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, nil, "GHL_TOKEN"},
		{"real API without a person", map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}, nil, "-email or -phone"},
		{"unknown flag", nil, []string{"-nope"}, "flag provided but not defined"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "-email")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}
