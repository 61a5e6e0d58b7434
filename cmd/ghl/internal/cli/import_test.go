package cli

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readRejects returns the rejects file's rows as line → reason, checking each line appears once.
func readRejects(t *testing.T, path string) map[string]string {
	t.Helper()
	file, err := os.Open(path)
	require.NoError(t, err)
	defer file.Close()
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	require.Equal(t, []string{"line", "reason"}, recs[0][:2])
	out := map[string]string{}
	for _, rec := range recs[1:] {
		_, dup := out[rec[0]]
		require.False(t, dup, "line %s rejected twice", rec[0])
		out[rec[0]] = rec[1]
	}
	return out
}

// upserts counts the upserts HighLevel carried out (a 429 that the SDK retried was not carried out).
func upserts(f *fake) int {
	n := 0
	for _, r := range f.srv.RequestsTo(http.MethodPost, "/contacts/upsert") {
		if r.Status == http.StatusOK {
			n++
		}
	}
	return n
}

func TestImportCreatesUpdatesAndRejects(t *testing.T) {
	f := newFake(t)
	old := f.srv.AddContact(ghltest.Contact{LocationID: testLocation, FirstName: "Old", Email: "old@example.com"})
	in := tempPath(t, "leads.csv")
	writeFile(t, in, "First Name,Last Name,Email,Phone,Tags,Company\n"+
		"Ada,Lovelace,ada@example.com,+15550101,\"vip,math\",Analytical\n"+ // 2 created
		"Old,Timer,OLD@example.com,,,\n"+ // 3 updated: emails match without case
		"Bad,Email,not-an-email,,,\n"+ // 4 rejected
		"No,Key,,,,\n"+ // 5 rejected
		"Too,Few,few@example.com\n"+ // 6 rejected
		"\"Multi\nLine\",Quote,multi@example.com,,,\n"+ // 7-8 created
		"Bare,Quo\"te,bq@example.com,,,\n"+ // 9 rejected
		"Latin,L\xe9vy,latin@example.com,,,\n"+ // 10 rejected
		"Phone,Only,,+1 555 0102,,\n") // 11 created
	res := f.run(t.Context(), []string{"import", "--in", in, "--tag", "imported", "--concurrency", "3"})
	require.Equal(t, exitRejects, res.code, res.stderr)
	assert.Contains(t, res.stdout, "9 of 9 rows done: 3 created, 1 updated, 5 rejected; 1 row spans several lines: lines 7-8 (2 lines)")
	assert.Contains(t, res.stdout, "leads.rejects.csv")

	rejects := readRejects(t, tempDirOf(in)+"/leads.rejects.csv")
	want := map[string]string{
		"4":  "invalid email address",
		"5":  "no email and no phone",
		"6":  "3 columns where the header has 6",
		"9":  `a quote inside unquoted column "Last Name"`,
		"10": `column "Last Name" is not UTF-8 text`,
	}
	require.Len(t, rejects, len(want))
	for line, reason := range want {
		assert.Contains(t, rejects[line], reason, "line %s", line)
	}
	assert.Equal(t, 4, upserts(f), "rejected rows are not sent")

	byEmail := map[string]ghltest.Contact{}
	for _, c := range f.srv.Contacts(testLocation) {
		byEmail[strings.ToLower(c.Email)+c.Phone] = c
	}
	ada := byEmail["ada@example.com+15550101"]
	assert.Equal(t, "Lovelace", ada.LastName)
	assert.Equal(t, "Analytical", ada.CompanyName)
	assert.ElementsMatch(t, []string{"vip", "math", "imported"}, ada.Tags)
	updated, ok := f.srv.Contact(testLocation, old.ID)
	require.True(t, ok)
	assert.Equal(t, "Timer", updated.LastName)
	assert.Contains(t, updated.Tags, "imported")
	assert.Equal(t, "Multi\nLine", byEmail["multi@example.com"].FirstName)
	assert.Len(t, f.srv.Contacts(testLocation), 4)
	assert.NoFileExists(t, in+".checkpoint")
}

func tempDirOf(path string) string { return path[:strings.LastIndexByte(path, '/')] }

// TestImportTakesItsRejectsFileBack fixes a rejects file and imports it: its line and reason columns are
// skipped, and the fixed rows are created.
func TestImportTakesItsRejectsFileBack(t *testing.T) {
	f := newFake(t)
	in := tempPath(t, "in.csv")
	writeFile(t, in, "email,firstName\nada@example,Ada\ngrace@example.com,Grace\n")
	res := f.run(t.Context(), []string{"import", "--in", in})
	require.Equal(t, exitRejects, res.code, res.stderr)
	rejects := tempDirOf(in) + "/in.rejects.csv"
	content, err := os.ReadFile(rejects)
	require.NoError(t, err)
	fixed := tempPath(t, "fixed.csv")
	// The raw column keeps the line as it was; the columns after it are the ones imported.
	writeFile(t, fixed, strings.Replace(string(content), `",ada@example,Ada`, `",ada@example.com,Ada`, 1))

	res = f.run(t.Context(), []string{"import", "--in", fixed})
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stderr, `skipping columns "line", "reason"`)
	assert.Contains(t, res.stdout, "1 of 1 rows done: 1 created")
	assert.Len(t, f.srv.Contacts(testLocation), 2)
}

func TestImportRejectsWhatHighLevelRefuses(t *testing.T) {
	f := newFake(t)
	f.srv.InjectFault(http.MethodPost, "/contacts/upsert", ghltest.Fault{
		Status: http.StatusUnprocessableEntity,
		Body:   `{"statusCode":422,"message":["phone must be a valid phone number"],"error":"Unprocessable Entity"}`,
	})
	in := tempPath(t, "in.csv")
	writeFile(t, in, "email,phone\na@example.com,+15550100\nb@example.com,\n")
	res := f.run(t.Context(), []string{"import", "--in", in, "--concurrency", "1"})
	require.Equal(t, exitRejects, res.code, res.stderr)
	assert.Contains(t, res.stdout, "2 of 2 rows done: 1 created, 0 updated, 1 rejected")
	rejects := readRejects(t, tempDirOf(in)+"/in.rejects.csv")
	assert.Equal(t, map[string]string{"2": "HighLevel answered 422: phone must be a valid phone number"}, rejects)
}

func TestImportReadsBOMCRLFMappingsAndCustomFields(t *testing.T) {
	f := newFake(t)
	in := tempPath(t, "crm.csv")
	writeFile(t, in, "\xEF\xBB\xBFE-mail Address,Given,Notes,customField.cf1,Mobile\r\n"+
		"grace@example.com,Grace,likes COBOL,blue,\r\n"+
		"alan@example.com,Alan,,,+44 20 7946 0000\r\n")
	res := f.run(t.Context(), []string{"import", "--in", in, "--map", "Notes=-", "--map", "#5=phone"})
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "2 created, 0 updated, 0 rejected")
	assert.NoFileExists(t, tempDirOf(in)+"/crm.rejects.csv", "no rejects, no rejects file")

	var grace ghltest.Contact
	for _, c := range f.srv.Contacts(testLocation) {
		if c.Email == "grace@example.com" {
			grace = c
		}
	}
	assert.Equal(t, "Grace", grace.FirstName)
	require.Len(t, grace.CustomFields, 1)
	assert.Equal(t, "cf1", grace.CustomFields[0].ID)
	assert.Equal(t, "blue", grace.CustomFields[0].Value)
}

// TestImportRoundTripsAnExport imports a csv that 'ghl export' wrote, into another location: the read-only
// columns are skipped and every contact arrives with its tags and custom fields.
func TestImportRoundTripsAnExport(t *testing.T) {
	f := newFake(t, ghltest.WithLocation("loc-2"))
	f.srv.SeedContacts(testLocation, 50, ghltest.SeedOptions{CustomFieldID: "score"})
	out := tempPath(t, "all.csv")
	res := f.run(t.Context(), []string{"export", "--out", out})
	require.Equal(t, exitOK, res.code, res.stderr)

	res = f.run(t.Context(), []string{"import", "--in", out, "--location", "loc-2"}, func(e *env) {
		e.getenv = f.getenv("GHL_TOKEN", f.srv.IssueToken("loc-2"))
	})
	require.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stderr, `skipping columns "id", "type", "dateAdded", "dateUpdated"`)
	assert.Contains(t, res.stdout, "50 created")
	src, dst := f.srv.Contacts(testLocation), f.srv.Contacts("loc-2")
	require.Len(t, dst, 50)
	byEmail := map[string]ghltest.Contact{}
	for _, c := range dst {
		byEmail[c.Email] = c
	}
	for _, c := range src {
		got := byEmail[c.Email]
		assert.Equal(t, c.FirstName, got.FirstName)
		assert.Equal(t, c.Phone, got.Phone)
		assert.ElementsMatch(t, c.Tags, got.Tags)
		require.Len(t, got.CustomFields, 1)
		assert.Equal(t, fmt.Sprint(c.CustomFields[0].Value), fmt.Sprint(got.CustomFields[0].Value))
	}
}

func TestImportRefusesFilesItCannotMap(t *testing.T) {
	f := newFake(t)
	tests := []struct {
		name    string
		content string
		args    []string
		code    int
		want    string
	}{
		{"unknown column", "email,Favourite Colour\n", nil, exitUsage, `no contact field for column "Favourite Colour"`},
		{"two columns one field", "email,E-mail\n", nil, exitUsage, `both fill email`},
		{"no key column", "first name,city\n", nil, exitUsage, "no column gives an email or a phone"},
		{"map of a missing column", "email\n", []string{"--map", "Mail=email"}, exitUsage, `the header has no column "Mail"`},
		{"map to no field", "email,x\n", []string{"--map", "x=colour"}, exitUsage, `"colour" is neither a contact field`},
		{"map to nothing", "email,x\n", []string{"--map", "x="}, exitUsage, "want COLUMN=FIELD"},
		{"utf-16", "\xFF\xFEe\x00m\x00", nil, exitError, "UTF-16"},
		{"empty", "", nil, exitError, "the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tempPath(t, "in.csv")
			writeFile(t, in, tt.content)
			res := f.run(t.Context(), append([]string{"import", "--in", in}, tt.args...))
			assert.Equal(t, tt.code, res.code)
			assert.Contains(t, res.stderr, tt.want)
		})
	}
	headerOnly := tempPath(t, "header.csv")
	writeFile(t, headerOnly, "email,phone\n")
	res := f.run(t.Context(), []string{"import", "--in", headerOnly})
	assert.Equal(t, exitOK, res.code, res.stderr)
	assert.Contains(t, res.stdout, "0 of 0 rows done")

	res = f.run(t.Context(), []string{"import"})
	assert.Equal(t, exitUsage, res.code)
	assert.Contains(t, res.stderr, "--in is required")
	assert.Zero(t, upserts(f))
}

// leads writes a CSV of n rows; every 7th has a bad email. It returns the path and the rejected lines.
func leads(t *testing.T, n int) (string, []string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("firstName,email\n")
	var bad []string
	for i := range n {
		if i%7 == 3 {
			fmt.Fprintf(&b, "Bad%d,bad-%d-at-example.com\n", i, i)
			bad = append(bad, fmt.Sprint(i+2))
			continue
		}
		fmt.Fprintf(&b, "Lead%d,lead%d@example.com\n", i, i)
	}
	in := tempPath(t, "leads.csv")
	writeFile(t, in, b.String())
	return in, bad
}

// TestImportResumesAfterCtrlC stops an import after 40 answers and resumes it: every row ends created or
// rejected exactly once, and no row is sent twice, since Ctrl-C waits for the rows in flight.
func TestImportResumesAfterCtrlC(t *testing.T) {
	f := newFake(t)
	const rows = 300
	in, bad := leads(t, rows)
	args := []string{"import", "--in", in, "--concurrency", "4"}

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/upsert", 40, cancel)))
	require.Equal(t, exitInterrupted, res.code, res.stderr)
	assert.Contains(t, res.stderr, "Run the same command again to resume")
	first := upserts(f)
	assert.GreaterOrEqual(t, first, 40)
	assert.Less(t, first, rows-len(bad))
	var cp importCheckpoint
	require.NoError(t, loadJSON(in+".checkpoint", &cp))
	assert.Equal(t, first, cp.Created, "every row sent before the stop is recorded")

	res = f.run(t.Context(), args)
	require.Equal(t, exitRejects, res.code, res.stderr)
	assert.Contains(t, res.stderr, fmt.Sprintf("resuming: %d of %d rows already done", cp.Done.count(), rows))
	valid := rows - len(bad)
	assert.Contains(t, res.stdout, fmt.Sprintf("%d of %d rows done: %d created, 0 updated, %d rejected", rows, rows, valid, len(bad)))
	assert.Equal(t, valid, upserts(f), "no row is sent twice")
	assert.Len(t, f.srv.Contacts(testLocation), valid)
	rejects := readRejects(t, tempDirOf(in)+"/leads.rejects.csv")
	got := make([]string, 0, len(rejects))
	for line := range rejects {
		got = append(got, line)
	}
	assert.ElementsMatch(t, bad, got)
}

// TestImportResumesAfterACrash resumes from a checkpoint older than the work done, as after a crash between
// two saves: the rows done since are sent again, which updates the contacts they created instead of
// duplicating them, and the rejects written since are cut off and written again once.
func TestImportResumesAfterACrash(t *testing.T) {
	f := newFake(t)
	const rows = 200
	in, bad := leads(t, rows)
	args := []string{"import", "--in", in, "--concurrency", "4"}
	interrupt := func(n int64) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/upsert", n, cancel)))
		require.Equal(t, exitInterrupted, res.code, res.stderr)
	}
	interrupt(30)
	older, err := os.ReadFile(in + ".checkpoint")
	require.NoError(t, err)
	interrupt(30)
	writeFile(t, in+".checkpoint", string(older)) // the crash lost the second run's checkpoint
	rejectsPath := tempDirOf(in) + "/leads.rejects.csv"
	file, err := os.OpenFile(rejectsPath, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = file.WriteString("999,half a rej")
	require.NoError(t, err)
	require.NoError(t, file.Close())

	res := f.run(t.Context(), args)
	require.Equal(t, exitRejects, res.code, res.stderr)
	valid := rows - len(bad)
	assert.Len(t, f.srv.Contacts(testLocation), valid, "a resent upsert does not duplicate its contact")
	assert.Greater(t, upserts(f), valid, "the rows done after the older checkpoint were sent again")
	assert.Contains(t, res.stdout, fmt.Sprintf("%d of %d rows done", rows, rows))
	assert.Contains(t, res.stdout, fmt.Sprintf("%d rejected", len(bad)))
	rejects := readRejects(t, rejectsPath)
	got := make([]string, 0, len(rejects))
	for line := range rejects {
		got = append(got, line)
	}
	assert.ElementsMatch(t, bad, got)
}

// TestImportStopsWhenTheTokenIsRefused stops at the first 401 instead of rejecting every row, keeps the rows
// done, and finishes with a new token.
func TestImportStopsWhenTheTokenIsRefused(t *testing.T) {
	f := newFake(t)
	const rows = 100
	in, bad := leads(t, rows)
	args := []string{"import", "--in", in, "--concurrency", "2"}
	revoke := &afterAnswers{base: http.DefaultTransport, path: "/contacts/upsert", n: 20, do: func() { f.srv.RevokeToken(f.token) }}
	res := f.run(t.Context(), args, withHTTP(revoke))
	require.Equal(t, exitError, res.code, res.stderr)
	assert.Contains(t, res.stderr, "stopped at line")
	assert.Contains(t, res.stderr, "401")
	assert.NoFileExists(t, tempDirOf(in)+"/leads.rejects.csv.tmp")

	f.token = f.srv.IssueToken(testLocation)
	res = f.run(t.Context(), args)
	require.Equal(t, exitRejects, res.code, res.stderr)
	valid := rows - len(bad)
	assert.Contains(t, res.stdout, fmt.Sprintf("%d created, 0 updated, %d rejected", valid, len(bad)))
	assert.Len(t, f.srv.Contacts(testLocation), valid)
	assert.Len(t, readRejects(t, tempDirOf(in)+"/leads.rejects.csv"), len(bad), "a refused token rejects no row")
}

func TestImportRefusesAChangedInput(t *testing.T) {
	f := newFake(t)
	in, bad := leads(t, 100)
	args := []string{"import", "--in", in, "--concurrency", "1"}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	res := f.run(ctx, args, withHTTP(cancelAfter("/contacts/upsert", 10, cancel)))
	require.Equal(t, exitInterrupted, res.code, res.stderr)

	content, err := os.ReadFile(in)
	require.NoError(t, err)
	writeFile(t, in, string(content)+"New,new@example.com\n")
	res = f.run(t.Context(), args)
	assert.Equal(t, exitError, res.code)
	assert.Contains(t, res.stderr, "changed since the checkpoint")

	sent := upserts(f)
	res = f.run(t.Context(), append(args, "--restart"))
	assert.Equal(t, exitRejects, res.code, res.stderr)
	assert.Equal(t, sent+101-len(bad), upserts(f), "--restart sends every valid row again")
	assert.True(t, slices.ContainsFunc(f.srv.Contacts(testLocation), func(c ghltest.Contact) bool { return c.Email == "new@example.com" }))
}
