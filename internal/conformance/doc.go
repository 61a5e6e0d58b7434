// Package conformance checks requests against HighLevel's OpenAPI files in testdata/openapi, for tests.
//
// Load reads a spec; Spec.Check finds the operation a recorded request calls and reports, through t, every way
// the request departs from it: an unknown method or path, a missing path, query or header parameter, a query
// parameter the operation does not take, a Version the spec does not allow, a body property the schema does
// not name, a value of the wrong type. Bodies are checked as a closed world, since HighLevel refuses
// properties its DTOs do not list ("property x should not exist").
//
// Where HighLevel's spec is known to be wrong or silent, Load applies errata (see errata.go): the empty search
// body is replaced by the one HighLevel's search guide documents, and fields typed "object" that HighLevel
// takes as strings or numbers are retyped. Each erratum says why.
//
// Annotations reads the "//ghl:operation METHOD /path" lines of the SDK's method docs, and Spec.Coverage
// compares them with the spec's operations, so that an operation without a wrapper fails a test.
package conformance
