package ghltest

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
)

// CustomFieldDefinition is a custom field of a location, as the server stores it (the spec's
// CustomFieldSchema). Contacts carry values of it by ID (Contact.CustomFields).
type CustomFieldDefinition struct {
	ID         string `json:"id"`
	LocationID string `json:"locationId"`
	Name       string `json:"name"`
	// FieldKey is how templates and the import name the field, like "contact.company_size".
	FieldKey    string `json:"fieldKey"`
	Placeholder string `json:"placeholder,omitempty"`
	// DataType is HighLevel's type name, such as TEXT, NUMERICAL, SINGLE_OPTIONS or DATE.
	DataType        string   `json:"dataType"`
	Position        int      `json:"position"`
	PicklistOptions []string `json:"picklistOptions,omitempty"`
	// Model is "contact" or "opportunity".
	Model string `json:"model"`
}

// AddCustomField stores a custom field definition and returns the stored copy. Empty fields get defaults: a
// generated ID, the server's default location, model "contact", type TEXT, and a field key made from the model
// and the name ("contact.company_size").
func (s *Server) AddCustomField(f CustomFieldDefinition) CustomFieldDefinition {
	f.ID = cmp.Or(f.ID, newID())
	f.LocationID = cmp.Or(f.LocationID, s.location)
	f.Model = cmp.Or(f.Model, "contact")
	f.DataType = cmp.Or(f.DataType, "TEXT")
	f.FieldKey = cmp.Or(f.FieldKey, f.Model+"."+strings.ReplaceAll(strings.ToLower(strings.TrimSpace(f.Name)), " ", "_"))
	f.PicklistOptions = slices.Clone(f.PicklistOptions)
	s.book.mu.Lock()
	defer s.book.mu.Unlock()
	s.book.init()
	stored := f
	s.book.customFields[f.ID] = &stored
	return f
}

// CustomFieldDefinitions returns the custom fields of a location, by position then name.
func (s *Server) CustomFieldDefinitions(locationID string) []CustomFieldDefinition {
	s.book.mu.RLock()
	defer s.book.mu.RUnlock()
	out := []CustomFieldDefinition{}
	for _, f := range s.book.customFields {
		if f.LocationID == locationID {
			cp := *f
			cp.PicklistOptions = slices.Clone(f.PicklistOptions)
			out = append(out, cp)
		}
	}
	slices.SortFunc(out, func(a, b CustomFieldDefinition) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out
}

// routeCustomFields registers the locations API's custom field reads.
func (s *Server) routeCustomFields(r *router) {
	byLocation := func(c *call) string { return c.param("locationId") }
	r.add(http.MethodGet, "/locations/{locationId}/customFields", ScopeCustomFieldsRead, byLocation, s.listCustomFields)
	// The spec names no scope for this read; the list's scope is the one that fits.
	r.add(http.MethodGet, "/locations/{locationId}/customFields/{id}", ScopeCustomFieldsRead, byLocation, s.getCustomField)
}

// Chosen: HighLevel's text for an unknown custom field is not documented.
const msgCustomFieldMissing = "Custom field not found"

func (s *Server) listCustomFields(c *call) {
	model := c.r.URL.Query().Get("model")
	if model != "" && !contains([]string{"contact", "opportunity", "all"}, model) {
		writeValidation(c.w, "model must be one of the following values: contact, opportunity, all")
		return
	}
	out := []CustomFieldDefinition{}
	for _, f := range s.CustomFieldDefinitions(c.param("locationId")) {
		if model == "" || model == "all" || f.Model == model {
			out = append(out, f)
		}
	}
	writeJSON(c.w, http.StatusOK, struct {
		CustomFields []CustomFieldDefinition `json:"customFields"`
	}{out})
}

// getCustomField answers the field whose ID or field key is the id wildcard, as the spec allows both.
func (s *Server) getCustomField(c *call) {
	id := c.param("id")
	for _, f := range s.CustomFieldDefinitions(c.param("locationId")) {
		if f.ID == id || f.FieldKey == id {
			writeJSON(c.w, http.StatusOK, struct {
				CustomField CustomFieldDefinition `json:"customField"`
			}{f})
			return
		}
	}
	writeError(c.w, http.StatusBadRequest, msgCustomFieldMissing)
}
