package tags_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
)

// Tag a contact, then take a tag off; each call returns the contact's tags afterwards.
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
	contact := srv.AddContact(ghltest.Contact{FirstName: "Ada", Tags: []string{"lead"}})

	after, err := client.Tags.Add(ctx, contact.ID, []string{"vip", "newsletter"})
	if err != nil {
		panic(err)
	}
	fmt.Println(after)
	after, err = client.Tags.Remove(ctx, contact.ID, []string{"lead"})
	if err != nil {
		panic(err)
	}
	fmt.Println(after)
	// Output:
	// [lead vip newsletter]
	// [vip newsletter]
}
