package ghltest

// NodeSDKVersion is the Version header HighLevel's official Node SDK sends by default.
const NodeSDKVersion = "2023-02-21"

// WithAcceptedVersions makes every route accept these Version header values as well as the one its spec names,
// so that clients in other languages are served as they are (with no values: NodeSDKVersion, APIVersion and
// CalendarsAPIVersion, whatever the route). Without it the server is strict: each route refuses every value but
// its own, which is what a test of a Go client that must send the right Version wants.
func WithAcceptedVersions(versions ...string) Option {
	if len(versions) == 0 {
		versions = []string{NodeSDKVersion, APIVersion, CalendarsAPIVersion}
	}
	return func(cfg *config) { cfg.versions = append(cfg.versions, versions...) }
}

// acceptedVersions is the set of extra Version values every route answers; nil when the server is strict.
func acceptedVersions(extra []string) map[string]bool {
	if len(extra) == 0 {
		return nil
	}
	set := make(map[string]bool, len(extra))
	for _, v := range extra {
		set[v] = true
	}
	return set
}
