package resourcetest

import (
	"net/http"
	"testing"

	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// AssertNotFound checks that err is HighLevel's answer for a record that does not exist: an error matching
// ErrNotFound that carries the 400 HighLevel sends for it.
func AssertNotFound(t *testing.T, err error) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrNotFound)
	var apiErr *transport.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode, "HighLevel's answer is a 400")
}

// AssertArgumentError checks that err refuses the Go field (or parameter) field before anything is sent: an
// *ArgumentError matching ErrInvalidArgument that names it.
func AssertArgumentError(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrInvalidArgument)
	var argErr *transport.ArgumentError
	require.ErrorAs(t, err, &argErr)
	assert.Equal(t, field, argErr.Field)
	assert.Contains(t, err.Error(), field)
}

// AssertNoRecord checks that err reports a success answer without the record noun, matching wantErr when it is
// not nil: ErrNotFound after a read, ErrOutcomeUnknown after a create.
func AssertNoRecord(t *testing.T, err error, noun string, wantErr error) {
	t.Helper()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "holds no "+noun)
	if wantErr != nil {
		assert.ErrorIs(t, err, wantErr)
	}
}

// AssertEmptyList checks that a list call succeeded with an empty, non-nil list.
func AssertEmptyList[T any](t *testing.T, list []T, err error) {
	t.Helper()
	require.NoError(t, err)
	assert.NotNil(t, list)
	assert.Empty(t, list)
}

// Settled is the outcome of a create whose answer a fault changed.
type Settled struct {
	Posts  int      // how many times the create was sent
	Stored []string // the IDs of the records the server holds afterwards
	GotID  string   // the ID of the record the create returned, if any
	Err    error    // the create's error
}

// AssertSettled checks s: the create was sent wantPosts times, made the record exactly once when wantMade
// (never twice) and not at all otherwise, and either returned the stored record (wantErr nil) or failed with
// an error matching wantErr.
func AssertSettled(t *testing.T, s Settled, wantPosts int, wantMade bool, wantErr error) {
	t.Helper()
	assert.Equal(t, wantPosts, s.Posts, "how many times the create was sent")
	if wantMade {
		require.Len(t, s.Stored, 1, "exactly one record, never two")
	} else {
		require.Empty(t, s.Stored)
	}
	if wantErr == nil {
		require.NoError(t, s.Err)
		assert.Equal(t, s.Stored[0], s.GotID)
		return
	}
	require.Error(t, s.Err)
	assert.ErrorIs(t, s.Err, wantErr)
}
