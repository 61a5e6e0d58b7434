package contacts_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Faults HighLevel is known for, injected on the create. With AfterHandler the contact is made and the
// client still sees the fault.
func TestCreateUnderFaultsMakesNoDuplicate(t *testing.T) {
	tests := []struct {
		name        string
		fault       ghltest.Fault
		timeout     time.Duration
		wantCreated bool  // the server made the contact
		wantFound   bool  // Create returned it
		wantErr     error // otherwise
		wantPosts   int
	}{
		{"500 after creating", ghltest.Fault{Status: 500, AfterHandler: true}, 0, true, true, nil, 1},
		{"502 after creating", ghltest.Fault{Status: 502, AfterHandler: true}, 0, true, true, nil, 1},
		{"504 after creating", ghltest.Fault{Status: 504, AfterHandler: true}, 0, true, true, nil, 1},
		{"reset after creating", ghltest.Fault{Reset: true, AfterHandler: true}, 0, true, true, nil, 1},
		{"truncated answer", ghltest.Fault{Truncate: true}, 0, true, true, nil, 1},
		{"201 cut short behind its Content-Length", ghltest.Fault{CutShort: true}, 0, true, true, nil, 1},
		{"201 chunked and ended halfway", ghltest.Fault{ChunkedHalf: true}, 0, true, true, nil, 1},
		{"timeout after the request was written", ghltest.Fault{Stall: true}, 300 * time.Millisecond, true, true, nil, 1},
		{"422 after creating", ghltest.Fault{Status: 422, AfterHandler: true}, 0, true, true, nil, 1},
		{"422 without creating", ghltest.Fault{Status: 422}, 0, false, false, transport.ErrValidation, 1},
		{"500 without creating", ghltest.Fault{Status: 500}, 0, false, false, transport.ErrOutcomeUnknown, 1},
		{"reset without creating", ghltest.Fault{Reset: true}, 0, false, false, transport.ErrOutcomeUnknown, 1},
		{"burst 429 is refused unread and resent", ghltest.Fault{Status: 429}, 0, true, true, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*transport.Config)
			if tt.timeout > 0 {
				opts = append(opts, withTimeout(tt.timeout))
			}
			f := newFake(t, opts...)
			f.srv.InjectFault(http.MethodPost, "/contacts/", tt.fault)
			c, err := f.svc.Create(context.Background(), contacts.CreateParams{FirstName: "Ada", Email: "ada@example.com"})
			stored := f.srv.Contacts(f.loc)
			assert.Len(t, f.srv.RequestsTo(http.MethodPost, "/contacts/"), tt.wantPosts)
			if tt.wantCreated {
				require.Len(t, stored, 1, "exactly one contact, never two")
			} else {
				require.Empty(t, stored)
			}
			if tt.wantFound {
				require.NoError(t, err)
				assert.Equal(t, stored[0].ID, c.ID)
				assert.Equal(t, "ada@example.com", c.Email)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.wantErr)
		})
	}
}

// Many creates under a storm of faults: every contact exists at most once, every success is real, and every
// failure that says the outcome is unknown did not hide a contact that the lookup could have found.
func TestCreateStormMakesNoDuplicates(t *testing.T) {
	f := newFake(t)
	faults := []ghltest.Fault{
		{Status: 500, AfterHandler: true}, {Status: 502, AfterHandler: true}, {Reset: true, AfterHandler: true},
		{Truncate: true}, {CutShort: true}, {ChunkedHalf: true}, {Status: 503}, {Reset: true},
		{Status: 422, AfterHandler: true}, {Status: 422}, {Status: 429},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 120
	created, unknown := map[string]string{}, map[string]bool{}
	for i := range n {
		if rng.IntN(2) == 0 {
			f.srv.InjectFault(http.MethodPost, "/contacts/", faults[rng.IntN(len(faults))])
		}
		email := fmt.Sprintf("p%03d@example.com", i)
		c, err := f.svc.Create(context.Background(), contacts.CreateParams{Email: email, Phone: fmt.Sprintf("+1555%07d", i)})
		switch {
		case err == nil:
			created[email] = c.ID
		case errors.Is(err, transport.ErrOutcomeUnknown):
			unknown[email] = true
		}
		f.srv.ClearFaults()
	}
	perEmail := map[string]int{}
	for _, c := range f.srv.Contacts(f.loc) {
		perEmail[c.Email]++
		require.Equal(t, 1, perEmail[c.Email], "duplicate contact for %s", c.Email)
		if id, ok := created[c.Email]; ok {
			assert.Equal(t, id, c.ID, "Create returned the contact HighLevel made")
		}
	}
	for email := range created {
		assert.Equal(t, 1, perEmail[email], "a success is a real contact: %s", email)
	}
	for email := range unknown {
		assert.Zero(t, perEmail[email], "the lookup would have found %s", email)
	}
	posts := f.srv.RequestsTo(http.MethodPost, "/contacts/")
	resent := len(posts) - n
	t.Logf("%d creates: %d contacts, %d returned, %d unknown outcomes, %d resends (burst 429s only)",
		n, len(f.srv.Contacts(f.loc)), len(created), len(unknown), resent)
	assert.NotEmpty(t, unknown, "the storm has faults that make no contact")
	assert.Less(t, len(created), n, "the storm has faults Create reports")
}
