package contacts_test

import (
	"encoding/json"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAdditionalReadsTextAndObjects(t *testing.T) {
	tests := []struct {
		name, json string
		want       contacts.Additional
	}{
		{"text", `["ada@work.example","ada@home.example"]`, contacts.Additional{"ada@work.example", "ada@home.example"}},
		{"objects", `[{"email":"ada@work.example"},{"phone":"+15550199"}]`, contacts.Additional{"ada@work.example", "+15550199"}},
		{"mixed, with what is neither skipped", `["a@x.example",{"other":1},2,null,{"email":""}]`, contacts.Additional{"a@x.example"}},
		{"empty", `[]`, nil},
		{"not a list", `{"email":"a@x.example"}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c contacts.Contact
			require.NoError(t, json.Unmarshal([]byte(`{"id":"c1","additionalEmails":`+tt.json+`}`), &c))
			assert.Equal(t, tt.want, c.AdditionalEmails)
			assert.Equal(t, "c1", c.ID)
		})
	}
}

func TestAdditionalReadsEscapesAndSpacing(t *testing.T) {
	var c contacts.Contact
	body := `{"additionalEmails":[ { "email" : "a\"b@x.example" }, "c\u0040x.example" ],"additionalPhones":[{"phone":"+1 555"}]}`
	require.NoError(t, json.Unmarshal([]byte(body), &c))
	assert.Equal(t, contacts.Additional{`a"b@x.example`, "c@x.example"}, c.AdditionalEmails)
	assert.Equal(t, contacts.Additional{"+1 555"}, c.AdditionalPhones)
}
