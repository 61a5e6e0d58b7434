package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"time"

	"github.com/ghlkit/ghl/cmd/ghl/internal/cli"
	"github.com/ghlkit/ghl/ghltest"
)

// ExampleRun exports a location's contacts as CSV to stdout, against the in-memory fake HighLevel.
func ExampleRun() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc-1"))
	defer srv.Close()
	added := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	srv.AddContact(ghltest.Contact{LocationID: "loc-1", FirstName: "Ada", Email: "ada@example.com", DateAdded: added})
	srv.AddContact(ghltest.Contact{LocationID: "loc-1", FirstName: "Grace", Email: "grace@example.com", DateAdded: added.Add(time.Hour)})
	env := map[string]string{"GHL_TOKEN": srv.IssueToken("loc-1"), "GHL_LOCATION_ID": "loc-1"}

	var out bytes.Buffer
	code := cli.Run(context.Background(),
		[]string{"export", "--base-url", srv.URL, "--format", "csv", "--out", "-"},
		func(k string) string { return env[k] }, nil, &out, io.Discard)

	rows, _ := csv.NewReader(&out).ReadAll()
	for _, r := range rows {
		fmt.Println(r[1], r[3]) // firstName, email
	}
	fmt.Println("exit status", code)
	// Output:
	// firstName email
	// Grace grace@example.com
	// Ada ada@example.com
	// exit status 0
}
