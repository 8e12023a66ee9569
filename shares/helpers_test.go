package shares_test

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry waits tiny so failure tests take milliseconds.
var fastRetry = shares.WithRetry(shares.RetryPolicy{
	MaxRetries:    3,
	MinBackoff:    time.Millisecond,
	MaxBackoff:    2 * time.Millisecond,
	MaxRetryAfter: 5 * time.Millisecond,
})

// fixture is a fake with one organization, lock and user, and a client
// using the fake's full-scope API key.
type fixture struct {
	srv  *sharestest.Server
	c    *shares.Client
	org  sharestest.Organization
	lock sharestest.Device
	user sharestest.User
}

func newFixture(t *testing.T, opts ...shares.Option) *fixture {
	t.Helper()
	srv := sharestest.NewServer(t)
	f := &fixture{srv: srv}
	f.org = srv.AddOrganization("Office")
	f.lock = srv.AddDevice(f.org.ID, "Front door")
	f.user = srv.AddUser("Ada", "Lovelace", "ada@example.com")
	f.c = newClient(t, srv, shares.BearerToken(srv.Token()), opts...)
	return f
}

// newClient returns a client of srv that connects through srv's own
// transport, so that closing the fake closes its connections.
func newClient(t *testing.T, srv *sharestest.Server, a shares.Auth, opts ...shares.Option) *shares.Client {
	t.Helper()
	base := []shares.Option{shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()), fastRetry}
	c, err := shares.NewClient(a, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// weekdays is a share of f's lock for f's user, Monday to Friday 08:00 to
// 18:00, with remote activation.
func (f *fixture) weekdays() *shares.CreateShareParams {
	p := &shares.CreateShareParams{
		OrganizationID: f.org.ID,
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: f.lock.ID},
		Receiver:       shares.Receiver{UserID: f.user.ID},
	}
	for _, d := range []shares.Weekday{shares.Monday, shares.Tuesday, shares.Wednesday, shares.Thursday, shares.Friday} {
		p.Schedule = append(p.Schedule, shares.ScheduleEntry{
			DayOfWeek:  d,
			Period:     &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}},
			Recurrence: shares.Weekly,
		})
	}
	return p
}

// apiRequests returns the recorded requests to path with method.
func apiRequests(srv *sharestest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func isTokenRequest(r *http.Request) bool { return r.URL.Path == "/v2/oauth/token" }

func mustRegexp(s string) *regexp.Regexp { return regexp.MustCompile(s) }
