package webhook

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/require"
)

// testNow is the fixed time every test clock starts at.
var testNow = time.Date(2025, 1, 28, 14, 35, 0, 0, time.UTC)

// testSigner is deterministic so that the fuzz corpus, signed with it, stays valid.
var testSigner = ghltest.NewWebhookSignerFromSeed("webhook package tests")

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: testNow} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// stamped returns the documented sample of typ with webhookID and a timestamp at.
func stamped(t testing.TB, typ, webhookID string, at time.Time) []byte {
	t.Helper()
	body := ghltest.WebhookSample(typ)
	require.NotNil(t, body, typ)
	out, err := ghltest.StampWebhook(body, webhookID, at)
	require.NoError(t, err)
	return out
}

// signedHeader returns the header HighLevel would send with body, signed by testSigner.
func signedHeader(body []byte) http.Header {
	return http.Header{"X-Ghl-Signature": {testSigner.Sign(body)}}
}

// testVerifier trusts testSigner and reads the fake clock.
func testVerifier(t testing.TB, clock *fakeClock, opts ...Option) *Verifier {
	t.Helper()
	v, err := NewVerifier(append([]Option{WithPublicKeys(testSigner.PublicKey()), WithClock(clock.Now)}, opts...)...)
	require.NoError(t, err)
	return v
}
