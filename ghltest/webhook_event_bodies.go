package ghltest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// eventRecord is what a write changed, read from the store before the write (a delete) or after it.
type eventRecord struct {
	contact *Contact
	task    *Task
	note    *Note
}

// eventSnapshot keeps what a delete is about to remove, so that its event can still describe it.
func (s *Server) eventSnapshot(method, template string, params map[string]string) eventRecord {
	if method != http.MethodDelete {
		return eventRecord{}
	}
	var rec eventRecord
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	ct := s.store.contacts[params["contactId"]]
	if ct == nil {
		return rec
	}
	cp := ct.clone()
	rec.contact = &cp
	for _, t := range s.store.peekRecords(ct.ID).tasks {
		if template == "/contacts/{contactId}/tasks/{taskId}" && t.ID == params["taskId"] {
			tc := *t
			rec.task = &tc
		}
	}
	for _, n := range s.store.peekRecords(ct.ID).notes {
		if template == "/contacts/{contactId}/notes/{id}" && n.ID == params["id"] {
			nc := *n
			rec.note = &nc
		}
	}
	return rec
}

// eventsOf returns the events a successful write causes: sent are the properties of the request body,
// answer the response body.
func (s *Server) eventsOf(method, template string, params map[string]string, before eventRecord,
	sent map[string]bool, answer []byte) []pendingEvent {
	var reply struct {
		Contact struct {
			ID string `json:"id"`
		} `json:"contact"`
		New       bool            `json:"new"`
		Task      json.RawMessage `json:"task"`
		Note      json.RawMessage `json:"note"`
		Succeeded bool            `json:"succeded"` // sic
	}
	_ = json.Unmarshal(answer, &reply)
	contactID := params["contactId"]
	var out []pendingEvent
	add := func(typ string, body []byte) {
		if body != nil {
			out = append(out, pendingEvent{typ: typ, body: body})
		}
	}
	switch method + " " + template {
	case "POST /contacts/":
		add("ContactCreate", s.contactEvent("ContactCreate", reply.Contact.ID))
	case "POST /contacts/upsert":
		typ := "ContactUpdate"
		if reply.New {
			typ = "ContactCreate"
		}
		add(typ, s.contactEvent(typ, reply.Contact.ID))
	case "PUT /contacts/{contactId}":
		add("ContactUpdate", s.contactEvent("ContactUpdate", contactID))
		if sent["tags"] {
			add("ContactTagUpdate", s.contactEvent("ContactTagUpdate", contactID))
		}
		if sent["dnd"] || sent["dndSettings"] {
			add("ContactDndUpdate", s.contactEvent("ContactDndUpdate", contactID))
		}
	case "POST /contacts/{contactId}/tags", "DELETE /contacts/{contactId}/tags":
		add("ContactTagUpdate", s.contactEvent("ContactTagUpdate", contactID))
	case "DELETE /contacts/{contactId}":
		if before.contact != nil {
			add("ContactDelete", s.eventBody("ContactDelete", before.contact.LocationID, contactEventFields(before.contact)))
		}
	case "POST /contacts/{contactId}/tasks":
		add("TaskCreate", s.recordEvent("TaskCreate", contactID, reply.Task))
	case "PUT /contacts/{contactId}/tasks/{taskId}/completed":
		var t struct {
			Completed bool `json:"completed"`
		}
		if json.Unmarshal(reply.Task, &t) == nil && t.Completed {
			add("TaskComplete", s.recordEvent("TaskComplete", contactID, reply.Task))
		}
	case "DELETE /contacts/{contactId}/tasks/{taskId}":
		if before.task != nil {
			raw, _ := json.Marshal(before.task)
			add("TaskDelete", s.recordEventIn("TaskDelete", before.contact.LocationID, raw))
		}
	case "POST /contacts/{contactId}/notes":
		add("NoteCreate", s.recordEvent("NoteCreate", contactID, reply.Note))
	case "PUT /contacts/{contactId}/notes/{id}":
		add("NoteUpdate", s.recordEvent("NoteUpdate", contactID, reply.Note))
	case "DELETE /contacts/{contactId}/notes/{id}":
		if before.note != nil {
			raw, _ := json.Marshal(before.note)
			add("NoteDelete", s.recordEventIn("NoteDelete", before.contact.LocationID, raw))
		}
	}
	return out
}

// contactEventBody is a contact as the Contact* events carry it (HighLevel's webhook-events docs): unlike a
// GET answer it has "name", and "attachments" is a list.
type contactEventBody struct {
	ID           string        `json:"id"`
	LocationID   string        `json:"locationId"`
	Address1     string        `json:"address1,omitempty"`
	City         string        `json:"city,omitempty"`
	State        string        `json:"state,omitempty"`
	CompanyName  string        `json:"companyName,omitempty"`
	Country      string        `json:"country,omitempty"`
	Source       string        `json:"source,omitempty"`
	DateAdded    string        `json:"dateAdded"`
	DateOfBirth  string        `json:"dateOfBirth,omitempty"`
	DND          bool          `json:"dnd"`
	DNDSettings  *DNDSettings  `json:"dndSettings,omitempty"`
	Email        string        `json:"email,omitempty"`
	Name         string        `json:"name,omitempty"`
	FirstName    string        `json:"firstName,omitempty"`
	LastName     string        `json:"lastName,omitempty"`
	Phone        string        `json:"phone,omitempty"`
	PostalCode   string        `json:"postalCode,omitempty"`
	Tags         []string      `json:"tags"`
	Website      string        `json:"website,omitempty"`
	Attachments  []any         `json:"attachments"`
	AssignedTo   string        `json:"assignedTo,omitempty"`
	CustomFields []CustomField `json:"customFields"`
}

func contactEventFields(c *Contact) map[string]json.RawMessage {
	b := contactEventBody{
		ID: c.ID, LocationID: c.LocationID, Address1: c.Address1, City: c.City, State: c.State,
		CompanyName: c.CompanyName, Country: c.Country, Source: c.Source,
		DateAdded: c.DateAdded.UTC().Format(timeLayout), DateOfBirth: c.DateOfBirth, DND: c.DND,
		DNDSettings: c.DNDSettings, Email: c.Email, Name: strings.TrimSpace(c.FirstName + " " + c.LastName),
		FirstName: c.FirstName, LastName: c.LastName, Phone: c.Phone, PostalCode: c.PostalCode,
		Tags: c.Tags, Website: c.Website, Attachments: []any{}, AssignedTo: c.AssignedTo,
		CustomFields: c.CustomFields,
	}
	if b.Tags == nil {
		b.Tags = []string{}
	}
	if b.CustomFields == nil {
		b.CustomFields = []CustomField{}
	}
	raw, _ := json.Marshal(b)
	var fields map[string]json.RawMessage
	_ = json.Unmarshal(raw, &fields)
	return fields
}

// contactEvent describes contact id as it is now; nil if it is gone.
func (s *Server) contactEvent(typ, id string) []byte {
	s.store.mu.RLock()
	ct := s.store.contacts[id]
	var cp Contact
	if ct != nil {
		cp = ct.clone()
	}
	s.store.mu.RUnlock()
	if ct == nil {
		return nil
	}
	return s.eventBody(typ, cp.LocationID, contactEventFields(&cp))
}

// recordEvent describes a task or note of contactID from its JSON in an answer.
func (s *Server) recordEvent(typ, contactID string, raw json.RawMessage) []byte {
	s.store.mu.RLock()
	ct := s.store.contacts[contactID]
	loc := ""
	if ct != nil {
		loc = ct.LocationID
	}
	s.store.mu.RUnlock()
	return s.recordEventIn(typ, loc, raw)
}

func (s *Server) recordEventIn(typ, locationID string, raw json.RawMessage) []byte {
	var fields map[string]json.RawMessage
	if json.Unmarshal(raw, &fields) != nil || fields == nil {
		return nil
	}
	if _, ok := fields["dateAdded"]; !ok {
		fields["dateAdded"], _ = json.Marshal(s.clock.Now().UTC().Format(timeLayout))
	}
	return s.eventBody(typ, locationID, fields)
}

// eventBody adds what every delivery carries to a record's fields: type, locationId, appId and versionId.
func (s *Server) eventBody(typ, locationID string, fields map[string]json.RawMessage) []byte {
	str := func(v string) json.RawMessage {
		b, _ := json.Marshal(v)
		return b
	}
	fields["type"] = str(typ)
	fields["locationId"] = str(locationID)
	fields["appId"] = str(s.events.target.AppID)
	fields["versionId"] = str(s.events.target.VersionID)
	out, _ := json.Marshal(fields)
	return out
}
