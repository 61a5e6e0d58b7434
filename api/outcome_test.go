package api

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestUnknownOutcomeError(t *testing.T) {
	createErr := errors.New("HighLevel answered 502")
	lookupErr := errors.New("HighLevel answered 503")
	tests := []struct {
		name       string
		err        *UnknownOutcomeError
		wantSuffix string
		wantChain  []error
	}{
		{"the lookup failed", &UnknownOutcomeError{Record: "business", Err: createErr, LookedUp: true, LookupErr: lookupErr, Reason: "unused"},
			"; looking it up failed too: HighLevel answered 503", []error{createErr, lookupErr}},
		{"only an older match", &UnknownOutcomeError{Record: "appointment", Err: createErr, LookedUp: true, OlderMatch: "a1", Reason: "unused"},
			"; the lookup found only appointment a1, which is older than this create", []error{createErr}},
		{"nothing found", &UnknownOutcomeError{Record: "contact", Err: createErr, LookedUp: true, Reason: "the lookup found no contact"},
			"; the lookup found no contact", []error{createErr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msg := tt.err.Error()
			assert.Equal(t, "ghl: creating the "+tt.err.Record+" failed and it may exist anyway (do not resend blindly): HighLevel answered 502"+tt.wantSuffix, msg)
			assert.ErrorIs(t, tt.err, ErrOutcomeUnknown)
			assert.Equal(t, tt.wantChain, tt.err.Unwrap())
			for _, e := range tt.wantChain {
				assert.ErrorIs(t, tt.err, e)
			}
		})
	}
}
