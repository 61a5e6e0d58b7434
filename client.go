package ghl

import (
	"context"
	"net/http"
	"strings"

	"github.com/ghlkit/ghl/appointments"
	"github.com/ghlkit/ghl/businesses"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/customfields"
	"github.com/ghlkit/ghl/internal/registry"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/notes"
	"github.com/ghlkit/ghl/option"
	"github.com/ghlkit/ghl/tags"
	"github.com/ghlkit/ghl/tasks"
)

// Client talks to HighLevel's API v2 for one location. It is safe for concurrent use; build one and share it.
type Client struct {
	// Contacts creates, reads, updates, deletes, upserts and searches contacts.
	Contacts *contacts.Service
	// Tags adds and removes tags of one contact.
	Tags *tags.Service
	// Tasks manages a contact's tasks.
	Tasks *tasks.Service
	// Notes manages a contact's notes.
	Notes *notes.Service
	// Appointments lists a contact's appointments and, through the calendars API, lists calendars and their free
	// slots and gets, books, updates and deletes appointments.
	Appointments *appointments.Service
	// Businesses gets, lists, creates, updates and deletes the location's businesses.
	Businesses *businesses.Service
	// CustomFields lists and gets the location's custom field definitions.
	CustomFields *customfields.Service

	t *transport.Client
}

// NewClient builds a client. A token source is required; everything else has a default that works with
// HighLevel (see the With* options).
func NewClient(opts ...Option) (*Client, error) {
	var cfg transport.Config
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	t, err := transport.New(cfg)
	if err != nil {
		return nil, err
	}
	return newClient(t), nil
}

func newClient(t *transport.Client) *Client {
	return &Client{
		Contacts:     registry.New[*contacts.Service](t),
		Tags:         registry.New[*tags.Service](t),
		Tasks:        registry.New[*tasks.Service](t),
		Notes:        registry.New[*notes.Service](t),
		Appointments: registry.New[*appointments.Service](t),
		Businesses:   registry.New[*businesses.Service](t),
		CustomFields: registry.New[*customfields.Service](t),
		t:            t,
	}
}

// ForLocation returns a client for another location. It shares this client's connection pool and settings, and
// has that location's own rate-limit budget (shared by every view of the same location) and, on an agency token
// source, its own location token. It is cheap: call it per request if that is convenient.
func (c *Client) ForLocation(locationID string) *Client {
	return newClient(c.t.ForLocation(locationID))
}

// LocationID is the location this client acts for.
func (c *Client) LocationID() string { return c.t.LocationID() }

// RateLimit returns what HighLevel last said about this location's budget.
func (c *Client) RateLimit() RateLimit { return c.t.RateLimit() }

// BaseURL is the API base URL the client sends to.
func (c *Client) BaseURL() string { return c.t.BaseURL() }

// HTTPClient is the HTTP client the client sends with (for example to make OAuth calls on the same pool).
func (c *Client) HTTPClient() *http.Client { return c.t.HTTPClient() }

// Do calls an endpoint the SDK does not wrap, through the same path as every other call: rate limiting, token,
// Version header, retries and typed errors. path is relative to the base URL and may carry a query string
// ("/contacts/?locationId=abc"); body, if non-nil, is sent as JSON; a 2xx answer is decoded into out if non-nil.
// GET, HEAD, PUT and DELETE are retried like reads; POST and PATCH are treated as creates and never resent once
// they may have reached the server. opts change this call alone (see package option).
func (c *Client) Do(ctx context.Context, method, path string, body, out any, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	p, q, err := transport.SplitRawPath(path)
	if err != nil {
		return err
	}
	method = strings.ToUpper(method)
	kind := transport.Create
	switch method {
	case http.MethodGet, http.MethodHead:
		kind = transport.Read
	case http.MethodPut, http.MethodDelete:
		kind = transport.Idempotent
	case "":
		return transport.InvalidArgument("method", "is required")
	}
	_, err = c.t.Do(ctx, &transport.Request{Method: method, Path: p, Query: q, Body: body, Kind: kind}, out)
	return err
}

// Close releases the idle connections of the pool the SDK built for this client, which its ForLocation views
// share. It never touches http.DefaultTransport, nor a client given with WithHTTPClient (close that one
// yourself). The client stays usable: a later call opens a new connection. It always returns nil.
func (c *Client) Close() error {
	c.t.CloseIdleConnections()
	return nil
}

// Ptr returns a pointer to v, for the pointer fields of update params: ghl.Ptr("") clears a field on purpose.
func Ptr[T any](v T) *T { return &v }
