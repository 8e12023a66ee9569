// Package faultmatrix holds the SDK's fault matrix and secrets tests: one
// table of faults (429 with Retry-After, 5xx, cut connections, truncated,
// empty, oversized and HTML answers, slow servers, cancelled waits, sessions
// expiring between pages) run against a read and a write of every vendor
// package through its in-memory fake, inside testing/synctest bubbles so
// that every backoff and Retry-After wait passes in virtual time.
//
// The package has no code of its own; everything is in its tests:
//
//	go test -race ./internal/faultmatrix
package faultmatrix
