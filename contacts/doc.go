// Package contacts wraps HighLevel's contact endpoints: create, read, update, delete, upsert and search.
package contacts
