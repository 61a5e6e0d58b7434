package appointments_test

import (
	"context"
	"fmt"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/appointments"
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

// Booking in the calendar's own zone: the time is sent with its offset, and the free slots come back in the
// zone asked for.
func ExampleService_Create() {
	ctx := context.Background()
	srv := ghltest.NewServer()
	defer srv.Close()
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	cal := srv.AddCalendar(ghltest.Calendar{Name: "Consultations", TimeZone: ny, OpenFrom: 9, OpenTo: 11})
	contact := srv.AddContact(ghltest.Contact{FirstName: "Ada", Email: "ada@example.com"})
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken(srv.IssueToken(srv.LocationID()))),
		ghl.WithLocationID(srv.LocationID()),
	)
	if err != nil {
		panic(err)
	}
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, ny)
	free, err := client.Appointments.FreeSlots(ctx, cal.ID, appointments.FreeSlotsParams{Start: day, End: day.Add(24 * time.Hour), TimeZone: ny})
	if err != nil {
		panic(err)
	}
	booked, err := client.Appointments.Create(ctx, appointments.CreateParams{
		CalendarID: cal.ID, ContactID: contact.ID, StartTime: free[0], Title: "Intro call",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(booked.Title, booked.StartTime.In(ny).Format(time.Kitchen), "to", booked.EndTime.In(ny).Format(time.Kitchen))
	free, err = client.Appointments.FreeSlots(ctx, cal.ID, appointments.FreeSlotsParams{Start: day, End: day.Add(24 * time.Hour), TimeZone: ny})
	if err != nil {
		panic(err)
	}
	fmt.Println(len(free), "slots left, the first at", free[0].Format(time.Kitchen))
	// Output:
	// Intro call 9:00AM to 9:30AM
	// 3 slots left, the first at 9:30AM
}
