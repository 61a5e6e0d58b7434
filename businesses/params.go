package businesses

import (
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
)

// CreateParams describes a new business (the spec's CreateBusinessDto). Name is required; LocationID defaults
// to the client's location.
type CreateParams struct {
	Name        string `json:"name"`
	LocationID  string `json:"locationId"`
	Phone       string `json:"phone,omitempty"`
	Email       string `json:"email,omitempty"`
	Website     string `json:"website,omitempty"`
	Address     string `json:"address,omitempty"`
	City        string `json:"city,omitempty"`
	PostalCode  string `json:"postalCode,omitempty"`
	State       string `json:"state,omitempty"`
	Country     string `json:"country,omitempty"`
	Description string `json:"description,omitempty"`
}

func (p *CreateParams) check() error {
	if strings.TrimSpace(p.Name) == "" {
		return transport.InvalidArgument("Name", "is required")
	}
	return nil
}

// UpdateParams changes a business (the spec's UpdateBusinessDto). A nil field is left as it is; ghl.Ptr builds
// the pointers, and ghl.Ptr("") clears a field.
type UpdateParams struct {
	Name        *string `json:"name,omitempty"`
	Phone       *string `json:"phone,omitempty"`
	Email       *string `json:"email,omitempty"`
	PostalCode  *string `json:"postalCode,omitempty"`
	Website     *string `json:"website,omitempty"`
	Address     *string `json:"address,omitempty"`
	State       *string `json:"state,omitempty"`
	City        *string `json:"city,omitempty"`
	Country     *string `json:"country,omitempty"`
	Description *string `json:"description,omitempty"`
}

func (p *UpdateParams) check() error {
	if p.Name != nil && strings.TrimSpace(*p.Name) == "" {
		return transport.InvalidArgument("Name", "must not be empty")
	}
	return nil
}

// ListParams pages through a location's businesses.
type ListParams struct {
	// LocationID defaults to the client's location.
	LocationID string
	// Limit is the page size; zero means 100, HighLevel's default.
	Limit int
	// Skip is how many businesses to skip: the position to resume from (Page.NextSkip).
	Skip int
}

const defaultLimit = 100

func (p *ListParams) check() error {
	switch {
	case p.Limit < 0:
		return transport.InvalidArgument("Limit", "must not be negative")
	case p.Skip < 0:
		return transport.InvalidArgument("Skip", "must not be negative")
	}
	return nil
}
