package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

const (
	apiVersion    = "2021-07-28"
	maxTokenBytes = 1 << 20
	// opLocationToken is OAuthError.Op of a location token mint.
	opLocationToken = "location token"
)

// tokenResponse is HighLevel's answer of /oauth/token and /oauth/locationToken.
type tokenResponse struct {
	AccessToken  string          `json:"access_token"`
	TokenType    string          `json:"token_type"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	RefreshToken string          `json:"refresh_token"`
	Scope        string          `json:"scope"`
	UserType     string          `json:"userType"`
	LocationID   string          `json:"locationId"`
	CompanyID    string          `json:"companyId"`
	UserID       string          `json:"userId"`
}

// refreshGrant spends old's refresh token for a new pair. It is sent exactly once: nothing here retries, and an
// answer that is not a token is an error (matching ErrReauthorize when HighLevel refused the grant).
func (a *App) refreshGrant(ctx context.Context, key Key, old *Token) (*Token, error) {
	form := url.Values{
		"client_id":     {a.ClientID},
		"client_secret": {a.ClientSecret},
		"grant_type":    {"refresh_token"},
		"refresh_token": {old.RefreshToken},
	}
	if old.UserType != "" {
		form.Set("user_type", string(old.UserType))
	}
	if a.RedirectURL != "" {
		form.Set("redirect_uri", a.RedirectURL)
	}
	tok, err := a.postToken(ctx, "refresh", key, "/oauth/token", "", form, old.RefreshToken, old.AccessToken)
	if err != nil {
		return nil, err
	}
	inherit(tok, old)
	return tok, nil
}

// mintLocation turns an agency token into a token of locationID (POST /oauth/locationToken).
func (a *App) mintLocation(ctx context.Context, key Key, company *Token, locationID string) (*Token, error) {
	form := url.Values{"companyId": {company.CompanyID}, "locationId": {locationID}}
	tok, err := a.postToken(ctx, opLocationToken, key, "/oauth/locationToken", company.AccessToken, form, company.RefreshToken)
	if err != nil {
		return nil, err
	}
	if tok.UserType == "" {
		tok.UserType = Location
	}
	if tok.LocationID == "" {
		tok.LocationID = locationID
	}
	if tok.CompanyID == "" {
		tok.CompanyID = company.CompanyID
	}
	return tok, nil
}

// inherit fills what an answer left out from the token it replaces.
func inherit(tok, old *Token) {
	if tok.UserType == "" {
		tok.UserType = old.UserType
	}
	if tok.LocationID == "" {
		tok.LocationID = old.LocationID
	}
	if tok.CompanyID == "" {
		tok.CompanyID = old.CompanyID
	}
	if tok.UserID == "" {
		tok.UserID = old.UserID
	}
	if len(tok.Scopes) == 0 {
		tok.Scopes = append([]string(nil), old.Scopes...)
	}
}

// postToken sends one form POST to a token endpoint. Every text of the answer that ends up in an error is
// scrubbed of the client secret, the bearer, the form's refresh token and code, and secrets (the other
// credentials the caller holds).
func (a *App) postToken(ctx context.Context, op string, key Key, path, bearer string, form url.Values, secrets ...string) (*Token, error) {
	secrets = append(secrets[:len(secrets):len(secrets)], a.ClientSecret, bearer, form.Get("refresh_token"), form.Get("code"))
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.baseURL()+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("auth: %s for %s: %w", op, key, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Version", apiVersion)
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	resp, err := a.httpClient().Do(req)
	if err != nil {
		// Do's error quotes the URL, which holds no secret; the body is never quoted.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("auth: %s for %s: %s (not resent): %w", op, key, scrub(err.Error(), secrets...), ErrOutcomeUnknown)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBytes))
	if err != nil {
		return nil, fmt.Errorf("auth: %s for %s: reading the answer (%d): %w", op, key, resp.StatusCode, ErrOutcomeUnknown)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		code, desc := parseErrorBody(body)
		oe := &OAuthError{Op: op, Key: key, StatusCode: resp.StatusCode, Code: oauthCode(code),
			Description: scrub(desc, secrets...)}
		oe.reauthorize = op == "refresh" && rejectsGrant(resp.StatusCode, code)
		if resp.StatusCode >= 500 {
			return nil, fmt.Errorf("%w: %w", oe, ErrOutcomeUnknown)
		}
		return nil, oe
	}
	var tr tokenResponse
	if err := json.Unmarshal(body, &tr); err != nil || tr.AccessToken == "" {
		return nil, fmt.Errorf("auth: %s for %s: HighLevel answered %d without a token: %w", op, key, resp.StatusCode, ErrOutcomeUnknown)
	}
	now := a.now()
	tok := &Token{
		AccessToken:  tr.AccessToken,
		RefreshToken: tr.RefreshToken,
		TokenType:    tr.TokenType,
		IssuedAt:     now,
		Scopes:       strings.Fields(tr.Scope),
		UserType:     UserType(tr.UserType),
		LocationID:   tr.LocationID,
		CompanyID:    tr.CompanyID,
		UserID:       tr.UserID,
	}
	if s := seconds(tr.ExpiresIn); s > 0 {
		tok.Expiry = now.Add(s)
	}
	return tok, nil
}

// seconds reads expires_in, a number or a numeric string.
func seconds(raw json.RawMessage) time.Duration {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 {
		return 0
	}
	return time.Duration(f * float64(time.Second))
}

// rejectsGrant reports an answer that means the refresh token (or code) will never work: OAuth's invalid_grant,
// or HighLevel's 400 and 401 on the token endpoint.
func rejectsGrant(status int, code string) bool {
	return code == "invalid_grant" || status == http.StatusBadRequest || status == http.StatusUnauthorized
}

// parseErrorBody reads an OAuth error ({"error","error_description"}) or HighLevel's shape
// ({"statusCode","message","error"}, message a string or a list).
func parseErrorBody(body []byte) (code, desc string) {
	var e struct {
		Error       string          `json:"error"`
		Description string          `json:"error_description"`
		Message     json.RawMessage `json:"message"`
	}
	if json.Unmarshal(body, &e) != nil {
		return "", ""
	}
	desc = e.Description
	if desc == "" && len(e.Message) > 0 {
		var one string
		var many []string
		if json.Unmarshal(e.Message, &one) == nil {
			desc = one
		} else if json.Unmarshal(e.Message, &many) == nil {
			desc = strings.Join(many, "; ")
		}
	}
	return e.Error, desc
}
