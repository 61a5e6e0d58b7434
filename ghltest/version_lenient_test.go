package ghltest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAcceptedVersions(t *testing.T) {
	tests := []struct {
		name    string
		opts    []Option
		version string
		status  int
	}{
		{"strict by default: the Go SDK's value", nil, APIVersion, http.StatusOK},
		{"strict by default: Node SDK's value refused", nil, NodeSDKVersion, http.StatusBadRequest},
		{"strict by default: calendars' value refused", nil, CalendarsAPIVersion, http.StatusBadRequest},
		{"lenient: Node SDK's value", []Option{WithAcceptedVersions()}, NodeSDKVersion, http.StatusOK},
		{"lenient: calendars' value", []Option{WithAcceptedVersions()}, CalendarsAPIVersion, http.StatusOK},
		{"lenient: still APIVersion", []Option{WithAcceptedVersions()}, APIVersion, http.StatusOK},
		{"lenient: an unknown value refused", []Option{WithAcceptedVersions()}, "2020-01-01", http.StatusBadRequest},
		{"lenient: still no header refused", []Option{WithAcceptedVersions()}, "", http.StatusBadRequest},
		{"a value of one's own", []Option{WithAcceptedVersions("2024-01-01")}, "2024-01-01", http.StatusOK},
		{"a value of one's own only", []Option{WithAcceptedVersions("2024-01-01")}, NodeSDKVersion, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t, tt.opts...)
			id := f.create(t, map[string]any{"email": "ada@example.com"})
			r := f.send(t, "GET", "/contacts/"+id, f.token, nil, "Version", tt.version)
			require.Equal(t, tt.status, r.status, "body: %s", r.body)
		})
	}
}
