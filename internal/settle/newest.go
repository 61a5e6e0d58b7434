package settle

import (
	"iter"
	"time"

	"github.com/ghlkit/ghl/api"
)

// Newest picks, among the records that match a create, the one it made: the newest added no earlier than start
// less Window (a record whose time HighLevel did not send counts as new). When no record is that new, older is
// the ID of a match that existed before the create. An error from records stops the search and is returned.
func Newest[T any](records iter.Seq2[T, error], match func(*T) bool, added func(*T) api.Time, id func(*T) string,
	start time.Time) (found *T, older string, err error) {
	for r, err := range records {
		if err != nil {
			return nil, "", err
		}
		if !match(&r) {
			continue
		}
		if at := added(&r); at.Valid() && at.Before(start.Add(-Window)) {
			older = id(&r)
			continue
		}
		if found == nil || added(&r).After(added(found).Time) {
			found = &r
		}
	}
	if found != nil {
		older = ""
	}
	return found, older, nil
}

// Find returns the record Newest picks, or unsettled completed with the lookup's error or the older match: the
// error of a create that may have been applied and that the lookup could not settle.
func Find[T any](records iter.Seq2[T, error], match func(*T) bool, added func(*T) api.Time, id func(*T) string,
	start time.Time, unsettled *api.UnknownOutcomeError) (*T, error) {
	found, older, err := Newest(records, match, added, id, start)
	if found != nil {
		return found, nil
	}
	unsettled.LookupErr, unsettled.OlderMatch = err, older
	return nil, unsettled
}
