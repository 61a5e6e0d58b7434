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

func TestEmail(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"", true},
		{"ada@example.com", true},
		{"ada+crm@example.com", true},
		{"ada.lovelace@mail.eu.example.co.uk", true},
		{"ada@example.photography", true},
		{"jörg@bücher.de", true},
		{"用户@例子.广告", true},
		{"o'brien@example.ie", true},
		{"ADA@EXAMPLE.COM", true},
		{"not-an-email", false},
		{"a@b", false},
		{"@example.com", false},
		{"ada@", false},
		{"ada@@example.com", false},
		{"a@example.com, b@example.com", false},
		{"Ada <ada@example.com>", false},
		{"ada @example.com", false},
		{"ada@exa mple.com", false},
		{"ada@example.com\n", false},
		{"ada@.example.com", false},
		{"ada@example..com", false},
		{"ada@example.com.", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := check.Email("Email", tt.in)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "Email", argField(t, err))
		})
	}
}

func TestPhone(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"", true},
		{"+15550100", true},
		{"+1 (555) 010-0100", true},
		{"555.010.0100", true},
		{"+44 20 7946 0958", true},
		{"+123456789012345", true},
		{"call me", false},
		{"12345", false},
		{"+1234567890123456", false},
		{"555-0100 ext 12", false},
		{"1+5550100", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := check.Phone("Phone", tt.in)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "Phone", argField(t, err))
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
