package cli

import (
	"flag"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestHelpAndUsage(t *testing.T) {
	f := newFake(t)
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, exitUsage, "", "Usage:"},
		{"--help", []string{"--help"}, exitOK, "Credentials", ""},
		{"help", []string{"help"}, exitOK, "ghl export --out FILE", ""},
		{"help export", []string{"help", "export"}, exitOK, "Usage: ghl export", ""},
		{"help import", []string{"help", "import"}, exitOK, "Usage: ghl import", ""},
		{"export --help", []string{"export", "--help"}, exitOK, "checkpoint", ""},
		{"import -h", []string{"import", "-h"}, exitOK, "rejects file", ""},
		{"help of nothing", []string{"help", "sync"}, exitUsage, "", `unknown command "sync"`},
		{"unknown command", []string{"sync"}, exitUsage, "", `unknown command "sync"`},
		{"version", []string{"version"}, exitOK, "ghl " + Version, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := f.run(t.Context(), tt.args)
			assert.Equal(t, tt.code, res.code)
			assert.Contains(t, res.stdout, tt.stdout)
			assert.Contains(t, res.stderr, tt.stderr)
		})
	}
	assert.Empty(t, f.srv.Requests())
}

// TestHelpNamesEveryFlag keeps the hand-written help in step with the flags each command defines.
func TestHelpNamesEveryFlag(t *testing.T) {
	sets := map[string]*flag.FlagSet{"export": exportFlagSet(&exportFlags{}), "import": importFlagSet(&importFlags{})}
	help := map[string]string{"export": exportHelp, "import": importHelp}
	for cmd, fs := range sets {
		n := 0
		fs.VisitAll(func(fl *flag.Flag) {
			n++
			assert.Contains(t, help[cmd], "--"+fl.Name+" ", "ghl %s --help", cmd)
		})
		assert.Greater(t, n, 8)
	}
}
