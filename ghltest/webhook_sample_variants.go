package ghltest

// WebhookSampleVariants returns every example body known for eventType: WebhookSample's first, then the
// other shapes HighLevel sends it in: INSTALL and UNINSTALL at agency level (no locationId, as the docs'
// second examples show), and a TaskCreate without contactId, as real deliveries have been reported. Nil for
// a type without a sample. Each call returns fresh copies.
func WebhookSampleVariants(eventType string) [][]byte {
	first := WebhookSample(eventType)
	if first == nil {
		return nil
	}
	out := [][]byte{first}
	for _, v := range webhookSampleVariants[eventType] {
		out = append(out, []byte(v))
	}
	return out
}

var webhookSampleVariants = map[string][]string{
	"INSTALL": {`{
  "type": "INSTALL",
  "installType": "Company",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "companyId": "otg8dTQqGLh3Q6iQI55w",
  "planId": "66a0419a0dffa47fb5f8b22f",
  "trial": {
    "onTrial": true,
    "trialDuration": 10,
    "trialStartDate": "2024-07-23T23:54:51.264Z"
  }
}
`},
	"UNINSTALL": {`{
  "type": "UNINSTALL",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "companyId": "otg8dTQqGLh3Q6iQI55w"
}
`},
	"TaskCreate": {`{
  "type": "TaskCreate",
  "appId": "ve9EPM428h8vShlRW1KT",
  "versionId": "66a0419a0dffa47fb5f8b230",
  "locationId": "ve9EPM428h8vShlRW1KT",
  "id": "Qm3kX9vLwT2pR8sN4yB1",
  "assignedTo": "63e4qiWDsFJjOYAC8phG",
  "body": "Call back about the renewal",
  "title": "Follow up",
  "dateAdded": "2024-05-14T09:12:44.021Z",
  "dueDate": "2024-05-16T09:00:00.000Z"
}
`},
}
