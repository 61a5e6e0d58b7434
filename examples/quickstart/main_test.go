package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestQuickstartRunsAgainstTheFake(t *testing.T) {
	var out strings.Builder
	require.NoError(t, run(t.Context(), &out, func(string) string { return "" }))
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 6, out.String())
	assert.Contains(t, lines[0], "in-memory fake HighLevel")
	assert.Contains(t, lines[1], "created  contact")
	assert.Contains(t, lines[3], "phone +15550100")
	assert.Equal(t, "searched by email: 1 match", lines[4])
	assert.Contains(t, lines[5], "deleted  contact")
}

func TestQuickstartRefusesHalfACredential(t *testing.T) {
	env := map[string]string{"GHL_TOKEN": "pit-x"}
	var out strings.Builder
	err := run(t.Context(), &out, func(k string) string { return env[k] })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GHL_LOCATION_ID")
	assert.NotContains(t, err.Error(), "pit-x")
}
