package customfields_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/customfields"
	"github.com/ghlkit/ghl/ghltest"
)

func Example() {
	ctx := context.Background()
	srv := ghltest.NewServer() // an in-memory HighLevel; use your own token and location against the real one
	defer srv.Close()
	srv.SeedLocation("") // Company Size and Industry, among others
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(srv.LocationID()))),
		ghl.WithLocationID(srv.LocationID()),
	)
	if err != nil {
		panic(err)
	}
	fields := customfields.NewCache(client.CustomFields, customfields.ModelContact)
	for _, ref := range []string{"Company Size", "contact.industry"} {
		f, err := fields.Lookup(ctx, ref)
		if err != nil {
			panic(err)
		}
		fmt.Println(ref, "→", f.FieldKey, f.DataType, f.Options)
	}
	// Output:
	// Company Size → contact.company_size NUMERICAL []
	// contact.industry → contact.industry SINGLE_OPTIONS [Manufacturing Energy Software]
}
