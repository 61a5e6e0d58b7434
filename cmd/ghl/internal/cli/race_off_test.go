//go:build !race

package cli

// raceEnabled reports that the tests run with the race detector, which makes the largest exports take minutes.
const raceEnabled = false
