// Package tags wraps HighLevel's endpoints for the tags of one contact.
package tags
