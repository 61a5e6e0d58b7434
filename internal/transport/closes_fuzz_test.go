package transport

import "testing"

// closesOneByteAtATime is the plain reading of closes' rule, one byte at a time: the oracle its faster scan
// must agree with.
func closesOneByteAtATime(data []byte) bool {
	var stack []byte
	inString, escaped := false, false
	for _, c := range data {
		switch {
		case escaped:
			escaped = false
		case inString:
			switch c {
			case '\\':
				escaped = true
			case '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{':
			stack = append(stack, '}')
		case c == '[':
			stack = append(stack, ']')
		case c == '}' || c == ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return true
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0 && !inString
}

func FuzzClosesAgreesWithAByteByByteScan(f *testing.F) {
	for _, seed := range []string{`{"a":"b\\"}`, `{"a":"b\"c"}`, `[{"x":[1,"]"]}]`, `"\\\\\"`, `{"a":"`, `}`, ``} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := closes(data), closesOneByteAtATime(data); got != want {
			t.Fatalf("closes(%q) = %v, the byte-by-byte scan says %v", data, got, want)
		}
	})
}
