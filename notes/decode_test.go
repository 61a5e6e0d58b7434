package notes

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

func TestListToleratesOddRecords(t *testing.T) {
	body := `{"notes":[
		{"id":"n1","body":"Fine","userId":"u1","dateAdded":"2021-07-08T12:02:11.285Z","contactId":"c1","title":"T","color":"#FFAA00","pinned":true},
		null,
		{"_id":"n2","body":["not","text"],"dateAdded":"2021-07-08 12:02:11","pinned":"no","relations":[{"objectKey":"contact"}]},
		{"id":"n3","body":"No date","dateAdded":"yesterday"}
	]}`
	svc, _ := scripted(t, http.StatusOK, body)
	list, err := svc.List(context.Background(), "c1")
	require.NoError(t, err)
	require.Len(t, list, 3)
	assert.Equal(t, time.Date(2021, 7, 8, 12, 2, 11, 285e6, time.UTC), list[0].DateAdded.Time)
	assert.True(t, list[0].Pinned)
	assert.Equal(t, "#FFAA00", list[0].Color)
	assert.Equal(t, "n2", list[1].ID)
	assert.Empty(t, list[1].Body)
	assert.Equal(t, time.Date(2021, 7, 8, 12, 2, 11, 0, time.UTC), list[1].DateAdded.Time)
	assert.Contains(t, string(list[1].Raw), `"relations"`)
	assert.False(t, list[2].DateAdded.Valid())
	assert.Contains(t, string(list[2].Raw), `"dateAdded":"yesterday"`)
}

func TestAnswerWithoutNote(t *testing.T) {
	tests := []struct {
		name    string
		call    func(*Service) error
		wantErr error
	}{
		{"get", func(s *Service) error { _, err := s.Get(context.Background(), "c1", "n1"); return err }, transport.ErrNotFound},
		{"create", func(s *Service) error {
			_, err := s.Create(context.Background(), "c1", CreateParams{Body: "b"})
			return err
		}, transport.ErrOutcomeUnknown},
		{"update", func(s *Service) error {
			_, err := s.Update(context.Background(), "c1", "n1", UpdateParams{Body: ptr("b")})
			return err
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, _ := scripted(t, http.StatusOK, `{"note":null}`)
			resourcetest.AssertNoRecord(t, tt.call(svc), "note", tt.wantErr)
		})
	}
}

func TestDeleteAnswers(t *testing.T) {
	svc, seen := scripted(t, http.StatusOK, `{"succeded":false}`)
	err := svc.Delete(context.Background(), "c1", "../n1")
	assert.ErrorContains(t, err, "succeded: false")
	reqs := seen()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/contacts/c1/notes/..%2Fn1", reqs[0].URL.EscapedPath(), "IDs are escaped")
}
