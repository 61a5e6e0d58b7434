package contacts

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// Create creates a contact and returns it.
//
// Create never sends the request twice once it may have reached HighLevel, which can answer 5xx, reset the
// connection or time out and still have created the contact, and can answer success with a body cut short.
// When that happens and the params carry an email or a phone, Create looks the contact up with FindDuplicate
// and returns the one HighLevel made. When it cannot tell, it returns an *UnknownOutcomeError, which matches
// ghl.ErrOutcomeUnknown: the contact may exist, and sending the create again may duplicate it.
//
// HighLevel can also answer 422 and still make the contact. After a 422, Create looks up a contact by the
// params' email or phone; one made since the create started is returned as the success it was (with a debug
// line in the client's log). Otherwise the 422 stands.
//
// A contact that duplicates another (in a location that does not allow duplicates) is refused with 400; see
// DuplicateOf.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/create-contact
//
//ghl:operation POST /contacts/
func (s *Service) Create(ctx context.Context, params CreateParams, opts ...option.RequestOption) (*Contact, error) {
	ctx = transport.WithOptions(ctx, opts)
	if err := params.check(s.t); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := s.t.Now()
	var out contactAnswer
	path := transport.Path("contacts", "")
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: path, Body: &params, Kind: transport.Create,
	}, &out)
	switch {
	case err == nil:
		return answered(out.Contact, http.MethodPost, path)
	case errors.Is(err, transport.ErrOutcomeUnknown):
		return s.recoverCreate(ctx, &params, start, err)
	case isStatus(err, http.StatusUnprocessableEntity):
		return s.createdDespite422(ctx, &params, start, err)
	case ctx.Err() != nil && mayHaveBeenSent(err):
		// The caller's context ended while the create was in flight: there is no time left to look it up.
		return nil, unknownOutcome(err, false, nil, "")
	}
	return nil, err
}

// mayHaveBeenSent reports a failure without an HTTP answer: the request may have been written before it.
func mayHaveBeenSent(err error) bool {
	var reqErr *transport.RequestError
	return errors.As(err, &reqErr)
}

func isStatus(err error, status int) bool {
	var apiErr *transport.Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == status
}

// createdDespite422 returns the contact a create answered 422 made anyway, or the 422.
func (s *Service) createdDespite422(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Contact, error) {
	if strings.TrimSpace(p.Email) == "" && strings.TrimSpace(p.Phone) == "" {
		return nil, createErr
	}
	found, err := s.recoverCreate(ctx, p, start, createErr)
	if err != nil || !found.DateAdded.Valid() {
		return nil, createErr // nothing says this contact is the one the create made
	}
	s.t.LogDebug(ctx, "ghl: the contact create was answered 422 but HighLevel made the contact; returning it",
		"contactId", found.ID, "error", createErr.Error())
	return found, nil
}

// recoverCreate finds out whether a create that failed ambiguously made the contact.
func (s *Service) recoverCreate(ctx context.Context, p *CreateParams, start time.Time, createErr error) (*Contact, error) {
	email, phone := strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone)
	if email == "" && phone == "" {
		return nil, unknownOutcome(createErr, false, nil, "")
	}
	found, err := s.FindDuplicate(ctx, DuplicateParams{LocationID: p.LocationID, Email: email, Phone: phone})
	switch {
	case err != nil:
		return nil, unknownOutcome(createErr, true, err, "")
	case found == nil:
		return nil, unknownOutcome(createErr, true, nil, "")
	case found.DateAdded.Valid() && found.DateAdded.Before(start.Add(-settle.Window)):
		// An older contact with the same email or phone, in a location that allows duplicates: not ours.
		return nil, unknownOutcome(createErr, true, nil, found.ID)
	}
	return found, nil
}

// UnknownOutcomeError is a create that failed in a way that leaves open whether HighLevel made the contact,
// and that a lookup could not settle. It matches ghl.ErrOutcomeUnknown, and through Err the error of the
// create (ghl.ErrServer for a 5xx, for example). Its Record is "contact"; LookedUp is true when the contact was
// looked up by email or phone after the failure.
type UnknownOutcomeError = api.UnknownOutcomeError

// unknownOutcome is the error of a create whose outcome is open: not looked up, or looked up with lookupErr or
// an older match as the result.
func unknownOutcome(createErr error, lookedUp bool, lookupErr error, older string) error {
	reason := "the params carry no email or phone to look it up by"
	if lookedUp {
		reason = "the lookup by email and phone found no contact (HighLevel's lookup may lag)"
	}
	return &UnknownOutcomeError{Record: "contact", Err: createErr, LookedUp: lookedUp, LookupErr: lookupErr, OlderMatch: older, Reason: reason}
}
