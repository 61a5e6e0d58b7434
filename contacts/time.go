package contacts

import "github.com/ghlkit/ghl/api"

// Time is a timestamp HighLevel sent; see api.Time.
//
// Deprecated: use api.Time, which every record field of the SDK, the webhook payloads' included, now has.
type Time = api.Time
