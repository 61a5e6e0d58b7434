package notes_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/notes"
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
	contact := srv.AddContact(ghltest.Contact{FirstName: "Ada"})

	note, err := client.Notes.Create(ctx, contact.ID, notes.CreateParams{Body: "Met at the fair", Pinned: true})
	if err != nil {
		panic(err)
	}
	note, err = client.Notes.Update(ctx, contact.ID, note.ID, notes.UpdateParams{Title: ghl.Ptr("Fair"), Pinned: ghl.Ptr(false)})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s: %s (pinned: %t)\n", note.Title, note.Body, note.Pinned)

	if err := client.Notes.Delete(ctx, contact.ID, note.ID); err != nil {
		panic(err)
	}
	all, err := client.Notes.List(ctx, contact.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(all), "notes left")

	_, err = client.Notes.List(ctx, "no-such-contact")
	fmt.Println(errors.Is(err, ghl.ErrNotFound))
	// Output:
	// Fair: Met at the fair (pinned: false)
	// 0 notes left
	// true
}
