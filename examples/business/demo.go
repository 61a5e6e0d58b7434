package main

import "github.com/ghlkit/ghl/ghltest"

// seedDemo gives the fake a business record and contacts of it that are partly up to date, and returns the
// business's ID.
func seedDemo(srv *ghltest.Server) string {
	b := srv.AddBusiness(ghltest.Business{ID: "biz-acme", Name: "Acme Corp", Website: "https://acme.example"})
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Ada", LastName: "Lovelace", Email: "ada@acme.example"})
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Grace", LastName: "Hopper", Email: "grace@acme.example",
		CompanyName: "Acme Corp", Website: "https://acme.example"})
	srv.AddContact(ghltest.Contact{BusinessID: b.ID, FirstName: "Linus", LastName: "Pauling", Phone: "+15550142",
		CompanyName: "Acme", Website: "https://acme.example"})
	srv.AddContact(ghltest.Contact{FirstName: "Marie", LastName: "Curie", Email: "marie@example.com"}) // not in the business
	return b.ID
}
