package ghltest

import (
	"net/http"
	"slices"
	"strings"
)

// routeTags registers the tag routes: one contact's tags, and the bulk update of many contacts' tags.
func (s *Server) routeTags(r *router) {
	r.add(http.MethodPost, "/contacts/{contactId}/tags", ScopeContactsWrite, s.byContact, s.changeTags(true))
	r.add(http.MethodDelete, "/contacts/{contactId}/tags", ScopeContactsWrite, s.byContact, s.changeTags(false))
	r.add(http.MethodPost, "/contacts/bulk/tags/update/{type}", ScopeContactsWrite, byLocationField, s.bulkTags)
}

type tagsBody struct {
	Tags []string `json:"tags"`
}

func validTags(tags []string) []string {
	if len(tags) == 0 {
		return []string{"tags must contain at least 1 elements"}
	}
	for _, t := range tags {
		if strings.TrimSpace(t) == "" {
			return []string{"each value in tags should not be empty"}
		}
	}
	return nil
}

// addTags adds tags that are not there yet (tags compare ignoring case, as HighLevel's do) and returns the
// ones added.
func addTags(have, add []string) (out, added []string) {
	out = slices.Clone(have)
	for _, t := range add {
		if !hasTag(out, t) {
			out = append(out, t)
			added = append(added, t)
		}
	}
	return out, added
}

// removeTags removes tags, ignoring case, and returns the ones removed.
func removeTags(have, remove []string) (out, removed []string) {
	for _, t := range have {
		if hasTag(remove, t) {
			removed = append(removed, t)
			continue
		}
		out = append(out, t)
	}
	return out, removed
}

func hasTag(tags []string, t string) bool {
	return slices.ContainsFunc(tags, func(x string) bool { return strings.EqualFold(x, t) })
}

// changeTags adds (or removes) tags of one contact and answers the contact's tags afterwards.
func (s *Server) changeTags(add bool) func(*call) {
	return func(c *call) {
		var b tagsBody
		if !c.decode(&b) {
			return
		}
		if msgs := validTags(b.Tags); msgs != nil {
			writeValidation(c.w, msgs...)
			return
		}
		s.store.mu.Lock()
		ct, ok := c.contactOrMissing(c.param("contactId"))
		if !ok {
			s.store.mu.Unlock()
			return
		}
		next := ct.clone()
		if add {
			next.Tags, _ = addTags(next.Tags, b.Tags)
		} else {
			next.Tags, _ = removeTags(next.Tags, b.Tags)
		}
		next.DateUpdated = c.now
		s.store.remove(ct)
		s.store.insert(&next)
		tags := slices.Clone(next.Tags)
		s.store.mu.Unlock()
		if tags == nil {
			tags = []string{}
		}
		status := http.StatusOK
		if add {
			status = http.StatusCreated
		}
		writeJSON(c.w, status, tagsBody{Tags: tags})
	}
}

type bulkTagsBody struct {
	Contacts      []string `json:"contacts"`
	Tags          []string `json:"tags"`
	LocationID    string   `json:"locationId"`
	RemoveAllTags bool     `json:"removeAllTags"`
}

// bulkTagOutcome is one contact's line of a bulk tag answer.
type bulkTagOutcome struct {
	ContactID string `json:"contactId"`
	Message   string `json:"message"`
	Type      string `json:"type"`
	// On success the lists are present even when empty, as in HighLevel's example; errors have none.
	OldTags     []string `json:"oldTags,omitzero"`
	TagsAdded   []string `json:"tagsAdded,omitzero"`
	TagsRemoved []string `json:"tagsRemoved,omitzero"`
}

// bulkTags adds or removes tags of many contacts, answering one outcome per contact as HighLevel does.
func (s *Server) bulkTags(c *call) {
	kind := c.param("type")
	var b bulkTagsBody
	if !c.decode(&b) {
		return
	}
	var msgs []string
	if kind != "add" && kind != "remove" {
		msgs = append(msgs, "type must be one of the following values: add, remove")
	}
	if b.LocationID == "" {
		msgs = append(msgs, "locationId should not be empty")
	}
	if len(b.Contacts) == 0 {
		msgs = append(msgs, "contacts must contain at least 1 elements")
	}
	if b.RemoveAllTags && kind != "remove" {
		msgs = append(msgs, "removeAllTags can only be used with type remove")
	}
	if !b.RemoveAllTags {
		msgs = append(msgs, validTags(b.Tags)...)
	}
	if len(msgs) > 0 {
		writeValidation(c.w, msgs...)
		return
	}
	out := struct {
		Succeded   bool             `json:"succeded"` // sic
		ErrorCount int              `json:"errorCount"`
		Responses  []bulkTagOutcome `json:"responses"`
	}{Succeded: true, Responses: []bulkTagOutcome{}}
	s.store.mu.Lock()
	for _, id := range b.Contacts {
		ct := s.store.contacts[id]
		switch {
		case ct == nil:
			out.Responses = append(out.Responses, bulkTagOutcome{ContactID: id, Message: "contact not found", Type: "error"})
			out.ErrorCount++
			continue
		case ct.LocationID != b.LocationID:
			out.Responses = append(out.Responses, bulkTagOutcome{ContactID: id, Message: "contact does not belong to location", Type: "error"})
			out.ErrorCount++
			continue
		}
		next := ct.clone()
		o := bulkTagOutcome{ContactID: id, Message: "Tags updated", Type: "success", OldTags: nonNil(slices.Clone(ct.Tags))}
		switch {
		case kind == "add":
			next.Tags, o.TagsAdded = addTags(next.Tags, b.Tags)
		case b.RemoveAllTags:
			next.Tags, o.TagsRemoved = nil, slices.Clone(ct.Tags)
		default:
			next.Tags, o.TagsRemoved = removeTags(next.Tags, b.Tags)
		}
		o.TagsAdded, o.TagsRemoved = nonNil(o.TagsAdded), nonNil(o.TagsRemoved)
		next.DateUpdated = c.now
		s.store.remove(ct)
		s.store.insert(&next)
		out.Responses = append(out.Responses, o)
	}
	s.store.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, out)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
