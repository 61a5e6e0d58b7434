package webhook

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/ghlkit/ghl/api"
)

// Event types HighLevel documents. An Event of any other type still arrives, with Data nil and Raw kept.
const (
	TypeContactCreate     = "ContactCreate"
	TypeContactUpdate     = "ContactUpdate"
	TypeContactDelete     = "ContactDelete"
	TypeContactTagUpdate  = "ContactTagUpdate"
	TypeContactDndUpdate  = "ContactDndUpdate"
	TypeNoteCreate        = "NoteCreate"
	TypeNoteUpdate        = "NoteUpdate"
	TypeNoteDelete        = "NoteDelete"
	TypeTaskCreate        = "TaskCreate"
	TypeTaskComplete      = "TaskComplete"
	TypeTaskDelete        = "TaskDelete"
	TypeAppointmentCreate = "AppointmentCreate"
	TypeAppointmentUpdate = "AppointmentUpdate"
	TypeAppointmentDelete = "AppointmentDelete"
	TypeInstall           = "INSTALL"
	TypeUninstall         = "UNINSTALL"
)

// Event is one verified delivery.
type Event struct {
	// Type is the body's "type", e.g. TypeContactCreate.
	Type string
	// WebhookID is the body's "webhookId", unique per delivery; retries of a delivery repeat it.
	WebhookID string
	// Timestamp is the body's "timestamp" (zero if absent, which only WithoutTimestampCheck lets through).
	Timestamp time.Time
	// LocationID is the body's "locationId" ("" for agency-level app events).
	LocationID string
	// AppID and VersionID are the body's "appId" and "versionId": the marketplace app the delivery is for and
	// the version of it, which every delivery carries ("" when absent, as in HighLevel's documented examples).
	AppID     string
	VersionID string
	// Data is the typed payload: *ContactCreate for TypeContactCreate, *AppInstall for TypeInstall, and so
	// on. It is nil for a type this package does not model; Raw still holds it.
	Data Payload
	// Raw is the body exactly as received and verified. It shares memory with the payload given to
	// ConstructEvent; a Handler reads each body into a buffer of its own that it never reuses.
	Raw json.RawMessage
}

// Payload is implemented by the typed payloads in Event.Data.
type Payload interface {
	// EventType is the "type" this payload is decoded for.
	EventType() string
}

// Decode unmarshals the raw body into v: for event types this package does not model, or for fields it
// leaves out.
func (e *Event) Decode(v any) error { return json.Unmarshal(e.Raw, v) }

// payloadTypes maps each documented type to a fresh payload.
var payloadTypes = map[string]func() Payload{
	TypeContactCreate:     func() Payload { return new(ContactCreate) },
	TypeContactUpdate:     func() Payload { return new(ContactUpdate) },
	TypeContactDelete:     func() Payload { return new(ContactDelete) },
	TypeContactTagUpdate:  func() Payload { return new(ContactTagUpdate) },
	TypeContactDndUpdate:  func() Payload { return new(ContactDndUpdate) },
	TypeNoteCreate:        func() Payload { return new(NoteCreate) },
	TypeNoteUpdate:        func() Payload { return new(NoteUpdate) },
	TypeNoteDelete:        func() Payload { return new(NoteDelete) },
	TypeTaskCreate:        func() Payload { return new(TaskCreate) },
	TypeTaskComplete:      func() Payload { return new(TaskComplete) },
	TypeTaskDelete:        func() Payload { return new(TaskDelete) },
	TypeAppointmentCreate: func() Payload { return new(AppointmentCreate) },
	TypeAppointmentUpdate: func() Payload { return new(AppointmentUpdate) },
	TypeAppointmentDelete: func() Payload { return new(AppointmentDelete) },
	TypeInstall:           func() Payload { return new(AppInstall) },
	TypeUninstall:         func() Payload { return new(AppUninstall) },
}

// newEvent decodes a probed body. Decoding is tolerant: a field of an unexpected JSON type is left zero and
// the rest of the payload still decodes (encoding/json carries on past type mismatches and reports only the
// first), so one odd field never costs the event.
func newEvent(payload []byte, env *envelope) *Event {
	e := &Event{
		Type:       env.typ,
		WebhookID:  env.webhookID,
		Timestamp:  env.timestamp,
		LocationID: env.locationID,
		AppID:      env.appID,
		VersionID:  env.versionID,
		Raw:        payload,
	}
	if mk, ok := payloadTypes[env.typ]; ok {
		p := mk()
		if err := json.Unmarshal(payload, p); err == nil || isTypeMismatch(err) {
			e.Data = p
		}
	}
	return e
}

func isTypeMismatch(err error) bool {
	var te *json.UnmarshalTypeError
	return errors.As(err, &te)
}

// Time is a payload timestamp; see api.Time.
//
// Deprecated: use api.Time, which the API's records and the webhook payloads share.
type Time = api.Time
