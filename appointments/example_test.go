package appointments_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/ghltest"
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
	// HighLevel books appointments through its calendars; the fake lets a test seed them.
	srv.AddAppointment(ghltest.Appointment{
		ContactID: contact.ID, Title: "Demo",
		StartTime: time.Date(2026, 3, 10, 16, 0, 0, 0, time.FixedZone("IST", 5*3600+1800)),
	})

	list, err := client.Appointments.List(ctx, contact.ID)
	if err != nil {
		panic(err)
	}
	for _, a := range list {
		fmt.Println(a.Title, a.AppointmentStatus, a.StartTime.UTC().Format(time.Kitchen), "to", a.EndTime.UTC().Format(time.Kitchen), "UTC")
	}
	// Output:
	// Demo confirmed 10:30AM to 11:00AM UTC
}
