package contacts

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The one-pass page decoder must read every record as Contact.UnmarshalJSON reads it alone, odd records and
// all, and refuse what encoding/json refuses.
func FuzzDecodePageAgreesWithUnmarshal(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a","email":"a@x.co","tags":["x"],"dateAdded":"2021-08-31T09:59:41.937Z"}`,
		`{"id":"b","phone":5550100,"dateAdded":{"$date":1},"tags":"x"}`,
		`{"id":"c","customFields":[{"id":"f","value":["a",1]}],"additionalEmails":[{"email":"e@x.co"},"f@x.co"]}`,
		`{"ID":"d","FirstName":"Ada","first_name":"Bea","dnd":"true"}`,
		`{"id":"e","dateOfBirth":"1990-09-25","dndSettings":{"SMS":{"status":"active"}}}`,
		`{"id":"f","id":"g"}`,
		`null`,
		`{"id":"h","attributionSource":{"sessionSource":"Paid","medium":3}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, record []byte) {
		page := append(append([]byte(`{"contacts":[`), record...), `],"total":1}`...)
		var want Contact
		wantErr := json.Unmarshal(record, &want)
		var total int
		got, err := decodePage(page, map[string]any{"total": &total}, 1)
		if wantErr != nil {
			if err == nil && json.Valid(record) {
				t.Fatalf("encoding/json refused %q (%v), the page decoder did not", record, wantErr)
			}
			return
		}
		if !json.Valid(page) {
			return // a record that closes the page early (a stray bracket) is another page
		}
		if err != nil {
			t.Fatalf("the page decoder refused %q: %v", record, err)
		}
		if string(record) == "null" {
			if len(got) != 0 {
				t.Fatalf("a null record decoded to %+v", got)
			}
			return
		}
		if len(got) != 1 {
			t.Fatalf("%q: %d contacts", record, len(got))
		}
		got[0].Raw, want.Raw = nil, nil
		if !reflect.DeepEqual(got[0], want) {
			t.Fatalf("%q:\n page decoder %+v\nUnmarshalJSON %+v", record, got[0], want)
		}
	})
}
