package ghltest

// Scopes of the calendars, businesses and locations APIs that routes declare.
const (
	ScopeCalendarsRead       = "calendars.readonly"
	ScopeCalendarEventsRead  = "calendars/events.readonly"
	ScopeCalendarEventsWrite = "calendars/events.write"
	ScopeBusinessesRead      = "businesses.readonly"
	ScopeBusinessesWrite     = "businesses.write"
	ScopeCustomFieldsRead    = "locations/customFields.readonly"
)

// IssuedScopes are the scopes of a token that IssueToken or WithToken make without any: every scope a route of
// the server declares, so that a test reaches every route unless it asks for less.
var IssuedScopes = []string{
	ScopeContactsRead, ScopeContactsWrite,
	ScopeCalendarsRead, ScopeCalendarEventsRead, ScopeCalendarEventsWrite,
	ScopeBusinessesRead, ScopeBusinessesWrite, ScopeCustomFieldsRead,
}
