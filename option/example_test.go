package option_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/api"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/option"
)

// WithResponseInto shows what came back: the status, the rate budget left and how many sends the call took.
// WithHeader adds a header to this call alone.
func ExampleWithResponseInto() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc-1"))
	defer srv.Close()
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc-1"))),
		ghl.WithLocationID("loc-1"),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()

	var resp api.Response
	c, err := client.Contacts.Create(ctx, contacts.CreateParams{FirstName: "Ada"},
		option.WithResponseInto(&resp), option.WithHeader("X-Request-Source", "onboarding"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.FirstName, resp.StatusCode, resp.Attempts, resp.RateLimit.Known)

	_, err = client.Contacts.Get(ctx, "no-such-contact", option.WithResponseInto(&resp))
	fmt.Println(err != nil, resp.StatusCode)
	// Output:
	// Ada 201 1 true
	// true 400
}
