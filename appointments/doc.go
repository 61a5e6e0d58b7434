// Package appointments is the one place for HighLevel's appointments, reading and writing: the appointments
// of a contact (the contacts API), and the calendars API's calendars, free slots and appointment events
// (get, create, update, delete). HighLevel splits them over two APIs; a user looking for "appointments" should
// not have to know that, and both speak of the same records, so both live here, on the same Appointment type.
//
// # Scopes
//
//   - List (a contact's appointments): contacts.readonly.
//   - ListCalendars and FreeSlots: calendars.readonly.
//   - Get: calendars/events.readonly.
//   - Create, Update and Delete: calendars/events.write. Create also needs contacts.readonly to look an
//     appointment up after an ambiguous failure.
//
// Each operation sends the Version header its spec names: 2021-04-15 for the calendars API, 2021-07-28 for
// the contacts API's List.
//
// # Times and time zones
//
// Times are time.Time. The calendars API takes ISO 8601 times with an offset ("2021-06-23T03:30:00+05:30"):
// Create and Update send each time with the offset of its own zone, to the second, so the instant is exact and
// a time built in the calendar's zone (t.In(zone)) keeps its wall clock in HighLevel. FreeSlots sends the
// window as epoch milliseconds, as the spec asks, and the zone to count days in (FreeSlotsParams.TimeZone;
// HighLevel uses the calendar's own zone without it); the slots come back with their offsets, in that zone.
//
// Times are read from any of the formats HighLevel answers with. A time written without a zone (the contacts
// spec's examples look like "2021-07-16 11:00:00") is read as UTC; its text as sent stays in Appointment.Raw,
// to be read again in the location's time zone if that matters.
//
// # Creates
//
// Reads, updates and deletes are retried on transient failures. A create is never sent again once it may have
// reached HighLevel; see Service.Create for how an ambiguous failure is settled.
package appointments
