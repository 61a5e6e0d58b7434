package tags_test

import (
	"context"
	"testing"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/clock"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/tags"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAgainstGhltest adds and removes tags on ghltest and checks every request against HighLevel's spec.
func TestAgainstGhltest(t *testing.T) {
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	t.Cleanup(srv.Close)
	tc, err := transport.New(transport.Config{BaseURL: srv.URL, Tokens: auth.PrivateToken(srv.IssueToken("loc1")),
		LocationID: "loc1", Clock: clock.NewFake(time.Now())})
	require.NoError(t, err)
	svc := registry.New[*tags.Service](tc)
	ctx := context.Background()
	c := srv.AddContact(ghltest.Contact{Email: "ada@example.com", Tags: []string{"lead"}})

	after, err := svc.Add(ctx, c.ID, []string{"vip", "LEAD"})
	require.NoError(t, err)
	assert.Equal(t, []string{"lead", "vip"}, after)
	after, err = svc.Remove(ctx, c.ID, []string{"lead"})
	require.NoError(t, err)
	assert.Equal(t, []string{"vip"}, after)
	stored, _ := srv.Contact("loc1", c.ID)
	assert.Equal(t, []string{"vip"}, stored.Tags)

	_, err = svc.Add(ctx, "missing", []string{"vip"})
	assert.ErrorIs(t, err, transport.ErrNotFound)

	spec := conformance.Load(t, "../testdata/openapi/apps/contacts.json")
	reqs := resourcetest.Recorded(srv)
	assert.Equal(t, map[string]int{"add-tags": 2, "remove-tags": 1}, spec.CheckAll(t, reqs))
}
