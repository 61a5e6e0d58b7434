package wire

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeToleratesAFieldOfTheWrongType(t *testing.T) {
	type record struct {
		ID    string   `json:"id"`
		Count int      `json:"count"`
		Tags  []string `json:"tags"`
	}
	var r record
	mismatch, err := DecodeReporting([]byte(`{"id":"a","count":"many","tags":["x"]}`), &r)
	require.NoError(t, err)
	var ute *json.UnmarshalTypeError
	require.ErrorAs(t, mismatch, &ute)
	assert.Equal(t, "count", ute.Field)
	assert.Equal(t, record{ID: "a", Tags: []string{"x"}}, r, "every other field is filled")

	r = record{}
	mismatch, err = DecodeReporting([]byte(`{"id":"b"}`), &r)
	assert.NoError(t, err)
	assert.NoError(t, mismatch)

	assert.NoError(t, Decode([]byte(`{"count":[1]}`), &r), "Decode drops the mismatch")
	assert.Error(t, Decode([]byte(`{"id":`), &r), "malformed JSON is an error")
}
