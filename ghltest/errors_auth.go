package ghltest

import "net/http"

// errorName is the "error" of an error body: the status text, as NestJS writes it, except on 401 and 403,
// whose bodies from HighLevel carry only statusCode and message.
func errorName(status int) string {
	switch status {
	case http.StatusUnauthorized, http.StatusForbidden:
		return ""
	}
	return http.StatusText(status)
}
