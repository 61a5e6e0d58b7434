package ghltest_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/ghlkit/ghl/ghltest"
)

// A server with a webhook target delivers, signed, the event each of its writes causes.
func ExampleWithWebhookTarget() {
	signer := ghltest.NewWebhookSigner()
	got := make(chan string, 1)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		sig, _ := base64.StdEncoding.DecodeString(r.Header.Get(ghltest.WebhookSignatureHeader))
		var e struct {
			Type  string `json:"type"`
			AppID string `json:"appId"`
			Name  string `json:"name"`
		}
		_ = json.Unmarshal(body, &e)
		got <- fmt.Sprintf("%s for %s from %s, signed: %t", e.Type, e.Name, e.AppID, ed25519.Verify(signer.PublicKey(), body, sig))
	}))
	defer receiver.Close()

	srv := ghltest.NewServer(ghltest.WithLocation("loc1"), ghltest.WithToken("pit-1", "loc1"),
		ghltest.WithWebhookTarget(ghltest.WebhookTarget{URL: receiver.URL, Signer: signer, AppID: "my-app"}))
	defer srv.Close()

	req, _ := http.NewRequest("POST", srv.URL+"/contacts/",
		strings.NewReader(`{"locationId":"loc1","firstName":"Ada","lastName":"Lovelace"}`))
	req.Header.Set("Authorization", "Bearer pit-1")
	req.Header.Set("Version", ghltest.APIVersion)
	resp, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	fmt.Println(<-got)
	// Output:
	// 201
	// ContactCreate for Ada Lovelace from my-app, signed: true
}
