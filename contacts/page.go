package contacts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"

	"github.com/ghlkit/ghl/internal/transport"
)

// decodePage reads a page of contacts ({"contacts": [...], "total": n, ...}) in one pass over the bytes. data
// must belong to the page alone: each contact's Raw is a slice of it, not a copy. Each contact is decoded
// straight from the page into the page's slice (presized to sizeHint, the page size asked for); a contact
// that holds a value of the wrong type costs one more pass (see recordReader).
//
// extra names the other top-level keys to read (a key to a pointer); a value of the wrong type there is left
// zero. Contacts that are null are dropped.
func decodePage(data []byte, extra map[string]any, sizeHint int) ([]Contact, error) {
	r := &recordReader{data: data}
	defer r.release()
	for {
		out, err := r.page(extra, sizeHint)
		if !errors.Is(err, errOddRecord) {
			return out, err
		}
	}
}

// decodeAnswer reads an answer that holds one contact under key ({"contact": {...}}) in one pass, with the
// tolerance of Contact.UnmarshalJSON; data must belong to the answer alone, as the contact's Raw is a slice of
// it. It returns nil when the answer has no contact or a null one.
func decodeAnswer(data []byte, key string) (*Contact, error) {
	r := &recordReader{data: data}
	defer r.release()
	for {
		c, err := r.answer(key)
		if !errors.Is(err, errOddRecord) {
			return c, err
		}
	}
}

// recordReader reads the contacts of one answer, each as the decoder meets it. The decoder stops inside a
// contact at a value of the wrong type, so such an odd contact ends the pass with errOddRecord, and the next
// pass skips the contacts already read and decodes the odd one leniently (field by field, coercing what it
// can). After maxRestarts odd contacts every later one is cut out first and decoded on its own, so that a page
// of odd records costs at most maxRestarts+1 passes, not one per odd record.
type recordReader struct {
	data   []byte
	pooled *pooledDecoder
	dec    *jsontext.Decoder
	out    []Contact
	// resume is the position in the array of the odd contact the pass starts again from, and kept how many
	// contacts were read before it; odd marks the positions to read leniently.
	resume, kept int
	odd          map[int]bool
}

const maxRestarts = 4

var errOddRecord = errors.New("a contact holds a value of the wrong type")

func (r *recordReader) page(extra map[string]any, sizeHint int) ([]Contact, error) {
	if err := r.open(); err != nil {
		return nil, err
	}
	for r.dec.PeekKind() == '"' {
		key, err := r.dec.ReadToken()
		if err != nil {
			return nil, err
		}
		switch dst, ok := extra[key.String()]; {
		case key.String() == "contacts":
			if err = r.contacts(sizeHint); err != nil {
				return nil, err
			}
		case ok:
			raw, err := r.dec.ReadValue()
			if err != nil {
				return nil, err
			}
			if json.Unmarshal(raw, dst) != nil {
				reflect.ValueOf(dst).Elem().SetZero()
			}
		default:
			if err := r.dec.SkipValue(); err != nil {
				return nil, err
			}
		}
	}
	return r.out, r.close()
}

func (r *recordReader) answer(key string) (*Contact, error) {
	if err := r.open(); err != nil {
		return nil, err
	}
	var found *Contact
	for r.dec.PeekKind() == '"' {
		tok, err := r.dec.ReadToken()
		if err != nil {
			return nil, err
		}
		if tok.String() != key {
			if err := r.dec.SkipValue(); err != nil {
				return nil, err
			}
			continue
		}
		c := new(Contact)
		isNull, err := r.contact(c, 0)
		if err != nil {
			return nil, err
		}
		found = c
		if isNull {
			found = nil
		}
	}
	return found, r.close()
}

// contacts reads the array the decoder is at into r.out; anything but an array is skipped and gives none.
func (r *recordReader) contacts(sizeHint int) error {
	if r.dec.PeekKind() != '[' {
		r.out = nil
		return r.dec.SkipValue()
	}
	if _, err := r.dec.ReadToken(); err != nil {
		return err
	}
	if r.out == nil {
		r.out = make([]Contact, 0, max(sizeHint, 16))
	}
	r.out = r.out[:r.kept]
	for i := 0; r.dec.PeekKind() != ']'; i++ {
		if i < r.resume {
			if err := r.dec.SkipValue(); err != nil {
				return err
			}
			continue
		}
		r.out = append(r.out, Contact{})
		isNull, err := r.contact(&r.out[len(r.out)-1], i) // straight into the slice: a Contact is about 1 KB
		if err != nil {
			return err
		}
		if isNull {
			r.out = r.out[:len(r.out)-1]
		}
	}
	return r.close()
}

// contact reads the value the decoder is at, the i-th of its array, into c, which must be zero. c.Raw is a
// slice of data; isNull reports a null, which leaves c zero.
func (r *recordReader) contact(c *Contact, i int) (isNull bool, err error) {
	if r.dec.PeekKind() == 'n' {
		return true, r.dec.SkipValue()
	}
	from := r.dec.InputOffset()
	lenient := r.odd[i] || (len(r.odd) >= maxRestarts && i >= r.resume) // each odd contact cost a restart
	if lenient {
		err = r.dec.SkipValue()
	} else {
		err = jsonv2.UnmarshalDecode(r.dec, (*plainContact)(c))
	}
	if se := (*jsonv2.SemanticError)(nil); errors.As(err, &se) {
		if r.odd == nil {
			r.odd = map[int]bool{}
		}
		r.odd[i], r.resume, r.kept = true, i, len(r.out)-1
		return false, errOddRecord
	}
	if err != nil {
		return false, err
	}
	raw := bytes.TrimLeft(r.data[from:r.dec.InputOffset()], ", \t\r\n:")
	if r.odd[i] || (lenient && jsonv2.Unmarshal(raw, (*plainContact)(c), recordOptions) != nil) {
		*c = Contact{}
		decodeLeniently(raw, reflect.ValueOf((*plainContact)(c)).Elem())
	}
	c.Raw = json.RawMessage(raw[:len(raw):len(raw)]) // shares data; the cap keeps an append off what follows
	return false, nil
}

func (r *recordReader) open() error {
	if r.pooled == nil {
		r.pooled = decoders.Get().(*pooledDecoder)
	}
	r.pooled.buf = *bytes.NewBuffer(r.data) // a bytes.Buffer is read in place, not copied
	r.pooled.dec.Reset(&r.pooled.buf, recordOptions)
	r.dec = &r.pooled.dec
	if r.dec.PeekKind() != '{' {
		return errNotObject
	}
	_, err := r.dec.ReadToken()
	return err
}

// release gives the decoder back to the pool, holding nothing of the answer.
func (r *recordReader) release() {
	if r.pooled == nil {
		return
	}
	r.pooled.buf = bytes.Buffer{}
	r.pooled.dec.Reset(&r.pooled.buf)
	decoders.Put(r.pooled)
	r.pooled, r.dec = nil, nil
}

// pooledDecoder is a decoder with the buffer it reads: a decoder keeps its state stacks between answers.
type pooledDecoder struct {
	dec jsontext.Decoder
	buf bytes.Buffer
}

var decoders = sync.Pool{New: func() any { return new(pooledDecoder) }}

// close reads the '}' or ']' that ends the object or array being read, after its last member; a malformed
// member surfaces here as the decoder's error.
func (r *recordReader) close() error {
	_, err := r.dec.ReadToken()
	return err
}

var errNotObject = errors.New("the answer is not a JSON object")

// recordOptions give the decoder encoding/json's tolerance: names match ignoring case, a repeated name keeps
// its last value, and invalid UTF-8 is replaced.
var recordOptions = jsonv2.JoinOptions(
	jsonv2.MatchCaseInsensitiveNames(true),
	jsonv1.MatchCaseSensitiveDelimiter(true), // "first_name" is not "firstName", as in encoding/json
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
)

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
