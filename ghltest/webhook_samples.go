package ghltest

import "slices"

// WebhookSample returns HighLevel's documented example body for eventType ("ContactCreate", "INSTALL", ...),
// unsigned and without webhookId or timestamp (see WebhookPayload), or nil for a type it has none for. Each
// call returns a fresh copy.
func WebhookSample(eventType string) []byte {
	s, ok := webhookSamples[eventType]
	if !ok {
		return nil
	}
	return []byte(s)
}

// WebhookSampleTypes returns the event types WebhookSample knows, sorted.
func WebhookSampleTypes() []string {
	types := make([]string, 0, len(webhookSamples))
	for t := range webhookSamples {
		types = append(types, t)
	}
	slices.Sort(types)
	return types
}

// webhookSamples are the examples of HighLevel's webhook-events docs, with what real deliveries carry beyond
// them: every delivery has "appId" and "versionId" (the docs show appId on INSTALL and UNINSTALL only), INSTALL
// has "installType", and ContactDndUpdate's dndSettings has an RCS channel and empty code and message (the
// docs' example shows "Some message" and "101"). Other differences are noted where they are.
var webhookSamples = map[string]string{
	"ContactCreate": `{
  "type": "ContactCreate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "nmFmQEsNgz6AVpgLVUJ0",
  "address1": "3535 1st St N",
  "city": "ruDolomitebika",
  "state": "AL",
  "companyName": "Loram ipsum",
  "country": "DE",
  "source": "xyz form",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dateOfBirth": "2000-01-05T00:00:00.000Z",
  "dnd": true,
  "email": "JohnDeo@gmail.comm",
  "name": "John Deo",
  "firstName": "John",
  "lastName": "Deo",
  "phone": "+919509597501",
  "postalCode": "452001",
  "tags": ["id magna sed Lorem", "Duis dolor commodo aliqua"],
  "website": "https://www.google.com/",
  "attachments": [],
  "assignedTo": "nmFmQEsNgz6AVpgLVUJ0",
  "customFields": [
    {
      "id": "BcdmQEsNgz6AVpgLVUJ0",
      "value": "XYZ Corp"
    }
  ]
}
`,
	"ContactUpdate": `{
  "type": "ContactUpdate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "nmFmQEsNgz6AVpgLVUJ0",
  "address1": "3535 1st St N",
  "city": "ruDolomitebika",
  "state": "AL",
  "companyName": "Loram ipsum",
  "country": "DE",
  "source": "xyz form",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dateOfBirth": "2000-01-05T00:00:00.000Z",
  "dnd": true,
  "email": "JohnDeo@gmail.comm",
  "name": "John Deo",
  "firstName": "John",
  "lastName": "Deo",
  "phone": "+919509597501",
  "postalCode": "452001",
  "tags": ["id magna sed Lorem", "Duis dolor commodo aliqua"],
  "website": "https://www.google.com/",
  "attachments": [],
  "assignedTo": "nmFmQEsNgz6AVpgLVUJ0",
  "customFields": [
    {
      "id": "BcdmQEsNgz6AVpgLVUJ0",
      "value": "XYZ Corp"
    }
  ]
}
`,
	"ContactDelete": `{
  "type": "ContactDelete",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "nmFmQEsNgz6AVpgLVUJ0",
  "address1": "3535 1st St N",
  "city": "ruDolomitebika",
  "state": "AL",
  "companyName": "Loram ipsum",
  "country": "DE",
  "source": "xyz form",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dateOfBirth": "2000-01-05T00:00:00.000Z",
  "dnd": true,
  "email": "JohnDeo@gmail.comm",
  "name": "John Deo",
  "firstName": "John",
  "lastName": "Deo",
  "phone": "+919509597501",
  "postalCode": "452001",
  "tags": ["id magna sed Lorem", "Duis dolor commodo aliqua"],
  "website": "https://www.google.com/",
  "attachments": [],
  "assignedTo": "nmFmQEsNgz6AVpgLVUJ0",
  "customFields": [
    {
      "id": "BcdmQEsNgz6AVpgLVUJ0",
      "value": "XYZ Corp"
    }
  ]
}
`,
	"ContactTagUpdate": `{
  "type": "ContactTagUpdate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "nmFmQEsNgz6AVpgLVUJ0",
  "address1": "3535 1st St N",
  "city": "ruDolomitebika",
  "state": "AL",
  "companyName": "Loram ipsum",
  "country": "DE",
  "source": "xyz form",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dateOfBirth": "2000-01-05T00:00:00.000Z",
  "dnd": true,
  "email": "JohnDeo@gmail.comm",
  "name": "John Deo",
  "firstName": "John",
  "lastName": "Deo",
  "phone": "+919509597501",
  "postalCode": "452001",
  "tags": ["id magna sed Lorem", "Duis dolor commodo aliqua"],
  "website": "https://www.google.com/",
  "attachments": [],
  "assignedTo": "nmFmQEsNgz6AVpgLVUJ0",
  "customFields": [
    {
      "id": "BcdmQEsNgz6AVpgLVUJ0",
      "value": "XYZ Corp"
    }
  ]
}
`,
	// Real DND settings: an RCS channel, and code and message empty unless HighLevel set the channel itself.
	"ContactDndUpdate": `{
  "type": "ContactDndUpdate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "nmFmQEsNgz6AVpgLVUJ0",
  "address1": "3535 1st St N",
  "city": "ruDolomitebika",
  "state": "AL",
  "companyName": "Loram ipsum",
  "country": "DE",
  "source": "xyz form",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dateOfBirth": "2000-01-05T00:00:00.000Z",
  "dnd": true,
  "dndSettings": {
    "SMS": {
      "status": "inactive",
      "message": "",
      "code": ""
    },
    "Call": {
      "status": "inactive",
      "message": "",
      "code": ""
    },
    "Email": {
      "status": "active",
      "message": "",
      "code": ""
    },
    "GMB": {
      "status": "active",
      "message": "",
      "code": ""
    },
    "FB": {
      "status": "active",
      "message": "",
      "code": ""
    },
    "WhatsApp": {
      "status": "active",
      "message": "",
      "code": ""
    },
    "RCS": {
      "status": "inactive",
      "message": "",
      "code": ""
    }
  },
  "email": "JohnDeo@gmail.comm",
  "name": "John Deo",
  "firstName": "John",
  "lastName": "Deo",
  "phone": "+919509597501",
  "postalCode": "452001",
  "tags": ["id magna sed Lorem", "Duis dolor commodo aliqua"],
  "website": "https://www.google.com/",
  "attachments": [],
  "assignedTo": "nmFmQEsNgz6AVpgLVUJ0",
  "customFields": [
    {
      "id": "BcdmQEsNgz6AVpgLVUJ0",
      "value": "XYZ Corp"
    }
  ]
}
`,
	"NoteCreate": `{
  "type": "NoteCreate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "otg8dTQqGLh3Q6iQI55w",
  "body": "Loram ipsum",
  "contactId": "CWBf1PR9LvvBkcYqiXlc",
  "dateAdded": "2021-11-26T12:41:02.193Z"
}
`,
	"NoteUpdate": `{
  "type": "NoteUpdate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "otg8dTQqGLh3Q6iQI55w",
  "body": "Loram ipsum",
  "contactId": "CWBf1PR9LvvBkcYqiXlc",
  "dateAdded": "2021-11-26T12:41:02.193Z"
}
`,
	"NoteDelete": `{
  "type": "NoteDelete",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "otg8dTQqGLh3Q6iQI55w",
  "body": "Loram ipsum",
  "contactId": "CWBf1PR9LvvBkcYqiXlc",
  "dateAdded": "2021-11-26T12:41:02.193Z"
}
`,
	"TaskCreate": `{
  "type": "TaskCreate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "UlRWGLSXh0ji5qbiGu4i",
  "assignedTo": "63e4qiWDsFJjOYAC8phG",
  "body": "Loram ipsum",
  "contactId": "CWBf1PR9LvvBkcYqiXlc",
  "title": "Loram ipsum",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dueDate": "2021-11-26T12:41:02.193Z"
}
`,
	"TaskComplete": `{
  "type": "TaskComplete",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "5HrB1IbmnKMBXloldFuP",
  "assignedTo": "bNl8QNGXhIQJLv8eeASQ",
  "body": "testing",
  "contactId": "WFwVrSSjZ2CNHbZThQX2",
  "dateAdded": "2021-11-29T13:37:28.304Z",
  "dueDate": "2021-12-22T06:55:00.000Z",
  "title": "test"
}
`,
	"TaskDelete": `{
  "type": "TaskDelete",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "UlRWGLSXh0ji5qbiGu4i",
  "assignedTo": "63e4qiWDsFJjOYAC8phG",
  "body": "Loram ipsum",
  "contactId": "CWBf1PR9LvvBkcYqiXlc",
  "title": "Loram ipsum",
  "dateAdded": "2021-11-26T12:41:02.193Z",
  "dueDate": "2021-11-26T12:41:02.193Z"
}
`,
	"AppointmentCreate": `{
  "type": "AppointmentCreate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "0007BWpSzSwfiuSl0tR2",
  "appointment": {
    "id": "0007BWpSzSwfiuSl0tR2",
    "address": "https://example.com/meeting",
    "title": "Appointment with GHL Dev team",
    "calendarId": "BqTwX8QFwXzpegMve9EQ",
    "contactId": "9NkT25Vor1v4aQatFsv2",
    "groupId": "9NkT25Vor1v4aQatFsv2",
    "appointmentStatus": "confirmed",
    "assignedUserId": "YlWd2wuCAZQzh2cH1fVZ",
    "users": [
      "YlWd2wuCAZQzh2cH1fVZ",
      "9NkT25Vor1v4aQatFsv2"
    ],
    "notes": "Some dummy note",
    "source": "booking_widget",
    "startTime": "2023-09-25T16:00:00+05:30",
    "endTime": "2023-09-25T16:00:00+05:30",
    "dateAdded": "2023-09-25T16:00:00+05:30",
    "dateUpdated": "2023-09-25T16:00:00+05:30"
  }
}
`,
	// The docs' example for AppointmentUpdate says "type": "AppointmentCreate"; corrected here.
	"AppointmentUpdate": `{
  "type": "AppointmentUpdate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "0007BWpSzSwfiuSl0tR2",
  "appointment": {
    "id": "0007BWpSzSwfiuSl0tR2",
    "address": "https://example.com/meeting",
    "title": "Appointment with GHL Dev team",
    "calendarId": "BqTwX8QFwXzpegMve9EQ",
    "contactId": "9NkT25Vor1v4aQatFsv2",
    "groupId": "9NkT25Vor1v4aQatFsv2",
    "appointmentStatus": "confirmed",
    "assignedUserId": "YlWd2wuCAZQzh2cH1fVZ",
    "users": [
      "YlWd2wuCAZQzh2cH1fVZ",
      "9NkT25Vor1v4aQatFsv2"
    ],
    "notes": "Some dummy note",
    "source": "booking_widget",
    "startTime": "2023-09-25T16:00:00+05:30",
    "endTime": "2023-09-25T16:00:00+05:30",
    "dateAdded": "2023-09-25T16:00:00+05:30",
    "dateUpdated": "2023-09-25T16:00:00+05:30"
  }
}
`,
	// The docs' example for AppointmentDelete says "type": "AppointmentCreate"; corrected here.
	"AppointmentDelete": `{
  "type": "AppointmentDelete",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "0007BWpSzSwfiuSl0tR2",
  "appointment": {
    "id": "0007BWpSzSwfiuSl0tR2",
    "address": "https://example.com/meeting",
    "title": "Appointment with GHL Dev team",
    "calendarId": "BqTwX8QFwXzpegMve9EQ",
    "contactId": "9NkT25Vor1v4aQatFsv2",
    "groupId": "9NkT25Vor1v4aQatFsv2",
    "appointmentStatus": "confirmed",
    "assignedUserId": "YlWd2wuCAZQzh2cH1fVZ",
    "users": [
      "YlWd2wuCAZQzh2cH1fVZ",
      "9NkT25Vor1v4aQatFsv2"
    ],
    "notes": "Some dummy note",
    "source": "booking_widget",
    "startTime": "2023-09-25T16:00:00+05:30",
    "endTime": "2023-09-25T16:00:00+05:30",
    "dateAdded": "2023-09-25T16:00:00+05:30",
    "dateUpdated": "2023-09-25T16:00:00+05:30"
  }
}
`,
	"INSTALL": `{
  "type": "INSTALL",
  "installType": "Location",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "otg8dTQqGLh3Q6iQI55w",
  "companyId": "otg8dTQqGLh3Q6iQI55w",
  "userId": "otg8dTQqGLh3Q6iQI55w",
  "planId": "66a0419a0dffa47fb5f8b22f",
  "trial": {
    "onTrial": true,
    "trialDuration": 10,
    "trialStartDate": "2024-07-23T23:54:51.264Z"
  },
  "isWhitelabelCompany": true,
  "whitelabelDetails": {
    "domain": "example.com",
    "logoUrl": "https://example.com/logo.png"
  },
  "companyName": "Example Company"
}
`,
	"UNINSTALL": `{
  "type": "UNINSTALL",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "otg8dTQqGLh3Q6iQI55w"
}
`,
}
