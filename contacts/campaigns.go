package contacts

import (
	"context"
	"net/http"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/ghlkit/ghl/option"
)

// removeAll is the path segment of "remove from every campaign"; a campaign ID equal to it would call that.
const removeAll = "removeAll"

func checkCampaign(contactID, campaignID string) error {
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	if err := transport.RequireID("campaignID", campaignID); err != nil {
		return err
	}
	if campaignID == removeAll {
		return transport.InvalidArgument("campaignID", `"removeAll" would remove the contact from every campaign; use RemoveFromAllCampaigns`)
	}
	return nil
}

// AddToCampaign adds a contact to a campaign. It is not resent once it may have reached HighLevel, since a
// second enrolment could send the campaign's messages twice.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/add-contact-to-campaign
//
//ghl:operation POST /contacts/{contactId}/campaigns/{campaignId}
func (s *Service) AddToCampaign(ctx context.Context, contactID, campaignID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := checkCampaign(contactID, campaignID); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: transport.Path("contacts", contactID, "campaigns", campaignID),
		Body: struct{}{}, Kind: transport.Create,
	}, nil)
	return err
}

// RemoveFromCampaign removes a contact from a campaign.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/remove-contact-from-campaign
//
//ghl:operation DELETE /contacts/{contactId}/campaigns/{campaignId}
func (s *Service) RemoveFromCampaign(ctx context.Context, contactID, campaignID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := checkCampaign(contactID, campaignID); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodDelete, Path: transport.Path("contacts", contactID, "campaigns", campaignID),
		Kind: transport.Idempotent,
	}, nil)
	return err
}

// RemoveFromAllCampaigns removes a contact from every campaign it is in.
//
// HighLevel docs: https://marketplace.gohighlevel.com/docs/ghl/contacts/remove-contact-from-every-campaign
//
//ghl:operation DELETE /contacts/{contactId}/campaigns/removeAll
func (s *Service) RemoveFromAllCampaigns(ctx context.Context, contactID string, opts ...option.RequestOption) error {
	ctx = transport.WithOptions(ctx, opts)
	if err := transport.RequireID("contactID", contactID); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Method: http.MethodDelete, Path: transport.Path("contacts", contactID, "campaigns", removeAll),
		Kind: transport.Idempotent,
	}, nil)
	return err
}
