package bench

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// P3: p3Goroutines goroutines share one client and make calls as fast as
// they can.
const p3Goroutines = 256

// p3Env is a Reach 360 fake with one group, read by the SDK through its
// default pool (no WithHTTPClient: the pool under test) and by hand
// through a raw transport tuned for p3Goroutines callers.
type p3Env struct {
	srv      *reach360test.Server
	sdk, raw func(ctx context.Context) error
}

func newP3Env(tb testing.TB) *p3Env {
	srv := reach360test.NewServer(tb)
	g := srv.AddGroup("Engineering onboarding cohort")
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL))
	must(tb, err)
	// The SDK's pool: as many connections per host as may stay idle.
	tuned := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        1024,
		MaxIdleConnsPerHost: p3Goroutines,
		MaxConnsPerHost:     p3Goroutines,
		IdleConnTimeout:     90 * time.Second,
	}
	tb.Cleanup(tuned.CloseIdleConnections)
	hand := reach360Hand(&http.Client{Transport: tuned}, srv, g.ID)
	check := func(got *reach360.Group, err error) error {
		if err == nil && got.ID != g.ID {
			err = errWrongGroup
		}
		return err
	}
	return &p3Env{
		srv: srv,
		sdk: func(ctx context.Context) error { return check(c.Groups.Get(ctx, g.ID)) },
		raw: func(ctx context.Context) error { return check(hand(ctx)) },
	}
}

var errWrongGroup = errors.New("read the wrong group")

// hammer makes calls calls of call from p3Goroutines goroutines and
// returns the first error. Every recordEvery calls it clears the fake's
// request record.
func hammer(ctx context.Context, srv *reach360test.Server, calls int, call func(context.Context) error) error {
	var next atomic.Int64
	var once sync.Once
	var first error
	var wg sync.WaitGroup
	for range p3Goroutines {
		wg.Go(func() {
			for {
				n := next.Add(1)
				if n > int64(calls) {
					return
				}
				if n%recordEvery == 0 {
					srv.ResetRequests()
				}
				if err := call(ctx); err != nil {
					once.Do(func() { first = err })
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}

// TestP3Connections checks that 256 goroutines making 4 calls each through
// the SDK's default pool open at most one connection each: the pool keeps
// what they opened and no call closes the others' connections.
func TestP3Connections(t *testing.T) {
	env := newP3Env(t)
	must(t, hammer(t.Context(), env.srv, p3Goroutines*4, env.sdk))
	opened := env.srv.ConnectionsOpened()
	t.Logf("%d goroutines x 4 calls through the SDK opened %d connections", p3Goroutines, opened)
	if opened > p3Goroutines {
		t.Errorf("%d goroutines opened %d connections, want at most %d", p3Goroutines, opened, p3Goroutines)
	}
	if n := env.srv.RequestCount(); n != p3Goroutines*4 {
		t.Errorf("the fake saw %d requests, want %d", n, p3Goroutines*4)
	}
}

// BenchmarkP3Parallel makes b.N calls from 256 goroutines, through the
// SDK's default pool and through a raw client tuned for 256 callers
// (MaxIdleConnsPerHost 256), each against a fresh fake. It reports calls
// per second and the connections the fake saw opened. The 256 x
// 10,000 calls is -benchtime 2560000x.
func BenchmarkP3Parallel(b *testing.B) {
	for _, impl := range []string{"raw", "sdk"} {
		b.Run("impl="+impl, func(b *testing.B) {
			env := newP3Env(b)
			call := env.sdk
			if impl == "raw" {
				call = env.raw
			}
			b.ReportAllocs()
			b.ResetTimer()
			if err := hammer(b.Context(), env.srv, b.N, call); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "calls/s")
			b.ReportMetric(float64(env.srv.ConnectionsOpened()), "conns")
		})
	}
}
