package wire

import (
	"bytes"
	"encoding/json"
)

// Record decodes data, one record's JSON object, into its wire form W with Decode and stores in *rec the
// record build makes of it, given a copy of data for the record's Raw. JSON null leaves *rec as it is, as
// encoding/json does for a value without its own decoder.
func Record[W, T any](data []byte, rec *T, build func(w *W, raw json.RawMessage) T) error {
	if isNull(data) {
		return nil
	}
	var w W
	if err := Decode(data, &w); err != nil {
		return err
	}
	*rec = build(&w, bytes.Clone(data))
	return nil
}

// Plain decodes data with Decode into *rec for a record whose fields read straight from the wire. P is the
// record's type under another name, so that the record's own UnmarshalJSON is not called again; id and raw
// are the record's ID and Raw fields. The record starts from zero; id is read from "_id" when "id" is
// missing, as some HighLevel services still name the ID after the Mongo field, and raw gets a copy of data.
// JSON null leaves *rec as it is.
func Plain[P any](data []byte, rec *P, id *string, raw *json.RawMessage) error {
	if isNull(data) {
		return nil
	}
	var v P
	if err := Decode(data, &v); err != nil {
		return err
	}
	*rec = v
	if *id == "" {
		var legacy struct {
			ID string `json:"_id"`
		}
		_ = Decode(data, &legacy) // data is well-formed: the first pass read it
		*id = legacy.ID
	}
	*raw = bytes.Clone(data)
	return nil
}

func isNull(data []byte) bool { return string(bytes.TrimSpace(data)) == "null" }

// Present returns the records of a list answer without its null entries, which HighLevel sends at times and
// which decode to nil.
func Present[T any](list []*T) []T {
	out := make([]T, 0, len(list))
	for _, r := range list {
		if r != nil {
			out = append(out, *r)
		}
	}
	return out
}
