package api

import "strings"

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel made the record, and
// that a lookup could not settle. It matches ErrOutcomeUnknown, and through Err the create's own error
// (ErrServer for a 5xx, for example). The contacts, appointments and businesses packages name it
// UnknownOutcomeError too.
type UnknownOutcomeError struct {
	// Record names what the create was making: "contact", "appointment", "business".
	Record string
	// Err is the create's failure.
	Err error
	// LookedUp is true when the record was looked up after the failure. A contact create whose params carry no
	// email or phone is not.
	LookedUp bool
	// LookupErr is the lookup's failure, if it failed.
	LookupErr error
	// OlderMatch is the ID of a record the lookup found that matches the create but existed before it, so it
	// cannot be the one the create made.
	OlderMatch string
	// Reason says why the lookup settled nothing when it neither failed nor found an older match: what it
	// searched and did not find, or why there was no lookup.
	Reason string
}

// Error says the record may exist and why the SDK could not tell.
func (e *UnknownOutcomeError) Error() string {
	var b strings.Builder
	b.WriteString("ghl: creating the " + e.Record + " failed and it may exist anyway (do not resend blindly): ")
	b.WriteString(e.Err.Error())
	switch {
	case e.LookupErr != nil:
		b.WriteString("; looking it up failed too: " + e.LookupErr.Error())
	case e.OlderMatch != "":
		b.WriteString("; the lookup found only " + e.Record + " " + e.OlderMatch + ", which is older than this create")
	case e.Reason != "":
		b.WriteString("; " + e.Reason)
	}
	return b.String()
}

// Unwrap returns the create's error and the lookup's.
func (e *UnknownOutcomeError) Unwrap() []error {
	if e.LookupErr != nil {
		return []error{e.Err, e.LookupErr}
	}
	return []error{e.Err}
}

// Is matches ErrOutcomeUnknown.
func (e *UnknownOutcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }
