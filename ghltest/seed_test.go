package ghltest

import (
	"net/http"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func TestSeedContacts(t *testing.T) {
	f := newFixture(t)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := f.srv.SeedContacts("", 40, SeedOptions{Prefix: "SEED", Start: start, Step: time.Hour, CustomFieldID: "score",
		Edit: func(i int, c *Contact) {
			if i == 7 {
				c.Tags = append(c.Tags, "special")
			}
		}})
	require.Len(t, ids, 40)
	assert.Equal(t, "SEED000000000007", ids[7])
	c, ok := f.srv.Contact(f.loc, ids[7])
	require.True(t, ok)
	assert.Equal(t, "Ken", c.FirstName)
	assert.Equal(t, "ken.lovelace.7@seed.example.com", c.Email)
	assert.Equal(t, "+15550000007", c.Phone)
	assert.Equal(t, start.Add(7*time.Hour), c.DateAdded)
	assert.Equal(t, []string{"newsletter", "special"}, c.Tags)
	assert.Equal(t, []CustomField{{ID: "score", Value: 7.0}}, c.CustomFields)
	assert.Equal(t, 40, f.srv.ContactCount(f.loc))

	// Seeded contacts are found like any other.
	got, total, _ := f.searchIDs(t, map[string]any{"pageLimit": 5, "filters": []any{
		map[string]any{"field": "tags", "operator": "eq", "value": "special"}}})
	assert.Equal(t, []string{ids[7]}, got)
	assert.Equal(t, 1, total)
	r := f.do(t, http.MethodGet, "/contacts/search/duplicate?locationId="+f.loc+"&email=ken.lovelace.7%40seed.example.com", nil)
	assert.Equal(t, ids[7], r.json(t)["contact"].(map[string]any)["id"])

	assert.Nil(t, f.srv.SeedContacts("", 0, SeedOptions{}))
	other := f.srv.SeedContacts("", 3, SeedOptions{})
	assert.NotEqual(t, ids[0][:8], other[0][:8], "a default prefix is random")
}

// Seeding stays linear, so that exports of 100,000 contacts are cheap to test: the allocations per contact do not
// grow with the size of the location (a clock-free bound; BenchmarkSeedContacts reports the time).
func TestSeedHundredThousand(t *testing.T) {
	perContact := func(n int) float64 {
		f := newFixture(t)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ids := f.srv.SeedContacts(f.loc, n, SeedOptions{})
		runtime.ReadMemStats(&after)
		require.Len(t, ids, n)
		assert.Equal(t, n, f.srv.ContactCount(f.loc))
		return float64(after.Mallocs-before.Mallocs) / float64(n)
	}
	small, large := perContact(10_000), perContact(100_000)
	assert.Less(t, large, small*1.5, "allocations per contact: %.1f at 10,000, %.1f at 100,000", small, large)
	t.Logf("allocations per seeded contact: %.1f at 10,000, %.1f at 100,000", small, large)
}

// BenchmarkSeedContacts seeds 100,000 contacts into a new location per iteration.
func BenchmarkSeedContacts(b *testing.B) {
	srv := NewServer(WithLocation("loc1"))
	defer srv.Close()
	i := 0
	for b.Loop() {
		i++
		srv.SeedContacts("bench"+strconv.Itoa(i), 100_000, SeedOptions{})
	}
}
