package contacts_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
)

// Create a contact, change it with ghl.Ptr, and read every contact tagged "vip" with SearchAll.
func Example() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer srv.Close()
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken("loc1"))),
		ghl.WithLocationID("loc1"),
	)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	ada, err := client.Contacts.Create(ctx, contacts.CreateParams{
		FirstName: "Ada", Email: "ada@example.com", Tags: []string{"vip"},
	})
	if err != nil {
		panic(err)
	}
	ada, err = client.Contacts.Update(ctx, ada.ID, contacts.UpdateParams{
		LastName: ghl.Ptr("Lovelace"),
		Phone:    ghl.Ptr("+1 555 010 0001"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ada.FirstName, ada.LastName, ada.Phone)

	// 1,500 generated contacts, 1,000 of them tagged vip: SearchAll reads them over pages of 500.
	srv.SeedContacts("loc1", 1500, ghltest.SeedOptions{Tags: []string{"vip", "lead"}})
	vips := 0
	for c, err := range client.Contacts.SearchAll(ctx, contacts.SearchParams{
		Filters: []contacts.Filter{contacts.Eq("tags", "vip")},
	}) {
		if err != nil {
			panic(err)
		}
		if c.HasTag("vip") {
			vips++
		}
	}
	fmt.Println(vips, "vip contacts")
	// Output:
	// Ada Lovelace +15550100001
	// 1001 vip contacts
}
