package storetest_test

import (
	"fmt"
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
)

func TestRunOnMemoryStore(t *testing.T) {
	storetest.Run(t, func(*testing.T) auth.Store { return auth.NewMemoryStore() })
}

func TestRunOnFileStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) auth.Store {
		s, err := auth.NewFileStore(t.TempDir() + "/tokens")
		if err != nil {
			t.Fatal(err)
		}
		return s
	})
}

// The keys and tokens the contract uses; a store's own tests can use them too.
func Example() {
	fmt.Println(storetest.Key(1))
	fmt.Println(storetest.SampleToken(1))
	// Output:
	// client-1.app/Location/loc/1
	// auth.Token{access_token: [redacted], refresh_token: [redacted], user_type: Location, location_id: loc/1, company_id: company-1, scopes: contacts.readonly contacts.write, expiry: 2026-01-03T03:04:05Z}
}
