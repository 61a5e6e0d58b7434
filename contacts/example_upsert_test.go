package contacts_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
)

// An upsert takes the create fields inside CreateParams; a value HighLevel would refuse is refused before
// anything is sent, with the Go field named.
func ExampleService_Upsert() {
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

	res, err := client.Contacts.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{
		Email: "ada+crm@example.com", FirstName: "Ada",
	}})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.New, res.Contact.Email)

	_, err = client.Contacts.Upsert(ctx, contacts.UpsertParams{CreateParams: contacts.CreateParams{Email: "ada@example"}})
	var argErr *ghl.ArgumentError
	fmt.Println(errors.As(err, &argErr), argErr.Field, len(srv.Requests()))
	// Output:
	// true ada+crm@example.com
	// true Email 1
}
