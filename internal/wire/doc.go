// Package wire reads and writes the parts of HighLevel's JSON that need care: timestamps, whose format varies
// between endpoints and records, and records that must decode even when one field has an unexpected type.
package wire
