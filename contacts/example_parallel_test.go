package contacts_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
)

// Export a location with four cursor chains at once, stop half way with a checkpoint, and resume from it.
func ExampleService_SearchAllParallel() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer srv.Close()
	srv.SeedContacts("loc1", 5000, ghltest.SeedOptions{})
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc1"))),
		ghl.WithLocationID("loc1"),
	)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	seen := map[string]bool{}
	search := client.Contacts.SearchAllParallel(ctx, contacts.SearchParams{}, contacts.ParallelOptions{Chains: 4})
	var checkpoint []byte
	for c, err := range search.All() {
		if err != nil {
			panic(err)
		}
		seen[c.ID] = true
		if len(seen) == 2500 {
			checkpoint, _ = json.Marshal(search.State()) // save it anywhere
			break
		}
	}

	var state contacts.ParallelState
	if err := json.Unmarshal(checkpoint, &state); err != nil {
		panic(err)
	}
	again := 0
	for c, err := range client.Contacts.SearchAllParallel(ctx, contacts.SearchParams{}, contacts.ParallelOptions{Resume: &state}).All() {
		if err != nil {
			panic(err)
		}
		if seen[c.ID] {
			again++
		}
		seen[c.ID] = true
	}
	fmt.Println(len(seen), "contacts,", again, "read twice")
	// Output: 5000 contacts, 0 read twice
}
