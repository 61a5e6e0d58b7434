package auth

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// UserType is the kind of account a token acts for.
type UserType string

// The user types HighLevel issues tokens for.
const (
	// Location is a sub-account token.
	Location UserType = "Location"
	// Company is an agency token; it can mint location tokens (Source.ForLocation).
	Company UserType = "Company"
)

// Token is an OAuth token of HighLevel with what HighLevel says about it. Printing, logging or encoding it with
// encoding/json shows none of its secrets; a Store keeps it with MarshalToken and UnmarshalToken.
type Token struct {
	AccessToken  string
	RefreshToken string
	TokenType    string
	// Expiry is when the access token stops working, from expires_in on the App's clock. Zero: unknown.
	Expiry time.Time
	// IssuedAt is when the token was received, on the App's clock. It caps the refresh skew at half the
	// token's lifetime. Zero: App.Connect sets it to the time of the call.
	IssuedAt   time.Time
	Scopes     []string
	UserType   UserType
	LocationID string
	CompanyID  string
	UserID     string
}

// storedToken is Token's stored form: every field, secrets included.
type storedToken struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
	IssuedAt     time.Time `json:"issued_at,omitzero"`
	Scopes       []string  `json:"scopes,omitempty"`
	UserType     UserType  `json:"user_type,omitempty"`
	LocationID   string    `json:"location_id,omitempty"`
	CompanyID    string    `json:"company_id,omitempty"`
	UserID       string    `json:"user_id,omitempty"`
}

// MarshalToken encodes tok with its secrets, as JSON, for a Store.
func MarshalToken(tok *Token) ([]byte, error) {
	if tok == nil || tok.AccessToken == "" {
		return nil, errEmptyToken
	}
	return json.MarshalIndent(storedToken(*tok), "", "  ")
}

// UnmarshalToken decodes what MarshalToken encoded. Its errors describe the problem without quoting the data.
func UnmarshalToken(data []byte) (*Token, error) {
	var st storedToken
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, errors.New(jsonProblem(err))
	}
	if st.AccessToken == "" {
		return nil, errors.New("no access token")
	}
	t := Token(st)
	return &t, nil
}

// jsonProblem describes a decoding error without quoting the content.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("invalid JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("field %q has the wrong type", typ.Field)
	default:
		return "cannot decode the JSON"
	}
}

// MarshalJSON encodes the redacted description, so that a token logged or returned as JSON leaks nothing. Use
// MarshalToken to store it.
func (t Token) MarshalJSON() ([]byte, error) {
	type redacted struct {
		AccessToken  string    `json:"access_token"`
		RefreshToken string    `json:"refresh_token,omitempty"`
		Expiry       time.Time `json:"expiry,omitzero"`
		Scopes       []string  `json:"scopes,omitempty"`
		UserType     UserType  `json:"user_type,omitempty"`
		LocationID   string    `json:"location_id,omitempty"`
		CompanyID    string    `json:"company_id,omitempty"`
	}
	r := redacted{AccessToken: "[redacted]", Expiry: t.Expiry, Scopes: t.Scopes, UserType: t.UserType,
		LocationID: t.LocationID, CompanyID: t.CompanyID}
	if t.RefreshToken != "" {
		r.RefreshToken = "[redacted]"
	}
	return json.Marshal(r)
}

// expiring reports whether t must be refreshed at now: it expires within skew. The skew is capped at half the
// token's lifetime so that a short-lived token is not refreshed on every use.
func (t *Token) expiring(now time.Time, skew time.Duration) bool {
	if t.Expiry.IsZero() {
		return false
	}
	if !t.IssuedAt.IsZero() {
		if half := t.Expiry.Sub(t.IssuedAt) / 2; half < skew {
			skew = half
		}
	}
	return !now.Add(skew).Before(t.Expiry)
}

func (t *Token) clone() *Token {
	if t == nil {
		return nil
	}
	c := *t
	c.Scopes = append([]string(nil), t.Scopes...)
	return &c
}

// String describes the token without its secrets.
func (t Token) String() string {
	var b strings.Builder
	b.WriteString("auth.Token{access_token: [redacted]")
	if t.RefreshToken != "" {
		b.WriteString(", refresh_token: [redacted]")
	}
	if t.UserType != "" {
		b.WriteString(", user_type: " + string(t.UserType))
	}
	if t.LocationID != "" {
		b.WriteString(", location_id: " + t.LocationID)
	}
	if t.CompanyID != "" {
		b.WriteString(", company_id: " + t.CompanyID)
	}
	if len(t.Scopes) > 0 {
		b.WriteString(", scopes: " + strings.Join(t.Scopes, " "))
	}
	if !t.Expiry.IsZero() {
		b.WriteString(", expiry: " + t.Expiry.UTC().Format(time.RFC3339))
	}
	b.WriteString("}")
	return b.String()
}

// GoString is String, for %#v.
func (t Token) GoString() string { return t.String() }

// Format prints String for every verb, so that no verb (%d, %x, ...) reaches the fields.
func (t Token) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(t.String())) }

// LogValue logs the token's description without its secrets.
func (t Token) LogValue() slog.Value {
	attrs := []slog.Attr{slog.String("access_token", "[redacted]")}
	if t.UserType != "" {
		attrs = append(attrs, slog.String("user_type", string(t.UserType)))
	}
	if t.LocationID != "" {
		attrs = append(attrs, slog.String("location_id", t.LocationID))
	}
	if t.CompanyID != "" {
		attrs = append(attrs, slog.String("company_id", t.CompanyID))
	}
	if !t.Expiry.IsZero() {
		attrs = append(attrs, slog.Time("expiry", t.Expiry))
	}
	return slog.GroupValue(attrs...)
}

// OAuth2 converts t to an *oauth2.Token; HighLevel's fields are kept as its extra values ("userType",
// "locationId", "companyId", "userId", "scope").
func (t *Token) OAuth2() *oauth2.Token {
	o := &oauth2.Token{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, TokenType: t.TokenType, Expiry: t.Expiry}
	if o.TokenType == "" {
		o.TokenType = "Bearer"
	}
	return o.WithExtra(map[string]any{
		"userType":   string(t.UserType),
		"locationId": t.LocationID,
		"companyId":  t.CompanyID,
		"userId":     t.UserID,
		"scope":      strings.Join(t.Scopes, " "),
	})
}

// TokenFromOAuth2 converts an *oauth2.Token, such as one from oauth2.Config.Exchange against HighLevel, reading
// HighLevel's fields from its extra values. issued is when it was received (for the refresh skew); zero means
// unknown.
func TokenFromOAuth2(o *oauth2.Token, issued time.Time) *Token {
	t := &Token{
		AccessToken:  o.AccessToken,
		RefreshToken: o.RefreshToken,
		TokenType:    o.TokenType,
		Expiry:       o.Expiry,
		IssuedAt:     issued,
		UserType:     UserType(extraString(o, "userType")),
		LocationID:   extraString(o, "locationId"),
		CompanyID:    extraString(o, "companyId"),
		UserID:       extraString(o, "userId"),
		Scopes:       strings.Fields(extraString(o, "scope")),
	}
	// x/oauth2 computes Expiry on the wall clock; recompute it on the caller's clock when expires_in is known.
	if !issued.IsZero() {
		if s, ok := extraSeconds(o, "expires_in"); ok {
			t.Expiry = issued.Add(s)
		}
	}
	return t
}

func extraString(o *oauth2.Token, key string) string {
	switch v := o.Extra(key).(type) {
	case string:
		return v
	case float64:
		return fmt.Sprint(int64(v))
	default:
		return ""
	}
}

func extraSeconds(o *oauth2.Token, key string) (time.Duration, bool) {
	switch v := o.Extra(key).(type) {
	case float64:
		if v > 0 {
			return time.Duration(v * float64(time.Second)), true
		}
	case string:
		var n int64
		if _, err := fmt.Sscan(v, &n); err == nil && n > 0 {
			return time.Duration(n) * time.Second, true
		}
	}
	return 0, false
}
