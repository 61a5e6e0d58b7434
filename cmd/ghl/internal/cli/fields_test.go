package cli

import (
	"context"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildColumnMapMatchesCommonSpellings(t *testing.T) {
	header := []string{"First Name", "last_name", "E-MAIL", "Mobile", "Zip", "Company", "id", "Date Added", "customField.abc", "Notes"}
	m, skipped, err := buildColumnMap(header, []string{"Notes=-"})
	require.NoError(t, err)
	assert.Equal(t, []string{"firstName", "lastName", "email", "phone", "postalCode", "companyName", "-", "-", "customField.abc", "-"}, m.targets)
	assert.Equal(t, []string{"id", "Date Added"}, skipped)

	m, _, err = buildColumnMap([]string{"", "x"}, []string{"#1=email", "x=customField.k1"})
	require.NoError(t, err)
	assert.Equal(t, []string{"email", "customField.k1"}, m.targets)
}

func TestColumnMapParams(t *testing.T) {
	m, _, err := buildColumnMap([]string{"email", "phone", "tags", "dnd", "customFields", "cf.x", "first"}, []string{"cf.x=customField.x"})
	require.NoError(t, err)
	tests := []struct {
		name    string
		row     []string
		extra   []string
		want    contacts.UpsertParams
		problem string
	}{
		{
			name:  "every kind of column",
			row:   []string{" ada@example.com ", "+1 (555) 010-0100", "vip, Math ,,vip", "yes", `[{"id":"k","value":3}]`, "blue", "Ada"},
			extra: []string{"imported", "VIP"},
			want: contacts.UpsertParams{CreateParams: contacts.CreateParams{
				Email: "ada@example.com", Phone: "+1 (555) 010-0100", FirstName: "Ada", DND: true,
				Tags:         []string{"imported", "VIP", "Math"},
				CustomFields: []contacts.FieldValue{contacts.Field("k", []byte("3")), contacts.Field("x", "blue")},
			}},
		},
		{name: "phone only", row: []string{"", "5550100100", "", "", "", "", ""}, want: contacts.UpsertParams{CreateParams: contacts.CreateParams{Phone: "5550100100"}}},
		{name: "plus address on a subdomain", row: []string{"ada+crm@mail.example.photography", "", "", "", "", "", ""}, want: contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "ada+crm@mail.example.photography"}}},
		{name: "international address", row: []string{"jörg@bücher.de", "", "", "", "", "", ""}, want: contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "jörg@bücher.de"}}},
		{name: "neither", row: []string{"", " ", "", "", "", "", "Ada"}, problem: "no email and no phone"},
		{name: "display name", row: []string{"Ada <ada@example.com>", "", "", "", "", "", ""}, problem: "invalid email"},
		{name: "no domain dot", row: []string{"ada@localhost", "", "", "", "", "", ""}, problem: "invalid email"},
		{name: "a@b", row: []string{"a@b", "", "", "", "", "", ""}, problem: "invalid email"},
		{name: "not an email", row: []string{"not-an-email", "", "", "", "", "", ""}, problem: "invalid email"},
		{name: "two addresses", row: []string{"a@example.com, b@example.com", "", "", "", "", "", ""}, problem: "invalid email"},
		{name: "letters in phone", row: []string{"", "call me", "", "", "", "", ""}, problem: "invalid phone"},
		{name: "short phone", row: []string{"", "12345", "", "", "", "", ""}, problem: "invalid phone"},
		{name: "bad dnd", row: []string{"a@example.com", "", "", "maybe", "", "", ""}, problem: "dnd"},
		{name: "bad custom fields", row: []string{"a@example.com", "", "", "", "{", "", ""}, problem: "customFields"},
		{name: "custom field without id", row: []string{"a@example.com", "", "", "", `[{"value":1}]`, "", ""}, problem: "no id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, problem := m.params(tt.row, tt.extra)
			if tt.problem != "" {
				assert.Contains(t, problem, tt.problem)
				return
			}
			require.Empty(t, problem)
			if tt.want.CustomFields != nil {
				require.Len(t, p.CustomFields, len(tt.want.CustomFields))
				for i, f := range tt.want.CustomFields {
					assert.Equal(t, f.ID, p.CustomFields[i].ID)
					assert.EqualValues(t, f.Value, p.CustomFields[i].Value)
				}
				p.CustomFields, tt.want.CustomFields = nil, nil
			}
			assert.Equal(t, tt.want, p)
		})
	}
}

// TestBuildColumnMapLeavesCustomFieldNamesPending keeps a --map target that is no contact field for the
// custom field lookup, and lets a later --map of the same column replace it.
func TestBuildColumnMapLeavesCustomFieldNamesPending(t *testing.T) {
	m, _, err := buildColumnMap([]string{"email", "Size", "Sector"}, []string{"Size=Company Size", "Sector=industry", "Sector=city"})
	require.NoError(t, err)
	assert.Equal(t, []string{"email", "", "city"}, m.targets)
	assert.Equal(t, map[int]customFieldRef{1: {spec: "Size=Company Size", ref: "Company Size"}}, m.pending)

	lookups := map[string]string{}
	err = m.resolveCustomFields(t.Context(), func(_ context.Context, ref string) (string, error) {
		lookups[ref] = "cf-size"
		return "cf-size", nil
	})
	require.NoError(t, err)
	assert.Equal(t, []string{"email", "customField.cf-size", "city"}, m.targets)
	assert.Empty(t, m.pending)
	assert.Equal(t, map[string]string{"Company Size": "cf-size"}, lookups)
	p, problem := m.params([]string{"a@example.com", "50", "Paris"}, nil)
	require.Empty(t, problem)
	require.Len(t, p.CustomFields, 1)
	assert.Equal(t, contacts.Field("cf-size", "50"), p.CustomFields[0])
}
