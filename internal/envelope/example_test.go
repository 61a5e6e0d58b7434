package envelope_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/internal/envelope"
	"github.com/ghlkit/ghl/internal/transport"
)

// HighLevel wraps a record in an object named after it; One unwraps it and says when it is missing.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"customField":{"id":"f1","name":"Company size"}}`)
	}))
	defer srv.Close()
	c, err := transport.New(transport.Config{BaseURL: srv.URL, Tokens: auth.PrivateToken("pit-example")})
	if err != nil {
		panic(err)
	}
	type field struct{ ID, Name string }
	req := &transport.Request{Method: http.MethodGet, Path: "/locations/loc1/customFields/f1", Kind: transport.Read}
	f, err := envelope.One(context.Background(), c, req, "customField", "custom field", func(f *field) string { return f.ID })
	fmt.Println(f.Name, err)
	// Output: Company size <nil>
}
