package contacts_test

import (
	"errors"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/contacts"
)

// A bulk import checks each row before it sends anything, and reports a bad row by the field at fault.
func ExampleUpsertParams_Validate() {
	rows := []contacts.UpsertParams{
		{CreateParams: contacts.CreateParams{FirstName: "Ada", Email: "ada@example.com"}},
		{CreateParams: contacts.CreateParams{FirstName: "Bob", Email: "bob@localhost"}},
		{CreateParams: contacts.CreateParams{FirstName: "Cy"}},
	}
	for _, p := range rows {
		var argErr *ghl.ArgumentError
		if errors.As(p.Validate(), &argErr) {
			fmt.Println(p.FirstName, "refused:", argErr.Field)
			continue
		}
		fmt.Println(p.FirstName, "ok")
	}
	// Output:
	// Ada ok
	// Bob refused: Email
	// Cy refused: Email
}
