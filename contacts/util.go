package contacts

import "strconv"

func itoa(i int) string { return strconv.Itoa(i) }

// errorString is a constant-like error.
type errorString string

func (e errorString) Error() string { return string(e) }
