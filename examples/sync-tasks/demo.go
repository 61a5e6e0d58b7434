package main

import (
	"time"

	"github.com/ghlkit/ghl/ghltest"
)

// seedDemo gives the fake a few contacts with tasks, some of them done.
func seedDemo(srv *ghltest.Server) {
	type task struct {
		title string
		done  bool
	}
	people := []struct {
		first, last, email string
		tags               []string
		tasks              []task
	}{
		{"Ada", "Lovelace", "ada@example.com", []string{"vip"}, []task{{"Kick-off call", false}, {"Send contract", true}}},
		{"Grace", "Hopper", "grace@example.com", []string{"vip", "newsletter"}, []task{{"Review draft", false}}},
		{"Linus", "Pauling", "linus@example.com", []string{"lead"}, []task{{"First follow-up", true}}},
		{"Marie", "Curie", "marie@example.com", []string{"lead"}, []task{{"Book a demo", false}, {"Send pricing", false}}},
	}
	due := time.Now().UTC().Truncate(time.Hour)
	for _, p := range people {
		c := srv.AddContact(ghltest.Contact{FirstName: p.first, LastName: p.last, Email: p.email, Tags: p.tags})
		for _, t := range p.tasks {
			due = due.Add(24 * time.Hour)
			srv.AddTask(ghltest.Task{ContactID: c.ID, Title: t.title, DueDate: due, Completed: t.done})
		}
	}
}
