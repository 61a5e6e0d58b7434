package ghltest

import (
	"crypto/rand"
	"slices"
	"strings"
	"sync"
)

// store holds every location's records. Contact IDs are global, as HighLevel's are: a contact is found by ID
// first and its location checked after.
type store struct {
	mu       sync.RWMutex
	contacts map[string]*Contact // by ID
	locs     map[string]*locationData
	records  map[string]*contactRecords // tasks, notes and appointments by contact ID (tasks_store.go)
}

type locationData struct {
	allowDuplicates bool
	contacts        map[string]*Contact
	// byEmail and byPhone index contacts by lowercased email and normalised phone, oldest first; with
	// duplicates allowed a key can hold several.
	byEmail map[string][]string
	byPhone map[string][]string

	// version counts changes to contacts; orders caches the contacts sorted per sort, for the version it
	// was made at, so that paging through a large location does not sort it again for every page.
	version uint64
	orderMu sync.Mutex
	orders  map[string]sortedOrder
}

type sortedOrder struct {
	version  uint64
	contacts []*Contact // never changed once cached
}

func newStore() *store {
	return &store{contacts: map[string]*Contact{}, locs: map[string]*locationData{}}
}

// ensure returns a location's data, creating it. The caller holds the write lock, or no one else can yet.
func (st *store) ensure(id string) *locationData {
	l := st.locs[id]
	if l == nil {
		l = &locationData{contacts: map[string]*Contact{}, byEmail: map[string][]string{}, byPhone: map[string][]string{}}
		st.locs[id] = l
	}
	return l
}

// insert adds c; the caller holds the write lock.
func (st *store) insert(c *Contact) {
	l := st.ensure(c.LocationID)
	st.contacts[c.ID] = c
	l.contacts[c.ID] = c
	l.index(c, true)
	l.version++
}

// remove deletes c; the caller holds the write lock.
func (st *store) remove(c *Contact) {
	l := st.ensure(c.LocationID)
	l.index(c, false)
	delete(l.contacts, c.ID)
	delete(st.contacts, c.ID)
	l.version++
}

func (l *locationData) index(c *Contact, add bool) {
	for _, ix := range []struct {
		m   map[string][]string
		key string
	}{{l.byEmail, emailKey(c.Email)}, {l.byPhone, phoneKey(c.Phone)}} {
		if ix.key == "" {
			continue
		}
		if add {
			ix.m[ix.key] = append(ix.m[ix.key], c.ID)
			continue
		}
		ids := slices.DeleteFunc(ix.m[ix.key], func(id string) bool { return id == c.ID })
		if len(ids) == 0 {
			delete(ix.m, ix.key)
		} else {
			ix.m[ix.key] = ids
		}
	}
}

// duplicate finds a contact other than except that a new email or phone would duplicate, when the location
// does not allow duplicates. HighLevel matches the email first, then the phone.
func (st *store) duplicate(locationID, email, phone, except string) (id, field string) {
	l := st.ensure(locationID)
	if l.allowDuplicates {
		return "", ""
	}
	for _, f := range []struct{ key, field string }{{emailKey(email), "email"}, {phoneKey(phone), "phone"}} {
		if f.key == "" {
			continue
		}
		m := l.byEmail
		if f.field == "phone" {
			m = l.byPhone
		}
		for _, other := range m[f.key] {
			if other != except {
				return other, f.field
			}
		}
	}
	return "", ""
}

func emailKey(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func phoneKey(p string) string { return normalizePhone(p) }

// normalizePhone turns a phone number into the E.164-like form HighLevel stores ("+1 888-888-8888" becomes
// "+18888888888"). Ten digits without a country code are taken as North American, as a US location does.
func normalizePhone(p string) string {
	var digits strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			digits.WriteRune(r)
		}
	}
	d := digits.String()
	switch {
	case d == "":
		return strings.TrimSpace(p)
	case strings.HasPrefix(strings.TrimSpace(p), "+"):
		return "+" + d
	case len(d) == 10:
		return "+1" + d
	default:
		return "+" + d
	}
}

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newID returns an ID shaped like HighLevel's: 20 alphanumeric characters.
func newID() string {
	var b [20]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b[:])
}
