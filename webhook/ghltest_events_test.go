package webhook

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/ghlkit/ghl/ghltest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The deliveries ghltest makes for its writes verify and decode into the typed events, appId and versionId
// included.
func TestGhltestDeliveriesDecode(t *testing.T) {
	signer := ghltest.NewWebhookSignerFromSeed("decode")
	v, err := NewVerifier(WithPublicKeys(signer.PublicKey()))
	require.NoError(t, err)
	events := make(chan *Event, 16)
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e, err := v.ConstructEvent(body, r.Header)
		if !assert.NoError(t, err, "%s", body) {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		events <- e
	}))
	defer rcv.Close()
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"), ghltest.WithToken("pit-1", "loc1"),
		ghltest.WithWebhookTarget(ghltest.WebhookTarget{URL: rcv.URL, Signer: signer, AppID: "app1", VersionID: "ver1"}))
	defer srv.Close()
	send := func(method, path string, body any) map[string]any {
		b, _ := json.Marshal(body)
		req, err := http.NewRequest(method, srv.URL+path, bytes.NewReader(b))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer pit-1")
		req.Header.Set("Version", ghltest.APIVersion)
		resp, err := srv.Client().Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		var out map[string]any
		require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
		require.Less(t, resp.StatusCode, 300, "%v", out)
		return out
	}
	c := send("POST", "/contacts/", map[string]any{"locationId": "loc1", "firstName": "Ada", "lastName": "Lovelace",
		"email": "ada@example.com", "tags": []string{"vip"}})["contact"].(map[string]any)
	id := c["id"].(string)
	send("POST", "/contacts/"+id+"/tasks", map[string]any{"title": "Call", "dueDate": "2026-03-03T09:00:00Z", "completed": false})
	send("POST", "/contacts/"+id+"/notes", map[string]any{"body": "Met"})
	send("PUT", "/contacts/"+id, map[string]any{"dndSettings": map[string]any{"RCS": map[string]any{"status": "active"}}})

	got := make([]*Event, 5)
	for i := range got {
		got[i] = <-events
		assert.Equal(t, "app1", got[i].AppID, got[i].Type)
		assert.Equal(t, "ver1", got[i].VersionID, got[i].Type)
		assert.Equal(t, "loc1", got[i].LocationID, got[i].Type)
		assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, got[i].WebhookID)
	}
	for i, want := range []Payload{&ContactCreate{}, &TaskCreate{}, &NoteCreate{}, &ContactUpdate{}, &ContactDndUpdate{}} {
		assert.IsType(t, want, got[i].Data)
	}
	cc, ok := got[0].Data.(*ContactCreate)
	require.True(t, ok)
	assert.Equal(t, id, cc.ID)
	assert.Equal(t, "Ada Lovelace", cc.Name, "events carry name")
	assert.Equal(t, []string{"vip"}, cc.Tags)
	task, ok := got[1].Data.(*TaskCreate)
	require.True(t, ok)
	assert.Equal(t, id, task.ContactID)
	assert.Equal(t, "Call", task.Title)
	e := got[4]
	assert.Equal(t, DNDSetting{Status: "active"}, e.Data.(*ContactDndUpdate).DNDSettings["RCS"], "the RCS channel is kept")
}
