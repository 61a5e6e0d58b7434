// Package notes wraps HighLevel's endpoints for the notes of a contact.
package notes
