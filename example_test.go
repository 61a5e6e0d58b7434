package ghl_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
)

// Point a client at the in-memory fake with WithBaseURL; against HighLevel, leave the base URL out and use a
// real token.
func Example() {
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

	// Do reaches any endpoint through the same retries, rate limiting and typed errors as the typed calls.
	var out struct {
		Contact struct {
			ID, FirstName string
		}
	}
	err = client.Do(context.Background(), "GET", "/contacts/no-such-contact", nil, &out)
	fmt.Println(errors.Is(err, ghl.ErrNotFound))
	var apiErr *ghl.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message())
	}
	// Output:
	// true
	// 400 Contact not found
}
