package ghltest

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
)

// sortValue is a contact's value for one sort field: a number (dates, in Unix milliseconds) or a string.
type sortValue struct {
	num   int64
	str   string
	isNum bool
}

func (a sortValue) compare(b sortValue) int {
	if a.isNum {
		return cmp.Compare(a.num, b.num)
	}
	return strings.Compare(a.str, b.str)
}

// sortKey is one field of a search's sort.
type sortKey struct {
	field string
	desc  bool
}

// sortFields lists the fields a search can sort by. New fields are added here.
var sortFields = map[string]func(*Contact) sortValue{
	"dateAdded":   func(c *Contact) sortValue { return sortValue{num: c.DateAdded.UnixMilli(), isNum: true} },
	"dateUpdated": func(c *Contact) sortValue { return sortValue{num: c.DateUpdated.UnixMilli(), isNum: true} },
	"firstName":   func(c *Contact) sortValue { return sortValue{str: strings.ToLower(c.FirstName)} },
	"lastName":    func(c *Contact) sortValue { return sortValue{str: strings.ToLower(c.LastName)} },
	"email":       func(c *Contact) sortValue { return sortValue{str: strings.ToLower(c.Email)} },
}

// defaultSort is a search's order when it names none: newest first. The contact ID breaks ties in every
// order, so that a searchAfter cursor ([dateAdded millis, id] by default) names one position.
var defaultSort = []sortKey{{field: "dateAdded", desc: true}}

// oldestFirst is the order of Server.Contacts.
var oldestFirst = []sortKey{{field: "dateAdded"}}

func compileSort(in []searchSort) ([]sortKey, []string) {
	if len(in) == 0 {
		return defaultSort, nil
	}
	var keys []sortKey
	var msgs []string
	for _, s := range in {
		if _, ok := sortFields[s.Field]; !ok {
			msgs = append(msgs, "sort: field "+s.Field+" is not supported")
			continue
		}
		switch strings.ToLower(s.Direction) {
		case "", "asc":
			keys = append(keys, sortKey{field: s.Field})
		case "desc":
			keys = append(keys, sortKey{field: s.Field, desc: true})
		default:
			msgs = append(msgs, "sort: direction must be one of the following values: asc, desc")
		}
	}
	return keys, msgs
}

// sortValues is a contact's values for keys, computed once per sort rather than once per comparison.
func sortValues(c *Contact, keys []sortKey) []sortValue {
	vals := make([]sortValue, len(keys))
	for i, k := range keys {
		vals[i] = sortFields[k.field](c)
	}
	return vals
}

// compareValues orders two positions: their sort values, then their IDs.
func compareValues(a, b []sortValue, aID, bID string, keys []sortKey) int {
	for i, k := range keys {
		if n := a[i].compare(b[i]); n != 0 {
			return flip(n, k.desc)
		}
	}
	return strings.Compare(aID, bID)
}

// sortContacts orders contacts by keys, then by ID.
func sortContacts(cs []*Contact, keys []sortKey) {
	type row struct {
		c    *Contact
		vals []sortValue
	}
	rows := make([]row, len(cs))
	for i, c := range cs {
		rows[i] = row{c, sortValues(c, keys)}
	}
	slices.SortFunc(rows, func(a, b row) int { return compareValues(a.vals, b.vals, a.c.ID, b.c.ID, keys) })
	for i := range rows {
		cs[i] = rows[i].c
	}
}

// compareToCursor compares a contact's position with a searchAfter cursor.
func compareToCursor(c *Contact, keys []sortKey, cursor []sortValue) int {
	return compareValues(sortValues(c, keys), cursor, c.ID, cursor[len(keys)].str, keys)
}

func flip(n int, desc bool) int {
	if desc {
		return -n
	}
	return n
}

// cursorOf is a contact's searchAfter cursor: its sort values, then its ID.
func cursorOf(c *Contact, keys []sortKey) []any {
	out := make([]any, 0, len(keys)+1)
	for _, k := range keys {
		v := sortFields[k.field](c)
		if v.isNum {
			out = append(out, v.num)
		} else {
			out = append(out, v.str)
		}
	}
	return append(out, c.ID)
}

// parseCursor reads a searchAfter cursor sent back, or says why it does not fit the sort.
func parseCursor(raw []json.RawMessage, keys []sortKey) ([]sortValue, string) {
	const bad = "searchAfter must be the searchAfter of a contact of a previous page with the same sort"
	if len(raw) != len(keys)+1 {
		return nil, bad
	}
	out := make([]sortValue, len(raw))
	for i, r := range raw {
		if i < len(keys) && sortFields[keys[i].field](&Contact{}).isNum {
			var n json.Number
			if json.Unmarshal(r, &n) != nil {
				return nil, bad
			}
			v, err := n.Int64()
			if err != nil {
				return nil, bad
			}
			out[i] = sortValue{num: v, isNum: true}
			continue
		}
		if json.Unmarshal(r, &out[i].str) != nil {
			return nil, bad
		}
	}
	return out, ""
}
