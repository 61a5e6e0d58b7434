// Package subresource is the one implementation of a record a contact owns and HighLevel serves under
// /contacts/{contactId}/<name>: list, get, create, update and delete, with the same envelopes, the same checks
// and the same rule for a resent DELETE. The tasks and notes packages wrap it with their public types, so
// their methods, doc comments and //ghl:operation lines stay where users and the conformance test read them.
package subresource
