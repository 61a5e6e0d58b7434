// Package tags adds and removes the tags of one contact. Each call returns the contact's tags after the
// change. To change the tags of many contacts at once, use the contacts package's BulkTags; to replace all of
// a contact's tags, update the contact.
package tags
