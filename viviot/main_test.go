package viviot_test

import (
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fastRetry keeps retry waits to milliseconds so failure tests stay quick.
func fastRetry() viviot.Option {
	return viviot.WithRetry(viviot.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond,
		MaxBackoff: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond})
}

type fixture struct {
	srv    *viviottest.Server
	c      *viviot.Client
	door   viviottest.Thing
	room   viviottest.Thing
	locker viviottest.Thing
}

// newFixture starts a fake with three things and a client logged in as
// its admin.
func newFixture(t *testing.T, opts ...fakekit.Option) *fixture {
	t.Helper()
	srv := viviottest.NewServer(t, opts...)
	f := &fixture{
		srv:    srv,
		door:   srv.AddThing(viviottest.Thing{Name: "Front door", TypeName: "Door"}),
		room:   srv.AddThing(viviottest.Thing{Name: "Meeting room 1", TypeName: "Room"}),
		locker: srv.AddThing(viviottest.Thing{Name: "Locker 7", TypeName: "Locker"}),
	}
	f.c = newClient(t, srv, srv.Credentials())
	return f
}

func newClient(t *testing.T, srv *viviottest.Server, a viviot.Auth, opts ...viviot.Option) *viviot.Client {
	t.Helper()
	c, err := viviot.NewClient(a, append([]viviot.Option{
		viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()), fastRetry(),
	}, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

func guestParams(name string, things ...viviottest.Thing) *viviot.AccessTemplateParams {
	p := &viviot.AccessTemplateParams{Name: name, Scope: viviot.ScopeGuest, CodeStrategy: viviot.CodeStrategyShared}
	for _, th := range things {
		p.Things = append(p.Things, viviot.ThingAccess{ThingID: th.ID, Permission: []string{"open"}})
	}
	return p
}

func intp(n int) *int { return &n }

// countRequests counts the fake's recorded requests with method and path.
func countRequests(srv *viviottest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}
