package main

import (
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// fake is what -faults needs of a fake. Every <vendor>test.Server has it,
// and their Fault types are one type, so reach360test's name serves for
// all of them.
type fake interface {
	Inject(reach360test.Fault)
	FaultsServed() int
}

// route matches requests by method and a part of the path, so a fault lands
// on one operation whatever base path the fake serves under.
func route(method, pathPart string) func(*http.Request) bool {
	return func(r *http.Request) bool {
		return r.Method == method && strings.Contains(r.URL.Path, pathPart)
	}
}

// injectFaults queues on a fake the faults -faults demonstrates, one per
// operation of the workflow:
//   - write gets 429 with Retry-After: 1. Even creates are retried after a
//     429: the server says it did not act, so no write can happen twice.
//   - read gets 503: reads are retried after any 5xx or broken connection.
//   - cut gets its connection closed before any answer (another read).
//
// A create that met a 503 or a cut connection would NOT be retried, since
// it may have been applied; the quickstart only shows faults it rides out.
func injectFaults(s *session, srv fake, write, read, cut func(*http.Request) bool) {
	// A section may run on two fakes (alfaview's v1 and v2): count both.
	before := s.faultsServed
	s.faultsServed = func() int {
		n := srv.FaultsServed()
		if before != nil {
			n += before()
		}
		return n
	}
	srv.Inject(reach360test.Fault{Match: write, Status: http.StatusTooManyRequests, RetryAfter: "1",
		Body: `{"message":"slow down"}`})
	srv.Inject(reach360test.Fault{Match: read, Status: http.StatusServiceUnavailable,
		Body: "<html><body>upstream unavailable</body></html>", ContentType: "text/html"})
	srv.Inject(reach360test.Fault{Match: cut, Cut: reach360test.CutBeforeResponse})
}
