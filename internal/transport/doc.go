// Package transport is the one path every request of the SDK takes, from a service method to the decoded
// record or a typed error.
//
// The path, file by file:
//
//   - A resource package's method (contacts.Service.Get, for one) checks its arguments, builds the escaped
//     path with Path and a Request (method, query, JSON body, Kind, Version), and calls Client.Do.
//   - Client.Do, in attempt.go, starts the attempt loop: it encodes the body, and beforeSend waits for the
//     location's slot (limiter.go, ratelimit.go) and attaches the token (token.go) and the headers. The loop
//     itself is go-retryablehttp's, with hooks that find the call's state in the request's context:
//     checkRetry classifies each answer and decides on a retry (retry.go holds the policy and the backoff),
//     prepareRetry waits and re-attaches the token before the next attempt, and result turns the last answer
//     into what Do returns. The comment at the top of attempt.go lists the steps in the order they happen.
//   - readBody, in attempt.go, is the engine's response handler: it reads a 2xx body under the size cap while
//     the loop can still retry one cut short, and decodes it into the caller's value with decodeInto
//     (decode.go), which skips a field of the wrong JSON type instead of failing. A caller that asks for a
//     *json.RawMessage (contacts, which decode pages in one pass themselves) gets the body from readRaw, its
//     end checked, without a copy. A non-2xx answer becomes an *Error (errors.go) in checkRetry.
//
// The request ends there: Do returns to the method, which unwraps the envelope it decoded ({"contact": ...})
// and hands the record to the caller. Record types decode themselves tolerantly (their UnmarshalJSON, with
// internal/wire for the shared rules and api.Time for dates), so one odd field or date never fails a page.
package transport
