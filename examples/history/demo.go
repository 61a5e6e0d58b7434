package main

import (
	"time"

	"github.com/ghlkit/ghl/ghltest"
)

// seedDemo gives the fake a contact with a few weeks of history and returns its ID.
func seedDemo(srv *ghltest.Server) string {
	day := time.Now().UTC().Truncate(24 * time.Hour)
	c := srv.AddContact(ghltest.Contact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "Signed up through the website.", DateAdded: day.Add(-20*24*time.Hour + 9*time.Hour)})
	srv.AddAppointment(ghltest.Appointment{ContactID: c.ID, Title: "Discovery call", StartTime: day.Add(-14*24*time.Hour + 15*time.Hour)})
	srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Send proposal", DueDate: day.Add(-10*24*time.Hour + 12*time.Hour), Completed: true})
	srv.AddNote(ghltest.Note{ContactID: c.ID, Body: "Proposal accepted.\nStarts next month.", DateAdded: day.Add(-7*24*time.Hour + 11*time.Hour)})
	srv.AddAppointment(ghltest.Appointment{ContactID: c.ID, Title: "Kick-off", StartTime: day.Add(3*24*time.Hour + 10*time.Hour)})
	srv.AddTask(ghltest.Task{ContactID: c.ID, Title: "Prepare kick-off agenda", DueDate: day.Add(2*24*time.Hour + 17*time.Hour)})
	return c.ID
}
