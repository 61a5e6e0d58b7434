package location_test

import (
	"fmt"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/internal/location"
	"github.com/ghlkit/ghl/internal/transport"
)

// Params that name no location act in the client's.
func Example() {
	c, err := transport.New(transport.Config{BaseURL: "http://127.0.0.1:1", Tokens: auth.PrivateToken("pit-example"), LocationID: "loc1"})
	if err != nil {
		panic(err)
	}
	loc, err := location.Or(c, "")
	fmt.Println(loc, err)
	// Output: loc1 <nil>
}
