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

// decodePage reads a page of contacts ({"contacts": [...], "total": n, ...}) in one pass per contact. data
// must belong to the page alone: each contact's Raw is a slice of it, not a copy. Each contact is decoded by a
// json.Decoder straight from the page into the page's slice (presized to sizeHint, the page size asked for),
// and decoded again leniently only when it holds a value of the wrong type. Decoding
// through Contact.UnmarshalJSON instead would scan every contact three more times (the page's validity check,
// the skip over the contact, the contact's own validity check): this path is about twice as fast for an export.
//
// extra names the other top-level keys to read (a key to a pointer); a value of the wrong type there is left
// zero. Contacts that are null are dropped.
func decodePage(data []byte, extra map[string]any, sizeHint int) ([]Contact, error) {
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
			if out, err = decodeContacts(dec, data, sizeHint); err != nil {
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
func decodeContacts(dec *json.Decoder, data []byte, sizeHint int) ([]Contact, error) {
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
	out := make([]Contact, 0, max(sizeHint, 16))
	for dec.More() {
		out = append(out, Contact{})
		isNull, err := decodeContact(dec, data, &out[len(out)-1]) // straight into the slice: a Contact is about 1 KB
		if err != nil {
			return nil, err
		}
		if isNull {
			out = out[:len(out)-1]
		}
	}
	_, err = dec.Token() // ']'
	return out, err
}

// decodeContact reads the value the decoder is at into c, which must be zero, with Contact's tolerance: a
// value of the wrong type makes it decode the contact again leniently. c.Raw is a slice of data, which the
// decoder reads; isNull reports a null, which leaves c zero.
func decodeContact(dec *json.Decoder, data []byte, c *Contact) (isNull bool, err error) {
	from := dec.InputOffset()
	err = dec.Decode((*plainContact)(c))
	raw := bytes.TrimLeft(data[from:dec.InputOffset()], ", \t\r\n:")
	var ute *json.UnmarshalTypeError
	switch {
	case err == nil:
	case errors.As(err, &ute):
		*c = Contact{}
		decodeLeniently(raw, reflect.ValueOf((*plainContact)(c)).Elem())
	default:
		return false, err
	}
	if string(raw) == "null" {
		*c = Contact{}
		return true, nil
	}
	c.Raw = json.RawMessage(raw[:len(raw):len(raw)]) // shares data; the cap keeps an append off what follows
	return false, nil
}

// decodeAnswer reads an answer that holds one contact under key ({"contact": {...}}) in one pass, with the
// tolerance of Contact.UnmarshalJSON; data must belong to the answer alone, as the contact's Raw is a slice of
// it. It returns nil when the answer has no contact or a null one.
func decodeAnswer(data []byte, key string) (*Contact, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errNotObject
	}
	var found *Contact
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		if k, _ := tok.(string); k != key {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, err
			}
			continue
		}
		c := new(Contact)
		isNull, err := decodeContact(dec, data, c)
		if err != nil {
			return nil, err
		}
		found = c
		if isNull {
			found = nil
		}
	}
	if _, err := dec.Token(); err != nil { // '}'
		return nil, err
	}
	return found, nil
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
	return s.fetchPageSized(ctx, r, extra, 0)
}

// fetchPageSized is fetchPage for a page of about sizeHint contacts.
func (s *Service) fetchPageSized(ctx context.Context, r *transport.Request, extra map[string]any, sizeHint int) ([]Contact, error) {
	// The transport copies the body into a RawMessage of its own, which the contacts' Raw then share.
	var body json.RawMessage
	if _, err := s.t.Do(ctx, r, &body); err != nil {
		return nil, err
	}
	cs, err := decodePage(body, extra, sizeHint)
	if err != nil {
		return nil, &transport.DecodeError{Method: r.Method, Path: r.Path, Err: err}
	}
	return cs, nil
}
