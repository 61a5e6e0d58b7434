package webhook

// Appointment is the appointment record that every Appointment* event carries under "appointment".
type Appointment struct {
	ID                string   `json:"id"`
	CalendarID        string   `json:"calendarId"`
	ContactID         string   `json:"contactId"`
	GroupID           string   `json:"groupId"`
	Title             string   `json:"title"`
	Address           string   `json:"address"`
	AppointmentStatus string   `json:"appointmentStatus"` // e.g. "confirmed"
	AssignedUserID    string   `json:"assignedUserId"`
	Users             []string `json:"users"`
	Notes             string   `json:"notes"`
	Source            string   `json:"source"`
	StartTime         Time     `json:"startTime"`
	EndTime           Time     `json:"endTime"`
	DateAdded         Time     `json:"dateAdded"`
	DateUpdated       Time     `json:"dateUpdated"`
}

// AppointmentCreate is the payload of TypeAppointmentCreate.
type AppointmentCreate struct {
	LocationID  string      `json:"locationId"`
	Appointment Appointment `json:"appointment"`
}

// AppointmentUpdate is the payload of TypeAppointmentUpdate: the appointment after the change.
type AppointmentUpdate struct {
	LocationID  string      `json:"locationId"`
	Appointment Appointment `json:"appointment"`
}

// AppointmentDelete is the payload of TypeAppointmentDelete: the appointment as it was.
type AppointmentDelete struct {
	LocationID  string      `json:"locationId"`
	Appointment Appointment `json:"appointment"`
}

// EventType returns TypeAppointmentCreate.
func (*AppointmentCreate) EventType() string { return TypeAppointmentCreate }

// EventType returns TypeAppointmentUpdate.
func (*AppointmentUpdate) EventType() string { return TypeAppointmentUpdate }

// EventType returns TypeAppointmentDelete.
func (*AppointmentDelete) EventType() string { return TypeAppointmentDelete }
