package ghl_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ghlkit/ghl"
	"github.com/ghlkit/ghl/auth"
)

// benchContact is a realistic contact of about 1.5 KB, as HighLevel returns it.
var benchContact = []byte(`{"contact":{"id":"ocQHyuzHvysMo5N5VsXc","locationId":"ve9EPM428h8vShlRW1KT","firstName":"Rosan",` +
	`"lastName":"Deo","contactName":"rosan deo","email":"rosan@deos.com","phone":"+18888888888","companyName":"DGS VolMAX",` +
	`"address1":"3535 1st St N","city":"Dolomite","state":"AL","postalCode":"35061","country":"US","website":"https://www.tesla.com",` +
	`"timezone":"America/Chihuahua","dnd":false,"dndSettings":{"Call":{"status":"active","message":"","code":""},"Email":{"status":"inactive","message":"","code":""},"SMS":{"status":"inactive","message":"","code":""}},` +
	`"source":"public api","type":"lead","assignedTo":"y0BeYjuRIlDwsDcOHOJo","tags":["nisi sint commodo amet","consequat","vip","newsletter"],` +
	`"dateAdded":"2026-07-02T05:18:26.704Z","dateUpdated":"2026-07-02T05:18:26.704Z","dateOfBirth":"1990-09-25T00:00:00.000Z",` +
	`"customFields":[{"id":"MgobCB14YMVKuE4Ka8p1","value":"name"},{"id":"uGvjBTrTyBHNPKnR5Gx3","value":"42"},{"id":"QJ6BqCuFyqlqVyyXr9Js","value":["a","b"]}],` +
	`"followers":["y0BeYjuRIlDwsDcOHOJo","BcdmQEmzXmVQxDmnL7ia"],"businessId":"641c094001436dbc2081e642",` +
	`"attributionSource":{"url":"https://example.com/signup","campaign":"spring","utmSource":"google","utmMedium":"cpc","sessionSource":"Paid Search","mediumId":"abc","medium":"form"},` +
	`"lastAttributionSource":{"url":"https://example.com/pricing","campaign":"summer","utmSource":"bing","utmMedium":"cpc","sessionSource":"Paid Search","mediumId":"def","medium":"form"},` +
	`"additionalEmails":[{"email":"rosan.deo@example.com"}],"additionalPhones":[{"phone":"+18888888889"}],"visitorId":"v-123456789","gender":"female","ssn":"","keyword":"spring-sale"}}`)

// benchDND and benchAttribution mirror the nested objects of the contact, for the baseline.
type benchDND struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Code    string `json:"code"`
}

type benchAttribution struct {
	URL       string `json:"url"`
	Campaign  string `json:"campaign"`
	UTMSource string `json:"utmSource"`
	UTMMedium string `json:"utmMedium"`
	MediumID  string `json:"mediumId"`
	Medium    string `json:"medium"`
	// SessionSource is modelled by the SDK's Attribution too.
	SessionSource string `json:"sessionSource"`
}

// benchTarget is what a hand-written client decodes the answer into with encoding/json: every field the SDK's
// Contact models that the body carries, dates as time.Time and custom field values as raw JSON.
type benchTarget struct {
	Contact struct {
		ID          string `json:"id"`
		LocationID  string `json:"locationId"`
		FirstName   string `json:"firstName"`
		LastName    string `json:"lastName"`
		ContactName string `json:"contactName"`
		Email       string `json:"email"`
		Phone       string `json:"phone"`
		CompanyName string `json:"companyName"`
		Address1    string `json:"address1"`
		City        string `json:"city"`
		State       string `json:"state"`
		PostalCode  string `json:"postalCode"`
		Country     string `json:"country"`
		Website     string `json:"website"`
		Timezone    string `json:"timezone"`
		DND         bool   `json:"dnd"`
		DNDSettings struct {
			Call  *benchDND `json:"Call"`
			Email *benchDND `json:"Email"`
			SMS   *benchDND `json:"SMS"`
		} `json:"dndSettings"`
		Source       string    `json:"source"`
		Type         string    `json:"type"`
		AssignedTo   string    `json:"assignedTo"`
		Tags         []string  `json:"tags"`
		DateAdded    time.Time `json:"dateAdded"`
		DateUpdated  time.Time `json:"dateUpdated"`
		DateOfBirth  time.Time `json:"dateOfBirth"`
		CustomFields []struct {
			ID    string          `json:"id"`
			Value json.RawMessage `json:"value"`
		} `json:"customFields"`
		Followers             []string          `json:"followers"`
		BusinessID            string            `json:"businessId"`
		AttributionSource     *benchAttribution `json:"attributionSource"`
		LastAttributionSource *benchAttribution `json:"lastAttributionSource"`
		AdditionalEmails      []struct {
			Email string `json:"email"`
		} `json:"additionalEmails"`
		AdditionalPhones []struct {
			Phone string `json:"phone"`
		} `json:"additionalPhones"`
		VisitorID string `json:"visitorId"`
		Gender    string `json:"gender"`
		SSN       string `json:"ssn"`
		Keyword   string `json:"keyword"`
	} `json:"contact"`
}

func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-RateLimit-Max", "100")
		w.Header().Set("X-RateLimit-Remaining", "99")
		w.Header().Set("X-RateLimit-Interval-Milliseconds", "10000")
		w.Header().Set("X-RateLimit-Limit-Daily", "200000")
		w.Header().Set("X-RateLimit-Daily-Remaining", "199999")
		_, _ = w.Write(benchContact)
	})
	srv := httptest.NewServer(h)
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkGetContact gets one contact with client.Contacts.Get, through a client built as users build it:
// retries on and the limiter in the path. Its rate is raised through the public option so that it never paces
// the benchmark, but its cost still counts.
func BenchmarkGetContact(b *testing.B) {
	srv := benchServer(b)
	client, err := ghl.NewClient(
		ghl.WithBaseURL(srv.URL),
		ghl.WithTokenSource(auth.PrivateToken("pit-bench")),
		ghl.WithLocationID("ve9EPM428h8vShlRW1KT"),
		ghl.WithHTTPClient(&http.Client{Transport: benchTransport()}),
		ghl.WithRateLimit(1<<30, time.Second),
	)
	if err != nil {
		b.Fatal(err)
	}
	get := func(ctx context.Context) error {
		c, err := client.Contacts.Get(ctx, "ocQHyuzHvysMo5N5VsXc")
		if err != nil {
			return err
		}
		if c.ID == "" || c.DateAdded.IsZero() || len(c.CustomFields) != 3 {
			return fmt.Errorf("contact decoded wrong: %+v", c)
		}
		return nil
	}
	runBoth(b, get)
}

// BenchmarkGetContactBaseline is the same request with plain net/http and encoding/json.
func BenchmarkGetContactBaseline(b *testing.B) {
	srv := benchServer(b)
	hc := &http.Client{Transport: benchTransport()}
	get := func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/contacts/ocQHyuzHvysMo5N5VsXc", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer pit-bench")
		req.Header.Set("Version", "2021-07-28")
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		var out benchTarget
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			return err
		}
		if c := out.Contact; c.ID == "" || c.DateAdded.IsZero() || len(c.CustomFields) != 3 {
			return fmt.Errorf("contact decoded wrong: %+v", c)
		}
		return nil
	}
	runBoth(b, get)
}

// benchTransport is the same pool on both sides, sized for RunParallel.
func benchTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

func runBoth(b *testing.B, get func(context.Context) error) {
	ctx := context.Background()
	b.Run("serial", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU(b, func() {
			for b.Loop() {
				if err := get(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("parallel", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU(b, func() {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := get(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	})
}
