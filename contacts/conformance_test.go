package contacts_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/conformance"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const specPath = "../testdata/openapi/apps/contacts.json"

// contactOperations are the operations this package wraps.
var contactOperations = []string{
	"create-contact", "get-contact", "update-contact", "delete-contact", "upsert-contact",
	"search-contacts-advanced", "get-duplicate-contact", "get-contacts-by-businessId", "get-contacts",
	"add-followers-contact", "remove-followers-contact", "add-contact-to-campaign", "remove-contact-from-campaign",
	"remove-contact-from-every-campaign", "add-contact-to-workflow", "delete-contact-from-workflow",
	"create-association", "add-remove-contact-from-business",
}

// TestEveryOperationAgainstGhltest calls every operation of the package against ghltest, checks what each
// answers, then checks every request that reached the server against HighLevel's spec.
func TestEveryOperationAgainstGhltest(t *testing.T) {
	f := newFake(t)
	ctx := context.Background()
	svc := f.svc

	ada, err := svc.Create(ctx, contacts.CreateParams{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com",
		Phone: "+1 555 010 0001", Tags: []string{"vip"}, DateOfBirth: "1815-12-10", CompanyName: "Analytical",
		DNDSettings:  &contacts.DNDSettings{SMS: &contacts.DNDSetting{Status: contacts.DNDActive}},
		CustomFields: []contacts.FieldValue{contacts.Field("score", 90), contacts.Field("plan", "gold")}})
	require.NoError(t, err)
	assert.Equal(t, "+15550100001", ada.Phone)
	assert.Equal(t, f.loc, ada.LocationID)
	assert.True(t, ada.DateAdded.Valid())

	got, err := svc.Get(ctx, ada.ID)
	require.NoError(t, err)
	score, _ := got.CustomField("score")
	n, ok := score.Number()
	assert.True(t, ok)
	assert.Equal(t, 90.0, n)

	upd, err := svc.Update(ctx, ada.ID, contacts.UpdateParams{LastName: ptr("King"), Email: ptr(""), DND: ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, "King", upd.LastName)
	assert.Empty(t, upd.Email, "null cleared the email")
	assert.True(t, upd.DND)
	assert.Equal(t, "Ada", upd.FirstName, "fields left nil are kept")

	up, err := svc.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Phone: "+15550100001", Email: "ada@example.org"}})
	require.NoError(t, err)
	assert.False(t, up.New)
	assert.Equal(t, ada.ID, up.Contact.ID)
	grace, err := svc.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{FirstName: "Grace", Email: "grace@navy.mil", Tags: []string{"navy"}}})
	require.NoError(t, err)
	assert.True(t, grace.New)

	dup, err := svc.FindDuplicate(ctx, contacts.DuplicateParams{Email: "grace@navy.mil"})
	require.NoError(t, err)
	require.NotNil(t, dup)
	assert.Equal(t, grace.Contact.ID, dup.ID)

	page, err := svc.Search(ctx, contacts.SearchParams{Query: "ada", PageLimit: 10, Page: 1,
		Filters: []contacts.Filter{contacts.Or(contacts.Eq("tags", "vip"), contacts.Exists("phone")),
			contacts.InRange("dateAdded", contacts.Range{GTE: time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)})},
		Sort: []contacts.Sort{{Field: "dateAdded", Direction: contacts.Asc}}})
	require.NoError(t, err)
	require.Len(t, page.Contacts, 1)
	assert.Equal(t, ada.ID, page.Contacts[0].ID)
	var all []string
	for c, err := range svc.SearchAll(ctx, contacts.SearchParams{Filters: []contacts.Filter{contacts.NotEq("tags", "nothing")}}) {
		require.NoError(t, err)
		all = append(all, c.ID)
	}
	assert.ElementsMatch(t, []string{ada.ID, grace.Contact.ID}, all)

	var listed []string
	for c, err := range svc.ListAll(ctx, contacts.ListParams{Limit: 1}) { //nolint:staticcheck // the deprecated endpoint is wrapped too
		require.NoError(t, err)
		listed = append(listed, c.ID)
	}
	assert.Equal(t, []string{ada.ID, grace.Contact.ID}, listed)

	fol, err := svc.AddFollowers(ctx, ada.ID, []string{"u1", "u2"})
	require.NoError(t, err)
	assert.Equal(t, []string{"u1", "u2"}, fol.Added)
	fol, err = svc.RemoveFollowers(ctx, ada.ID, []string{"u1"})
	require.NoError(t, err)
	assert.Equal(t, []string{"u2"}, fol.Followers)
	assert.Equal(t, []string{"u1"}, fol.Removed)

	require.NoError(t, svc.AddToCampaign(ctx, ada.ID, "k1"))
	require.NoError(t, svc.AddToCampaign(ctx, ada.ID, "k2"))
	require.NoError(t, svc.RemoveFromCampaign(ctx, ada.ID, "k1"))
	assert.Equal(t, []string{"k2"}, f.srv.Campaigns(ada.ID))
	require.NoError(t, svc.RemoveFromAllCampaigns(ctx, ada.ID))
	assert.Empty(t, f.srv.Campaigns(ada.ID))

	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	require.NoError(t, svc.AddToWorkflow(ctx, ada.ID, "w1", contacts.WorkflowParams{EventStartTime: start}))
	require.NoError(t, svc.AddToWorkflow(ctx, ada.ID, "w2", contacts.WorkflowParams{}))
	require.NoError(t, svc.RemoveFromWorkflow(ctx, ada.ID, "w2"))
	wf := f.srv.Workflows(ada.ID)
	require.Len(t, wf, 1)
	assert.Equal(t, "2026-01-02T03:04:05Z", wf[0].EventStartTime)

	bt, err := svc.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkAddTags, ContactIDs: []string{ada.ID, grace.Contact.ID, "missing"}, Tags: []string{"export"}})
	require.NoError(t, err)
	assert.Equal(t, 1, bt.ErrorCount)
	require.Len(t, bt.Responses, 3)
	assert.Equal(t, []string{"export"}, bt.Responses[0].TagsAdded)
	bt, err = svc.BulkTags(ctx, contacts.BulkTagsParams{Action: contacts.BulkRemoveTags, ContactIDs: []string{grace.Contact.ID}, RemoveAllTags: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"navy", "export"}, bt.Responses[0].TagsRemoved)

	bb, err := svc.BulkBusiness(ctx, contacts.BulkBusinessParams{ContactIDs: []string{ada.ID, grace.Contact.ID}, BusinessID: "biz1"})
	require.NoError(t, err)
	assert.True(t, bb.Success)
	var ofBusiness []string
	for c, err := range svc.ListByBusinessAll(ctx, "biz1", contacts.BusinessParams{Limit: 1}) {
		require.NoError(t, err)
		ofBusiness = append(ofBusiness, c.ID)
	}
	assert.Equal(t, []string{ada.ID, grace.Contact.ID}, ofBusiness)
	_, err = svc.BulkBusiness(ctx, contacts.BulkBusinessParams{ContactIDs: []string{grace.Contact.ID}})
	require.NoError(t, err)
	bp, err := svc.ListByBusiness(ctx, "biz1", contacts.BusinessParams{})
	require.NoError(t, err)
	assert.Equal(t, 1, bp.Total)

	require.NoError(t, svc.Delete(ctx, grace.Contact.ID))
	_, err = svc.Get(ctx, grace.Contact.ID)
	assert.ErrorIs(t, err, errNotFound)

	checkConformance(t, f.srv, contactOperations)
}

// checkConformance checks every request the server recorded against the spec and that each operation in want
// was called at least once.
func checkConformance(t *testing.T, srv *ghltest.Server, want []string) {
	t.Helper()
	spec := conformance.Load(t, specPath)
	reqs := resourcetest.Recorded(srv)
	seen := spec.CheckAll(t, reqs)
	for _, id := range want {
		assert.Positive(t, seen[id], "operation %s was not exercised", id)
	}
	for id := range seen {
		assert.True(t, slices.Contains(want, id), "unexpected operation %s", id)
	}
}

// The search body HighLevel's spec leaves empty is checked against its guide too: a body with every kind of
// filter conforms.
func TestSearchBodiesConform(t *testing.T) {
	f := newFake(t)
	f.srv.SeedContacts(f.loc, 30, ghltest.SeedOptions{CustomFieldID: "score"})
	ctx := context.Background()
	params := []contacts.SearchParams{
		{Filters: []contacts.Filter{contacts.Eq("email", "ada.lovelace.0@x.example.com"), contacts.NotEq("phone", "+15550000001")}},
		{Filters: []contacts.Filter{contacts.Contains("firstNameLowerCase", "ad"), contacts.NotContains("lastName", "zz")}},
		{Filters: []contacts.Filter{contacts.Exists("phone"), contacts.NotExists("companyName")}},
		{Filters: []contacts.Filter{contacts.InRange(contacts.CustomFieldName("score"), contacts.Range{GT: 10, LTE: 20})}},
		{Filters: []contacts.Filter{contacts.And(contacts.Eq("tags", []string{"vip", "lead"}), contacts.Or(contacts.Eq("dnd", false), contacts.Exists("email")))}},
		{Query: "grace", Sort: []contacts.Sort{{Field: "email", Direction: contacts.Desc}}, PageLimit: 500},
	}
	for _, p := range params {
		_, err := f.svc.Search(ctx, p)
		require.NoError(t, err)
	}
	n := 0
	for _, err := range f.svc.SearchAll(ctx, contacts.SearchParams{PageLimit: 7}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 30, n)
	checkConformance(t, f.srv, []string{"search-contacts-advanced"})
	var last map[string]any
	reqs := f.srv.RequestsTo("POST", "/contacts/search")
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &last))
	assert.Contains(t, last, "searchAfter")
}
