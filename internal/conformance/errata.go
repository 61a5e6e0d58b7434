package conformance

import (
	_ "embed"
	"encoding/json"
)

// searchBody holds the search body schemas from HighLevel's search guide (FACTS.md, "Search and
// pagination"); they replace the spec's empty SearchBodyV2DTO.
//
//go:embed search_body.json
var searchBody []byte

// erratum fixes one place where HighLevel's spec contradicts what HighLevel accepts. It applies only when the
// spec has the place, so one list serves every file.
type erratum struct {
	// schema and property name the place: components.schemas[schema].properties[property].
	schema, property string
	// why is the evidence, kept beside the fix.
	why string
	fix map[string]any
}

var errata = []erratum{
	{"CreateContactDto", "dateOfBirth", "typed object, but HighLevel takes and answers a date string", nullableString()},
	{"UpdateContactDto", "dateOfBirth", "typed object, but HighLevel takes and answers a date string", nullableString()},
	{"UpsertContactDto", "dateOfBirth", "typed object, but HighLevel takes and answers a date string", nullableString()},
	{"NumericField", "field_value", "typed object, but its example (100) and HighLevel take a number", numberOrText()},
	{"MonetoryField", "field_value", "typed object, but its example (100.5) and HighLevel take a number", numberOrText()},
}

func nullableString() map[string]any { return map[string]any{"type": "string", "nullable": true} }

func numberOrText() map[string]any {
	return map[string]any{"anyOf": []any{map[string]any{"type": "number"}, map[string]any{"type": "string"}}}
}

// Errata lists the fixes Load applies to a spec that has the places they fix, as "Schema.property: why".
func Errata() []string {
	out := make([]string, 0, len(errata)+2)
	for _, e := range errata {
		out = append(out, e.schema+"."+e.property+": "+e.why)
	}
	return append(out,
		"SearchBodyV2DTO: empty in the spec; replaced by the body of HighLevel's search guide",
		"POST /contacts/bulk/tags/update/{type}: {type} is not declared; added as a path parameter (add, remove)")
}

// applyErrata fixes the spec in place.
func applyErrata(root map[string]any) {
	schemas := asMap(asMap(root["components"])["schemas"])
	if schemas == nil {
		return
	}
	for _, e := range errata {
		if props := asMap(asMap(schemas[e.schema])["properties"]); props != nil && props[e.property] != nil {
			props[e.property] = e.fix
		}
	}
	// The search body: only when the spec's DTO is still the empty placeholder.
	if dto, ok := schemas["SearchBodyV2DTO"]; ok && len(asMap(asMap(dto)["properties"])) == 0 {
		var extra map[string]any
		if err := json.Unmarshal(searchBody, &extra); err != nil {
			panic("conformance: search_body.json: " + err.Error())
		}
		for k, v := range extra {
			schemas[k] = v
		}
	}
	// The bulk tags path names a {type} it never declares; HighLevel's docs allow "add" and "remove".
	if item := asMap(asMap(root["paths"])["/contacts/bulk/tags/update/{type}"]); item != nil {
		if post := asMap(item["post"]); post != nil {
			post["parameters"] = append(asList(post["parameters"]), map[string]any{
				"name": "type", "in": "path", "required": true,
				"schema": map[string]any{"type": "string", "enum": []any{"add", "remove"}},
			})
		}
	}
}
