// Package tasks wraps HighLevel's endpoints for the tasks of a contact.
package tasks
