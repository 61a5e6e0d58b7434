package contacts_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ptr[T any](v T) *T { return &v }

// Every call with bad input fails before any request, with an error that names the field.
func TestInvalidArgumentsSendNothing(t *testing.T) {
	ctx := context.Background()
	tooMany := make([]string, 101)
	for i := range tooMany {
		tooMany[i] = "t" + strings.Repeat("x", i%3)
	}
	tests := []struct {
		name  string
		field string
		call  func(s *contacts.Service) error
		opts  []func(*transport.Config)
	}{
		{"get without id", "contactID", func(s *contacts.Service) error { _, err := s.Get(ctx, " "); return err }, nil},
		{"delete without id", "contactID", func(s *contacts.Service) error { return s.Delete(ctx, "") }, nil},
		{"create without location", "LocationID", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{Email: "a@b.co"})
			return err
		}, []func(*transport.Config){noLocation}},
		{"create with bad dnd", "DNDSettings.SMS.Status", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{DNDSettings: &contacts.DNDSettings{SMS: &contacts.DNDSetting{Status: "off"}}})
			return err
		}, nil},
		{"create with permanent inbound dnd", "InboundDNDSettings.All.Status", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{InboundDNDSettings: &contacts.InboundDNDSettings{All: &contacts.DNDSetting{Status: contacts.DNDPermanent}}})
			return err
		}, nil},
		{"create with nameless custom field", "CustomFields[0].ID", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{CustomFields: []contacts.FieldValue{{Key: "k", Value: 1}}})
			return err
		}, nil},
		{"create with empty tag", "Tags[1]", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{Tags: []string{"a", " "}})
			return err
		}, nil},
		{"create with a name for an email", "Email", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{Email: "not-an-email"})
			return err
		}, nil},
		{"create with an email without a domain dot", "Email", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{Email: "a@b"})
			return err
		}, nil},
		{"create with letters for a phone", "Phone", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{Phone: "call me"})
			return err
		}, nil},
		{"upsert with a bad email", "Email", func(s *contacts.Service) error {
			_, err := s.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "ada@example"}})
			return err
		}, nil},
		{"update with a bad email", "Email", func(s *contacts.Service) error {
			_, err := s.Update(ctx, "c1", contacts.UpdateParams{Email: ptr("ada at example.com")})
			return err
		}, nil},
		{"update with a bad phone", "Phone", func(s *contacts.Service) error {
			_, err := s.Update(ctx, "c1", contacts.UpdateParams{Phone: ptr("12345")})
			return err
		}, nil},
		{"update without id", "contactID", func(s *contacts.Service) error {
			_, err := s.Update(ctx, "", contacts.UpdateParams{FirstName: ptr("A")})
			return err
		}, nil},
		{"update changing nothing", "UpdateParams", func(s *contacts.Service) error {
			_, err := s.Update(ctx, "c1", contacts.UpdateParams{})
			return err
		}, nil},
		{"upsert without email or phone", "Email", func(s *contacts.Service) error {
			_, err := s.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{FirstName: "A"}})
			return err
		}, nil},
		{"upsert without location", "LocationID", func(s *contacts.Service) error {
			_, err := s.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "a@b.co"}})
			return err
		}, []func(*transport.Config){noLocation}},
		{"duplicate without email or phone", "Email", func(s *contacts.Service) error {
			_, err := s.FindDuplicate(ctx, contacts.DuplicateParams{})
			return err
		}, nil},
		{"search long query", "Query", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{Query: strings.Repeat("é", 76)})
			return err
		}, nil},
		{"search page too big", "PageLimit", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{PageLimit: 501})
			return err
		}, nil},
		{"search past 10,000 by page", "Page", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{PageLimit: 500, Page: 21})
			return err
		}, nil},
		{"search page and cursor", "Page", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{Page: 2, SearchAfter: json.RawMessage(`[1,"a"]`)})
			return err
		}, nil},
		{"search bad cursor", "SearchAfter", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{SearchAfter: json.RawMessage(`{"a":1}`)})
			return err
		}, nil},
		{"search bad sort", "Sort[0].Direction", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{Sort: []contacts.Sort{{Field: "email", Direction: "up"}}})
			return err
		}, nil},
		{"searchall with page", "Page", func(s *contacts.Service) error {
			for _, err := range s.SearchAll(ctx, contacts.SearchParams{Page: 2}) {
				return err
			}
			return nil
		}, nil},
		{"list limit", "Limit", func(s *contacts.Service) error {
			_, err := s.List(ctx, contacts.ListParams{Limit: 101}) //nolint:staticcheck // the deprecated call is under test
			return err
		}, nil},
		{"business without id", "businessID", func(s *contacts.Service) error {
			for _, err := range s.ListByBusinessAll(ctx, "", contacts.BusinessParams{}) {
				return err
			}
			return nil
		}, nil},
		{"business negative skip", "Skip", func(s *contacts.Service) error {
			_, err := s.ListByBusiness(ctx, "b1", contacts.BusinessParams{Skip: -1})
			return err
		}, nil},
		{"bulk business without ids", "ContactIDs", func(s *contacts.Service) error {
			_, err := s.BulkBusiness(ctx, contacts.BulkBusinessParams{BusinessID: "b"})
			return err
		}, nil},
		{"bulk tags without action", "Action", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{ContactIDs: []string{"c"}, Tags: []string{"t"}})
			return err
		}, nil},
		{"bulk tags without tags", "Tags", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkAddTags, ContactIDs: []string{"c"}})
			return err
		}, nil},
		{"bulk tags with too many tags", "Tags", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkAddTags, ContactIDs: []string{"c"}, Tags: tooMany})
			return err
		}, nil},
		{"bulk tags remove all on add", "RemoveAllTags", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkAddTags, ContactIDs: []string{"c"}, RemoveAllTags: true})
			return err
		}, nil},
		{"bulk tags empty contact id", "ContactIDs[0]", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkAddTags, ContactIDs: []string{""}, Tags: []string{"t"}})
			return err
		}, nil},
		{"followers none", "userIDs", func(s *contacts.Service) error { _, err := s.AddFollowers(ctx, "c", nil); return err }, nil},
		{"followers no contact", "contactID", func(s *contacts.Service) error { _, err := s.RemoveFollowers(ctx, "", []string{"u"}); return err }, nil},
		{"campaign no id", "campaignID", func(s *contacts.Service) error { return s.AddToCampaign(ctx, "c", "") }, nil},
		{"campaign named removeAll", "campaignID", func(s *contacts.Service) error { return s.RemoveFromCampaign(ctx, "c", "removeAll") }, nil},
		{"all campaigns no contact", "contactID", func(s *contacts.Service) error { return s.RemoveFromAllCampaigns(ctx, "") }, nil},
		{"workflow no id", "workflowID", func(s *contacts.Service) error {
			return s.AddToWorkflow(ctx, "c", " ", contacts.WorkflowParams{})
		}, nil},
		{"workflow no contact", "contactID", func(s *contacts.Service) error { return s.RemoveFromWorkflow(ctx, "", "w") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := newService(t, never(t), tt.opts...)
			err := tt.call(svc)
			require.Error(t, err)
			assert.ErrorIs(t, err, transport.ErrInvalidArgument)
			var ae *transport.ArgumentError
			require.True(t, errors.As(err, &ae))
			assert.Equal(t, tt.field, ae.Field)
			assert.Empty(t, st.requests())
		})
	}
}

func TestFilterChecks(t *testing.T) {
	tests := []struct {
		name   string
		filter contacts.Filter
		field  string
	}{
		{"exists with value", contacts.Filter{Field: "phone", Operator: contacts.OpExists, Value: "x"}, "Filters[0].Value"},
		{"range without bounds", contacts.InRange("dateAdded", contacts.Range{}), "Filters[0].Value"},
		{"range of the wrong type", contacts.Filter{Field: "dateAdded", Operator: contacts.OpRange, Value: "2024"}, "Filters[0].Value"},
		{"unknown operator", contacts.Filter{Field: "email", Operator: "like", Value: "a"}, "Filters[0].Operator"},
		{"no field", contacts.Eq("", "a"), "Filters[0].Field"},
		{"eq without value", contacts.Eq("email", nil), "Filters[0].Value"},
		{"empty contains", contacts.Contains("email", " "), "Filters[0].Value"},
		{"value too long", contacts.Eq("email", strings.Repeat("a", 76)), "Filters[0].Value"},
		{"list value too long", contacts.Eq("tags", []string{"a", strings.Repeat("b", 76)}), "Filters[0].Value"},
		{"empty group", contacts.Or(), "Filters[0].Filters"},
		{"bad group", contacts.Filter{Group: "XOR", Filters: []contacts.Filter{contacts.Exists("email")}}, "Filters[0].Group"},
		{"group with a field", contacts.Filter{Group: contacts.GroupAnd, Field: "email", Filters: []contacts.Filter{contacts.Exists("email")}}, "Filters[0]"},
		{"filters without group", contacts.Filter{Filters: []contacts.Filter{contacts.Exists("email")}}, "Filters[0]"},
		{"nested problem", contacts.And(contacts.Exists("email"), contacts.Or(contacts.NotEq("x", nil))), "Filters[0].Filters[1].Filters[0].Value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := newService(t, never(t))
			_, err := svc.Search(context.Background(), contacts.SearchParams{Filters: []contacts.Filter{tt.filter}})
			var ae *transport.ArgumentError
			require.True(t, errors.As(err, &ae), "err = %v", err)
			assert.Equal(t, tt.field, ae.Field)
			assert.Empty(t, st.requests())
		})
	}
}

// The bodies the calls send: only the fields set, HighLevel's names, null to clear.
func TestRequestBodies(t *testing.T) {
	ctx := context.Background()
	okContact := func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"contact": map[string]any{"id": "c1"}, "new": true})
	}
	tests := []struct {
		name   string
		call   func(s *contacts.Service) error
		method string
		path   string
		query  string
		body   string
	}{
		{"create uses the client's location", func(s *contacts.Service) error {
			_, err := s.Create(ctx, contacts.CreateParams{FirstName: "Ada", Email: "ada@example.com", Tags: []string{"vip"},
				CustomFields: []contacts.FieldValue{contacts.Field("f1", 3)}})
			return err
		}, "POST", "/contacts/", "", `{"locationId":"loc1","firstName":"Ada","email":"ada@example.com","tags":["vip"],"customFields":[{"id":"f1","field_value":3}]}`},
		{"update clears with null and keeps zero values", func(s *contacts.Service) error {
			_, err := s.Update(ctx, "c/1", contacts.UpdateParams{Email: ptr(""), Phone: ptr("+15550100"), DND: ptr(false),
				PostalCode: ptr(""), Tags: ptr([]string(nil))})
			return err
		}, "PUT", "/contacts/c%2F1", "", `{"email":null,"phone":"+15550100","postalCode":"","dnd":false,"tags":[]}`},
		{"upsert", func(s *contacts.Service) error {
			r, err := s.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "a@b.co"}, CreateNewIfDuplicateAllowed: true})
			if err == nil && !r.New {
				return errors.New("want New")
			}
			return err
		}, "POST", "/contacts/upsert", "", `{"locationId":"loc1","email":"a@b.co","createNewIfDuplicateAllowed":true}`},
		{"duplicate lookup", func(s *contacts.Service) error {
			_, err := s.FindDuplicate(ctx, contacts.DuplicateParams{Email: "a+b@c.co", Phone: "+15550100"})
			return err
		}, "GET", "/contacts/search/duplicate", "email=a%2Bb%40c.co&locationId=loc1&number=%2B15550100", ""},
		{"search", func(s *contacts.Service) error {
			_, err := s.Search(ctx, contacts.SearchParams{Query: "ada", PageLimit: 10, Page: 2,
				Filters: []contacts.Filter{contacts.Eq("tags", []string{"vip"}), contacts.Or(contacts.Exists("phone"),
					contacts.InRange("dateAdded", contacts.Range{GTE: "2024-01-01", LT: 5}))},
				Sort: []contacts.Sort{{Field: "dateAdded", Direction: contacts.Desc}}})
			return err
		}, "POST", "/contacts/search", "", `{"locationId":"loc1","pageLimit":10,"page":2,"query":"ada",
			"filters":[{"field":"tags","operator":"eq","value":["vip"]},{"group":"OR","filters":[{"field":"phone","operator":"exists"},
			{"field":"dateAdded","operator":"range","value":{"gte":"2024-01-01","lt":5}}]}],"sort":[{"field":"dateAdded","direction":"desc"}]}`},
		{"bulk tags remove all", func(s *contacts.Service) error {
			_, err := s.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkRemoveTags, ContactIDs: []string{"a"}, RemoveAllTags: true})
			return err
		}, "POST", "/contacts/bulk/tags/update/remove", "", `{"contacts":["a"],"tags":[],"locationId":"loc1","removeAllTags":true}`},
		{"bulk business removal sends null", func(s *contacts.Service) error {
			_, err := s.BulkBusiness(ctx, contacts.BulkBusinessParams{ContactIDs: []string{"a"}})
			return err
		}, "POST", "/contacts/bulk/business", "", `{"locationId":"loc1","ids":["a"],"businessId":null}`},
		{"workflow with start time", func(s *contacts.Service) error {
			return s.AddToWorkflow(ctx, "c1", "w1", contacts.WorkflowParams{EventStartTime: mustTime("2021-06-23T03:30:00+01:00")})
		}, "POST", "/contacts/c1/workflow/w1", "", `{"eventStartTime":"2021-06-23T03:30:00+01:00"}`},
		{"campaign add", func(s *contacts.Service) error { return s.AddToCampaign(ctx, "c1", "k1") }, "POST", "/contacts/c1/campaigns/k1", "", `{}`},
		{"campaigns remove all", func(s *contacts.Service) error { return s.RemoveFromAllCampaigns(ctx, "c1") }, "DELETE", "/contacts/c1/campaigns/removeAll", "", ""},
		{"list", func(s *contacts.Service) error {
			_, err := s.List(ctx, contacts.ListParams{Query: "a", After: contacts.ListCursor{StartAfterID: "x", StartAfter: 5}}) //nolint:staticcheck // under test
			return err
		}, "GET", "/contacts/", "locationId=loc1&query=a&startAfter=5&startAfterId=x", ""},
		{"business page", func(s *contacts.Service) error {
			_, err := s.ListByBusiness(ctx, "b1", contacts.BusinessParams{Limit: 10, Skip: 20, Query: "q"})
			return err
		}, "GET", "/contacts/business/b1", "limit=10&locationId=loc1&query=q&skip=20", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := newService(t, okContact)
			require.NoError(t, tt.call(svc))
			reqs := st.requests()
			require.Len(t, reqs, 1)
			r := reqs[0]
			assert.Equal(t, tt.method, r.Method)
			assert.Equal(t, tt.path, r.Path)
			assert.Equal(t, tt.query, r.RawQuery)
			assert.Equal(t, "2021-07-28", r.Header.Get("Version"))
			if tt.body == "" {
				assert.Empty(t, r.Body)
			} else {
				assert.JSONEq(t, tt.body, string(r.Body))
			}
		})
	}
}
