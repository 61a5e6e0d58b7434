package tasks_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/tasks"
)

func Example() {
	ctx := context.Background()
	srv := ghltest.NewServer() // an in-memory HighLevel; use your own token and location against the real one
	defer srv.Close()
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(srv.LocationID()))),
		ghl.WithLocationID(srv.LocationID()),
	)
	if err != nil {
		panic(err)
	}
	contact := srv.AddContact(ghltest.Contact{FirstName: "Ada", Email: "ada@example.com"})

	due := time.Date(2026, 3, 5, 16, 30, 0, 0, time.FixedZone("CET", 3600))
	task, err := client.Tasks.Create(ctx, contact.ID, tasks.CreateParams{Title: "Call Ada", DueDate: due})
	if err != nil {
		panic(err)
	}
	fmt.Println(task.Title, "due", task.DueDate.Format(time.RFC3339))

	if _, err := client.Tasks.Update(ctx, contact.ID, task.ID, tasks.UpdateParams{Body: ghl.Ptr("About the engine")}); err != nil {
		panic(err)
	}
	if _, err := client.Tasks.Complete(ctx, contact.ID, task.ID); err != nil {
		panic(err)
	}
	all, err := client.Tasks.List(ctx, contact.ID)
	if err != nil {
		panic(err)
	}
	for _, t := range all {
		fmt.Printf("%s: %s (completed: %t)\n", t.Title, t.Body, t.Completed)
	}

	_, err = client.Tasks.Create(ctx, contact.ID, tasks.CreateParams{Title: "No due date"})
	fmt.Println(err)
	// Output:
	// Call Ada due 2026-03-05T15:30:00Z
	// Call Ada: About the engine (completed: true)
	// ghl: invalid argument DueDate: is required
}
