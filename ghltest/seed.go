package ghltest

import (
	"cmp"
	"strconv"
	"strings"
	"time"
)

// SeedOptions shapes the contacts SeedContacts generates; the zero value is fine.
type SeedOptions struct {
	// Prefix starts every generated ID and names the seeding in emails, so that two seedings do not share
	// IDs. Default: 8 random letters and digits.
	Prefix string
	// Start is the dateAdded of contact 0; contact i is added i×Step later. Default: n×Step before the
	// server's clock, so that the last contact was just added.
	Start time.Time
	// Step is the time between two contacts' dateAdded. Default: one minute.
	Step time.Duration
	// Tags are dealt out: contact i gets Tags[i%len(Tags)], and every third contact the next tag too.
	// Default: lead, customer, vip, newsletter.
	Tags []string
	// CustomFieldID, when set, gives contact i that custom field with the number i%100.
	CustomFieldID string
	// Edit, when set, may change contact i before it is stored.
	Edit func(i int, c *Contact)
}

var (
	seedFirst = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
		"Radia", "Tim", "Sophie", "Linus", "Katherine", "John"}
	seedLast = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton",
		"Ritchie", "Perlman", "Berners-Lee", "Wilson", "Torvalds", "Johnson", "McCarthy"}
	seedTags = []string{"lead", "customer", "vip", "newsletter"}
)

// SeedContacts adds n generated contacts to locationID ("" means the server's default location) in one go,
// without requests, rate limits or duplicate checks, and returns their IDs, oldest first. Contact i is named
// from fixed lists (i%16 and i/16%16), has the email first.last.i@<prefix>.example.com, the phone
// +1555 followed by i on 7 digits, tags and dates as opts says, and the other fields of a real contact
// (type, timezone, attribution, createdBy, ...: see seedShape), some null and some absent. Seeding 100,000 contacts takes a few
// hundred milliseconds at most.
func (s *Server) SeedContacts(locationID string, n int, opts SeedOptions) []string {
	if n <= 0 {
		return nil
	}
	locationID = cmp.Or(locationID, s.location)
	prefix := opts.Prefix
	if prefix == "" {
		prefix = newID()[:8]
	}
	step := cmp.Or(opts.Step, time.Minute)
	start := opts.Start
	if start.IsZero() {
		start = s.clock.Now().Add(-time.Duration(n) * step)
	}
	tags := opts.Tags
	if tags == nil {
		tags = seedTags
	}
	domain := "@" + strings.ToLower(prefix) + ".example.com"
	ids := make([]string, n)
	batch := make([]Contact, n)
	var digits [7]byte
	for i := range batch {
		c := &batch[i]
		first, last := seedFirst[i%len(seedFirst)], seedLast[i/len(seedFirst)%len(seedLast)]
		num := strconv.Itoa(i)
		c.ID = prefix + pad(num)
		c.LocationID = locationID
		c.FirstName, c.LastName = first, last
		c.Email = strings.ToLower(first) + "." + strings.ToLower(last) + "." + num + domain
		c.Phone = "+1555" + sevenDigits(&digits, i)
		c.DateAdded = start.Add(time.Duration(i) * step)
		c.DateUpdated = c.DateAdded
		c.Source = "ghltest seed"
		seedShape(i, c)
		if len(tags) > 0 {
			c.Tags = []string{tags[i%len(tags)]}
			if i%3 == 0 && len(tags) > 1 {
				c.Tags = append(c.Tags, tags[(i+1)%len(tags)])
			}
		}
		if opts.CustomFieldID != "" {
			c.CustomFields = []CustomField{{ID: opts.CustomFieldID, Value: float64(i % 100)}}
		}
		if opts.Edit != nil {
			opts.Edit(i, c)
		}
		ids[i] = c.ID
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.reserve(locationID, n)
	for i := range batch {
		c := &batch[i]
		if old := s.store.contacts[c.ID]; old != nil {
			s.store.remove(old)
		}
		s.store.insert(c)
	}
	return ids
}

// pad left-pads a decimal index to 12 characters, so that an ID is 20 characters like HighLevel's and IDs
// of one seeding sort in the order they were made.
func pad(num string) string {
	const zeros = "000000000000"
	if len(num) >= len(zeros) {
		return num
	}
	return zeros[:len(zeros)-len(num)] + num
}

func sevenDigits(buf *[7]byte, i int) string {
	for k := 6; k >= 0; k-- {
		buf[k] = byte('0' + i%10)
		i /= 10
	}
	return string(buf[:])
}

// reserve makes room for n more contacts in the store's maps, so that a large seeding does not grow them step
// by step. The caller holds the write lock.
func (st *store) reserve(locationID string, n int) {
	st.contacts = grown(st.contacts, n)
	l := st.ensure(locationID)
	l.contacts = grown(l.contacts, n)
	l.byEmail = grown(l.byEmail, n)
	l.byPhone = grown(l.byPhone, n)
}

// grown returns m, or a copy of it with room for n more entries when n is large next to it.
func grown[V any](m map[string]V, n int) map[string]V {
	if n < 1024 || n < len(m) {
		return m
	}
	out := make(map[string]V, len(m)+n)
	for k, v := range m {
		out[k] = v
	}
	return out
}
