package resourcetest

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/transport"
)

// CreateFault is a fault injected on a create and what the create must come to: with AfterHandler the server
// made the record and the client still sees the fault.
type CreateFault struct {
	Name  string
	Fault ghltest.Fault
	Made  bool  // the server holds the record afterwards, once
	Err   error // nil: the create returns the record it made; else its error matches Err
	Posts int   // how many times the create was sent
}

// CreateFaults are the faults HighLevel is known for, injected on a create that settles an ambiguous outcome
// with a lookup. success is the status of the API's create answers; noRecord is a success body that holds no
// record.
func CreateFaults(success int, noRecord string) []CreateFault {
	return []CreateFault{
		{"500 after creating", ghltest.Fault{Status: 500, AfterHandler: true}, true, nil, 1},
		{"502 after creating", ghltest.Fault{Status: 502, AfterHandler: true}, true, nil, 1},
		{"504 after creating", ghltest.Fault{Status: 504, AfterHandler: true}, true, nil, 1},
		{"reset after creating", ghltest.Fault{Reset: true, AfterHandler: true}, true, nil, 1},
		{"answer broken off against its Content-Length", ghltest.Fault{Truncate: true}, true, nil, 1},
		{"answer cut short behind a matching Content-Length", ghltest.Fault{CutShort: true}, true, nil, 1},
		{"chunked answer ended halfway", ghltest.Fault{ChunkedHalf: true}, true, nil, 1},
		{"success that is not JSON", ghltest.Fault{Status: success, Body: "<html>ok</html>", AfterHandler: true}, true, nil, 1},
		{"success without the record", ghltest.Fault{Status: success, Body: noRecord, AfterHandler: true}, true, nil, 1},
		{"500 without creating", ghltest.Fault{Status: 500}, false, transport.ErrOutcomeUnknown, 1},
		{"503 without creating", ghltest.Fault{Status: 503}, false, transport.ErrOutcomeUnknown, 1},
		{"reset without creating", ghltest.Fault{Reset: true}, false, transport.ErrOutcomeUnknown, 1},
		{"422 is an answer", ghltest.Fault{Status: 422}, false, transport.ErrValidation, 1},
		{"burst 429 is refused unread and resent", ghltest.Fault{Status: 429}, true, nil, 2},
	}
}

// CreateUnderFaults runs each case on a fresh Env of S: it injects the fault on POST route, calls create, which
// returns what the service's Create returned, and checks with AssertSettled against stored, the records the
// server holds afterwards (a slice). Records on both sides are compared by their ID fields.
func CreateUnderFaults[S any](t *testing.T, route string, cases []CreateFault,
	create func(t *testing.T, e *Env[S]) (any, error), stored func(e *Env[S]) any) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			e := NewEnv[S](t)
			e.Srv.InjectFault(http.MethodPost, route, tt.Fault)
			rec, err := create(t, e)
			got := Settled{Posts: len(e.Srv.RequestsTo(http.MethodPost, route)), GotID: idOf(reflect.ValueOf(rec)), Err: err}
			all := reflect.ValueOf(stored(e))
			for i := range all.Len() {
				got.Stored = append(got.Stored, idOf(all.Index(i)))
			}
			AssertSettled(t, got, tt.Posts, tt.Made, tt.Err)
		})
	}
}

// idOf is the ID field of a record or a pointer to one; "" for a nil pointer or no value.
func idOf(v reflect.Value) string {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	return v.FieldByName("ID").String()
}
