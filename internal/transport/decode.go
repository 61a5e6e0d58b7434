package transport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/internal/wire"
)

// readError is a response body that could not be read to the end: the connection broke or stalled.
type readError struct{ err error }

func (e *readError) Error() string { return "reading response body: " + e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// errIncompleteJSON is a body that was read to its end but holds only the start of a JSON document: cut short
// behind a Content-Length that matches what was sent, or a chunked body that ended cleanly halfway.
var errIncompleteJSON = errors.New("response body ends before its JSON does")

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuffer keeps one huge page from pinning its buffer in the pool for ever.
const maxPooledBuffer = 4 << 20

// readCapped reads the whole body, at most limit bytes, into a pooled buffer the caller must release.
func readCapped(body io.Reader, limit, sizeHint int64) (*bytes.Buffer, error) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	if sizeHint > 0 && sizeHint <= limit {
		buf.Grow(int(sizeHint) + bytes.MinRead)
	}
	n, err := buf.ReadFrom(io.LimitReader(body, limit+1))
	if err != nil {
		releaseBuffer(buf)
		return nil, &readError{err: err}
	}
	if n > limit {
		releaseBuffer(buf)
		return nil, &TooLargeError{Limit: limit}
	}
	return buf, nil
}

// readRaw reads the whole body, at most limit bytes, into a slice of its own that it hands to the caller: a
// caller that decodes the document itself keeps slices of it (a contact's Raw) and must not get a pooled
// buffer. A body of known length is read straight into a slice of that size; one of unknown length (chunked,
// or compressed on the wire) is read into a pooled buffer and copied out at its size, since a slice grown by
// doubling would hold up to twice the page for as long as any of its records lives. The document is checked
// for an end, which is what tells a body cut short (retried) from one that is complete; a complete document
// that is not valid JSON fails in the caller's decoding, as a DecodeError that no retry would cure.
func readRaw(body io.Reader, limit, sizeHint int64) ([]byte, error) {
	var b []byte
	if sizeHint > 0 && sizeHint <= limit {
		var err error
		if b, err = readSized(body, sizeHint); err != nil {
			return nil, err
		}
	} else {
		buf, err := readCapped(body, limit, sizeHint)
		if err != nil {
			return nil, err
		}
		b = bytes.Clone(buf.Bytes())
		releaseBuffer(buf)
	}
	if len(bytes.TrimSpace(b)) > 0 && !closes(b) {
		return nil, fmt.Errorf("%w (unexpected end of JSON input)", errIncompleteJSON)
	}
	return b, nil
}

// readSized reads a body whose length the answer gave. net/http reports a body that ends before its
// Content-Length as an error, and never reads past it. It reads until the body says EOF rather than stopping
// at size bytes (io.ReadFull): a body may give its last bytes and its EOF in separate calls, and net/http
// reuses a connection only when the body's EOF was seen before it was closed.
func readSized(body io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // the last byte is room for the read that meets the end
	for {
		n, err := body.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, &readError{err: err}
		}
		if len(b) == cap(b) {
			return nil, &readError{err: errors.New("the body is longer than its Content-Length")}
		}
	}
}

func releaseBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledBuffer {
		bufPool.Put(buf)
	}
}

// decodeInto fills out from data with wire's rule for records: a value of the wrong JSON type in one field is
// not fatal (every other field is filled, and one odd record must not fail an export), and is returned as
// typeErr to be logged.
func decodeInto(data []byte, out any) (typeErr error, err error) {
	if out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil, nil
	}
	typeErr, err = wire.DecodeReporting(data, out)
	return typeErr, incomplete(err)
}

// closes reports whether data holds a JSON value that ends: every object, array and string opened is closed,
// and a bare value (a number, true, null) is not cut inside a string. A closing bracket of the wrong kind is an
// end too: the document is complete and malformed, which no retry cures. It is far cheaper than json.Valid, whose
// scan the caller's decoding repeats anyway: most of a record's bytes are inside strings, which it jumps over
// with bytes.IndexByte.
func closes(data []byte) bool {
	var stackBuf [64]byte
	stack := stackBuf[:0]
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			end := stringEnd(data, i+1)
			if end < 0 {
				return false
			}
			i = end
		case '{':
			stack = append(stack, '}')
		case '[':
			stack = append(stack, ']')
		case '}', ']':
			if len(stack) == 0 || stack[len(stack)-1] != c {
				return true
			}
			stack = stack[:len(stack)-1]
		}
	}
	return len(stack) == 0
}

// stringEnd returns the index of the quote that closes the string whose text starts at from, or -1: a quote
// preceded by an odd number of backslashes is part of the text.
func stringEnd(data []byte, from int) int {
	for i := from; i < len(data); {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return -1
		}
		q += i
		backslashes := 0
		for j := q - 1; j >= from && data[j] == '\\'; j-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return q
		}
		i = q + 1
	}
	return -1
}

// incomplete turns the JSON error of a document that stopped early into errIncompleteJSON. encoding/json checks
// the whole document before it decodes (custom UnmarshalJSON methods included), so a truncation is always this
// syntax error, whatever the target type.
func incomplete(err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Error() == "unexpected end of JSON input" {
		return fmt.Errorf("%w (%v)", errIncompleteJSON, err)
	}
	return err
}

// errorBody is HighLevel's error shape; message is a string on most errors and a list on validation errors.
type errorBody struct {
	StatusCode int             `json:"statusCode"`
	Message    json.RawMessage `json:"message"`
	Msg        string          `json:"msg"`
	Error      string          `json:"error"`
	TraceID    string          `json:"traceId"`
}

// newError builds the typed error for a non-2xx response. Everything taken from the answer is scrubbed of
// secrets (the credentials the call sent) and of anything shaped like a bearer token, before it is parsed, so a
// server that echoes the request cannot put a credential in Body, Messages, Reason, TraceID or Error().
func newError(method, path string, kind Kind, resp *http.Response, body []byte, rl RateLimit, secrets ...string) *Error {
	body = api.RedactBytes(body, secrets...)
	e := &Error{StatusCode: resp.StatusCode, Method: method, Path: path, RateLimit: rl, Body: body}
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		e.Messages = parseMessages(eb.Message)
		if len(e.Messages) == 0 && eb.Msg != "" {
			e.Messages = []string{eb.Msg}
		}
		e.Reason = eb.Error
		e.TraceID = eb.TraceID
	} else if s := strings.TrimSpace(string(body)); s != "" && len(s) < 200 && !strings.ContainsAny(s, "<{") {
		e.Messages = []string{s}
	}
	if e.Reason == "" {
		e.Reason = http.StatusText(resp.StatusCode)
	}
	if e.TraceID == "" {
		e.TraceID = resp.Header.Get("X-Trace-Id")
	}
	// A secret JSON-escaped in a way the raw body did not show (\u002f for /) is decoded by now.
	for i, m := range e.Messages {
		e.Messages[i] = api.Redact(m, secrets...)
	}
	e.Reason, e.TraceID = api.Redact(e.Reason, secrets...), api.Redact(e.TraceID, secrets...)
	if d, ok := retryAfter(resp.Header.Get("Retry-After"), rl.At); ok {
		e.RetryAfter = d
	}
	e.Mark(kindsOf(resp.StatusCode, e.Messages, kind, rl)...)
	return e
}

func parseMessages(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	var one string
	if json.Unmarshal(raw, &one) == nil {
		if one == "" {
			return nil
		}
		return []string{one}
	}
	var many []string
	if json.Unmarshal(raw, &many) == nil {
		return many
	}
	return []string{string(raw)}
}

const scopeMessage = "not authorized for this scope"

// kindsOf maps a status and HighLevel's messages to the sentinels the error matches.
func kindsOf(status int, messages []string, kind Kind, rl RateLimit) []error {
	joined := strings.ToLower(strings.Join(messages, " "))
	var kinds []error
	switch {
	case status == http.StatusBadRequest && strings.Contains(joined, "not found"):
		// HighLevel reports a missing contact as 400 "Contact not found".
		kinds = append(kinds, ErrNotFound)
	case status == http.StatusBadRequest, status == http.StatusUnprocessableEntity:
		kinds = append(kinds, ErrValidation)
	case status == http.StatusUnauthorized && strings.Contains(joined, scopeMessage):
		kinds = append(kinds, ErrScope, ErrUnauthorized)
	case status == http.StatusUnauthorized:
		kinds = append(kinds, ErrUnauthorized)
	case status == http.StatusForbidden:
		kinds = append(kinds, ErrForbidden)
	case status == http.StatusNotFound:
		kinds = append(kinds, ErrNotFound)
	case status == http.StatusTooManyRequests:
		kinds = append(kinds, ErrRateLimited)
		if rl.DailyExhausted() {
			kinds = append(kinds, ErrDailyLimit)
		}
	case status >= 500:
		kinds = append(kinds, ErrServer)
		if kind == Create {
			kinds = append(kinds, ErrOutcomeUnknown)
		}
	}
	return kinds
}

// worthRefreshing reports a 401 about the token itself (expired or invalid), not about a scope or a user.
func worthRefreshing(e *Error) bool {
	if e.StatusCode != http.StatusUnauthorized || e.Is(ErrScope) {
		return false
	}
	if len(e.Messages) == 0 {
		return true
	}
	m := strings.ToLower(strings.Join(e.Messages, " "))
	return strings.Contains(m, "jwt") || strings.Contains(m, "token") || strings.Contains(m, "expired") || strings.Contains(m, "unauthorized")
}
