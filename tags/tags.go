package tags

import (
	"context"
	"net/http"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// MaxPerRequest is the most tags one request may carry. HighLevel does not document a limit; 100 is chosen
// so that a runaway list fails here, before any request, with an error that says so. Split longer lists.
const MaxPerRequest = check.MaxTags

// Check reports what is wrong with a list of tags before it is sent: none at all, more than MaxPerRequest,
// or an empty tag. field names the Go field or parameter that holds the list in the error.
func Check(field string, tags []string) error { return check.Tags(field, tags) }

type tagsBody struct {
	Tags []string `json:"tags"`
}

// Add adds tags to a contact (tags it already has are kept once) and returns the contact's tags afterwards.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/add-tags
//
//ghl:operation POST /contacts/{contactId}/tags
func (s *Service) Add(ctx context.Context, contactID string, tags []string, opts ...option.RequestOption) ([]string, error) {
	ctx = transport.WithOptions(ctx, opts)
	return s.change(ctx, http.MethodPost, contactID, tags)
}

// Remove removes tags from a contact and returns the contact's tags afterwards. Removing a tag the contact
// does not have is not an error.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/remove-tags
//
//ghl:operation DELETE /contacts/{contactId}/tags
func (s *Service) Remove(ctx context.Context, contactID string, tags []string, opts ...option.RequestOption) ([]string, error) {
	ctx = transport.WithOptions(ctx, opts)
	return s.change(ctx, http.MethodDelete, contactID, tags)
}

func (s *Service) change(ctx context.Context, method, contactID string, tags []string) ([]string, error) {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return nil, err
	}
	if err := check.Tags("tags", tags); err != nil {
		return nil, err
	}
	var out struct {
		Tags []string `json:"tags"`
	}
	// Adding or removing the same tags twice gives the same result, so a lost answer can be asked again.
	_, err := s.t.Do(ctx, &transport.Request{
		Method: method, Path: transport.Path("contacts", contactID, "tags"), Body: tagsBody{Tags: tags},
		Kind: transport.Idempotent,
	}, &out)
	if err != nil {
		return nil, err
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	return out.Tags, nil
}
