package api_test

import (
	"fmt"
	"testing"

	"github.com/ghlkit/ghl/api"
	"github.com/stretchr/testify/assert"
)

func TestRedact(t *testing.T) {
	const secret = "s3/cr+et =&x"
	tests := []struct {
		name, in, want string
		secrets        []string
	}{
		{"raw", "token s3/cr+et =&x here", "token [redacted] here", []string{secret}},
		{"query-escaped", "secret=s3%2Fcr%2Bet+%3D%26x&a=b", "secret=[redacted]&a=b", []string{secret}},
		{"path-escaped", "/x/s3%2Fcr+et%20=&x/y", "/x/[redacted]/y", []string{secret}},
		{"lower-case hex", "s3%2fcr%2bet+%3d%26x", "[redacted]", []string{secret}},
		{"space as %20 in a query", "s3%2Fcr%2Bet%20%3D%26x", "[redacted]", []string{secret}},
		{"JSON-escaped", `{"v":"ab\u003ccd"}`, `{"v":"[redacted]"}`, []string{"ab<cd"}},
		{"longer secret first", "abcd-efgh", "[redacted]", []string{"abcd", "abcd-efgh"}},
		{"unknown bearer token", "Authorization: Bearer eyJ.abc/def+g==", "Authorization: Bearer [redacted]", nil},
		{"bearer form-encoded", "auth=Bearer+eyJabc%2Fdef", "auth=Bearer [redacted]", nil},
		{"bearer URL-encoded", "auth=bearer%20eyJabc", "auth=Bearer [redacted]", nil},
		{"already redacted", "Bearer [redacted]", "Bearer [redacted]", nil},
		{"short secrets are ignored", "a ab abc", "a ab abc", []string{"a", "ab", "abc", ""}},
		{"nothing to hide", "contact not found", "contact not found", []string{secret}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, api.Redact(tt.in, tt.secrets...))
			in := []byte(tt.in)
			assert.Equal(t, tt.want, string(api.RedactBytes(in, tt.secrets...)))
			assert.Equal(t, tt.in, string(in), "RedactBytes leaves its input alone")
		})
	}
}

// Redact keeps a token out of a program's own logs, whichever way a server echoed it.
func ExampleRedact() {
	token := "pit-1234/abcd"
	body := `{"message":"bad token pit-1234%2Fabcd","header":"Bearer something-else"}`
	fmt.Println(api.Redact(body, token))
	// Output: {"message":"bad token [redacted]","header":"Bearer [redacted]"}
}
