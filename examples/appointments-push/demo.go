package main

import "github.com/ghlkit/ghl/ghltest"

// seedDemo gives the fake a calendar and one of the file's contacts, and returns the demo file.
func seedDemo(srv *ghltest.Server) string {
	srv.SeedLocation("")
	srv.AddContact(ghltest.Contact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"})
	return `external_id,email,start,end,title
evt-1001,ada@example.com,2026-03-10T10:00:00-05:00,2026-03-10T10:30:00-05:00,Intro call
evt-1002,grace@example.com,2026-03-11 14:00,2026-03-11 15:00,Product demo
evt-1003,ada@example.com,2026-03-12T09:00:00Z,2026-03-12T09:45:00Z,Follow-up
`
}
