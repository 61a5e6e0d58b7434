package contacts_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/stretchr/testify/assert"
)

// Validate refuses what Upsert refuses before sending, so a bulk import can check its rows with it; the
// location is the one check it leaves to the call.
func TestUpsertValidateIsUpsertsOwnCheck(t *testing.T) {
	base := func(email, phone string) contacts.UpsertParams {
		return contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: email, Phone: phone}}
	}
	withDND := base("ada@example.com", "")
	withDND.DNDSettings = &contacts.DNDSettings{SMS: &contacts.DNDSetting{Status: "sometimes"}}
	withTag := base("", "+15550100")
	withTag.Tags = []string{"vip", " "}
	tests := []struct {
		name      string
		p         contacts.UpsertParams
		wantField string // "" for no problem
	}{
		{"an email, no location", base("ada@example.com", ""), ""},
		{"a phone", base("", "+1 555 0100"), ""},
		{"neither email nor phone", base(" ", ""), "Email"},
		{"not an email", base("ada@localhost", ""), "Email"},
		{"not a phone", base("", "call me"), "Phone"},
		{"a DND status HighLevel does not know", withDND, "DNDSettings.SMS.Status"},
		{"an empty tag", withTag, "Tags[1]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			// Upsert, given a location, refuses the same params for the same field, unsent.
			svc, seen := newScriptedService(t)
			located := tt.p
			located.LocationID = "loc1"
			_, upsertErr := svc.Upsert(context.Background(), located)
			if tt.wantField == "" {
				assert.NoError(t, err)
				assert.NoError(t, upsertErr)
				return
			}
			resourcetest.AssertArgumentError(t, err, tt.wantField)
			resourcetest.AssertArgumentError(t, upsertErr, tt.wantField)
			assert.Empty(t, seen(), "nothing was sent")
		})
	}
}

func newScriptedService(t *testing.T) (*contacts.Service, func() []*http.Request) {
	t.Helper()
	svc, seen := resourcetest.ScriptedService[*contacts.Service](t, http.StatusOK, `{"new":true,"contact":{"id":"c1"}}`)
	return svc, seen
}
