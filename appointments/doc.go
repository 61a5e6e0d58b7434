// Package appointments wraps HighLevel's endpoints for the appointments of a contact.
package appointments
