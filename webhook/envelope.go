package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ghlkit/ghl/internal/wire"
)

// envelope is the little a delivery is read for before its typed parse: stripe's "probe" step.
type envelope struct {
	typ        string
	webhookID  string
	locationID string
	appID      string
	versionID  string
	timestamp  time.Time
	hasTime    bool
}

// probe reads type, webhookId, locationId, appId, versionId and timestamp from a verified body. Only type is required here;
// the timestamp and webhookId rules belong to the Verifier and the Handler.
func probe(payload []byte) (*envelope, error) {
	var raw struct {
		Type       *string         `json:"type"`
		WebhookID  *string         `json:"webhookId"`
		LocationID json.RawMessage `json:"locationId"`
		AppID      json.RawMessage `json:"appId"`
		VersionID  json.RawMessage `json:"versionId"`
		Timestamp  json.RawMessage `json:"timestamp"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return nil, fmt.Errorf("%w: not a JSON object with string fields type and webhookId", ErrMalformedPayload)
	}
	if raw.Type == nil || *raw.Type == "" {
		return nil, fmt.Errorf("%w: no type", ErrMalformedPayload)
	}
	env := &envelope{typ: *raw.Type}
	if raw.WebhookID != nil {
		env.webhookID = *raw.WebhookID
	}
	// locationId, appId and versionId are informative; an odd one must not cost the event.
	_ = json.Unmarshal(raw.LocationID, &env.locationID)
	_ = json.Unmarshal(raw.AppID, &env.appID)
	_ = json.Unmarshal(raw.VersionID, &env.versionID)
	if len(raw.Timestamp) > 0 && !bytes.Equal(raw.Timestamp, []byte("null")) {
		t, err := parseTimestamp(raw.Timestamp)
		if err != nil {
			return nil, err
		}
		env.timestamp, env.hasTime = t, true
	}
	return env, nil
}

// parseTimestamp reads a delivery's timestamp with the parser every record date goes through
// (wire.ParseTime). HighLevel's guide shows an ISO 8601 string ("2025-01-28T14:35:00Z"); epoch numbers, as
// numbers or digit strings, are accepted too. It is strict where records are tolerant: the replay window is
// measured from this value, so one that cannot be read, or a wall clock without a zone, is an error rather
// than a zero.
func parseTimestamp(raw json.RawMessage) (time.Time, error) {
	var s string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return time.Time{}, ErrInvalidTimestamp
		}
	} else {
		s = string(raw)
	}
	if t, zoneless, ok := wire.ParseTime(s); ok && !zoneless {
		return t, nil
	}
	return time.Time{}, ErrInvalidTimestamp
}

// checkWindow is two-sided: a timestamp from the future is as suspect as a stale one (openai's rule; stripe
// checks only the past).
func checkWindow(ts, now time.Time, tolerance time.Duration) error {
	switch d := now.Sub(ts); {
	case d > tolerance:
		return fmt.Errorf("%w: %s old, tolerance %s", ErrTimestampTooOld, d.Round(time.Second), tolerance)
	case d < -tolerance:
		return fmt.Errorf("%w: %s ahead, tolerance %s", ErrTimestampTooNew, (-d).Round(time.Second), tolerance)
	}
	return nil
}
