package ghltest

import (
	"net/http"
	"runtime"
	"slices"
	"sort"
	"sync"
	"time"
	"weak"
)

// links are the campaigns and workflows contacts are in. They live beside the store, keyed by server (see
// linksOf), as no HighLevel answer reads them back; Server.Campaigns and Server.Workflows do, for tests.
type links struct {
	mu        sync.Mutex
	campaigns map[string]map[string]bool          // contact ID → campaign IDs
	workflows map[string]map[string]WorkflowEntry // contact ID → workflow ID → entry
}

// WorkflowEntry is a contact's enrolment in a workflow.
type WorkflowEntry struct {
	WorkflowID string
	// EventStartTime is the start time the request gave, as sent; "" when none.
	EventStartTime string
	Added          time.Time
}

var linkBook sync.Map // weak.Pointer[Server] → *links

// linksOf returns a server's links. The book holds servers weakly and forgets a server once it is collected.
func linksOf(s *Server) *links {
	key := weak.Make(s)
	if l, ok := linkBook.Load(key); ok {
		return l.(*links)
	}
	l, loaded := linkBook.LoadOrStore(key, &links{campaigns: map[string]map[string]bool{}, workflows: map[string]map[string]WorkflowEntry{}})
	if !loaded {
		runtime.AddCleanup(s, func(k weak.Pointer[Server]) { linkBook.Delete(k) }, key)
	}
	return l.(*links)
}

// forget drops the links of a deleted contact.
func (l *links) forget(contactID string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.campaigns, contactID)
	delete(l.workflows, contactID)
}

// Campaigns returns the IDs of the campaigns contact id is in, sorted.
func (s *Server) Campaigns(contactID string) []string {
	l := linksOf(s)
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]string, 0, len(l.campaigns[contactID]))
	for id := range l.campaigns[contactID] {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Workflows returns the workflows contact id is in, sorted by workflow ID.
func (s *Server) Workflows(contactID string) []WorkflowEntry {
	l := linksOf(s)
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]WorkflowEntry, 0, len(l.workflows[contactID]))
	for _, e := range l.workflows[contactID] {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].WorkflowID < out[j].WorkflowID })
	return out
}

// routeContactLinks registers followers, campaigns and workflows of a contact.
func (s *Server) routeContactLinks(r *router) {
	r.add(http.MethodPost, "/contacts/{contactId}/followers", ScopeContactsWrite, s.byContact, s.changeFollowers(true))
	r.add(http.MethodDelete, "/contacts/{contactId}/followers", ScopeContactsWrite, s.byContact, s.changeFollowers(false))
	r.add(http.MethodPost, "/contacts/{contactId}/campaigns/{campaignId}", ScopeContactsWrite, s.byContact, s.addCampaign)
	r.add(http.MethodDelete, "/contacts/{contactId}/campaigns/{campaignId}", ScopeContactsWrite, s.byContact, s.removeCampaign)
	r.add(http.MethodDelete, "/contacts/{contactId}/campaigns/removeAll", ScopeContactsWrite, s.byContact, s.removeAllCampaigns)
	r.add(http.MethodPost, "/contacts/{contactId}/workflow/{workflowId}", ScopeContactsWrite, s.byContact, s.addWorkflow)
	r.add(http.MethodDelete, "/contacts/{contactId}/workflow/{workflowId}", ScopeContactsWrite, s.byContact, s.removeWorkflow)
}

type succeeded struct {
	Succeded bool `json:"succeded"` // sic: HighLevel's spelling
}

// changeFollowers adds (or removes) the followers of a contact and answers its followers afterwards.
func (s *Server) changeFollowers(add bool) func(*call) {
	return func(c *call) {
		var b struct {
			Followers []string `json:"followers"`
		}
		if !c.decode(&b) {
			return
		}
		if len(b.Followers) == 0 || slices.Contains(b.Followers, "") {
			writeValidation(c.w, "followers must contain at least 1 elements", "each value in followers must be a non-empty string")
			return
		}
		s.store.mu.Lock()
		ct, ok := c.contactOrMissing(c.param("contactId"))
		if !ok {
			s.store.mu.Unlock()
			return
		}
		next := ct.clone()
		var changed []string
		for _, f := range b.Followers {
			has := slices.Contains(next.Followers, f)
			switch {
			case add && !has:
				next.Followers = append(next.Followers, f)
				changed = append(changed, f)
			case !add && has:
				next.Followers = slices.DeleteFunc(next.Followers, func(x string) bool { return x == f })
				changed = append(changed, f)
			}
		}
		next.DateUpdated = c.now
		s.store.remove(ct)
		s.store.insert(&next)
		followers := slices.Clone(next.Followers)
		s.store.mu.Unlock()
		if followers == nil {
			followers = []string{}
		}
		if changed == nil {
			changed = []string{}
		}
		if add {
			writeJSON(c.w, http.StatusCreated, map[string][]string{"followers": followers, "followersAdded": changed})
			return
		}
		writeJSON(c.w, http.StatusOK, map[string][]string{"followers": followers, "followersRemoved": changed})
	}
}

// contactExists answers 400 "Contact not found" for an unknown contact.
func (s *Server) contactExists(c *call) bool {
	s.store.mu.RLock()
	defer s.store.mu.RUnlock()
	_, ok := c.contactOrMissing(c.param("contactId"))
	return ok
}

func (s *Server) addCampaign(c *call) {
	var b struct{}
	if !c.decode(&b) || !s.contactExists(c) {
		return
	}
	l := linksOf(s)
	l.mu.Lock()
	id := c.param("contactId")
	if l.campaigns[id] == nil {
		l.campaigns[id] = map[string]bool{}
	}
	l.campaigns[id][c.param("campaignId")] = true
	l.mu.Unlock()
	writeJSON(c.w, http.StatusCreated, succeeded{true})
}

func (s *Server) removeCampaign(c *call) {
	if !s.contactExists(c) {
		return
	}
	l := linksOf(s)
	l.mu.Lock()
	delete(l.campaigns[c.param("contactId")], c.param("campaignId"))
	l.mu.Unlock()
	writeJSON(c.w, http.StatusOK, succeeded{true})
}

func (s *Server) removeAllCampaigns(c *call) {
	if !s.contactExists(c) {
		return
	}
	l := linksOf(s)
	l.mu.Lock()
	delete(l.campaigns, c.param("contactId"))
	l.mu.Unlock()
	writeJSON(c.w, http.StatusOK, succeeded{true})
}

type workflowBody struct {
	EventStartTime *string `json:"eventStartTime"`
}

func (s *Server) addWorkflow(c *call) {
	var b workflowBody
	if !c.decode(&b) {
		return
	}
	if b.EventStartTime != nil {
		if _, err := time.Parse(time.RFC3339, *b.EventStartTime); err != nil {
			writeValidation(c.w, "eventStartTime must be a valid ISO 8601 date string")
			return
		}
	}
	if !s.contactExists(c) {
		return
	}
	e := WorkflowEntry{WorkflowID: c.param("workflowId"), Added: c.now}
	if b.EventStartTime != nil {
		e.EventStartTime = *b.EventStartTime
	}
	l := linksOf(s)
	l.mu.Lock()
	id := c.param("contactId")
	if l.workflows[id] == nil {
		l.workflows[id] = map[string]WorkflowEntry{}
	}
	l.workflows[id][e.WorkflowID] = e
	l.mu.Unlock()
	writeJSON(c.w, http.StatusOK, succeeded{true})
}

func (s *Server) removeWorkflow(c *call) {
	var b workflowBody
	if !c.decode(&b) || !s.contactExists(c) {
		return
	}
	l := linksOf(s)
	l.mu.Lock()
	delete(l.workflows[c.param("contactId")], c.param("workflowId"))
	l.mu.Unlock()
	writeJSON(c.w, http.StatusOK, succeeded{true})
}
