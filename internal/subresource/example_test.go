package subresource_test

import (
	"context"
	"fmt"

	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/subresource"
	"github.com/ghlkit/ghl/internal/transport"
)

// A resource package names its path segment, its answer's key and its ID parameter once; the Service does the
// rest.
func Example() {
	srv := ghltest.NewServer(ghltest.WithLocation("loc1"))
	defer srv.Close()
	contactID := srv.AddContact(ghltest.Contact{FirstName: "Ada"}).ID
	srv.AddTask(ghltest.Task{ContactID: contactID, Title: "Call Ada"})

	c, err := transport.New(transport.Config{
		BaseURL: srv.URL, HTTPClient: srv.Client(), Tokens: auth.PrivateToken(srv.IssueToken("loc1")), LocationID: "loc1",
	})
	if err != nil {
		panic(err)
	}
	type task struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	tasks := subresource.New(c, "tasks", "task", "taskID", func(t *task) string { return t.ID })
	list, err := tasks.List(context.Background(), contactID)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(list), list[0].Title)
	// Output: 1 Call Ada
}
