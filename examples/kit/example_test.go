package kit_test

import (
	"context"
	"fmt"
	"io"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/examples/kit"
)

// With neither GHL_TOKEN nor GHL_LOCATION_ID set, Connect starts the in-memory fake and returns a client for it.
func ExampleConnect() {
	noEnv := func(string) string { return "" }
	client, fake, err := kit.Connect(noEnv, io.Discard)
	if err != nil {
		panic(err)
	}
	defer fake.Close()
	c, err := client.Contacts.Create(context.Background(), contacts.CreateParams{FirstName: "Ada"})
	if err != nil {
		panic(err)
	}
	fmt.Println(c.FirstName, fake != nil)
	// Output: Ada true
}
