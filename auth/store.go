package auth

import "context"

// Store keeps tokens by Key and serialises their refreshes. Implementations must be safe for concurrent use,
// and their lock must hold between every process that shares the storage: that lock is what keeps two
// processes from spending the same single-use refresh token.
//
// A Source refreshes like this: Lock, Locked.Load, decide (another process may have refreshed already),
// send the refresh once, Locked.Save, Unlock, and only then use the new token. A database store can give the
// same guarantee with a row lock in a transaction (SELECT ... FOR UPDATE, committed by Unlock), an advisory
// lock, or a lease with compare-and-swap on the stored refresh token (the lease must outlast one token request,
// and Save must fail if the stored pair changed since Load).
//
// A store encodes tokens with MarshalToken and decodes them with UnmarshalToken (encoding/json on a Token
// gives its redacted form). Package auth/storetest has the tests every Store must pass.
type Store interface {
	// Load returns the token stored under key, or an error matching ErrNotStored, or one matching ErrCorrupt
	// when it cannot be decoded.
	Load(ctx context.Context, key Key) (*Token, error)
	// Lock takes key's exclusive lock, waiting until it is free or ctx is done. A lock whose holder died
	// (a killed process) must not stay taken.
	Lock(ctx context.Context, key Key) (Locked, error)
	// Delete removes key's token; a missing token is not an error.
	Delete(ctx context.Context, key Key) error
}

// Locked is a Store's lock on one key, through which the locked token is read and written.
type Locked interface {
	// Load is Store.Load for the locked key.
	Load(ctx context.Context) (*Token, error)
	// Save stores tok under the locked key. When Save and then Unlock have returned nil, the token is durable:
	// it survives a crash of this process (and, for a file, of the machine as far as fsync goes).
	Save(ctx context.Context, tok *Token) error
	// Unlock releases the lock. It may be called more than once; calls after the first do nothing.
	Unlock() error
}
