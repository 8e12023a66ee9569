package bench

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"golang.org/x/time/rate"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// P5: p5Writes idempotent writes (Reach 360 memberships added) from
// p5Goroutines goroutines through one client, against a server that
// allows a fixed number of requests per second and answers 429 beyond.
const (
	p5Writes     = 10_000
	p5Goroutines = 64
)

// rateLimited is a front for a fake: it passes on at most perSecond
// requests a second (a token bucket holding up to burst) and answers the
// others 429 with a Retry-After of the whole seconds until the next token,
// as an API gateway does.
type rateLimited struct {
	// jitter, when set, delays each request by up to that long before it
	// reaches the bucket, as a network between client and gateway does.
	jitter  func() time.Duration
	bucket  *rate.Limiter
	next    http.Handler
	passed  atomic.Int64
	refused atomic.Int64
}

func (h *rateLimited) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.jitter != nil {
		time.Sleep(h.jitter())
	}
	now := time.Now()
	res := h.bucket.ReserveN(now, 1)
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		h.refused.Add(1)
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"code":"rate_limited","message":"too many requests"}`))
		return
	}
	h.passed.Add(1)
	h.next.ServeHTTP(w, r)
}

// p5Env is a Reach 360 fake with a group and p5Writes users, behind a
// rateLimited front allowing perSecond requests a second.
type p5Env struct {
	fake    *reach360test.Server
	front   *fakekit.Server
	limit   *rateLimited
	groupID string
	userIDs []string
}

func newP5Env(tb testing.TB, perSecond float64, burst int, opts ...fakekit.Option) *p5Env {
	fake := reach360test.NewServer(tb, opts...)
	env := &p5Env{fake: fake, groupID: fake.AddGroup("Bulk-synced cohort").ID}
	for i := range p5Writes {
		u := fake.AddUser(reach360.User{Email: "learner" + strconv.Itoa(i) + "@example.com"})
		env.userIDs = append(env.userIDs, u.ID)
	}
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(mustParse(tb, fake.URL)) },
		Transport: fake.Transport(),
	}
	env.limit = &rateLimited{bucket: rate.NewLimiter(rate.Limit(perSecond), burst), next: proxy}
	env.front = fakekit.Start(env.limit, opts...)
	tb.Cleanup(env.front.Close)
	return env
}

// p5Result is what one bulk job did.
type p5Result struct {
	elapsed           time.Duration
	requests, refused int64
	failed            int
	firstErr          error
}

func (r p5Result) refusedShare() float64 { return float64(r.refused) / float64(r.requests) }
func (r p5Result) throughput() float64 {
	return float64(p5Writes-r.failed) / r.elapsed.Seconds()
}

func (r p5Result) String() string {
	return fmt.Sprintf("%d writes in %v: %.1f writes/s; %d requests, %d answered 429 (%.2f%%); %d writes failed (first: %v)",
		p5Writes, r.elapsed.Round(time.Millisecond), r.throughput(), r.requests, r.refused, 100*r.refusedShare(), r.failed, r.firstErr)
}

// bulk adds every user to the group from p5Goroutines goroutines through
// one client made with opts, and reports what the server saw.
func (env *p5Env) bulk(ctx context.Context, tb testing.TB, opts ...reach360.Option) p5Result {
	c, err := reach360.NewClient(env.fake.APIKey(), append([]reach360.Option{
		reach360.WithBaseURL(env.front.URL), reach360.WithHTTPClient(&http.Client{Transport: env.front.Transport()}),
	}, opts...)...)
	must(tb, err)
	passed, refused := env.limit.passed.Load(), env.limit.refused.Load()
	var next atomic.Int64
	var mu sync.Mutex
	var res p5Result
	var wg sync.WaitGroup
	start := time.Now()
	for range p5Goroutines {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= p5Writes {
					return
				}
				if err := c.Groups.AddMember(ctx, env.groupID, env.userIDs[i]); err != nil {
					mu.Lock()
					if res.failed++; res.firstErr == nil {
						res.firstErr = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.refused = env.limit.refused.Load() - refused
	res.requests = env.limit.passed.Load() - passed + res.refused
	return res
}

// p5Rate is the server's limit in TestP5RateLimit: 10,000 writes take
// 100 s of virtual time at it.
const p5Rate = 100

// TestP5RateLimit runs the bulk job in a synctest bubble, where time is
// virtual and exact, against a server allowing p5Rate requests a second in
// bursts of p5Rate/10. With WithRateLimit at the server's rate, at most 1%
// of the requests may be refused and the job must reach 0.9 of the rate.
// The other runs only report what happens: without a limiter, with one at
// twice the server's rate, and at its rate over a network that delays each
// request by up to 200 ms (uniformly, seeded), so that requests paced
// evenly arrive bunched.
func TestP5RateLimit(t *testing.T) {
	for _, tt := range []struct {
		name    string
		limiter float64 // of the server's rate; 0: none
		jitter  bool
		assert  bool
	}{
		{"limiter=1x", 1, false, true},
		{"limiter=none", 0, false, false},
		{"limiter=2x", 2, false, false},
		{"limiter=1x/jitter=200ms", 1, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.assert && raceDetector {
				t.Skip("reports numbers only, and takes minutes under the race detector")
			}
			synctest.Test(t, func(t *testing.T) {
				env := newP5Env(t, p5Rate, p5Rate/10, fakekit.InMemory())
				if tt.jitter {
					rnd := rand.New(rand.NewPCG(1, 2))
					var mu sync.Mutex
					env.limit.jitter = func() time.Duration {
						mu.Lock()
						defer mu.Unlock()
						return time.Duration(rnd.Int64N(int64(200 * time.Millisecond)))
					}
				}
				var opts []reach360.Option
				if tt.limiter > 0 {
					opts = append(opts, reach360.WithRateLimit(tt.limiter*p5Rate, p5Rate/10))
				}
				res := env.bulk(t.Context(), t, opts...)
				t.Logf("%s, the server allowing %d/s: %v", tt.name, p5Rate, res)
				if !tt.assert {
					return
				}
				if res.failed > 0 {
					t.Errorf("%d writes failed, the first with %v", res.failed, res.firstErr)
				}
				if share := res.refusedShare(); share > 0.01 {
					t.Errorf("%.2f%% of the requests were answered 429, want at most 1%%", 100*share)
				}
				if tput := res.throughput(); tput < 0.9*p5Rate {
					t.Errorf("%.1f writes/s, want at least %.0f", tput, 0.9*p5Rate)
				}
				if n := env.fake.AppliedCount(reach360test.OpGroupsAddMember); n != p5Writes {
					t.Errorf("the fake applied %d memberships, want %d", n, p5Writes)
				}
			})
		})
	}
}

// p5RealRate is the server's limit in BenchmarkP5Bulk, on loopback TCP in
// real time: 10,000 writes take 20 s at it.
const p5RealRate = 500

// BenchmarkP5Bulk times the bulk job in real time against a server
// allowing p5RealRate requests a second in bursts of p5RealRate/10, with
// WithRateLimit at that rate and without a limiter. It reports the
// writes per second, the share of requests answered 429 and the writes
// that failed (the SDK gives up after its retries).
func BenchmarkP5Bulk(b *testing.B) {
	env := newP5Env(b, p5RealRate, p5RealRate/10)
	for _, limited := range []bool{true, false} {
		b.Run("limiter="+strconv.FormatBool(limited), func(b *testing.B) {
			var opts []reach360.Option
			if limited {
				opts = append(opts, reach360.WithRateLimit(p5RealRate, p5RealRate/10))
			}
			var total p5Result
			for b.Loop() {
				// Let the server's bucket fill up between jobs.
				b.StopTimer()
				time.Sleep(time.Second)
				b.StartTimer()
				res := env.bulk(b.Context(), b, opts...)
				total.elapsed += res.elapsed
				total.requests += res.requests
				total.refused += res.refused
				total.failed += res.failed
			}
			b.ReportMetric(float64(b.N*p5Writes-total.failed)/total.elapsed.Seconds(), "writes/s")
			b.ReportMetric(100*total.refusedShare(), "%429")
			b.ReportMetric(float64(total.failed)/float64(b.N), "failed/op")
			b.ReportMetric(float64(total.requests)/float64(b.N), "requests/op")
		})
	}
}

func mustParse(tb testing.TB, raw string) *url.URL {
	tb.Helper()
	u, err := url.Parse(raw)
	must(tb, err)
	return u
}
