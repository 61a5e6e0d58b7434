package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"

	"github.com/ghlkit/ghl/internal/transport"
)

// pageDecoder reads a page of contacts ({"contacts": [...], "total": n, ...}) in one pass per contact. The
// transport hands over the body as is; each contact is decoded by a json.Decoder straight from the page, its
// bytes copied into Raw, and decoded again leniently only when it holds a value of the wrong type. Decoding
// through Contact.UnmarshalJSON instead would scan every contact three more times (the page's validity check,
// the skip over the contact, the contact's own validity check): this path is about twice as fast for an export.
//
// extra names the other top-level keys to read (a key to a pointer); a value of the wrong type there is left
// zero. Contacts that are null are dropped.
func decodePage(data []byte, extra map[string]any) ([]Contact, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errNotObject
	}
	var out []Contact
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		switch dst, ok := extra[key]; {
		case key == "contacts":
			if out, err = decodeContacts(dec, data); err != nil {
				return nil, err
			}
		case ok:
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return nil, err
			}
			if json.Unmarshal(raw, dst) != nil {
				reflect.ValueOf(dst).Elem().SetZero()
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

var errNotObject = errors.New("the answer is not a JSON object")

// decodeContacts reads the array the decoder is at; anything but an array is skipped and gives no contacts.
func decodeContacts(dec *json.Decoder, data []byte) ([]Contact, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		if d, ok := tok.(json.Delim); ok && d == '{' {
			// An object where the list belongs: skip it whole.
			if err := skipRest(dec); err != nil {
				return nil, err
			}
		}
		return nil, nil
	}
	out := make([]Contact, 0, 64)
	for dec.More() {
		from := dec.InputOffset()
		var p plainContact
		err := dec.Decode(&p)
		raw := bytes.TrimLeft(data[from:dec.InputOffset()], ", \t\r\n")
		var ute *json.UnmarshalTypeError
		switch {
		case err == nil:
		case errors.As(err, &ute):
			p = plainContact{}
			decodeLeniently(raw, reflect.ValueOf(&p).Elem())
		default:
			return nil, err
		}
		if string(raw) == "null" {
			continue
		}
		c := Contact(p)
		c.Raw = append(json.RawMessage(nil), raw...)
		out = append(out, c)
	}
	_, err = dec.Token() // ']'
	return out, err
}

// skipRest consumes the rest of an object or array whose opening token was just read.
func skipRest(dec *json.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := dec.Token()
		if err == io.EOF {
			return io.ErrUnexpectedEOF
		}
		if err != nil {
			return err
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				depth++
			default:
				depth--
			}
		}
	}
	return nil
}

// plainContact has Contact's fields without its methods.
type plainContact Contact

// fetchPage sends r and decodes the answer with decodePage.
func (s *Service) fetchPage(ctx context.Context, r *transport.Request, extra map[string]any) ([]Contact, error) {
	var body json.RawMessage
	if _, err := s.t.Do(ctx, r, &body); err != nil {
		return nil, err
	}
	cs, err := decodePage(body, extra)
	if err != nil {
		return nil, &transport.DecodeError{Method: r.Method, Path: r.Path, Err: err}
	}
	return cs, nil
}
