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

func TestWritesOnlyWhatDiffers(t *testing.T) {
	const company, site = "Acme Corp", "https://acme.example"
	tests := []struct {
		name                  string
		contact               ghltest.Contact
		wantUpdate, wantUpser bool
		wantCompany, wantSite string
		wantLine              string
	}{
		{"up to date", ghltest.Contact{Email: "a@x.example", CompanyName: company, Website: site},
			false, false, company, site, "up to date"},
		{"website differs", ghltest.Contact{Email: "b@x.example", CompanyName: company, Website: "http://old.example"},
			true, false, company, site, "website updated"},
		{"company differs", ghltest.Contact{Email: "c@x.example", CompanyName: "Acme", Website: site},
			false, true, company, site, "company name updated"},
		{"both empty", ghltest.Contact{Phone: "+15550101"},
			true, true, company, site, "website updated, company name updated"},
		{"no email or phone", ghltest.Contact{FirstName: "Anon"},
			true, false, "", site, "website updated, company name not set (no email or phone to upsert by)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t)
			f.srv.AddBusiness(ghltest.Business{ID: "biz-1", LocationID: f.loc, Name: company, Website: site})
			tt.contact.LocationID, tt.contact.BusinessID = f.loc, "biz-1"
			c := f.srv.AddContact(tt.contact)
			outsider := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Email: "z@y.example", Website: "http://y.example"})

			out, err := f.run(t, "-business", "biz-1")
			require.NoError(t, err, out)
			assert.Contains(t, out, `Business biz-1 (Acme Corp): company "Acme Corp", website "https://acme.example"`)
			assert.Contains(t, out, c.ID+" ("+displayNameOf(c)+"): "+tt.wantLine)
			got, _ := f.srv.Contact(f.loc, c.ID)
			assert.Equal(t, tt.wantCompany, got.CompanyName)
			assert.Equal(t, tt.wantSite, got.Website)
			assert.Equal(t, c.Email, got.Email)
			assert.Equal(t, c.Phone, got.Phone)
			untouched, _ := f.srv.Contact(f.loc, outsider.ID)
			assert.Equal(t, outsider, untouched, "a contact outside the business changed")
			assert.Len(t, f.srv.RequestsTo("PUT", "/contacts/{contactId}"), count(tt.wantUpdate))
			assert.Len(t, f.srv.RequestsTo("POST", "/contacts/upsert"), count(tt.wantUpser))

			f.srv.ResetRequests()
			out, err = f.run(t, "-business", "biz-1")
			require.NoError(t, err, out)
			assert.Empty(t, f.srv.RequestsTo("PUT", "/contacts/{contactId}"), "second run updated")
			assert.Empty(t, f.srv.RequestsTo("POST", "/contacts/upsert"), "second run upserted")
		})
	}
}

// In a location that allows duplicates, an older contact with the same email would take the upsert.
func TestNeverUpsertsIntoAnotherContact(t *testing.T) {
	f := newFake(t)
	f.srv.SetAllowDuplicates(f.loc, true)
	older := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, Email: "shared@x.example", DateAdded: time.Now().Add(-time.Hour)})
	member := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, BusinessID: "biz-1", Email: "shared@x.example"})
	f.srv.AddBusiness(ghltest.Business{ID: "biz-1", LocationID: f.loc, Name: "Acme Corp"})

	out, err := f.run(t, "-business", "biz-1")
	require.NoError(t, err, out)
	assert.Contains(t, out, member.ID+" (shared@x.example): company name not set (its email or phone leads an upsert to another contact)")
	assert.Empty(t, f.srv.RequestsTo("POST", "/contacts/upsert"))
	got, _ := f.srv.Contact(f.loc, older.ID)
	assert.Empty(t, got.CompanyName)
}

func TestManyContactsArePaged(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 260, ghltest.SeedOptions{Edit: func(i int, c *ghltest.Contact) {
		if i%2 == 0 {
			c.BusinessID, c.CompanyName = "biz-1", "Acme Corp"
		}
	}})
	f.srv.AddBusiness(ghltest.Business{ID: "biz-1", LocationID: f.loc, Name: "Acme Corp", Website: "https://acme.example"})
	out, err := f.run(t, "-business", "biz-1")
	require.NoError(t, err)
	assert.Contains(t, out, "130 contacts, 130 updated")
	for _, c := range f.srv.Contacts(f.loc) {
		if c.BusinessID == "biz-1" {
			assert.Equal(t, "https://acme.example", c.Website, c.ID)
		} else {
			assert.Empty(t, c.Website, c.ID)
		}
	}
	assert.Len(t, f.srv.RequestsTo("GET", "/contacts/business/{businessId}"), 2, "130 contacts take two pages of 100")
	assert.Zero(t, f.srv.Stats(f.loc).RateLimited)
}

func TestDemoUsesTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), nil, func(string) string { return "" }, &out, ghl.WithClock(clock.NewFake(time.Now()))))
	s := out.String()
	assert.True(t, strings.HasPrefix(s, "No GHL_TOKEN set: using the in-memory fake HighLevel"), s)
	assert.Contains(t, s, "(Grace Hopper): up to date")
	assert.Contains(t, s, "(Ada Lovelace): website updated, company name updated")
	assert.Contains(t, s, "(Linus Pauling): company name updated")
	assert.Contains(t, s, "3 contacts, 2 updated")
	assert.NotContains(t, s, "Marie")
}

func TestArguments(t *testing.T) {
	both := map[string]string{"GHL_TOKEN": "pit-secret", "GHL_LOCATION_ID": "loc"}
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		wantErr string
	}{
		{"token without location", map[string]string{"GHL_TOKEN": "pit-secret"}, nil, "GHL_LOCATION_ID"},
		{"location without token", map[string]string{"GHL_LOCATION_ID": "loc"}, nil, "GHL_TOKEN"},
		{"both one and all", both, []string{"-business", "b1", "-all"}, "not both"},
		{"help", nil, []string{"-h"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(t.Context(), tt.args, func(k string) string { return tt.env[k] }, &out)
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.Contains(t, out.String(), "-business")
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error()+out.String(), "pit-secret")
		})
	}
}

// The record is the source: a business renamed or given a new website in HighLevel reaches its contacts on
// the next run, and a business without a website leaves its contacts' websites alone.
func TestFollowsTheBusinessRecord(t *testing.T) {
	f := newFake(t)
	f.srv.AddBusiness(ghltest.Business{ID: "biz-1", LocationID: f.loc, Name: "Acme Corp", Website: "https://acme.example"})
	f.srv.AddBusiness(ghltest.Business{ID: "biz-2", LocationID: f.loc, Name: "Globex"})
	a := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, BusinessID: "biz-1", Email: "a@acme.example"})
	g := f.srv.AddContact(ghltest.Contact{LocationID: f.loc, BusinessID: "biz-2", Email: "g@globex.example", Website: "https://own.example"})

	out, err := f.run(t, "-all")
	require.NoError(t, err, out)
	got, _ := f.srv.Contact(f.loc, a.ID)
	assert.Equal(t, "Acme Corp", got.CompanyName)
	assert.Equal(t, "https://acme.example", got.Website)
	got, _ = f.srv.Contact(f.loc, g.ID)
	assert.Equal(t, "Globex", got.CompanyName)
	assert.Equal(t, "https://own.example", got.Website, "a business without a website writes none")

	_, err = f.run(t, "-business", "biz-1")
	require.NoError(t, err)
	f.srv.ResetRequests()
	// Renamed in HighLevel: the next run carries the new name to the contacts.
	f.srv.AddBusiness(ghltest.Business{ID: "biz-1", LocationID: f.loc, Name: "Acme Inc", Website: "https://acme.example"})
	out, err = f.run(t, "-business", "biz-1")
	require.NoError(t, err, out)
	got, _ = f.srv.Contact(f.loc, a.ID)
	assert.Equal(t, "Acme Inc", got.CompanyName)
	assert.Len(t, f.srv.RequestsTo("POST", "/contacts/upsert"), 1)
	assert.Empty(t, f.srv.RequestsTo("PUT", "/contacts/{contactId}"))
}

func TestUnknownBusinessIsAnError(t *testing.T) {
	f := newFake(t)
	_, err := f.run(t, "-business", "nope")
	require.Error(t, err)
	assert.ErrorIs(t, err, ghl.ErrNotFound)
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

func displayNameOf(c ghltest.Contact) string {
	if n := strings.TrimSpace(c.FirstName + " " + c.LastName); n != "" {
		return n
	}
	for _, s := range []string{c.Email, c.Phone} {
		if s != "" {
			return s
		}
	}
	return "no name"
}
