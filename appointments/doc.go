// Package appointments wraps HighLevel's endpoint for the appointments of a contact. HighLevel makes
// appointments through its calendars; this API only lists them.
//
// Start, end and record times are time.Time, read from any of the formats HighLevel answers with. A time
// written without a zone (the spec's examples look like "2021-07-16 11:00:00") is read as UTC; its text as
// sent stays in Appointment.Raw, to be read again in the location's time zone if that matters.
package appointments
