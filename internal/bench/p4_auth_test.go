package bench

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// P4: p4Callers goroutines call at once while the session token the
// client holds has expired.
const p4Callers = 1000

// p4Pool keeps a connection per caller, so that bursts reuse them.
const p4Pool = 1024

// burst makes p4Callers concurrent calls and returns how many failed and
// the first failure.
func burst(ctx context.Context, call func(context.Context) error) (failed int, first error) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range p4Callers {
		wg.Go(func() {
			<-start
			if err := call(ctx); err != nil {
				mu.Lock()
				defer mu.Unlock()
				if failed++; first == nil {
					first = err
				}
			}
		})
	}
	close(start)
	wg.Wait()
	return failed, first
}

// TestP4OneAuth expires the session of each session vendor's client, then
// makes 1,000 concurrent calls: every call must succeed on exactly one new
// authentication. The session ends two ways: the fake rejects the token
// (ExpireSessions: the calls sent with it get a 401 and are replayed), or
// its lifetime passes (the client renews before sending). Both run in a
// synctest bubble over the fake's in-memory network.
func TestP4OneAuth(t *testing.T) {
	for _, v := range getCases {
		if !v.session {
			continue
		}
		for _, how := range []string{"server", "clock", "ahead"} {
			t.Run(v.vendor+"/expire="+how, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					gc := v.start(t, p4Pool, fakekit.InMemory())
					if n := gc.authCount(); n != 1 {
						t.Fatalf("the warm-up took %d authentications, want 1", n)
					}
					if how == "ahead" {
						// A token of a known hour's life, to be 30 s from its
						// end when the callers come: inside the refresh
						// margin, still valid.
						gc.setLifetime(time.Hour)
						gc.expire()
						must(t, gc.sdk(t.Context()))
					}
					before := gc.authCount()
					switch how {
					case "server":
						gc.expire()
					case "clock":
						// Past every fake's token lifetime (shares' is 24 hours).
						time.Sleep(25 * time.Hour)
					case "ahead":
						time.Sleep(time.Hour - 30*time.Second)
					}
					gc.srv.ResetRequests()
					failed, first := burst(t.Context(), gc.sdk)
					if failed > 0 {
						t.Errorf("%d of %d calls failed, the first with: %v", failed, p4Callers, first)
					}
					auths := gc.authCount() - before
					if auths != 1 {
						t.Errorf("%d concurrent callers caused %d authentications, want 1", p4Callers, auths)
					}
					replays := gc.srv.RequestCount() - p4Callers - auths
					if how != "server" && replays != 0 {
						t.Errorf("%d calls were replayed after a 401, want none: the client knew the token's expiry", replays)
					}
					t.Logf("%s, session %s: %d callers, %d authentication, %d requests (%d replays after a 401)",
						v.vendor, map[string]string{"server": "expired by the server", "clock": "expired by the clock",
							"ahead": "due for refresh, still valid"}[how],
						p4Callers, auths, gc.srv.RequestCount(), replays)
				})
			})
		}
	}
}

// BenchmarkP4Burst times bursts of 1,000 concurrent calls, each after the
// fake rejected every session token, on loopback TCP. auths/op is the
// authentications per burst (1 is the goal); requests/op counts the
// requests the fake saw in a burst: 1,000 calls, the authentication, and
// the replays of the calls that were sent with the old token.
func BenchmarkP4Burst(b *testing.B) {
	for _, v := range getCases {
		if !v.session {
			continue
		}
		b.Run("vendor="+v.vendor, func(b *testing.B) {
			gc := v.start(b, p4Pool)
			// One burst first, so that the timed ones find the
			// connections open.
			if failed, first := burst(b.Context(), gc.sdk); failed > 0 {
				b.Fatalf("%d calls failed: %v", failed, first)
			}
			auths, requests := 0, 0
			for b.Loop() {
				b.StopTimer()
				gc.srv.ResetRequests()
				gc.expire()
				before := gc.authCount()
				b.StartTimer()
				failed, first := burst(b.Context(), gc.sdk)
				b.StopTimer()
				if failed > 0 {
					b.Fatalf("%d calls failed: %v", failed, first)
				}
				n := gc.authCount() - before
				if n != 1 {
					b.Fatalf("a burst of %d callers caused %d authentications, want 1", p4Callers, n)
				}
				auths += n
				requests += gc.srv.RequestCount()
				b.StartTimer()
			}
			b.ReportMetric(float64(auths)/float64(b.N), "auths/op")
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(float64(requests-auths-b.N*p4Callers)/float64(b.N), "replays/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*p4Callers), "ns/call")
		})
	}
}
