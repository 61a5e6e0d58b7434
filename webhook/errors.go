package webhook

import "errors"

// Every rejection wraps exactly one of these sentinels, so callers match kinds with errors.Is. Error strings
// never quote a signature or the body.
var (
	// ErrMissingSignature: the request carries no signature header this Verifier accepts. An unsigned
	// delivery is rejected, never let through.
	ErrMissingSignature = errors.New("webhook: missing signature")
	// ErrInvalidSignature: the signature is malformed (not base64, wrong length) or does not verify the body
	// with any accepted key.
	ErrInvalidSignature = errors.New("webhook: invalid signature")
	// ErrTooLarge: the body is over the size cap (see WithMaxBodyBytes).
	ErrTooLarge = errors.New("webhook: body too large")
	// ErrMalformedPayload: the signed body is not a JSON object with a string "type".
	ErrMalformedPayload = errors.New("webhook: malformed payload")
	// ErrMissingTimestamp: the signed body has no "timestamp" (see WithoutTimestampCheck).
	ErrMissingTimestamp = errors.New("webhook: missing timestamp")
	// ErrInvalidTimestamp: "timestamp" is neither an ISO 8601 string nor epoch milliseconds.
	ErrInvalidTimestamp = errors.New("webhook: invalid timestamp")
	// ErrTimestampTooOld: "timestamp" is further in the past than the tolerance.
	ErrTimestampTooOld = errors.New("webhook: timestamp too old")
	// ErrTimestampTooNew: "timestamp" is further in the future than the tolerance.
	ErrTimestampTooNew = errors.New("webhook: timestamp too far in the future")
	// ErrMissingWebhookID: the signed body has no "webhookId", so a replay could not be detected.
	ErrMissingWebhookID = errors.New("webhook: missing webhookId")
	// ErrReplay: a ReplayStore already holds this webhookId as handled.
	ErrReplay = errors.New("webhook: delivery already handled")
	// ErrInFlight: a ReplayStore holds a live claim on this webhookId: the same delivery is being handled now.
	ErrInFlight = errors.New("webhook: delivery is being handled")
	// ErrInvalidKey: a public key could not be parsed or is of the wrong kind or size.
	ErrInvalidKey = errors.New("webhook: invalid public key")
	// ErrInvalidOption: an Option was given a value it cannot use.
	ErrInvalidOption = errors.New("webhook: invalid option")
)
