// Package api holds what every package of the SDK shares with its users: the sentinel errors matched with
// errors.Is, whichever package returned the error. The root package ghl re-exports each of them under the same
// name and value, so ghl.ErrNotFound and api.ErrNotFound are one error.
package api
