package webhook

import (
	"context"
	"crypto/rand"
	"time"
)

// ReplayStore remembers which deliveries (by webhookId) are being handled or were handled. The Handler uses
// it in three steps so that an ID is recorded only once its delivery succeeded:
//
//  1. Claim before calling the user's function. A nil error hands the delivery to this caller; ErrReplay
//     says it was handled already; ErrInFlight says another request holds it now. Claiming must be atomic:
//     of two concurrent claims of one ID, exactly one succeeds.
//  2. Complete after success: the ID is kept as handled for at least keep.
//  3. Release after failure: the caller's claim is forgotten, so HighLevel's retry is handled as new. A
//     claim made by another request since (the caller's lease ran out meanwhile) must stay: the Handler
//     names each attempt with a token, read with ClaimToken from the context of all three calls.
//
// A claim expires after lease even if neither Complete nor Release comes (a crash between them), so a retry
// is not refused for ever. A store shared by several replicas gives them one view of all three steps; with
// Redis, for example: Claim is SET id "claimed" NX PX lease (or a check that a "done" value exists), Complete
// is SET id "done" PX keep, Release is DEL id when the value is still the caller's claim.
type ReplayStore interface {
	Claim(ctx context.Context, webhookID string, lease time.Duration) error
	Complete(ctx context.Context, webhookID string, keep time.Duration) error
	Release(ctx context.Context, webhookID string) error
}

type claimTokenKey struct{}

// WithClaimToken returns a copy of ctx that names one attempt at a delivery. The Handler gives every attempt its
// own token before it calls Claim and passes the same context to Complete or Release, so that a store can tell
// the caller's claim from a newer one another request made after the caller's lease ran out. Call it yourself
// only when you drive a ReplayStore without a Handler.
func WithClaimToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, claimTokenKey{}, token)
}

// ClaimToken returns the token WithClaimToken put in ctx, or "" if there is none.
func ClaimToken(ctx context.Context) string {
	s, _ := ctx.Value(claimTokenKey{}).(string)
	return s
}

// newClaimToken is unique across processes, so that a store shared by replicas can compare it too.
func newClaimToken() string { return rand.Text() }
