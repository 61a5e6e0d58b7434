package auth_test

import (
	"testing"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/auth/storetest"
	"github.com/stretchr/testify/require"
)

func TestMemoryStoreContract(t *testing.T) {
	storetest.Run(t, func(*testing.T) auth.Store { return auth.NewMemoryStore() })
}

func TestFileStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) auth.Store {
		s, err := auth.NewFileStore(t.TempDir() + "/tokens")
		require.NoError(t, err)
		return s
	})
}

// Two FileStores on one directory are two processes as far as the contract can tell: separate lock file
// descriptors, shared files.
func TestFileStoreContractAcrossInstances(t *testing.T) {
	storetest.Run(t, func(t *testing.T) auth.Store {
		dir := t.TempDir() + "/tokens"
		a, err := auth.NewFileStore(dir)
		require.NoError(t, err)
		b, err := auth.NewFileStore(dir)
		require.NoError(t, err)
		return &alternating{stores: []auth.Store{a, b}}
	})
}
