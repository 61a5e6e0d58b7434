package tags

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// MaxPerRequest is the most tags one request may carry. HighLevel does not document a limit; 100 is chosen
// so that a runaway list fails here, before any request, with an error that says so. Split longer lists.
const MaxPerRequest = 100

// Check reports what is wrong with a list of tags before it is sent: none at all, more than MaxPerRequest,
// or an empty tag. field names the parameter in the error.
func Check(field string, tags []string) error {
	if len(tags) == 0 {
		return transport.InvalidArgument(field, "needs at least one tag")
	}
	if len(tags) > MaxPerRequest {
		return transport.InvalidArgument(field, "has "+strconv.Itoa(len(tags))+" tags; at most "+
			strconv.Itoa(MaxPerRequest)+" may be sent at once")
	}
	for i, t := range tags {
		if strings.TrimSpace(t) == "" {
			return transport.InvalidArgument(field, "tag "+strconv.Itoa(i)+" is empty")
		}
	}
	return nil
}

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
	if err := transport.RequireID("contactId", contactID); err != nil {
		return nil, err
	}
	if err := Check("tags", tags); err != nil {
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
