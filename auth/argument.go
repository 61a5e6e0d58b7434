package auth

import "github.com/ghlkit/ghl/api"

// ArgumentError is bad input to this package, found before any request was sent. It names the Go field or
// parameter the caller set ("App.ClientID", "Token.LocationID", "code") and matches api.ErrInvalidArgument
// (ghl.ErrInvalidArgument is the same value).
type ArgumentError struct {
	// Field is the Go name of what the caller set: a field as Type.Field, or a parameter by its name.
	Field string
	// Problem says what is wrong with it.
	Problem string
}

// Error names the field and the problem; it never quotes a secret.
func (e *ArgumentError) Error() string { return "auth: " + e.Field + " " + e.Problem }

// Is matches api.ErrInvalidArgument.
func (e *ArgumentError) Is(target error) bool { return target == api.ErrInvalidArgument }

func invalid(field, problem string) error { return &ArgumentError{Field: field, Problem: problem} }
