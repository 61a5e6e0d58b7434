package check_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// argField returns the field an *ArgumentError names, or "" for nil.
func argField(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var ae *transport.ArgumentError
	require.True(t, errors.As(err, &ae), "want an *ArgumentError, got %T", err)
	assert.ErrorIs(t, err, transport.ErrInvalidArgument)
	return ae.Field
}

// Email and Phone refuse what HighLevel surely refuses, and let through everything it might accept.
func TestEmailAndPhone(t *testing.T) {
	checks := map[string]func(field, s string) error{"Email": check.Email, "Phone": check.Phone}
	tests := []struct {
		field string
		in    string
		ok    bool
	}{
		{"Email", "", true},
		{"Email", "ada@example.com", true},
		{"Email", "ada+crm@example.com", true},
		{"Email", "ada.lovelace@mail.eu.example.co.uk", true},
		{"Email", "ada@example.photography", true},
		{"Email", "jörg@bücher.de", true},
		{"Email", "用户@例子.广告", true},
		{"Email", "o'brien@example.ie", true},
		{"Email", "ADA@EXAMPLE.COM", true},
		{"Email", "not-an-email", false},
		{"Email", "a@b", false},
		{"Email", "@example.com", false},
		{"Email", "ada@", false},
		{"Email", "ada@@example.com", false},
		{"Email", "a@example.com, b@example.com", false},
		{"Email", "Ada <ada@example.com>", false},
		{"Email", "ada @example.com", false},
		{"Email", "ada@exa mple.com", false},
		{"Email", "ada@example.com\n", false},
		{"Email", "ada@.example.com", false},
		{"Email", "ada@example..com", false},
		{"Email", "ada@example.com.", false},
		{"Phone", "", true},
		{"Phone", "+15550100", true},
		{"Phone", "+1 (555) 010-0100", true},
		{"Phone", "555.010.0100", true},
		{"Phone", "+44 20 7946 0958", true},
		{"Phone", "+123456789012345", true},
		{"Phone", "call me", false},
		{"Phone", "12345", false},
		{"Phone", "+1234567890123456", false},
		{"Phone", "555-0100 ext 12", false},
		{"Phone", "1+5550100", false},
	}
	for _, tt := range tests {
		t.Run(tt.field+"/"+tt.in, func(t *testing.T) {
			err := checks[tt.field](tt.field, tt.in)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tt.field, argField(t, err))
		})
	}
}

func TestTags(t *testing.T) {
	tooMany := make([]string, check.MaxTags+1)
	for i := range tooMany {
		tooMany[i] = "t"
	}
	tests := []struct {
		name  string
		tags  []string
		field string
		msg   string
	}{
		{"one", []string{"vip"}, "", ""},
		{"at the limit", tooMany[:check.MaxTags], "", ""},
		{"none", nil, "tags", "needs at least one tag"},
		{"too many", tooMany, "tags", "at most 100"},
		{"an empty tag", []string{"vip", " "}, "tags[1]", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := check.Tags("tags", tt.tags)
			assert.Equal(t, tt.field, argField(t, err))
			if tt.msg != "" {
				assert.Contains(t, err.Error(), tt.msg)
			}
		})
	}
}

func TestIDs(t *testing.T) {
	tests := []struct {
		name  string
		ids   []string
		field string
		msg   string
	}{
		{"some", []string{"u1", "u2"}, "", ""},
		{"none", nil, "userIDs", "needs at least one user ID"},
		{"an empty one", []string{"u1", ""}, "userIDs[1]", "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := check.IDs("userIDs", "user", tt.ids)
			assert.Equal(t, tt.field, argField(t, err))
			if tt.msg != "" {
				assert.True(t, strings.Contains(err.Error(), tt.msg), err.Error())
			}
		})
	}
}
