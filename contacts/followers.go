package contacts

import (
	"context"
	"net/http"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// FollowersResult is a contact's followers after a change.
type FollowersResult struct {
	// Followers are the user IDs following the contact afterwards.
	Followers []string `json:"followers"`
	// Added are the followers the call added (AddFollowers).
	Added []string `json:"followersAdded,omitempty"`
	// Removed are the followers the call removed (RemoveFollowers).
	Removed []string `json:"followersRemoved,omitempty"`
}

type followersBody struct {
	Followers []string `json:"followers"`
}

// AddFollowers makes users (by ID) follow a contact.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/add-followers-contact
//
//ghl:operation POST /contacts/{contactId}/followers
func (s *Service) AddFollowers(ctx context.Context, contactID string, userIDs []string, opts ...option.RequestOption) (*FollowersResult, error) {
	ctx = transport.WithOptions(ctx, opts)
	return s.followers(ctx, http.MethodPost, contactID, userIDs)
}

// RemoveFollowers stops users (by ID) following a contact.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/remove-followers-contact
//
//ghl:operation DELETE /contacts/{contactId}/followers
func (s *Service) RemoveFollowers(ctx context.Context, contactID string, userIDs []string, opts ...option.RequestOption) (*FollowersResult, error) {
	ctx = transport.WithOptions(ctx, opts)
	return s.followers(ctx, http.MethodDelete, contactID, userIDs)
}

func (s *Service) followers(ctx context.Context, method, contactID string, userIDs []string) (*FollowersResult, error) {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	if err := check.IDs("userIDs", "user", userIDs); err != nil {
		return nil, err
	}
	var out FollowersResult
	// Following is a set: adding or removing the same users again changes nothing, so retries are safe.
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: method, Path: transport.Path("contacts", contactID, "followers"),
		Body: followersBody{Followers: userIDs}, Kind: transport.Idempotent,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
