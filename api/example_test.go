package api_test

import (
	"errors"
	"fmt"

	"github.com/ghlkit/ghl/api"
)

// An error from any package of the SDK is tested against the same sentinels.
func Example() {
	err := fmt.Errorf("syncing contact: %w", api.ErrNotFound)
	fmt.Println(errors.Is(err, api.ErrNotFound), errors.Is(err, api.ErrScope))
	// Output: true false
}
