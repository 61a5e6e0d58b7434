package contacts_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Get reads the answer in one pass; what it gives must be what decoding the contact with json.Unmarshal (and
// so Contact.UnmarshalJSON's tolerance) gives, Raw included.
func TestGetDecodesAsUnmarshalDoes(t *testing.T) {
	tests := []struct {
		name, contact, answer string
	}{
		{"plain", `{"id":"c1","firstName":"Ada","dateOfBirth":"1990-09-25","dateAdded":"2021-08-31T09:59:41.937Z","customFields":[{"id":"f1","value":3}]}`, ""},
		{"other keys around", `{"id":"c1","email":"ada@example.com"}`, `{"traceId":"t1","contact":%s,"meta":{"a":[1,2]}}`},
		{"spaces", `{ "id" : "c1" , "tags" : [ "vip" ] }`, "{ \"contact\" :\n %s }"},
		{"number where text belongs", `{"id":"c1","phone":15550100,"firstName":"Ada"}`, ""},
		{"text where a list belongs", `{"id":"c1","tags":"vip","dnd":"true"}`, ""},
		{"odd date", `{"id":"c1","dateAdded":"next tuesday"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answer := `{"contact":` + tt.contact + `}`
			if tt.answer != "" {
				answer = fmt.Sprintf(tt.answer, tt.contact)
			}
			svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(answer))
			})
			got, err := svc.Get(t.Context(), "c1")
			require.NoError(t, err)
			var want contacts.Contact
			require.NoError(t, json.Unmarshal([]byte(tt.contact), &want))
			assert.Equal(t, want, *got)
			assert.Equal(t, tt.contact, string(got.Raw))
			id, ok := got.Field("id")
			assert.True(t, ok)
			assert.JSONEq(t, `"c1"`, string(id))
		})
	}
}

func TestGetRefusesAnswersWithoutAContact(t *testing.T) {
	for _, answer := range []string{``, `{}`, `{"contact":null}`, `[]`, `{"other":1}`} {
		t.Run(answer, func(t *testing.T) {
			svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(answer))
			})
			got, err := svc.Get(t.Context(), "c1")
			assert.Nil(t, got)
			var de *transport.DecodeError
			assert.ErrorAs(t, err, &de)
		})
	}
}

func TestGetRetriesAnAnswerCutShortThenSaysSo(t *testing.T) {
	var sent atomic.Int32
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"contact":{"id":"c1"`))
	})
	got, err := svc.Get(t.Context(), "c1")
	assert.Nil(t, got)
	var be *transport.BodyError
	assert.ErrorAs(t, err, &be, "a body that ends before its JSON does is cut short, not malformed")
	assert.ErrorIs(t, err, transport.ErrTemporary)
	assert.Greater(t, sent.Load(), int32(1), "a read cut short is retried")
}
