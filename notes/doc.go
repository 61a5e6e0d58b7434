// Package notes wraps HighLevel's endpoints for the notes of a contact: list, get, create, update and delete.
//
// Notes are per contact, so a sync that reads the notes of many contacts spends one request per contact of
// the location's daily budget.
//
// Reads, updates and deletions are retried on transient failures; a create is never sent again once it may
// have reached HighLevel, since that could make a second note.
package notes
