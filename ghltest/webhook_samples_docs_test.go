package ghltest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docExamples reads the JSON examples of HighLevel's webhook-events docs (copied into testdata), by event type.
func docExamples(t *testing.T) map[string][]map[string]any {
	files, err := filepath.Glob("../testdata/webhook-events/*.md")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	block := regexp.MustCompile("(?s)```json\n(.*?)\n```")
	out := map[string][]map[string]any{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		typ := strings.TrimSuffix(filepath.Base(f), ".md")
		if app, ok := map[string]string{"AppInstall": "INSTALL", "AppUninstall": "UNINSTALL"}[typ]; ok {
			typ = app
		}
		for _, m := range block.FindAllSubmatch(b, -1) {
			var ex map[string]any
			require.NoError(t, json.Unmarshal(m[1], &ex), f)
			out[typ] = append(out[typ], ex)
		}
	}
	return out
}

// The samples are the docs' examples plus what real deliveries carry: every field of an example is in the
// sample with the docs' value, except the deviations the samples note.
func TestWebhookSamplesAgreeWithDocs(t *testing.T) {
	docs := docExamples(t)
	assert.ElementsMatch(t, WebhookSampleTypes(), keys(docs), "a sample per documented event")
	deviations := map[string]bool{
		"AppointmentUpdate.type": true, "AppointmentDelete.type": true, // the docs' examples say AppointmentCreate
	}
	for typ, examples := range docs {
		var sample map[string]any
		require.NoError(t, json.Unmarshal(WebhookSample(typ), &sample), typ)
		assert.Equal(t, "ve9EPM428h8vShlRW1KT", sample["appId"], typ)
		assert.NotEmpty(t, sample["versionId"], typ)
		for k, want := range examples[0] {
			if deviations[typ+"."+k] {
				continue
			}
			if k == "dndSettings" {
				dnd := sample[k].(map[string]any)
				for ch, v := range want.(map[string]any) {
					assert.Equal(t, v.(map[string]any)["status"], dnd[ch].(map[string]any)["status"], ch)
					assert.Equal(t, "", dnd[ch].(map[string]any)["code"], "real DND settings have an empty code")
				}
				assert.Contains(t, dnd, "RCS")
				continue
			}
			assert.Equal(t, want, sample[k], "%s.%s", typ, k)
		}
	}
	var install map[string]any
	require.NoError(t, json.Unmarshal(WebhookSample("INSTALL"), &install))
	assert.Equal(t, "Location", install["installType"])
}

func TestWebhookSampleVariants(t *testing.T) {
	docs := docExamples(t)
	for _, typ := range []string{"INSTALL", "UNINSTALL"} {
		variants := WebhookSampleVariants(typ)
		require.Len(t, variants, 2, typ)
		var agency map[string]any
		require.NoError(t, json.Unmarshal(variants[1], &agency))
		assert.NotContains(t, agency, "locationId", "%s at agency level", typ)
		assert.Equal(t, docs[typ][len(docs[typ])-1]["companyId"], agency["companyId"])
		assert.NotEmpty(t, agency["versionId"])
	}
	tasks := WebhookSampleVariants("TaskCreate")
	require.Len(t, tasks, 2)
	var noContact map[string]any
	require.NoError(t, json.Unmarshal(tasks[1], &noContact))
	assert.Equal(t, "TaskCreate", noContact["type"])
	assert.NotContains(t, noContact, "contactId")
	assert.Len(t, WebhookSampleVariants("NoteCreate"), 1)
	assert.Nil(t, WebhookSampleVariants("NoSuchType"))
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
