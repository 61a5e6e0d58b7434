package main

import "github.com/ghlkit/ghl/ghltest"

// seedDemo gives the fake a business whose contacts are partly up to date, and returns what the other system
// says about it.
func seedDemo(srv *ghltest.Server) business {
	b := business{ID: "biz-acme", CompanyName: "Acme Corp", Website: "https://acme.example"}
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Ada", LastName: "Lovelace", Email: "ada@acme.example"})
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Grace", LastName: "Hopper", Email: "grace@acme.example",
		CompanyName: "Acme Corp", Website: "https://acme.example"})
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Linus", LastName: "Pauling", Phone: "+15550142",
		CompanyName: "Acme", Website: "https://acme.example"})
	srv.AddContact(ghltest.Contact{FirstName: "Marie", LastName: "Curie", Email: "marie@example.com"}) // not in the business
	return b
}
