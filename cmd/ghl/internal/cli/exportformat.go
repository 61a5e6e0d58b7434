package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/contacts"
)

// contactWriter writes contacts in one format.
type contactWriter interface {
	// header writes what comes before the first contact (nothing for jsonl).
	header() error
	write(c *contacts.Contact) error
	// flush hands everything written so far to the underlying writer.
	flush() error
}

func newContactWriter(format string, w io.Writer) contactWriter {
	if format == "csv" {
		return &csvContacts{w: csv.NewWriter(w)}
	}
	return &jsonlContacts{w: w}
}

// jsonlContacts writes each contact's JSON as HighLevel sent it (custom and unknown fields included), on one
// line.
type jsonlContacts struct {
	w   io.Writer
	buf bytes.Buffer
}

func (j *jsonlContacts) header() error { return nil }

func (j *jsonlContacts) write(c *contacts.Contact) error {
	j.buf.Reset()
	raw := c.Raw
	if len(raw) == 0 {
		b, err := json.Marshal(c)
		if err != nil {
			return err
		}
		raw = b
	}
	// Compact, so that a pretty-printed answer still gives one line per contact.
	if err := json.Compact(&j.buf, raw); err != nil {
		return err
	}
	j.buf.WriteByte('\n')
	_, err := j.w.Write(j.buf.Bytes())
	return err
}

func (j *jsonlContacts) flush() error { return nil }

// exportColumns are the csv columns, named as the import reads them back.
var exportColumns = []string{
	"id", "firstName", "lastName", "email", "phone", "companyName", "address1", "city", "state", "postalCode",
	"country", "website", "timezone", "source", "type", "assignedTo", "dnd", "tags", "dateOfBirth",
	"dateAdded", "dateUpdated", "customFields",
}

const exportColumnList = "id, firstName, lastName, email, phone, companyName, address1, city, state,\n" +
	"                       postalCode, country, website, timezone, source, type, assignedTo, dnd, tags,\n" +
	"                       dateOfBirth, dateAdded, dateUpdated, customFields"

type csvContacts struct {
	w   *csv.Writer
	row []string
}

func (c *csvContacts) header() error { return c.w.Write(exportColumns) }

func (c *csvContacts) write(k *contacts.Contact) error {
	cf := ""
	if len(k.CustomFields) > 0 {
		b, err := json.Marshal(k.CustomFields)
		if err != nil {
			return err
		}
		cf = string(b)
	}
	c.row = append(c.row[:0],
		k.ID, k.FirstName, k.LastName, k.Email, k.Phone, k.CompanyName, k.Address1, k.City, k.State, k.PostalCode,
		k.Country, k.Website, k.Timezone, k.Source, k.Type, k.AssignedTo, strconv.FormatBool(k.DND),
		strings.Join(k.Tags, ","), formatDate(k.DateOfBirth, time.DateOnly),
		formatDate(k.DateAdded, "2006-01-02T15:04:05.000Z07:00"), formatDate(k.DateUpdated, "2006-01-02T15:04:05.000Z07:00"), cf,
	)
	return c.w.Write(c.row)
}

func (c *csvContacts) flush() error {
	c.w.Flush()
	return c.w.Error()
}

// formatDate writes a time in UTC, or HighLevel's text when it could not be read, or "" when absent.
func formatDate(t api.Time, layout string) string {
	switch {
	case t.Valid():
		return t.UTC().Format(layout)
	case t.Raw != "":
		return t.Raw
	}
	return ""
}
