package auth

import "strings"

// Key names one stored token: the app (its client ID) and the location or company the token acts for.
type Key struct {
	ClientID string
	UserType UserType
	// ID is the location ID for a Location token and the company ID for a Company token.
	ID string
}

// KeyOf is the key of tok for the app with clientID.
func KeyOf(clientID string, tok *Token) Key {
	k := Key{ClientID: clientID, UserType: tok.UserType, ID: tok.LocationID}
	if tok.UserType == Company {
		k.ID = tok.CompanyID
	}
	return k
}

// String is "clientID/UserType/ID"; it holds no secret.
func (k Key) String() string { return k.ClientID + "/" + string(k.UserType) + "/" + k.ID }

// Validate reports a key that cannot name a token, as an *ArgumentError naming the Key field.
func (k Key) Validate() error {
	switch {
	case k.ClientID == "":
		return invalid("Key.ClientID", "is empty")
	case k.UserType != Location && k.UserType != Company:
		return invalid("Key.UserType", "must be auth.Location or auth.Company")
	case k.ID == "":
		return invalid("Key.ID", "is empty (the location ID, or the company ID of a Company key)")
	}
	return nil
}

// fileName is a file name made of the key's parts, each escaped so that any ID is one safe, distinct name.
func (k Key) fileName() string {
	return escapePart(k.ClientID) + "_" + escapePart(string(k.UserType)) + "_" + escapePart(k.ID)
}

func escapePart(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
