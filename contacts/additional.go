package contacts

import (
	"bytes"
	"encoding/json"

	jsonv2 "github.com/go-json-experiment/json"
)

// Additional lists a contact's additional emails or phones. HighLevel has been seen to write each entry as text
// ("ada@work.example") and as an object ({"email": "ada@work.example"}, {"phone": "+15550199"}); both are read,
// so that neither shape sends the whole contact down the slow, field-by-field decoding path.
type Additional []string

// additionalEntry is one entry of an Additional list, read from either shape without copying the list first.
type additionalEntry string

// UnmarshalJSON never fails: an entry that is neither text nor an object with an email or phone is left empty.
func (e *additionalEntry) UnmarshalJSON(b []byte) error {
	*e = ""
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		*e = additionalEntry(jsonText(b))
	case '{':
		// The usual entry is {"email":"…"} or {"phone":"…"}: read the one text value without a decoder.
		for _, key := range [...][]byte{[]byte(`"email"`), []byte(`"phone"`)} {
			if i := bytes.Index(b, key); i >= 0 {
				rest := bytes.TrimLeft(b[i+len(key):], " \t\r\n")
				if len(rest) > 0 && rest[0] == ':' {
					rest = bytes.TrimLeft(rest[1:], " \t\r\n")
					if end := quotedEnd(rest); end > 0 {
						*e = additionalEntry(jsonText(rest[:end]))
						return nil
					}
				}
			}
		}
	}
	return nil
}

// jsonText returns the text of a JSON string literal; without escapes it is the bytes between the quotes.
func jsonText(lit []byte) string {
	if len(lit) >= 2 && bytes.IndexByte(lit, '\\') < 0 {
		return string(lit[1 : len(lit)-1])
	}
	var s string
	if json.Unmarshal(lit, &s) != nil {
		return ""
	}
	return s
}

// quotedEnd returns the length of the JSON string literal at the start of b, or 0 when there is none.
func quotedEnd(b []byte) int {
	if len(b) == 0 || b[0] != '"' {
		return 0
	}
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return 0
}

// UnmarshalJSON reads a list of strings or of objects with an "email" or "phone" key, skipping what is neither.
// It never fails: a value of another shape leaves the list empty. An empty list, the usual case, costs nothing.
func (a *Additional) UnmarshalJSON(b []byte) error {
	*a = nil
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || len(bytes.TrimSpace(b[1:len(b)-1])) == 0 {
		return nil
	}
	var items []additionalEntry
	if jsonv2.Unmarshal(b, &items, recordOptions) != nil {
		return nil
	}
	for _, it := range items {
		if it != "" {
			*a = append(*a, string(it))
		}
	}
	return nil
}
