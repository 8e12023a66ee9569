package main

import (
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

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
func injectFaults(s *session, srv *fakekit.Server, write, read, cut func(*http.Request) bool) {
	s.faultsServed = srv.FaultsServed
	srv.Inject(fakekit.Fault{Match: write, Status: http.StatusTooManyRequests, RetryAfter: "1",
		Body: `{"message":"slow down"}`})
	srv.Inject(fakekit.Fault{Match: read, Status: http.StatusServiceUnavailable,
		Body: "<html><body>upstream unavailable</body></html>", ContentType: "text/html"})
	srv.Inject(fakekit.Fault{Match: cut, Cut: fakekit.CutBeforeResponse})
}
