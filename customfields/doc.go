// Package customfields wraps the locations API's custom field reads: list a location's custom fields and get
// one by ID or field key, typed (ID, name, field key, data type, picklist options). Cache maps the names and
// field keys a person writes to the IDs a contact's custom fields take.
//
// Scope: locations/customFields.readonly. Every operation sends Version 2021-07-28, as the locations spec
// names.
package customfields
