package check

import (
	"strconv"
	"strings"

	"github.com/ghlkit/ghl/internal/transport"
)

// MaxTags is the most tags one request may carry. HighLevel does not document a limit; 100 is chosen so
// that a runaway list fails here, before any request, with an error that says so.
const MaxTags = 100

// Tags reports what is wrong with a list of tags before it is sent: none at all, more than MaxTags, or an
// empty tag. field names the Go field or parameter that holds the list.
func Tags(field string, tags []string) error {
	if len(tags) == 0 {
		return transport.InvalidArgument(field, "needs at least one tag")
	}
	if len(tags) > MaxTags {
		return transport.InvalidArgument(field, "has "+strconv.Itoa(len(tags))+" tags; at most "+
			strconv.Itoa(MaxTags)+" may be sent at once")
	}
	for i, t := range tags {
		if strings.TrimSpace(t) == "" {
			return transport.InvalidArgument(field+"["+strconv.Itoa(i)+"]", "is empty")
		}
	}
	return nil
}

// IDs refuses an empty list of IDs, or an empty ID in it. field names the Go field or parameter that
// holds the list, and what says what the IDs are ("contact", "user").
func IDs(field, what string, ids []string) error {
	if len(ids) == 0 {
		return transport.InvalidArgument(field, "needs at least one "+what+" ID")
	}
	for i, id := range ids {
		if strings.TrimSpace(id) == "" {
			return transport.InvalidArgument(field+"["+strconv.Itoa(i)+"]", "is empty")
		}
	}
	return nil
}
