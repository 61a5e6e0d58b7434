package tasks

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/ghlkit/ghl/internal/resourcetest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDueDateFormats(t *testing.T) {
	want := time.Date(2021, 7, 8, 2, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		due  string
		want time.Time
	}{
		{"HighLevel's own", `"2021-07-08T02:30:00.000Z"`, want},
		{"without milliseconds", `"2021-07-08T02:30:00Z"`, want},
		{"with an offset", `"2021-07-08T08:00:00+05:30"`, want},
		{"space, no zone (read as UTC)", `"2021-07-08 02:30:00"`, want},
		{"epoch milliseconds", `1625711400000`, want},
		{"epoch milliseconds as text", `"1625711400000"`, want},
		{"unreadable", `"someday"`, time.Time{}},
		{"empty", `""`, time.Time{}},
		{"null", `null`, time.Time{}},
		{"an object", `{"date":"2021-07-08"}`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"task":{"id":"t1","title":"Call","dueDate":` + tt.due + `,"completed":true,"contactId":"c1"}}`
			svc, _ := scripted(t, http.StatusOK, body)
			task, err := svc.Get(context.Background(), "c1", "t1")
			require.NoError(t, err)
			assert.True(t, tt.want.Equal(task.DueDate.Time), "got %v", task.DueDate)
			assert.Equal(t, "Call", task.Title, "the other fields are read")
			assert.True(t, task.Completed)
			assert.Contains(t, string(task.Raw), `"dueDate":`+tt.due, "the text as sent stays reachable")
		})
	}
}

func TestListToleratesOddRecords(t *testing.T) {
	body := `{"tasks":[
		{"id":"t1","title":"Fine","dueDate":"2021-07-08T02:30:00.000Z","completed":false,"contactId":"c1","dateAdded":"2021-07-01T00:00:00.000Z"},
		null,
		{"_id":"t2","title":5,"body":"wrong type above","dueDate":"2021-07-08T02:30:00.000Z","completed":"yes","extra":{"a":1}},
		{"id":"t3","title":"Last","completed":true}
	],"traceId":"x"}`
	svc, _ := scripted(t, http.StatusOK, body)
	list, err := svc.List(context.Background(), "c1")
	require.NoError(t, err)
	require.Len(t, list, 3, "a null element is dropped, an odd one is kept")
	assert.Equal(t, time.Date(2021, 7, 1, 0, 0, 0, 0, time.UTC), list[0].DateAdded.Time)
	assert.Equal(t, "t2", list[1].ID, "the Mongo-style _id is read when id is missing")
	assert.Empty(t, list[1].Title, "a field of the wrong type is left empty")
	assert.Equal(t, "wrong type above", list[1].Body)
	assert.False(t, list[1].Completed)
	assert.Contains(t, string(list[1].Raw), `"extra":{"a":1}`)
	assert.Equal(t, "Last", list[2].Title)
	assert.True(t, list[2].DueDate.IsZero())
}

func TestAnswerWithoutTask(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		call    func(*Service) error
		wantErr error
	}{
		{"get", `{}`, func(s *Service) error { _, err := s.Get(context.Background(), "c1", "t1"); return err }, transport.ErrNotFound},
		{"get, null task", `{"task":null}`, func(s *Service) error { _, err := s.Get(context.Background(), "c1", "t1"); return err }, transport.ErrNotFound},
		{"create", `{"traceId":"x"}`, func(s *Service) error {
			_, err := s.Create(context.Background(), "c1", CreateParams{Title: "t", DueDate: start})
			return err
		}, transport.ErrOutcomeUnknown},
		{"update", `{"task":{}}`, func(s *Service) error {
			_, err := s.Update(context.Background(), "c1", "t1", UpdateParams{Title: ptr("x")})
			return err
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := scripted(t, http.StatusOK, tt.body)
			resourcetest.AssertNoRecord(t, tt.call(svc), "task", tt.wantErr)
		})
	}
}

func TestDeleteAnswers(t *testing.T) {
	tests := []struct {
		body string
		ok   bool
	}{
		{`{"succeded":true}`, true},
		{`{}`, true},
		{``, true},
		{`{"succeded":false}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			svc, seen := scripted(t, http.StatusOK, tt.body)
			err := svc.Delete(context.Background(), "c 1", "t/1")
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorContains(t, err, "succeded: false")
			}
			reqs := seen()
			require.Len(t, reqs, 1)
			assert.Equal(t, "/contacts/c%201/tasks/t%2F1", reqs[0].URL.EscapedPath(), "IDs are escaped")
		})
	}
}
