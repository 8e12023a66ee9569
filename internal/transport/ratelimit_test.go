package transport_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
)

const thingURL1 = baseURL + "/things/1"

func getOne(t *testing.T, tc *transport.Client, ctx context.Context) error {
	t.Helper()
	_, err := tc.Do(ctx, &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
	return err
}

// sendTimes returns when each request was sent, relative to start.
func sendTimes(rec *recorder, start time.Time) []time.Duration {
	var at []time.Duration
	for _, r := range rec.requests() {
		at = append(at, r.at.Sub(start))
	}
	return at
}

func TestRateLimitSpacesRequestsOfAllGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL1, ok(`{}`))
		tc := newClient(t, mt, transport.WithRateLimit[cfg](10, 2))
		start := time.Now()
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 5 {
					assert.NoError(t, getOne(t, tc, t.Context()))
				}
			})
		}
		wg.Wait()
		at := sendTimes(rec, start)
		require.Len(t, at, 20)
		// A burst of 2 at once, then one every 100ms.
		assert.Equal(t, time.Duration(0), at[1])
		assert.Equal(t, 1800*time.Millisecond, at[19])
		for i := 2; i < len(at); i++ {
			assert.Equal(t, 100*time.Millisecond, at[i]-at[i-1], "request %d", i)
		}
	})
}

func TestRateLimitOffWithoutARate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL1, ok(`{}`))
		tc := newClient(t, mt, transport.WithRateLimit[cfg](0, 5))
		start := time.Now()
		for range 50 {
			require.NoError(t, getOne(t, tc, t.Context()))
		}
		assert.Equal(t, time.Duration(0), time.Since(start))
		assert.Equal(t, 50, rec.count())
	})
}

// A 429 with Retry-After makes its own call wait and slows the bucket; a
// second one within that wait holds every caller of the client until it
// is over.
func TestRateLimitHoldsEveryoneOnRetryAfter(t *testing.T) {
	refused := withHeader(status(http.StatusTooManyRequests), "Retry-After", "3")
	t.Run("one refusal holds its own call", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, thingURL1, refused, ok(`{}`))
			tc := newClient(t, mt, transport.WithRateLimit[cfg](100, 1))
			start := time.Now()
			done := make(chan error)
			go func() { done <- getOne(t, tc, t.Context()) }()
			synctest.Wait() // the first call got its 429 and waits
			require.NoError(t, getOne(t, tc, t.Context()))
			// Not held, only slowed: the 429 took the bucket to 80/s.
			assert.Equal(t, 12500*time.Microsecond, time.Since(start), "another caller is not held")
			require.NoError(t, <-done)
			assert.Equal(t, []time.Duration{0, 12500 * time.Microsecond, 3 * time.Second}, sendTimes(rec, start))
		})
	})
	t.Run("a second refusal holds everyone", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, thingURL1, refused, refused, ok(`{}`))
			tc := newClient(t, mt, transport.WithRateLimit[cfg](100, 1))
			start := time.Now()
			done := make(chan error, 2)
			for range 2 {
				go func() { done <- getOne(t, tc, t.Context()) }()
				time.Sleep(20 * time.Millisecond) // its request was answered
				synctest.Wait()
			}
			require.NoError(t, getOne(t, tc, t.Context()))
			held := time.Since(start)
			require.NoError(t, <-done)
			require.NoError(t, <-done)
			at := sendTimes(rec, start)
			require.Len(t, at, 5)
			assert.Less(t, at[1], 40*time.Millisecond, "the second caller is not held by the first refusal")
			assert.GreaterOrEqual(t, held, at[1]+3*time.Second, "a caller after the second refusal is held until its Retry-After is over")
			for i, d := range at[2:] {
				assert.GreaterOrEqual(t, d, 3*time.Second, "request %d went during the hold", i+2)
			}
		})
	})
}

func TestRateLimitFollowsRateHeaders(t *testing.T) {
	t.Run("remaining 0 holds until the reset", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			empty := ok(`{}`)
			empty.header = http.Header{"Ratelimit-Remaining": {"0"}, "Ratelimit-Reset": {"4"}}
			rec := script(mt, http.MethodGet, thingURL1, empty, ok(`{}`))
			tc := newClient(t, mt, transport.WithRateLimit[cfg](100, 1))
			start := time.Now()
			require.NoError(t, getOne(t, tc, t.Context()))
			require.NoError(t, getOne(t, tc, t.Context()))
			assert.Equal(t, []time.Duration{0, 4 * time.Second}, sendTimes(rec, start))
		})
	})
	t.Run("remaining spread over the time to the reset", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			paced := ok(`{}`)
			paced.header = http.Header{"X-Ratelimit-Remaining": {"5"}, "X-Ratelimit-Reset": {"10"}}
			rec := script(mt, http.MethodGet, thingURL1, paced)
			tc := newClient(t, mt, transport.WithRateLimit[cfg](100, 1))
			start := time.Now()
			for range 3 {
				require.NoError(t, getOne(t, tc, t.Context()))
			}
			// 5 requests in 10 s: one every 2 s, not every 10 ms.
			assert.Equal(t, []time.Duration{0, 2 * time.Second, 4 * time.Second}, sendTimes(rec, start))
		})
	})
	t.Run("never faster than configured", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			generous := ok(`{}`)
			generous.header = http.Header{"Ratelimit-Remaining": {"10000"}, "Ratelimit-Reset": {"1"}}
			rec := script(mt, http.MethodGet, thingURL1, generous)
			tc := newClient(t, mt, transport.WithRateLimit[cfg](2, 1))
			start := time.Now()
			for range 3 {
				require.NoError(t, getOne(t, tc, t.Context()))
			}
			assert.Equal(t, []time.Duration{0, 500 * time.Millisecond, time.Second}, sendTimes(rec, start))
		})
	})
}

// A wait the context cannot afford fails at once, without sending.
func TestRateLimitWaitOutlastingTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL1, ok(`{}`))
		tc := newClient(t, mt, transport.WithRateLimit[cfg](1, 1))
		require.NoError(t, getOne(t, tc, t.Context()))
		ctx, cancel := context.WithTimeout(t.Context(), 500*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := getOne(t, tc, ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Duration(0), time.Since(start))
		assert.Equal(t, 1, rec.count())
		// The token it did not use is still there for the next caller.
		require.NoError(t, getOne(t, tc, t.Context()))
		assert.Equal(t, time.Second, time.Since(start))
	})
}

// A 429 slows the bucket to 0.8 of its rate, once a second at most, and
// successes bring it back to the configured rate.
func TestRateLimitSlowsDownAfterA429(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		tooMany := reply{status: http.StatusTooManyRequests, body: `{}`}
		rec := script(mt, http.MethodGet, thingURL1, tooMany, tooMany, ok(`{}`))
		tc := newClient(t, mt, transport.WithRateLimit[cfg](100, 1), transport.WithMaxRetries[cfg](0))
		start := time.Now()
		assert.Error(t, getOne(t, tc, t.Context()))
		assert.Error(t, getOne(t, tc, t.Context()))
		for range 2500 {
			require.NoError(t, getOne(t, tc, t.Context()))
		}
		at := sendTimes(rec, start)
		// One cut for two 429s 10 ms apart: 80/s.
		assert.Equal(t, 12500*time.Microsecond, at[2]-at[1])
		// Each success adds 0.05/s: back at 100/s after 400 of them.
		assert.Equal(t, 10*time.Millisecond, at[len(at)-1]-at[len(at)-2])
		assert.Greater(t, at[100]-at[99], 10*time.Millisecond)
	})
}
