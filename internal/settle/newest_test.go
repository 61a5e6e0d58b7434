package settle

import (
	"errors"
	"testing"
	"time"

	"github.com/ghlkit/ghl/api"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type dated struct {
	ID, Name string
	Added    api.Time
}

func TestNewest(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) api.Time { return api.Time{Time: start.Add(d)} }
	listErr := errors.New("listing failed")
	tests := []struct {
		name      string
		records   []dated
		fail      bool
		wantFound string
		wantOlder string
		wantErr   error
	}{
		{name: "the newest recent match", records: []dated{
			{ID: "a", Name: "x", Added: at(time.Second)}, {ID: "b", Name: "x", Added: at(2 * time.Second)}, {ID: "c", Name: "y", Added: at(3 * time.Second)},
		}, wantFound: "b"},
		{name: "within the window of clock skew", records: []dated{{ID: "a", Name: "x", Added: at(-Window + time.Second)}}, wantFound: "a"},
		{name: "a match without a time counts as new", records: []dated{{ID: "a", Name: "x"}}, wantFound: "a"},
		{name: "only an older match", records: []dated{{ID: "old", Name: "x", Added: at(-Window - time.Second)}}, wantOlder: "old"},
		{name: "a new match beats an older one", records: []dated{
			{ID: "old", Name: "x", Added: at(-time.Hour)}, {ID: "new", Name: "x", Added: at(time.Second)},
		}, wantFound: "new"},
		{name: "no match", records: []dated{{ID: "a", Name: "y", Added: at(time.Second)}}},
		{name: "the listing fails", records: []dated{{ID: "a", Name: "x", Added: at(time.Second)}}, fail: true, wantErr: listErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			records := func(yield func(dated, error) bool) {
				for _, r := range tt.records {
					if !yield(r, nil) {
						return
					}
				}
				if tt.fail {
					yield(dated{}, listErr)
				}
			}
			found, older, err := Newest(records, func(r *dated) bool { return r.Name == "x" },
				func(r *dated) api.Time { return r.Added }, func(r *dated) string { return r.ID }, start)
			assert.ErrorIs(t, err, tt.wantErr)
			if tt.wantErr != nil || tt.wantFound == "" {
				assert.Nil(t, found)
			} else if assert.NotNil(t, found) {
				assert.Equal(t, tt.wantFound, found.ID)
			}
			assert.Equal(t, tt.wantOlder, older)
		})
	}
}

func TestFindCompletesTheUnsettledError(t *testing.T) {
	start := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	createErr, listErr := errors.New("502"), errors.New("listing failed")
	tests := []struct {
		name      string
		records   []dated
		fail      bool
		wantFound string
		wantOlder string
		wantErr   error
	}{
		{name: "found", records: []dated{{ID: "a", Added: api.Time{Time: start}}}, wantFound: "a"},
		{name: "older only", records: []dated{{ID: "old", Added: api.Time{Time: start.Add(-time.Hour)}}}, wantOlder: "old"},
		{name: "listing fails", fail: true, wantErr: listErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			records := func(yield func(dated, error) bool) {
				for _, r := range tt.records {
					if !yield(r, nil) {
						return
					}
				}
				if tt.fail {
					yield(dated{}, listErr)
				}
			}
			got, err := Find(records, func(*dated) bool { return true }, func(r *dated) api.Time { return r.Added },
				func(r *dated) string { return r.ID }, start, &api.UnknownOutcomeError{Record: "record", Err: createErr})
			if tt.wantFound != "" {
				require.NoError(t, err)
				assert.Equal(t, tt.wantFound, got.ID)
				return
			}
			var unknown *api.UnknownOutcomeError
			require.ErrorAs(t, err, &unknown)
			assert.Equal(t, tt.wantOlder, unknown.OlderMatch)
			assert.Equal(t, tt.wantErr, unknown.LookupErr)
			assert.ErrorIs(t, err, createErr)
		})
	}
}
