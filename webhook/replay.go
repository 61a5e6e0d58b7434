package webhook

import (
	"context"
	"time"
)

// ReplayStore remembers which deliveries (by webhookId) are being handled or were handled. The Handler uses
// it in three steps so that an ID is recorded only once its delivery succeeded:
//
//  1. Claim before calling the user's function. A nil error hands the delivery to this caller; ErrReplay
//     says it was handled already; ErrInFlight says another request holds it now. Claiming must be atomic:
//     of two concurrent claims of one ID, exactly one succeeds.
//  2. Complete after success: the ID is kept as handled for at least keep.
//  3. Release after failure: the ID is forgotten, so HighLevel's retry is handled as new.
//
// A claim expires after lease even if neither Complete nor Release comes (a crash between them), so a retry
// is not refused for ever. A store shared by several replicas gives them one view of all three steps; with
// Redis, for example: Claim is SET id "claimed" NX PX lease (or a check that a "done" value exists), Complete
// is SET id "done" PX keep, Release is DEL id when the value is still "claimed".
type ReplayStore interface {
	Claim(ctx context.Context, webhookID string, lease time.Duration) error
	Complete(ctx context.Context, webhookID string, keep time.Duration) error
	Release(ctx context.Context, webhookID string) error
}
