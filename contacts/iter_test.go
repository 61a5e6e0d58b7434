package contacts_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/ghlkit/ghl/contacts"
	"github.com/ghlkit/ghl/ghltest"
	"github.com/ghlkit/ghl/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedSearch answers POST /contacts/search from n contacts named c0000.., ordered by name, with each
// contact's cursor [index, id]. repeat makes it ignore searchAfter (a server going round in circles).
func pagedSearch(t *testing.T, n int, repeat bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			PageLimit   int             `json:"pageLimit"`
			Page        int             `json:"page"`
			SearchAfter json.RawMessage `json:"searchAfter"`
		}
		if !assert.NoError(t, json.NewDecoder(r.Body).Decode(&body)) {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		start := max(body.Page-1, 0) * body.PageLimit
		if len(body.SearchAfter) > 0 && !repeat {
			var cur []any
			if !assert.NoError(t, json.Unmarshal(body.SearchAfter, &cur)) {
				w.WriteHeader(http.StatusBadRequest)
				return
			}
			start = int(cur[0].(float64)) + 1
		}
		end := min(start+body.PageLimit, n)
		out := []map[string]any{}
		for i := start; i < end; i++ {
			id := fmt.Sprintf("c%04d", i)
			out = append(out, map[string]any{"id": id, "searchAfter": []any{i, id}})
		}
		writeJSON(w, http.StatusOK, map[string]any{"contacts": out, "total": n})
	}
}

func TestSearchAllReturnsEveryContactOnce(t *testing.T) {
	svc, st := newService(t, pagedSearch(t, 1234, false))
	ids := map[string]int{}
	for c, err := range svc.SearchAll(context.Background(), contacts.SearchParams{PageLimit: 100}) {
		require.NoError(t, err)
		ids[c.ID]++
	}
	assert.Len(t, ids, 1234)
	for id, n := range ids {
		require.Equal(t, 1, n, id)
	}
	reqs := st.requests()
	require.Len(t, reqs, 13)
	first := decodeBody(t, reqs[0].Body)
	assert.NotContains(t, first, "searchAfter")
	assert.NotContains(t, first, "page")
	assert.Equal(t, []any{99.0, "c0099"}, decodeBody(t, reqs[1].Body)["searchAfter"])
}

func TestSearchAllDefaultsToPagesOf500(t *testing.T) {
	svc, st := newService(t, pagedSearch(t, 1000, false))
	n := 0
	for _, err := range svc.SearchAll(context.Background(), contacts.SearchParams{}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 1000, n)
	// Two full pages, then an empty one that ends the search.
	require.Len(t, st.requests(), 3)
	assert.Equal(t, 500.0, decodeBody(t, st.requests()[0].Body)["pageLimit"])
}

func TestSearchAllStopsOnRepeatedCursor(t *testing.T) {
	svc, st := newService(t, pagedSearch(t, 1000, true))
	n := 0
	var last error
	for _, err := range svc.SearchAll(context.Background(), contacts.SearchParams{PageLimit: 100}) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	assert.ErrorIs(t, last, contacts.ErrRepeatedCursor)
	assert.Equal(t, 200, n)
	assert.Len(t, st.requests(), 2)
}

func TestSearchAllStopsWhenCallerBreaks(t *testing.T) {
	svc, st := newService(t, pagedSearch(t, 1000, false))
	n := 0
	for _, err := range svc.SearchAll(context.Background(), contacts.SearchParams{PageLimit: 100}) {
		require.NoError(t, err)
		if n++; n == 150 {
			break
		}
	}
	assert.Len(t, st.requests(), 2)
}

func TestSearchAllHonoursCancellationBetweenPages(t *testing.T) {
	svc, st := newService(t, pagedSearch(t, 1000, false))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var errs []error
	for _, err := range svc.SearchAll(ctx, contacts.SearchParams{PageLimit: 100}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if n++; n == 100 {
			cancel()
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], context.Canceled)
	assert.Equal(t, 100, n)
	assert.Len(t, st.requests(), 1)
}

func TestSearchAllYieldsErrorOnceAndStops(t *testing.T) {
	calls := 0
	ok := pagedSearch(t, 1000, false)
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
		if calls++; calls == 2 {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]any{"statusCode": 422, "message": []string{"nope"}})
			return
		}
		ok(w, r)
	})
	var errs []error
	n := 0
	for _, err := range svc.SearchAll(context.Background(), contacts.SearchParams{PageLimit: 100}) {
		if err != nil {
			errs = append(errs, err)
		} else {
			n++
		}
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], transport.ErrValidation)
	assert.Equal(t, 100, n)
	assert.Equal(t, 2, calls)
}

func TestSearchFullPageWithoutCursorIsAnError(t *testing.T) {
	svc, _ := newService(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"contacts": []map[string]any{{"id": "a"}}, "total": 5})
	})
	_, err := svc.Search(context.Background(), contacts.SearchParams{PageLimit: 1})
	var de *transport.DecodeError
	assert.True(t, errors.As(err, &de), "err = %v", err)
}

// A caller that checkpoints: one page with Search, then resume with SearchAll from its cursor.
func TestSearchPageThenResume(t *testing.T) {
	svc, _ := newService(t, pagedSearch(t, 250, false))
	ctx := context.Background()
	p, err := svc.Search(ctx, contacts.SearchParams{PageLimit: 100})
	require.NoError(t, err)
	require.Len(t, p.Contacts, 100)
	assert.Equal(t, 250, p.Total)
	require.JSONEq(t, `[99,"c0099"]`, string(p.Next))
	var ids []string
	for c, err := range svc.SearchAll(ctx, contacts.SearchParams{PageLimit: 100, SearchAfter: p.Next}) {
		require.NoError(t, err)
		ids = append(ids, c.ID)
	}
	require.Len(t, ids, 150)
	assert.Equal(t, "c0100", ids[0])
	last, err := svc.Search(ctx, contacts.SearchParams{PageLimit: 100, Page: 3})
	require.NoError(t, err)
	assert.Len(t, last.Contacts, 50)
	assert.Nil(t, last.Next, "a short page is the last")
}

// listHandler answers GET /contacts/ from n contacts with meta cursors; stuck repeats the first cursor.
func listHandler(n int, stuck bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		start := 0
		if after := q.Get("startAfter"); after != "" && !stuck {
			start, _ = strconv.Atoi(after)
		}
		end := min(start+limit, n)
		out := []map[string]any{}
		for i := start; i < end; i++ {
			out = append(out, map[string]any{"id": fmt.Sprintf("c%d", i)})
		}
		writeJSON(w, http.StatusOK, map[string]any{"contacts": out, "meta": map[string]any{
			"total": strconv.Itoa(n), "startAfterId": fmt.Sprintf("c%d", end-1), "startAfter": end,
		}})
	}
}

func TestListAll(t *testing.T) {
	svc, st := newService(t, listHandler(250, false))
	n := 0
	for _, err := range svc.ListAll(context.Background(), contacts.ListParams{}) { //nolint:staticcheck // under test
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 250, n)
	reqs := st.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "limit=100&locationId=loc1&startAfter=100&startAfterId=c99", reqs[1].RawQuery)

	svc, _ = newService(t, listHandler(250, true))
	var last error
	for _, err := range svc.ListAll(context.Background(), contacts.ListParams{}) { //nolint:staticcheck // under test
		if err != nil {
			last = err
		}
	}
	assert.ErrorIs(t, last, contacts.ErrRepeatedCursor)
}

// businessHandler answers GET /contacts/business/{id} from n contacts; capped returns at most capAt per page,
// whatever the limit; ignoreSkip always answers the first page.
func businessHandler(n, capAt int, ignoreSkip, withTotal bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		limit, _ := strconv.Atoi(q.Get("limit"))
		skip, _ := strconv.Atoi(q.Get("skip"))
		if ignoreSkip {
			skip = 0
		}
		end := min(skip+min(limit, capAt), n)
		out := []map[string]any{}
		for i := skip; i < end; i++ {
			out = append(out, map[string]any{"id": fmt.Sprintf("c%d", i)})
		}
		ans := map[string]any{"contacts": out}
		if withTotal {
			ans["count"] = n
		}
		writeJSON(w, http.StatusOK, ans)
	}
}

func TestListByBusiness(t *testing.T) {
	tests := []struct {
		name       string
		h          http.HandlerFunc
		want       int
		wantErr    error
		wantCalls  int
		wantParams contacts.BusinessParams
	}{
		{"pages until short", businessHandler(250, 1000, false, false), 250, nil, 3, contacts.BusinessParams{}},
		{"server caps the page, total known", businessHandler(250, 30, false, true), 250, nil, 9, contacts.BusinessParams{}},
		{"resumes from skip", businessHandler(250, 1000, false, true), 50, nil, 1, contacts.BusinessParams{Skip: 200}},
		{"server ignores skip", businessHandler(250, 1000, true, false), 200, contacts.ErrRepeatedCursor, 2, contacts.BusinessParams{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc, st := newService(t, tt.h)
			n := 0
			var last error
			for _, err := range svc.ListByBusinessAll(context.Background(), "b1", tt.wantParams) {
				if err != nil {
					last = err
					continue
				}
				n++
			}
			assert.Equal(t, tt.want, n)
			if tt.wantErr != nil {
				assert.ErrorIs(t, last, tt.wantErr)
			} else {
				assert.NoError(t, last)
			}
			assert.Len(t, st.requests(), tt.wantCalls)
		})
	}
}

// Beyond the 10,000 contacts page numbers reach, SearchAll goes on with searchAfter: every contact once.
func TestSearchAllBeyondTenThousandOnGhltest(t *testing.T) {
	f := newFake(t)
	seeded := f.srv.SeedContacts(f.loc, 10_600, ghltest.SeedOptions{})
	seen := make(map[string]bool, len(seeded))
	for c, err := range f.svc.SearchAll(context.Background(), contacts.SearchParams{}) {
		require.NoError(t, err)
		require.False(t, seen[c.ID], "contact %s twice", c.ID)
		seen[c.ID] = true
	}
	assert.Len(t, seen, len(seeded))
	reqs := f.srv.RequestsTo(http.MethodPost, "/contacts/search")
	assert.Len(t, reqs, 22, "21 full pages of 500 and a last one of 100")
	for _, r := range reqs {
		assert.NotContains(t, string(r.Body), `"page"`)
	}
	// Page numbers stop at 10,000, here before any request.
	_, err := f.svc.Search(context.Background(), contacts.SearchParams{PageLimit: 500, Page: 21})
	assert.ErrorIs(t, err, transport.ErrInvalidArgument)
	last, err := f.svc.Search(context.Background(), contacts.SearchParams{PageLimit: 500, Page: 20})
	require.NoError(t, err)
	assert.Len(t, last.Contacts, 500)
	assert.Equal(t, 10_600, last.Total)
}
