package contacts_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fill sets every exported field of v, recursively, to a value that is not zero and names the field, so
// that a field dropped, renamed or retagged shows in the JSON.
func fill(v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("v-" + name)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Interface:
		v.Set(reflect.ValueOf("v-" + name))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), name)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		fill(v.Index(0), name+"0")
		fill(v.Index(1), name+"1")
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if f.IsExported() {
				fill(v.Field(i), f.Name)
			}
		}
	}
}

// The JSON of fully filled create and upsert params, as sent before the two types shared one field set.
const (
	wantCreateJSON = `{"locationId":"v-LocationID","firstName":"v-FirstName","lastName":"v-LastName","name":"v-Name","email":"v-Email","phone":"v-Phone","companyName":"v-CompanyName","gender":"v-Gender","address1":"v-Address1","city":"v-City","state":"v-State","postalCode":"v-PostalCode","country":"v-Country","website":"v-Website","timezone":"v-Timezone","source":"v-Source","assignedTo":"v-AssignedTo","dateOfBirth":"v-DateOfBirth","dnd":true,"dndSettings":{"Call":{"status":"v-Status","message":"v-Message","code":"v-Code"},"Email":{"status":"v-Status","message":"v-Message","code":"v-Code"},"SMS":{"status":"v-Status","message":"v-Message","code":"v-Code"},"WhatsApp":{"status":"v-Status","message":"v-Message","code":"v-Code"},"GMB":{"status":"v-Status","message":"v-Message","code":"v-Code"},"FB":{"status":"v-Status","message":"v-Message","code":"v-Code"},"RCS":{"status":"v-Status","message":"v-Message","code":"v-Code"}},"inboundDndSettings":{"all":{"status":"v-Status","message":"v-Message","code":"v-Code"}},"tags":["v-Tags0","v-Tags1"],"customFields":[{"id":"v-ID","key":"v-Key","field_value":"v-Value"},{"id":"v-ID","key":"v-Key","field_value":"v-Value"}]}`
	wantUpsertJSON = `{"locationId":"v-LocationID","firstName":"v-FirstName","lastName":"v-LastName","name":"v-Name","email":"v-Email","phone":"v-Phone","companyName":"v-CompanyName","gender":"v-Gender","address1":"v-Address1","city":"v-City","state":"v-State","postalCode":"v-PostalCode","country":"v-Country","website":"v-Website","timezone":"v-Timezone","source":"v-Source","assignedTo":"v-AssignedTo","dateOfBirth":"v-DateOfBirth","dnd":true,"dndSettings":{"Call":{"status":"v-Status","message":"v-Message","code":"v-Code"},"Email":{"status":"v-Status","message":"v-Message","code":"v-Code"},"SMS":{"status":"v-Status","message":"v-Message","code":"v-Code"},"WhatsApp":{"status":"v-Status","message":"v-Message","code":"v-Code"},"GMB":{"status":"v-Status","message":"v-Message","code":"v-Code"},"FB":{"status":"v-Status","message":"v-Message","code":"v-Code"},"RCS":{"status":"v-Status","message":"v-Message","code":"v-Code"}},"inboundDndSettings":{"all":{"status":"v-Status","message":"v-Message","code":"v-Code"}},"tags":["v-Tags0","v-Tags1"],"customFields":[{"id":"v-ID","key":"v-Key","field_value":"v-Value"},{"id":"v-ID","key":"v-Key","field_value":"v-Value"}],"createNewIfDuplicateAllowed":true}`
)

// Create and upsert params keep their JSON, field for field, whatever Go shape they take.
func TestCreateAndUpsertParamsJSONUnchanged(t *testing.T) {
	tests := []struct {
		name   string
		v      any
		filled bool
		want   string
	}{
		{"create", &contacts.CreateParams{}, true, wantCreateJSON},
		{"upsert", &contacts.UpsertParams{}, true, wantUpsertJSON},
		{"create zero", &contacts.CreateParams{}, false, `{"locationId":""}`},
		{"upsert zero", &contacts.UpsertParams{}, false, `{"locationId":""}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.filled {
				fill(reflect.ValueOf(tt.v).Elem(), "")
			}
			got, err := json.Marshal(tt.v)
			require.NoError(t, err)
			assert.JSONEq(t, tt.want, string(got))
			assert.Equal(t, tt.want, string(got), "field order")
		})
	}
}
