// Package check holds the input checks the SDK's packages and the ghl command share, so that a value is
// refused the same way wherever it is given, and before any request is sent.
//
// Each check refuses only what HighLevel surely refuses; anything it might accept passes.
package check
