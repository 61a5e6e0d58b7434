package ghltest

// The Version header values HighLevel's own SDKs and APIs send besides APIVersion: the official Node SDK's
// default, and the calendars API's.
const (
	NodeSDKVersion   = "2023-02-21"
	CalendarsVersion = "2021-04-15"
)

// WithAcceptedVersions makes the server accept these Version header values as well as APIVersion, so that
// clients in other languages are served as they are (with no values: NodeSDKVersion and CalendarsVersion).
// Without it the server is strict and refuses every value but APIVersion, which is what a test of a Go
// client that must send APIVersion wants.
func WithAcceptedVersions(versions ...string) Option {
	if len(versions) == 0 {
		versions = []string{NodeSDKVersion, CalendarsVersion}
	}
	return func(cfg *config) { cfg.versions = append(cfg.versions, versions...) }
}

// acceptedVersions is the set of Version values the server answers: APIVersion and the extra ones.
func acceptedVersions(extra []string) map[string]bool {
	set := map[string]bool{APIVersion: true}
	for _, v := range extra {
		set[v] = true
	}
	return set
}
