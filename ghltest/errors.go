package ghltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// errorBody is HighLevel's error shape: {"statusCode":422,"message":["email must be an email"],"error":"Unprocessable Entity"}.
// Message is a string on most errors and a list of strings on validation errors.
type errorBody struct {
	StatusCode int    `json:"statusCode"`
	Message    any    `json:"message"`
	Error      string `json:"error,omitempty"`
	Meta       any    `json:"meta,omitempty"`
}

// Messages HighLevel answers with. Where HighLevel's own text is not documented, the text is chosen to read
// like HighLevel's and is marked so.
const (
	msgInvalidJWT     = "Invalid JWT"
	msgScope          = "The token is not authorized for this scope."
	msgLocation       = "The token does not have access to this location."
	msgTooMany        = "Too many requests, please try again later."
	msgContactMissing = "Contact not found"
	msgDuplicate      = "This location does not allow duplicated contacts."
)

// Chosen: HighLevel's text for a missing or unsupported Version header is not documented.
var (
	msgNoVersion  = versionMissing(APIVersion)
	msgBadVersion = versionUnsupported(APIVersion)
)

func versionMissing(want string) string {
	return "Version header was not found. Send Version: " + want + "."
}
func versionUnsupported(want string) string {
	return "Version header is not supported. Send Version: " + want + "."
}

// APIVersion is the only value of the Version header the contacts, businesses and locations APIs accept.
const APIVersion = "2021-07-28"

// CalendarsAPIVersion is the only value of the Version header the calendars API accepts.
const CalendarsAPIVersion = "2021-04-15"

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"statusCode":500,"message":"ghltest: cannot encode the answer"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// writeError answers status with a message that is a string.
func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, errorBody{StatusCode: status, Message: message, Error: errorName(status)})
}

// writeValidation answers 422 with a list of messages, as HighLevel's validation does.
func writeValidation(w http.ResponseWriter, messages ...string) {
	writeJSON(w, http.StatusUnprocessableEntity, errorBody{
		StatusCode: http.StatusUnprocessableEntity, Message: messages, Error: "Unprocessable Entity",
	})
}

// defaultFaultBody is the body of a Fault that names a status without a body.
func defaultFaultBody(status int) []byte {
	var msg any = http.StatusText(status)
	switch status {
	case http.StatusTooManyRequests:
		msg = msgTooMany
	case http.StatusUnprocessableEntity:
		msg = []string{http.StatusText(status)} // validation messages come as a list
	}
	b, _ := json.Marshal(errorBody{StatusCode: status, Message: msg, Error: errorName(status)})
	return b
}

// echoBody is an error answer that repeats the request: its headers in "error" and in "message", with its body.
func echoBody(status int, r *http.Request, reqBody []byte) []byte {
	var headers strings.Builder
	_ = r.Header.WriteSubset(&headers, nil)
	text := strings.ReplaceAll(strings.TrimSpace(headers.String()), "\r\n", "; ")
	b, _ := json.Marshal(errorBody{
		StatusCode: status,
		Message:    fmt.Sprintf("cannot handle %s %s (%s) with body %s", r.Method, r.URL.RequestURI(), text, reqBody),
		Error:      text,
	})
	return b
}
