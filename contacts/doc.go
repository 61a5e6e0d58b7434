// Package contacts wraps HighLevel's contact endpoints: create, read, update, delete and upsert contacts,
// search them, look up duplicates, list the contacts of a business, and manage followers, campaigns, workflows,
// bulk tags and bulk business membership. Get a Service from ghl.Client.Contacts.
//
// # Creating without duplicates
//
// HighLevel has no idempotency keys, and it can answer 5xx, reset the connection or time out after it has
// created a contact. Create therefore never sends a create twice once it may have reached HighLevel. After
// such an ambiguous failure it looks the contact up by email or phone (FindDuplicate) and returns the one
// HighLevel made; when it cannot tell, it returns an *UnknownOutcomeError, which matches
// ghl.ErrOutcomeUnknown. Upsert is safe to retry and is retried like a read.
//
// # Params
//
// Create and upsert params are plain fields; the location defaults to the client's. Update params are
// pointers: nil leaves a field as it is, ghl.Ptr("") clears it. Every call checks its params before sending
// and returns an error matching ghl.ErrInvalidArgument that names the field.
//
// # Searching and iterating
//
// Search returns one page with the cursor of the next (SearchPage.Next), for callers who checkpoint.
// SearchAll iterates over every match with searchAfter cursors, so it goes past the 10,000 contacts that page
// numbers reach. Filters are built with Eq, NotEq, Contains, NotContains, Exists, NotExists, InRange, And and
// Or. ListByBusinessAll and the deprecated ListAll iterate likewise. Every iterator stops at the first error
// (yielded once), when the loop breaks, on a repeated cursor (ErrRepeatedCursor) and between pages when the
// context is done.
//
// # Decoding
//
// One odd record must not fail a 100,000-contact export. A value of the wrong type is coerced when its meaning
// is clear (a phone sent as a number keeps its digits) and left zero otherwise; an unreadable date keeps its
// text in its api.Time's Raw; Contact.Raw holds each contact's JSON as sent and Contact.Field reads any field from it.
// Custom field values stay raw JSON with typed accessors (CustomField.String, Number, Strings, Bool, Decode).
package contacts
