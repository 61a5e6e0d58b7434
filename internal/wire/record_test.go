package wire

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type plainRecord struct {
	ID    string          `json:"id"`
	Name  string          `json:"name"`
	Count int             `json:"count"`
	Raw   json.RawMessage `json:"-"`
}

func TestPlain(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    plainRecord
		wantErr bool
	}{
		{name: "id", data: `{"id":"r1","name":"a","count":2}`, want: plainRecord{ID: "r1", Name: "a", Count: 2}},
		{name: "legacy id", data: `{"_id":"r2","name":"b"}`, want: plainRecord{ID: "r2", Name: "b"}},
		{name: "id wins over the legacy one", data: `{"id":"r1","_id":"r2"}`, want: plainRecord{ID: "r1"}},
		{name: "a field of the wrong type is left zero", data: `{"id":"r3","name":"c","count":"many"}`, want: plainRecord{ID: "r3", Name: "c"}},
		{name: "null leaves the record as it was", data: `null`, want: plainRecord{ID: "before", Name: "kept"}},
		{name: "malformed JSON fails and leaves the record", data: `{"id":`, want: plainRecord{ID: "before", Name: "kept"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := plainRecord{ID: "before", Name: "kept"}
			err := Plain([]byte(tt.data), &rec, &rec.ID, &rec.Raw)
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
			if tt.data != "null" && !tt.wantErr {
				assert.JSONEq(t, tt.data, string(rec.Raw))
				rec.Raw = nil
			}
			assert.Equal(t, tt.want, rec)
		})
	}
}

func TestPlainCopiesRaw(t *testing.T) {
	data := []byte(`{"id":"r1"}`)
	var rec plainRecord
	require.NoError(t, Plain(data, &rec, &rec.ID, &rec.Raw))
	data[2] = 'X'
	assert.Equal(t, `{"id":"r1"}`, string(rec.Raw), "Raw does not alias the decoder's buffer")
}

func TestRecord(t *testing.T) {
	type recordWire struct {
		ID    string  `json:"id"`
		Count float64 `json:"count"`
	}
	build := func(w *recordWire, raw json.RawMessage) plainRecord {
		return plainRecord{ID: w.ID, Count: int(w.Count), Raw: raw}
	}
	tests := []struct {
		name    string
		data    string
		want    plainRecord
		wantErr bool
	}{
		{name: "built from the wire form", data: `{"id":"r1","count":3}`, want: plainRecord{ID: "r1", Count: 3, Raw: json.RawMessage(`{"id":"r1","count":3}`)}},
		{name: "a field of the wrong type is left zero", data: `{"id":"r1","count":"x"}`, want: plainRecord{ID: "r1", Raw: json.RawMessage(`{"id":"r1","count":"x"}`)}},
		{name: "null leaves the record as it was", data: ` null `, want: plainRecord{ID: "before"}},
		{name: "malformed JSON fails", data: `{`, want: plainRecord{ID: "before"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := plainRecord{ID: "before"}
			err := Record([]byte(tt.data), &rec, build)
			if tt.wantErr {
				require.Error(t, err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.want, rec)
		})
	}
}

func TestPresent(t *testing.T) {
	a, b := plainRecord{ID: "a"}, plainRecord{ID: "b"}
	tests := []struct {
		name string
		in   []*plainRecord
		want []plainRecord
	}{
		{"nil entries are dropped", []*plainRecord{&a, nil, &b, nil}, []plainRecord{a, b}},
		{"an empty answer is an empty list", nil, []plainRecord{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Present(tt.in))
		})
	}
}
