// Package check holds the input checks the SDK's packages share, so that a value is refused the same way
// wherever it is given, and before any request is sent. Programs outside the SDK's module reach them through
// the params' exported checks, such as contacts.UpsertParams.Validate.
//
// Each check refuses only what HighLevel surely refuses; anything it might accept passes.
package check
