//go:build !race

package bench

// raceDetector reports a build with -race; see race_test.go.
const raceDetector = false
