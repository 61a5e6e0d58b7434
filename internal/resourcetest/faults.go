package resourcetest

import (
	"net/http"
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
// returns the ID of the record the create returned ("" with an error), and checks with AssertSettled against
// stored, the IDs of the records the server holds afterwards.
func CreateUnderFaults[S any](t *testing.T, route string, cases []CreateFault,
	create func(t *testing.T, e *Env[S]) (string, error), stored func(e *Env[S]) []string) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.Name, func(t *testing.T) {
			e := NewEnv[S](t)
			e.Srv.InjectFault(http.MethodPost, route, tt.Fault)
			id, err := create(t, e)
			got := Settled{Posts: len(e.Srv.RequestsTo(http.MethodPost, route)), Stored: stored(e), GotID: id, Err: err}
			AssertSettled(t, got, tt.Posts, tt.Made, tt.Err)
		})
	}
}

// IDs returns id of each record: the IDs of what a ghltest server holds.
func IDs[T any](records []T, id func(T) string) []string {
	out := make([]string, 0, len(records))
	for _, r := range records {
		out = append(out, id(r))
	}
	return out
}
