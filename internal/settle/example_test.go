package settle_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/internal/settle"
	"github.com/ghlkit/ghl/internal/transport"
)

// A create answered 502 may have been applied: Create asks the lookup instead of sending it again.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
	}))
	defer srv.Close()
	c, err := transport.New(transport.Config{BaseURL: srv.URL, Tokens: auth.PrivateToken("pit-example")})
	if err != nil {
		panic(err)
	}
	type record struct{ ID string }
	req := &transport.Request{Method: http.MethodPost, Path: "/records/", Body: struct{}{}, Kind: transport.Create}
	got, err := settle.Create(context.Background(), c, req, "record",
		func(json.RawMessage) *record { return nil },
		func(context.Context, time.Time, error) (*record, error) { return &record{ID: "found-by-lookup"}, nil })
	fmt.Println(got.ID, err)
	// Output: found-by-lookup <nil>
}
