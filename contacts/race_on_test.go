//go:build race

package contacts_test

// raceEnabled reports that the tests run with the race detector, under which the 60,000-contact export takes
// minutes; .ci/run measures it in a step of its own without the detector.
const raceEnabled = true
