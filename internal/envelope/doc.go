// Package envelope sends the requests whose answers HighLevel wraps: one record under its name ({"event": …},
// {"customField": …}) and a delete answered with a success flag whose spelling varies by API. Every resource
// package reads these answers through it, so that a missing record or a refused delete is the same error
// everywhere.
package envelope
