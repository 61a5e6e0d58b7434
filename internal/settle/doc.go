// Package settle sends a create that must not be sent twice and settles an ambiguous result: when the create
// may have been applied but its answer does not say so, the resource package's lookup decides whether it was.
package settle
