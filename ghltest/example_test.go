package ghltest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/ghlkit/ghl/ghltest"
)

func Example() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer srv.Close()
	token := srv.IssueToken("loc1")

	// The next create answers 422 although the contact is created, as HighLevel sometimes does.
	srv.InjectFault("POST", "/contacts/", ghltest.Fault{Status: 422, AfterHandler: true})

	create := func() int {
		req, _ := http.NewRequest("POST", srv.URL+"/contacts/",
			strings.NewReader(`{"locationId":"loc1","firstName":"Ada","email":"ada@example.com"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Version", "2021-07-28")
		req.Header.Set("Content-Type", "application/json")
		resp, err := srv.Client().Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		var body struct {
			Message any `json:"message"`
		}
		_ = json.NewDecoder(resp.Body).Decode(&body)
		fmt.Println(resp.StatusCode, body.Message, resp.Header.Get("X-RateLimit-Remaining"))
		return resp.StatusCode
	}
	create() // the fault
	create() // a blind retry meets the duplicate rule

	fmt.Println("contacts:", srv.ContactCount("loc1"))
	fmt.Println("creates sent:", len(srv.RequestsTo("POST", "/contacts/")))
	// Output:
	// 422 [Unprocessable Entity] 99
	// 400 This location does not allow duplicated contacts. 98
	// contacts: 1
	// creates sent: 2
}
