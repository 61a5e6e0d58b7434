package check

import "github.com/ghlkit/ghl/internal/transport"

// Phone returns an *ArgumentError for field when s is not empty and is not a phone number: digits with
// the usual punctuation (a leading +, spaces, dashes, dots, parentheses), 7 to 15 digits, E.164's maximum.
// The empty string passes: whether it is required is the caller's rule.
func Phone(field, s string) error {
	if s == "" || plausiblePhone(s) {
		return nil
	}
	return transport.InvalidArgument(field, "is not a phone number: want 7 to 15 digits, best in E.164 form (+15550100)")
}

func plausiblePhone(s string) bool {
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '(', r == ')', r == '.':
		default:
			return false
		}
	}
	return digits >= 7 && digits <= 15
}
