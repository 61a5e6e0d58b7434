package api_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/api"
	"github.com/stretchr/testify/assert"
)

func TestErrorMatchesTheKindsItWasMarkedWith(t *testing.T) {
	tests := []struct {
		name  string
		kinds []error
		match []error
		not   []error
	}{
		{"scope", []error{api.ErrScope, api.ErrUnauthorized}, []error{api.ErrScope, api.ErrUnauthorized}, []error{api.ErrForbidden}},
		{"unmarked", nil, nil, []error{api.ErrNotFound, api.ErrServer}},
		{"daily", []error{api.ErrRateLimited, api.ErrDailyLimit}, []error{api.ErrDailyLimit}, []error{api.ErrTemporary}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &api.Error{StatusCode: 401, Method: "GET", Path: "/contacts/x"}
			e.Mark(tt.kinds...)
			err := fmt.Errorf("wrapped: %w", e)
			for _, k := range tt.match {
				assert.ErrorIs(t, err, k)
			}
			for _, k := range tt.not {
				assert.NotErrorIs(t, err, k)
			}
			var got *api.Error
			assert.True(t, errors.As(err, &got))
			assert.Equal(t, errors.Is(err, api.ErrDailyLimit), strings.Contains(got.Error(), "daily limit reached"))
		})
	}
}
