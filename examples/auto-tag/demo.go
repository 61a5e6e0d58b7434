package main

import "github.com/ghlkit/ghl/ghltest"

// demoRules is the mapping the demo uses when none is given.
var demoRules = []string{"facebook ads=paid,social", "website form=organic"}

// seedDemo gives the fake contacts from a few sources, some already tagged.
func seedDemo(srv *ghltest.Server) {
	for _, c := range []ghltest.Contact{
		{FirstName: "Ada", Email: "ada@example.com", Source: "facebook ads"},
		{FirstName: "Grace", Email: "grace@example.com", Source: "Facebook Ads", Tags: []string{"paid"}},
		{FirstName: "Linus", Email: "linus@example.com", Source: "website form", Tags: []string{"organic", "vip"}},
		{FirstName: "Marie", Email: "marie@example.com", Source: "website form"},
		{FirstName: "Alan", Email: "alan@example.com", Source: "referral"},
	} {
		srv.AddContact(c)
	}
}
