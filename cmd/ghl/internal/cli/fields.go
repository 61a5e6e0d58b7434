package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
)

// The contact fields a column can fill, by their HighLevel names.
var importFields = []string{
	"firstName", "lastName", "name", "email", "phone", "companyName", "gender", "address1", "city", "state",
	"postalCode", "country", "website", "timezone", "source", "assignedTo", "dateOfBirth", "dnd", "tags",
	"customFields",
}

const (
	skipField         = "-"
	customFieldPrefix = "customField."
)

// fieldAliases are other common header spellings, normalised (see normalise).
var fieldAliases = map[string]string{
	"first": "firstName", "given": "firstName", "givenname": "firstName",
	"last": "lastName", "surname": "lastName", "familyname": "lastName",
	"fullname": "name", "contactname": "name",
	"emailaddress": "email", "mail": "email",
	"phonenumber": "phone", "mobile": "phone", "mobilephone": "phone", "mobilenumber": "phone", "cell": "phone", "telephone": "phone",
	"company": "companyName", "business": "companyName", "businessname": "companyName", "organization": "companyName",
	"address": "address1", "street": "address1", "streetaddress": "address1", "addressline1": "address1",
	"zip": "postalCode", "zipcode": "postalCode", "postcode": "postalCode",
	"dob": "dateOfBirth", "birthday": "dateOfBirth", "birthdate": "dateOfBirth",
	"tag": "tags", "region": "state", "province": "state", "url": "website", "tz": "timezone",
}

// readOnlyColumns are columns 'ghl export' writes that an upsert cannot set; they are skipped by default.
var readOnlyColumns = []string{"id", "contactid", "dateadded", "dateupdated", "type", "locationid"}

// normalise folds a column name for matching: "First Name", "first_name" and "FIRSTNAME" are one name.
func normalise(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// canonicalField names the field a column name or --map target means, or "".
func canonicalField(name string) string {
	name = strings.TrimSpace(name)
	if name == skipField {
		return skipField
	}
	if id, ok := strings.CutPrefix(name, customFieldPrefix); ok && strings.TrimSpace(id) != "" {
		return customFieldPrefix + strings.TrimSpace(id)
	}
	n := normalise(name)
	for _, f := range importFields {
		if normalise(f) == n {
			return f
		}
	}
	return fieldAliases[n]
}

// columnMap says which field each column fills ("" or skipField: none).
type columnMap struct {
	header  []string
	targets []string
	// pending are the --map targets that are no contact field, by column: custom field names or keys, which
	// resolveCustomFields turns into customField.ID targets.
	pending map[int]customFieldRef
}

// buildColumnMap matches the header to fields, --map overriding (COLUMN=FIELD, or #N=FIELD for the Nth column).
// A column that matches nothing is an error, so that no data is dropped silently. A --map target that is no
// contact field is taken for a custom field's name or key and left pending for resolveCustomFields. skipped
// lists the read-only columns passed over, for a notice.
func buildColumnMap(header []string, maps []string) (m *columnMap, skipped []string, err error) {
	m = &columnMap{header: header, targets: make([]string, len(header)), pending: map[int]customFieldRef{}}
	mapped := make([]bool, len(header))
	for _, spec := range maps {
		col, field, ok := strings.Cut(spec, "=")
		if !ok || strings.TrimSpace(field) == "" {
			return nil, nil, fmt.Errorf("--map %q: want COLUMN=FIELD (or COLUMN=- to skip it)", spec)
		}
		i := findColumn(header, col)
		if i < 0 {
			return nil, nil, fmt.Errorf("--map %q: the header has no column %q (it has %s)", spec, col, quoteList(header))
		}
		mapped[i] = true
		target := canonicalField(field)
		if target == "" {
			m.targets[i] = ""
			m.pending[i] = customFieldRef{spec: spec, ref: strings.TrimSpace(field)}
			continue
		}
		delete(m.pending, i)
		m.targets[i] = target
	}
	// A rejects file starts with "line", "reason" and "raw": it can be fixed and imported as it is.
	fromRejects := 0
	if len(header) > 2 && header[0] == "line" && header[1] == "reason" {
		fromRejects = 2
		if len(header) > 3 && header[2] == "raw" {
			fromRejects = 3
		}
	}
	var unknown []string
	for i, h := range header {
		if mapped[i] {
			continue
		}
		switch t := canonicalField(h); {
		case t != "" && t != skipField:
			m.targets[i] = t
		case slices.Contains(readOnlyColumns, normalise(h)), i < fromRejects:
			m.targets[i] = skipField
			skipped = append(skipped, h)
		default:
			unknown = append(unknown, columnName(header, i))
		}
	}
	if len(unknown) > 0 {
		return nil, nil, fmt.Errorf("no contact field for column %s: map it with --map 'COLUMN=FIELD' (fields: %s, a custom field's name or key, customField.ID), or skip it with --map 'COLUMN=-'",
			quoteList(unknown), strings.Join(importFields, ", "))
	}
	if err := m.checkDuplicates(); err != nil {
		return nil, nil, err
	}
	if !slices.Contains(m.targets, "email") && !slices.Contains(m.targets, "phone") {
		return nil, nil, fmt.Errorf("no column gives an email or a phone, which upsert needs to find the contact; map one with --map 'COLUMN=email'")
	}
	return m, skipped, nil
}

// checkDuplicates refuses two columns that fill one field, which would send one value and drop the other.
// Pending targets are passed over until they are resolved.
func (m *columnMap) checkDuplicates() error {
	seen := map[string]int{}
	for i, t := range m.targets {
		if t == skipField || t == "" {
			continue
		}
		if j, dup := seen[t]; dup {
			return fmt.Errorf("columns %q and %q both fill %s; skip one with --map '%s=-'", columnName(m.header, j), columnName(m.header, i), t, columnName(m.header, i))
		}
		seen[t] = i
	}
	return nil
}

func findColumn(header []string, col string) int {
	if n, err := strconv.Atoi(strings.TrimPrefix(col, "#")); err == nil && strings.HasPrefix(col, "#") {
		if n >= 1 && n <= len(header) {
			return n - 1
		}
		return -1
	}
	for i, h := range header {
		if h == col {
			return i
		}
	}
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(col)) {
			return i
		}
	}
	return -1
}

func columnName(header []string, i int) string {
	if strings.TrimSpace(header[i]) == "" {
		return fmt.Sprintf("#%d", i+1)
	}
	return header[i]
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// params builds the upsert of one row, or says why the row cannot be sent.
func (m *columnMap) params(fields []string, extraTags []string) (contacts.UpsertParams, string) {
	var p contacts.UpsertParams
	tags := slices.Clone(extraTags)
	for i, raw := range fields {
		t := m.targets[i]
		v := strings.TrimSpace(raw)
		if t == "" || t == skipField || v == "" {
			continue
		}
		if id, ok := strings.CutPrefix(t, customFieldPrefix); ok {
			p.CustomFields = append(p.CustomFields, contacts.Field(id, v))
			continue
		}
		switch t {
		case "firstName":
			p.FirstName = v
		case "lastName":
			p.LastName = v
		case "name":
			p.Name = v
		case "email":
			p.Email = v
		case "phone":
			p.Phone = v
		case "companyName":
			p.CompanyName = v
		case "gender":
			p.Gender = v
		case "address1":
			p.Address1 = v
		case "city":
			p.City = v
		case "state":
			p.State = v
		case "postalCode":
			p.PostalCode = v
		case "country":
			p.Country = v
		case "website":
			p.Website = v
		case "timezone":
			p.Timezone = v
		case "source":
			p.Source = v
		case "assignedTo":
			p.AssignedTo = v
		case "dateOfBirth":
			p.DateOfBirth = v
		case "dnd":
			b, ok := parseBool(v)
			if !ok {
				return p, fmt.Sprintf("dnd %q is not true or false", v)
			}
			p.DND = b
		case "tags":
			tags = append(tags, strings.Split(v, ",")...)
		case "customFields":
			cf, err := parseCustomFields(v)
			if err != nil {
				return p, fmt.Sprintf("customFields: %v", err)
			}
			p.CustomFields = append(p.CustomFields, cf...)
		}
	}
	p.Tags = cleanTags(tags)
	return p, validate(&p)
}

// validate applies the checks the SDK makes before it sends an upsert, so that a row that is bound to fail
// is reported as a row problem instead of a failed request.
func validate(p *contacts.UpsertParams) string {
	if p.Email == "" && p.Phone == "" {
		return "no email and no phone: upsert needs one of them to find the contact"
	}
	var argErr *ghl.ArgumentError
	if !errors.As(p.Validate(), &argErr) {
		return ""
	}
	switch argErr.Field {
	case "Email":
		return fmt.Sprintf("invalid email address %q", p.Email)
	case "Phone":
		return fmt.Sprintf("invalid phone number %q", p.Phone)
	}
	return argErr.Error()
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "y", "1":
		return true, true
	case "false", "no", "n", "0":
		return false, true
	}
	return false, false
}

// parseCustomFields reads the customFields column 'ghl export' writes: [{"id":"...","value":...}, ...].
func parseCustomFields(s string) ([]contacts.FieldValue, error) {
	var in []struct {
		ID    string          `json:"id"`
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("not a JSON list of {\"id\", \"value\"}: %v", err)
	}
	out := make([]contacts.FieldValue, 0, len(in))
	for _, f := range in {
		if f.ID == "" {
			return nil, fmt.Errorf("a custom field has no id")
		}
		out = append(out, contacts.Field(f.ID, f.Value))
	}
	return out, nil
}

// cleanTags trims tags and drops empty ones and repeats (HighLevel compares tags without case).
func cleanTags(tags []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.TrimSpace(t)
		k := strings.ToLower(t)
		if t == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}
