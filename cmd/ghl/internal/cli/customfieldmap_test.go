package cli

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const customFieldsRoute = "/locations/{locationId}/customFields"

// customFieldLists counts the lists of the location's custom fields the command asked for.
func customFieldLists(f *fake) int {
	return len(f.srv.RequestsTo(http.MethodGet, customFieldsRoute))
}

// contactByEmail is the contact of testLocation with that email; it fails the test when there is none.
func contactByEmail(t *testing.T, f *fake, email string) ghltest.Contact {
	t.Helper()
	for _, c := range f.srv.Contacts(testLocation) {
		if c.Email == email {
			return c
		}
	}
	require.Failf(t, "no contact", "no contact has the email %q", email)
	return ghltest.Contact{}
}

// customValue is the value the contact holds for the custom field id, as text.
func customValue(c ghltest.Contact, id string) (string, bool) {
	for _, cf := range c.CustomFields {
		if cf.ID == id {
			return fmt.Sprint(cf.Value), true
		}
	}
	return "", false
}

func TestImportMapsCustomFieldsByNameOrKey(t *testing.T) {
	f := newFake(t)
	size := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Company Size"}) // key contact.company_size
	industry := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Industry", FieldKey: "contact.sector"})
	require.Equal(t, "contact.company_size", size.FieldKey)

	tests := []struct {
		name   string
		target string
		field  ghltest.CustomFieldDefinition
		lists  int // lists of the custom fields the import asks for
	}{
		{"by name", "Company Size", size, 1},
		{"by name in another case and spacing", " company  SIZE ", size, 1},
		{"by key", "contact.company_size", size, 1},
		{"by key in another case", "Contact.Company_Size", size, 1},
		{"by key without the model", "company_size", size, 1},
		{"by a key unlike the name", "sector", industry, 1},
		{"by ID, as before", "customField." + industry.ID, industry, 0},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			email := fmt.Sprintf("lead%d@example.com", i)
			in := tempPath(t, "in.csv")
			value := fmt.Sprintf("value %d", i)
			writeFile(t, in, "email,Value\n"+email+","+value+"\n")
			before := customFieldLists(f)

			res := f.run(t.Context(), []string{"import", "--in", in, "--map", "Value=" + tt.target})
			require.Equal(t, exitOK, res.code, res.stderr)
			assert.Contains(t, res.stdout, "1 created")
			assert.Equal(t, tt.lists, customFieldLists(f)-before)
			c := contactByEmail(t, f, email)
			require.Len(t, c.CustomFields, 1, "the value went to one field")
			got, ok := customValue(c, tt.field.ID)
			require.True(t, ok, "the contact has no value for %s (it has %v)", tt.field.Name, c.CustomFields)
			assert.Equal(t, value, got)
		})
	}
}

// TestImportResolvesCustomFieldsOnce lists the fields once at startup, however many mappings and rows name them.
func TestImportResolvesCustomFieldsOnce(t *testing.T) {
	f := newFake(t)
	size := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Company Size"})
	industry := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Industry"})
	var b strings.Builder
	b.WriteString("email,Size,Sector\n")
	const rows = 20
	for i := range rows {
		fmt.Fprintf(&b, "lead%d@example.com,%d,retail\n", i, 10+i)
	}
	in := tempPath(t, "in.csv")
	writeFile(t, in, b.String())

	res := f.run(t.Context(), []string{"import", "--in", in, "--map", "Size=Company Size", "--map", "Sector=contact.industry"})
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Equal(t, 1, customFieldLists(f))
	for i := range rows {
		c := contactByEmail(t, f, fmt.Sprintf("lead%d@example.com", i))
		got, ok := customValue(c, size.ID)
		assert.True(t, ok)
		assert.Equal(t, fmt.Sprint(10+i), got)
		got, ok = customValue(c, industry.ID)
		assert.True(t, ok)
		assert.Equal(t, "retail", got)
	}
}

func TestImportRefusesCustomFieldMapsThatDoNotResolve(t *testing.T) {
	f := newFake(t)
	// Keyed unlike their name, which a key without the model would match first.
	size := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Size", FieldKey: "contact.headcount"})
	f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Size", FieldKey: "contact.size_band"})
	tests := []struct {
		name string
		maps []string
		want []string
	}{
		{"unknown", []string{"Value=Colour"}, []string{`--map "Value=Colour"`, `"Colour" is neither a contact field`}},
		{"a key with another model's prefix", []string{"Value=opportunity.size"}, []string{`--map "Value=opportunity.size"`, "neither a contact field"}},
		{"ambiguous name", []string{"Value=Size"}, []string{`--map "Value=Size"`, `2 custom fields are named "Size"`, "use a field key or an ID"}},
		{"the first bad one of several", []string{"Value=contact.headcount", "Other=nope"}, []string{`--map "Other=nope"`}},
		{"one field twice", []string{"Value=contact.headcount", "Other=customField." + size.ID}, []string{`columns "Value" and "Other" both fill customField.` + size.ID}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tempPath(t, "in.csv")
			writeFile(t, in, "email,Value,Other\nada@example.com,1,2\n")
			args := []string{"import", "--in", in, "--map", "Other=-"}
			for _, m := range tt.maps {
				args = append(args, "--map", m)
			}
			res := f.run(t.Context(), args)
			assert.Equal(t, exitUsage, res.code, res.stderr)
			for _, w := range tt.want {
				assert.Contains(t, res.stderr, w)
			}
			assert.NoFileExists(t, in+".checkpoint", "the import did not start")
		})
	}
	assert.Zero(t, upserts(f))
}

// TestImportStopsWhenCustomFieldsCannotBeListed fails at startup, as an error rather than bad usage, when the
// token may not read the location's custom fields: the mapping may be right.
func TestImportStopsWhenCustomFieldsCannotBeListed(t *testing.T) {
	f := newFake(t)
	f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Company Size"})
	in := tempPath(t, "in.csv")
	writeFile(t, in, "email,Size\nada@example.com,5\n")
	token := f.srv.IssueToken(testLocation, ghltest.ScopeContactsRead, ghltest.ScopeContactsWrite)

	res := f.run(t.Context(), []string{"import", "--in", in, "--map", "Size=Company Size"}, func(e *env) {
		e.getenv = f.getenv("GHL_TOKEN", token)
	})
	assert.Equal(t, exitError, res.code, res.stderr)
	assert.Contains(t, res.stderr, `looking up the custom field of --map "Size=Company Size"`)
	assert.Contains(t, res.stderr, "401")
	assert.Zero(t, upserts(f))
}

// TestImportResumesWithCustomFieldsByName resolves the names again on resuming: the checkpoint, which names
// the fields' IDs, still matches, and every row is sent once with its custom field value.
func TestImportResumesWithCustomFieldsByName(t *testing.T) {
	f := newFake(t)
	size := f.srv.AddCustomField(ghltest.CustomFieldDefinition{Name: "Company Size"})
	const rows = 120
	var b strings.Builder
	b.WriteString("email,Size\n")
	for i := range rows {
		fmt.Fprintf(&b, "lead%d@example.com,%d\n", i, i)
	}
	in := tempPath(t, "in.csv")
	writeFile(t, in, b.String())
	args := []string{"import", "--in", in, "--concurrency", "4", "--map", "Size=company_size"}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/upsert", 30, cancel)))
	require.Equal(t, exitInterrupted, res.code, res.stderr)

	res = f.run(t.Context(), args)
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stderr, "resuming: ")
	assert.Contains(t, res.stdout, fmt.Sprintf("%d of %d rows done: %d created", rows, rows, rows))
	assert.Equal(t, rows, upserts(f), "no row is sent twice")
	assert.Equal(t, 2, customFieldLists(f), "each run resolves once")
	for i := range rows {
		got, ok := customValue(contactByEmail(t, f, fmt.Sprintf("lead%d@example.com", i)), size.ID)
		assert.True(t, ok)
		assert.Equal(t, fmt.Sprint(i), got)
	}
}
