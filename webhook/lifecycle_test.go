package webhook_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/webhook"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	lcClient = "lifecycle-client.app"
	lcSecret = "lifecycle-secret-9f2e"
	lcAppID  = "lifecycle-app-1"
)

// lcClock is the one clock of the fake HighLevel, the app and the receivers.
type lcClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *lcClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *lcClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// replica is one process receiving webhooks: its own Installs and its own replay store (the harshest case:
// nothing dedupes across replicas but the token Store), on the token Store all replicas share.
type replica struct {
	in  *auth.Installs
	url string
}

type delivered struct {
	typ    string
	body   []byte
	status int
}

// lcFixture is ghltest delivering its installs' events to replica 0 (or, with hold, to nobody: the test
// hands the delivery on), and an app whose agency token is stored.
type lcFixture struct {
	srv      *ghltest.Server
	clk      *lcClock
	signer   *ghltest.WebhookSigner
	app      *auth.App
	store    *auth.MemoryStore
	replicas []replica
	events   chan delivered
	hold     atomic.Bool
}

func newLifecycle(t *testing.T, replicas int) *lcFixture {
	t.Helper()
	f := &lcFixture{clk: &lcClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)},
		signer: ghltest.NewWebhookSignerFromSeed("lifecycle"), store: auth.NewMemoryStore(), events: make(chan delivered, 16)}
	var first http.Handler
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if f.hold.Load() {
			return // 200: the test delivers the body itself
		}
		first.ServeHTTP(w, r)
	}))
	t.Cleanup(front.Close)
	f.srv = ghltest.NewServer(ghltest.WithClock(f.clk), ghltest.WithLocation("loc1"),
		ghltest.WithRateLimit(1<<20, time.Second), ghltest.WithDailyLimit(1<<30),
		ghltest.WithWebhookTarget(ghltest.WebhookTarget{URL: front.URL, Signer: f.signer, AppID: lcAppID, Client: front.Client(),
			Delivered: func(typ string, d *ghltest.WebhookDelivery, err error) {
				if !assert.NoError(t, err) {
					return
				}
				f.events <- delivered{typ: typ, body: d.Sent, status: d.StatusCode}
			}}))
	t.Cleanup(f.srv.Close)
	f.srv.RegisterApp(ghltest.App{ClientID: lcClient, ClientSecret: lcSecret})
	f.app = &auth.App{ClientID: lcClient, ClientSecret: lcSecret, BaseURL: f.srv.URL, HTTPClient: f.srv.Client(), Now: f.clk.Now}
	for i := range replicas {
		in := f.app.Installs(f.store)
		h, err := webhook.NewHandler(webhook.WithPublicKeys(f.signer.PublicKey()), webhook.WithClock(f.clk.Now))
		require.NoError(t, err)
		webhook.HandleAppLifecycle(h, in)
		rs := httptest.NewServer(h)
		t.Cleanup(rs.Close)
		f.replicas = append(f.replicas, replica{in: in, url: rs.URL})
		if i == 0 {
			first = h
		}
	}
	p := f.srv.IssueOAuthPair("")
	_, err := f.app.Connect(context.Background(), f.store, &auth.Token{AccessToken: p.AccessToken, RefreshToken: p.RefreshToken,
		IssuedAt: f.clk.Now(), Expiry: f.clk.Now().Add(p.ExpiresIn), Scopes: p.Scopes, UserType: auth.Company, CompanyID: f.srv.CompanyID()})
	require.NoError(t, err)
	return f
}

// next is the next delivery ghltest made.
func (f *lcFixture) next(t *testing.T, typ string) delivered {
	t.Helper()
	select {
	case d := <-f.events:
		require.Equal(t, typ, d.typ)
		return d
	case <-time.After(30 * time.Second): // a failsafe, not a wait: deliveries come in milliseconds
		t.Fatal("no delivery from ghltest")
		return delivered{}
	}
}

// deliver sends body, signed as ghltest signs it, to replica i and returns the status.
func (f *lcFixture) deliver(t *testing.T, i int, body []byte) int {
	t.Helper()
	d, err := f.signer.Deliver(context.Background(), f.replicas[i].url, body)
	require.NoError(t, err)
	return d.StatusCode
}

// client keeps the default retries: the refresh after a 401 is one of the call's attempts, and with retries off a
// revoked token's 401 would be returned as it is, without the source saying the app was uninstalled.
func (f *lcFixture) client(t *testing.T, src auth.TokenSource, locationID string) *ghl.Client {
	t.Helper()
	c, err := ghl.NewClient(ghl.WithBaseURL(f.srv.URL), ghl.WithHTTPClient(f.srv.Client()), ghl.WithTokenSource(src),
		ghl.WithLocationID(locationID), ghl.WithoutRateLimit())
	require.NoError(t, err)
	return c
}

func (f *lcFixture) tokenRequests() int {
	return len(f.srv.RequestsTo("POST", "/oauth/token")) + len(f.srv.RequestsTo("POST", "/oauth/locationToken"))
}

func (f *lcFixture) stored(t *testing.T, locationID string) *auth.Token {
	t.Helper()
	tok, err := f.store.Load(context.Background(), auth.Key{ClientID: lcClient, UserType: auth.Location, ID: locationID})
	require.NoError(t, err)
	return tok
}

// A location's INSTALL mints and stores its token; the first API call for it, from another replica, sends no
// token request.
func TestLifecycleLocationInstallThenCall(t *testing.T) {
	f := newLifecycle(t, 2)
	f.srv.Install("loc-new")
	assert.Equal(t, http.StatusOK, f.next(t, webhook.TypeInstall).status)
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens)
	assert.Equal(t, "loc-new", f.stored(t, "loc-new").LocationID)

	tokenRequests := f.tokenRequests()
	ct := f.srv.AddContact(ghltest.Contact{LocationID: "loc-new", FirstName: "Ada"})
	c := f.client(t, f.replicas[1].in.Company(f.srv.CompanyID()).ForLocation("loc-new"), "loc-new")
	got, err := c.Contacts.Get(context.Background(), ct.ID)
	require.NoError(t, err)
	assert.Equal(t, "Ada", got.FirstName)
	assert.Equal(t, tokenRequests, f.tokenRequests(), "the first call needs no token request")
}

// A delivery repeated, to the replica that handled it (its replay store answers) and to one that never saw
// it (the token Store's state answers), changes nothing and asks HighLevel for nothing.
func TestLifecycleRedelivery(t *testing.T) {
	f := newLifecycle(t, 2)
	f.srv.Install("loc-new")
	install := f.next(t, webhook.TypeInstall)
	require.Equal(t, http.StatusOK, install.status)
	minted := f.stored(t, "loc-new")
	for _, i := range []int{0, 1, 1} {
		assert.Equal(t, http.StatusOK, f.deliver(t, i, install.body))
	}
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens)
	assert.Equal(t, minted.AccessToken, f.stored(t, "loc-new").AccessToken)

	f.clk.Advance(time.Minute)
	f.srv.Uninstall("loc-new")
	uninstall := f.next(t, webhook.TypeUninstall)
	require.Equal(t, http.StatusOK, uninstall.status)
	stone := f.stored(t, "loc-new")
	require.True(t, stone.Uninstalled())
	requests := len(f.srv.Requests())
	f.clk.Advance(time.Minute)
	for _, i := range []int{0, 1, 1} {
		assert.Equal(t, http.StatusOK, f.deliver(t, i, uninstall.body))
	}
	assert.Equal(t, http.StatusOK, f.deliver(t, 1, install.body), "a stale install after the uninstall")
	again := f.stored(t, "loc-new")
	assert.True(t, again.Uninstalled())
	assert.Equal(t, stone.IssuedAt, again.IssuedAt)
	assert.Len(t, f.srv.Requests(), requests, "redeliveries send nothing to HighLevel")
}

// The same delivery reaching several replicas at once mints one token, and the same uninstall leaves one
// tombstone that every replica's calls then respect.
func TestLifecycleConcurrentReplicas(t *testing.T) {
	const n = 6
	f := newLifecycle(t, n)
	f.hold.Store(true)
	fanOut := func(body []byte) {
		var wg sync.WaitGroup
		statuses := make([]int, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = f.deliver(t, i, body)
			}()
		}
		wg.Wait()
		for i, s := range statuses {
			assert.Equal(t, http.StatusOK, s, "replica %d", i)
		}
	}
	f.srv.Install("loc-new")
	fanOut(f.next(t, webhook.TypeInstall).body)
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens, "one mint for %d replicas", n)

	f.clk.Advance(time.Minute)
	f.srv.Uninstall("loc-new")
	fanOut(f.next(t, webhook.TypeUninstall).body)
	require.True(t, f.stored(t, "loc-new").Uninstalled())
	for i := range n {
		_, err := f.replicas[i].in.Company(f.srv.CompanyID()).ForLocation("loc-new").Token(context.Background())
		assert.ErrorIs(t, err, auth.ErrUninstalled, "replica %d", i)
	}
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens)
	assert.Equal(t, 0, f.srv.OAuthStats().Refreshes)
}

// After an UNINSTALL, calls for the location fail with ErrUninstalled and ghltest records no refresh and no
// mint: in the replica that handled it nothing is sent at all; in another, whose source still held the
// revoked token, the one call HighLevel answers 401 is not followed by a refresh.
func TestLifecycleUninstallThenCall(t *testing.T) {
	f := newLifecycle(t, 2)
	f.srv.Install("loc-new")
	require.Equal(t, http.StatusOK, f.next(t, webhook.TypeInstall).status)
	ct := f.srv.AddContact(ghltest.Contact{LocationID: "loc-new", FirstName: "Ada"})
	here := f.client(t, f.replicas[0].in.Company(f.srv.CompanyID()).ForLocation("loc-new"), "loc-new")
	there := f.client(t, f.replicas[1].in.Company(f.srv.CompanyID()).ForLocation("loc-new"), "loc-new")
	for _, c := range []*ghl.Client{here, there} {
		_, err := c.Contacts.Get(context.Background(), ct.ID)
		require.NoError(t, err)
	}

	f.clk.Advance(time.Minute)
	f.srv.Uninstall("loc-new")
	require.Equal(t, http.StatusOK, f.next(t, webhook.TypeUninstall).status)
	stats, tokenRequests := f.srv.OAuthStats(), f.tokenRequests()

	requests := len(f.srv.Requests())
	_, err := here.Contacts.Get(context.Background(), ct.ID)
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	assert.ErrorIs(t, err, auth.ErrReauthorize)
	assert.Len(t, f.srv.Requests(), requests, "the replica that handled the uninstall sends nothing")

	_, err = there.Contacts.Get(context.Background(), ct.ID)
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	var ue *auth.UninstalledError
	require.ErrorAs(t, err, &ue)
	assert.Equal(t, "loc-new", ue.Key.ID)
	assert.Len(t, f.srv.Requests(), requests+1, "one call with the revoked token, answered 401")

	assert.Equal(t, stats, f.srv.OAuthStats(), "no refresh, no invalid grant, no mint")
	assert.Equal(t, tokenRequests, f.tokenRequests())
}

// An agency-level INSTALL mints nothing; the installed locations are listed from the agency token and each
// is minted on its first call. An agency-level UNINSTALL then stops them all.
func TestLifecycleAgencyInstall(t *testing.T) {
	f := newLifecycle(t, 1)
	f.srv.InstallAgency("loc-a", "loc-b", "loc-c")
	require.Equal(t, http.StatusOK, f.next(t, webhook.TypeInstall).status)
	assert.Equal(t, 0, f.srv.OAuthStats().LocationTokens, "locations are minted lazily")

	agency := f.replicas[0].in.Company(f.srv.CompanyID())
	var ids []string
	for l, err := range agency.InstalledLocations(context.Background(), auth.InstalledLocationsParams{AppID: lcAppID, Limit: 2}) {
		require.NoError(t, err)
		ids = append(ids, l.ID)
	}
	assert.ElementsMatch(t, []string{"loc1", "loc-a", "loc-b", "loc-c"}, ids)
	assert.Equal(t, 0, f.srv.OAuthStats().LocationTokens)

	ct := f.srv.AddContact(ghltest.Contact{LocationID: "loc-b", FirstName: "Ada"})
	c := f.client(t, agency.ForLocation("loc-b"), "loc-b")
	for range 2 {
		_, err := c.Contacts.Get(context.Background(), ct.ID)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, f.srv.OAuthStats().LocationTokens, "minted on the first call only")

	f.clk.Advance(time.Minute)
	f.srv.UninstallAgency()
	require.Equal(t, http.StatusOK, f.next(t, webhook.TypeUninstall).status)
	stats, requests := f.srv.OAuthStats(), len(f.srv.Requests())
	_, err := c.Contacts.Get(context.Background(), ct.ID)
	assert.ErrorIs(t, err, auth.ErrUninstalled)
	_, err = f.client(t, agency.ForLocation("loc-c"), "loc-c").Contacts.Get(context.Background(), ct.ID)
	assert.ErrorIs(t, err, auth.ErrUninstalled, "no mint for a location of an uninstalled agency")
	for _, err := range agency.InstalledLocations(context.Background(), auth.InstalledLocationsParams{AppID: lcAppID}) {
		assert.ErrorIs(t, err, auth.ErrUninstalled)
	}
	assert.Equal(t, stats, f.srv.OAuthStats())
	assert.Len(t, f.srv.Requests(), requests, "nothing is sent for an uninstalled agency")
}
