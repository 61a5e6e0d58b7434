package contacts_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
	"github.com/ghlkit/ghl/contacts"
)

// searchPageBody is one 500-contact search answer of about 820 KB, generated deterministically: realistic
// contacts with custom fields of several types, ISO dates, bare dates of birth, nulls, and, as real exports
// have now and then, one record with a number where text belongs.
func searchPageBody() []byte {
	var buf bytes.Buffer
	buf.WriteString(`{"contacts":[`)
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range benchPage {
		if i > 0 {
			buf.WriteByte(',')
		}
		added := base.Add(time.Duration(i) * 97 * time.Minute)
		iso := added.Format("2006-01-02T15:04:05.000Z")
		updated := added.Add(36 * time.Hour).Format("2006-01-02T15:04:05.000Z")
		var dob string
		switch i % 3 {
		case 0:
			dob = `"` + time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02") + `"`
		case 1:
			dob = `"` + time.Date(1960+i%40, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC).Format("2006-01-02T15:04:05.000Z") + `"`
		default:
			dob = "null"
		}
		phone := `"+1555` + fmt.Sprintf("%07d", i) + `"`
		if i == 250 {
			phone = "1555" + fmt.Sprintf("%07d", i)
		}
		company := `"Acme ` + strconv.Itoa(i%37) + ` Holdings LLC"`
		if i%4 == 0 {
			company = "null"
		}
		id := fmt.Sprintf("c%019d", i)
		fmt.Fprintf(&buf, `{"id":%q,"locationId":"ve9EPM428h8vShlRW1KT","contactName":"ada lovelace %d","firstName":"Ada",`+
			`"lastName":"Lovelace","firstNameRaw":"Ada","lastNameRaw":"Lovelace","firstNameLowerCase":"ada","lastNameLowerCase":"lovelace",`+
			`"fullNameLowerCase":"ada lovelace","companyName":%s,"email":"ada.lovelace.%d@example.com","emailLowerCase":"ada.lovelace.%d@example.com",`+
			`"phone":%s,"dnd":false,"dndSettings":{"Call":{"status":"active","message":"","code":""},"Email":{"status":"inactive","message":"","code":""}},`+
			`"inboundDndSettings":{"all":{"status":"inactive","message":""}},"type":"lead","source":"public api","assignedTo":null,`+
			`"address1":"3535 1st St N","city":"Dolomite","state":"AL","postalCode":"35061","country":"US","website":null,`+
			`"timezone":"America/Chicago","tags":["lead","vip","spring-2024","newsletter"],"dateOfBirth":%s,"dateAdded":%q,`+
			`"dateUpdated":%q,"lastActivity":null,"additionalEmails":[],"additionalPhones":[],`+
			`"customFields":[{"id":"MgobCB14YMVKuE4Ka8p1","value":"Gold"},{"id":"uGvjBTrTyBHNPKnR5Gx3","value":%d},`+
			`{"id":"QJ6BqCuFyqlqVyyXr9Js","value":["a","b","c"]},{"id":"fWk1Jz5u8HnqS5GfFqzE","value":null},`+
			`{"id":"h2lQmX0bq9TzKxkD1uJv","value":"2024-03-14"}],"businessId":null,"followers":["y0BeYjuRIlDwsDcOHOJo"],`+
			`"attributionSource":{"url":"https://example.com/signup?utm_source=google","campaign":"spring","utmSource":"google",`+
			`"utmMedium":"cpc","sessionSource":"Paid Search","medium":"form","mediumId":"b7Xk2mQp9rTs"},`+
			`"lastAttributionSource":{"url":"https://example.com/pricing","campaign":"summer","utmSource":"bing","utmMedium":"cpc",`+
			`"sessionSource":"Paid Search","medium":"form","mediumId":"q3Vn8cLw1zYe"},"visitorId":"v-%09d","keyword":"spring-sale",`+
			`"searchAfter":[%d,%q]}`,
			id, i, company, i, i, phone, dob, iso, updated, i%100, i, added.UnixMilli(), id)
	}
	buf.WriteString(`],"total":60000}`)
	return buf.Bytes()
}

// pageTarget is what a hand-written client decodes a search page into with encoding/json: the same fields the
// SDK reads from this body, ISO dates as time.Time. encoding/json cannot read a bare date into a time.Time, so
// dateOfBirth stays text.
type pageTarget struct {
	Contacts []struct {
		ID                 string `json:"id"`
		LocationID         string `json:"locationId"`
		ContactName        string `json:"contactName"`
		FirstName          string `json:"firstName"`
		LastName           string `json:"lastName"`
		FirstNameLowerCase string `json:"firstNameLowerCase"`
		LastNameLowerCase  string `json:"lastNameLowerCase"`
		FullNameLowerCase  string `json:"fullNameLowerCase"`
		CompanyName        string `json:"companyName"`
		Email              string `json:"email"`
		EmailLowerCase     string `json:"emailLowerCase"`
		Phone              string `json:"phone"`
		DND                bool   `json:"dnd"`
		DNDSettings        struct {
			Call  *struct{ Status, Message, Code string } `json:"Call"`
			Email *struct{ Status, Message, Code string } `json:"Email"`
		} `json:"dndSettings"`
		InboundDNDSettings struct {
			All *struct{ Status, Message string } `json:"all"`
		} `json:"inboundDndSettings"`
		Type         string    `json:"type"`
		Source       string    `json:"source"`
		AssignedTo   string    `json:"assignedTo"`
		Address1     string    `json:"address1"`
		City         string    `json:"city"`
		State        string    `json:"state"`
		PostalCode   string    `json:"postalCode"`
		Country      string    `json:"country"`
		Website      string    `json:"website"`
		Timezone     string    `json:"timezone"`
		Tags         []string  `json:"tags"`
		DateOfBirth  string    `json:"dateOfBirth"`
		DateAdded    time.Time `json:"dateAdded"`
		DateUpdated  time.Time `json:"dateUpdated"`
		LastActivity time.Time `json:"lastActivity"`
		CustomFields []struct {
			ID    string          `json:"id"`
			Value json.RawMessage `json:"value"`
		} `json:"customFields"`
		BusinessID        string           `json:"businessId"`
		Followers         []string         `json:"followers"`
		AttributionSource *pageAttribution `json:"attributionSource"`
		LastAttribution   *pageAttribution `json:"lastAttributionSource"`
		AdditionalEmails  []string         `json:"additionalEmails"`
		AdditionalPhones  []string         `json:"additionalPhones"`
		VisitorID         string           `json:"visitorId"`
		Keyword           string           `json:"keyword"`
		SearchAfter       json.RawMessage  `json:"searchAfter"`
	} `json:"contacts"`
	Total int `json:"total"`
}

type pageAttribution struct {
	URL       string `json:"url"`
	Campaign  string `json:"campaign"`
	UTMSource string `json:"utmSource"`
	UTMMedium string `json:"utmMedium"`
	Medium    string `json:"medium"`
	MediumID  string `json:"mediumId"`
	// SessionSource is modelled by the SDK's Attribution too.
	SessionSource string `json:"sessionSource"`
}

func searchPageServer(b *testing.B) *httptest.Server {
	page := searchPageBody()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		_, _ = w.Write(page)
	}))
	b.Cleanup(srv.Close)
	b.SetBytes(int64(len(page)))
	return srv
}

// BenchmarkSearchPage reads one 500-contact page with client.Contacts.Search, through a client built as users
// build it (retries on, the limiter in the path, its rate raised so that it never paces the benchmark).
func BenchmarkSearchPage(b *testing.B) {
	srv := searchPageServer(b)
	client, err := ghl.NewClient(ghl.WithBaseURL(srv.URL), ghl.WithTokenSource(auth.PrivateToken("pit-bench")),
		ghl.WithLocationID("ve9EPM428h8vShlRW1KT"), ghl.WithRateLimit(1<<30, time.Second))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	reportCPU(b, func() {
		for b.Loop() {
			p, err := client.Contacts.Search(ctx, contacts.SearchParams{PageLimit: benchPage})
			if err != nil {
				b.Fatal(err)
			}
			if len(p.Contacts) != benchPage || p.Contacts[3].DateOfBirth.IsZero() || p.Contacts[250].Phone == "" {
				b.Fatalf("page decoded wrong: %d contacts", len(p.Contacts))
			}
		}
	})
}

// BenchmarkSearchPageBaseline is the same request with plain net/http and encoding/json. A value of the
// wrong type is skipped, as encoding/json allows; nothing is retried or rate limited.
func BenchmarkSearchPageBaseline(b *testing.B) {
	srv := searchPageServer(b)
	hc := &http.Client{}
	ctx := context.Background()
	body := []byte(`{"locationId":"ve9EPM428h8vShlRW1KT","pageLimit":500}`)
	b.ReportAllocs()
	reportCPU(b, func() {
		for b.Loop() {
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/contacts/search", bytes.NewReader(body))
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer pit-bench")
			req.Header.Set("Version", "2021-07-28")
			req.Header.Set("Content-Type", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var page pageTarget
			err = json.NewDecoder(resp.Body).Decode(&page)
			resp.Body.Close()
			var ute *json.UnmarshalTypeError
			if err != nil && !errors.As(err, &ute) {
				b.Fatal(err)
			}
			if len(page.Contacts) != benchPage || page.Contacts[3].DateOfBirth == "" {
				b.Fatalf("page decoded wrong: %d contacts", len(page.Contacts))
			}
		}
	})
}
