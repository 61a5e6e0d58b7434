package main

import (
	"strconv"
	"time"

	"github.com/ghlkit/ghl/ghltest"
)

// seed adds n contacts to the server's location, tagged as ghltest.SeedContacts tags them, with a task on
// every third (every other one of those done), a note on every fourth and an appointment on every fifth, so
// that every resource the API serves has something to list.
func seed(srv *ghltest.Server, n int) {
	ids := srv.SeedContacts("", n, ghltest.SeedOptions{})
	now := time.Now().UTC().Truncate(time.Hour)
	for i, id := range ids {
		num := strconv.Itoa(i)
		if i%3 == 0 {
			srv.AddTask(ghltest.Task{ContactID: id, Title: "Call back #" + num, Body: "Ask about the renewal",
				DueDate: now.Add(time.Duration(i%14) * 24 * time.Hour), Completed: i%6 == 0})
		}
		if i%4 == 0 {
			srv.AddNote(ghltest.Note{ContactID: id, Body: "Met at the conference, contact #" + num})
		}
		if i%5 == 0 {
			start := now.Add(time.Duration(i%30+1) * 24 * time.Hour)
			srv.AddAppointment(ghltest.Appointment{ContactID: id, Title: "Demo with contact #" + num,
				StartTime: start, EndTime: start.Add(30 * time.Minute)})
		}
	}
}
