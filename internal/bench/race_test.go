//go:build race

package bench

// raceDetector reports a build with -race, which makes the report-only
// runs of TestP5RateLimit take minutes: they are skipped there.
const raceDetector = true
