package alfaviewtest

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// The fake's fault injection, recorded requests and server options are
// fakekit's, an internal package that code outside this module cannot
// import. These aliases are how such code names them:
//
//	srv := alfaviewtest.NewServer(t)
//	srv.Inject(alfaviewtest.Fault{Status: 503, RetryAfter: "2"})  // the next request is answered 503
//	srv.Inject(alfaviewtest.Fault{Cut: alfaviewtest.CutBeforeResponse, Apply: true}) // applied, but the answer is lost
type (
	// Fault describes how the fake answers (or delays) the next matching
	// request(s) queued with Server.Inject: an error Status with Body and
	// RetryAfter, a Cut connection, a Truncate'd or Oversize body, Latency;
	// Match selects requests, Times counts them (0: one, negative: all),
	// and Apply lets the fake act on the request before the fault answers.
	Fault = fakekit.Fault
	// CutMode says how a Fault breaks the connection.
	CutMode = fakekit.CutMode
	// Request is a request as the fake recorded it (Server.Requests).
	Request = fakekit.Request
	// Option changes how NewServer serves: see InMemory and WithClock.
	Option = fakekit.Option
	// Clock tells the fake the time, for expiring what it issued.
	Clock = fakekit.Clock
	// ManualClock is a Clock that moves only when the test moves it.
	ManualClock = fakekit.ManualClock
)

// How a Fault breaks the connection.
const (
	// CutNone leaves the connection alone.
	CutNone = fakekit.CutNone
	// CutBeforeResponse closes the connection after reading the request,
	// before any byte of the answer.
	CutBeforeResponse = fakekit.CutBeforeResponse
	// CutMidBody sends the headers and half the body, then closes.
	CutMidBody = fakekit.CutMidBody
)

// InMemory serves over an in-memory network instead of loopback TCP, so the
// fake can run inside a testing/synctest bubble (where injected latency and
// backoff pass in virtual time). Only Server.Client reaches it then.
func InMemory() Option { return fakekit.InMemory() }

// WithClock sets the clock the fake stamps requests with and expires what it
// issued by, typically a ManualClock the test advances.
func WithClock(c Clock) Option { return fakekit.WithClock(c) }

// NewManualClock returns a ManualClock reading t.
func NewManualClock(t time.Time) *ManualClock { return fakekit.NewManualClock(t) }
