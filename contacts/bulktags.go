package contacts

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/ghlkit/ghl/internal/check"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// BulkTagAction says whether BulkTags adds or removes tags.
type BulkTagAction string

// Bulk tag actions.
const (
	BulkAddTags    BulkTagAction = "add"
	BulkRemoveTags BulkTagAction = "remove"
)

// BulkTagsParams changes the tags of many contacts at once.
type BulkTagsParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	Action     BulkTagAction
	ContactIDs []string
	// Tags are the tags to add or remove; at most 100 (tags.MaxPerRequest).
	Tags []string
	// RemoveAllTags removes every tag of the contacts; only with BulkRemoveTags, and then Tags may be empty.
	RemoveAllTags bool
}

// BulkTagsResult is HighLevel's answer: one outcome per contact.
type BulkTagsResult struct {
	// Succeeded is spelled "succeded" on the wire, as HighLevel spells it.
	Succeeded  bool            `json:"succeded"`
	ErrorCount int             `json:"errorCount"`
	Responses  []BulkTagResult `json:"responses"`
}

// BulkTagResult is what happened to one contact.
type BulkTagResult struct {
	ContactID string `json:"contactId"`
	Message   string `json:"message"`
	// Type is "success" or "error".
	Type        string   `json:"type"`
	OldTags     []string `json:"oldTags,omitempty"`
	TagsAdded   []string `json:"tagsAdded,omitempty"`
	TagsRemoved []string `json:"tagsRemoved,omitempty"`
}

// UnmarshalJSON reads an outcome; a bare string (the spec types the list as strings) becomes its Message.
func (r *BulkTagResult) UnmarshalJSON(data []byte) error {
	type plain BulkTagResult
	var p plain
	if err := json.Unmarshal(data, &p); err != nil {
		*r = BulkTagResult{Message: rawString(data)}
		return nil
	}
	*r = BulkTagResult(p)
	return nil
}

// BulkTags adds tags to, or removes tags from, many contacts at once.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/create-association
//
//ghl:operation POST /contacts/bulk/tags/update/{type}
func (s *Service) BulkTags(ctx context.Context, params BulkTagsParams, opts ...option.RequestOption) (*BulkTagsResult, error) {
	ctx = transport.WithOptions(ctx, opts)
	loc, err := locationOr(params.LocationID, s.t)
	if err != nil {
		return nil, err
	}
	if params.Action != BulkAddTags && params.Action != BulkRemoveTags {
		return nil, transport.InvalidArgument("Action", "must be BulkAddTags or BulkRemoveTags")
	}
	if err := check.IDs("ContactIDs", "contact", params.ContactIDs); err != nil {
		return nil, err
	}
	list := params.Tags
	switch {
	case params.RemoveAllTags && params.Action != BulkRemoveTags:
		return nil, transport.InvalidArgument("RemoveAllTags", "only goes with BulkRemoveTags")
	case params.RemoveAllTags && len(list) == 0:
		list = []string{}
	default:
		if err := check.Tags("Tags", list); err != nil {
			return nil, err
		}
	}
	body := struct {
		Contacts      []string `json:"contacts"`
		Tags          []string `json:"tags"`
		LocationID    string   `json:"locationId"`
		RemoveAllTags bool     `json:"removeAllTags,omitempty"`
	}{params.ContactIDs, list, loc, params.RemoveAllTags}
	var out BulkTagsResult
	if _, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: transport.Path("contacts", "bulk", "tags", "update", string(params.Action)),
		Body: body, Kind: transport.Idempotent,
	}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
