package conformance_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(name, []byte(text), 0o600))
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
