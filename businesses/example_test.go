package businesses_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/businesses"
	"github.com/ghlkit/ghl/ghltest"
)

func Example() {
	ctx := context.Background()
	srv := ghltest.NewServer() // an in-memory HighLevel; use your own token and location against the real one
	defer srv.Close()
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(srv.LocationID()))),
		ghl.WithLocationID(srv.LocationID()),
	)
	if err != nil {
		panic(err)
	}
	acme, err := client.Businesses.Create(ctx, businesses.CreateParams{Name: "Acme Corp", Website: "https://acme.example"})
	if err != nil {
		panic(err)
	}
	if _, err := client.Businesses.Update(ctx, acme.ID, businesses.UpdateParams{City: ghl.Ptr("Springfield")}); err != nil {
		panic(err)
	}
	for b, err := range client.Businesses.ListAll(ctx, businesses.ListParams{}) {
		if err != nil {
			panic(err)
		}
		fmt.Println(b.Name, b.Website, b.City)
	}
	// Output:
	// Acme Corp https://acme.example Springfield
}
