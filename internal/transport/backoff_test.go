package transport_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Every test here runs in a synctest bubble, so waits are exact and cost no
// real time: time.Since inside the bubble is what the engine slept.

func getThing(t *testing.T, c *transport.Client, ctx context.Context) error {
	t.Helper()
	_, err := c.Do(ctx, &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
	return err
}

func TestRetryAfterHonoured(t *testing.T) {
	// Bubble time starts at 2000-01-01 00:00:00 UTC, so dates are exact.
	bubbleStart := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	date := func(d time.Duration) string { return bubbleStart.Add(d).Format(http.TimeFormat) }
	tests := []struct {
		name       string
		op         *transport.Operation
		status     int
		retryAfter string
		opts       []option
		want       time.Duration
	}{
		{"seconds on 503", opGet, 503, "7", nil, 7 * time.Second},
		{"seconds on 429 create", opCreate, 429, "3", nil, 3 * time.Second},
		{"seconds on 500", opGet, 500, "2", nil, 2 * time.Second},
		{"HTTP-date", opGet, 503, date(12 * time.Second), nil, 12 * time.Second},
		{"HTTP-date on 429 create", opCreate, 429, date(4 * time.Second), nil, 4 * time.Second},
		{"HTTP-date in the past", opGet, 503, date(-time.Hour), nil, 0},
		{"zero seconds", opGet, 503, "0", nil, 0},
		{"seconds capped at default MaxRetryAfter", opGet, 503, "3600", nil, 30 * time.Second},
		{"HTTP-date capped at default MaxRetryAfter", opGet, 503, date(time.Hour), nil, 30 * time.Second},
		{"huge seconds capped", opGet, 503, "99999999999999", nil, 30 * time.Second},
		{"seconds capped at policy MaxRetryAfter", opGet, 503, "60", []option{transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 1, MaxRetryAfter: 5 * time.Second})}, 5 * time.Second},
		{"Retry-After beats a longer backoff", opGet, 503, "1", []option{transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 1, MinBackoff: time.Hour, MaxBackoff: time.Hour})}, time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				require.Equal(t, bubbleStart, time.Now().UTC())
				mt := newMock(t)
				url := thingURL
				if tt.op == opCreate {
					url = baseURL + "/things"
				}
				rec := script(mt, tt.op.Method, url, withHeader(status(tt.status), "Retry-After", tt.retryAfter), ok(`{}`))
				c := newClient(t, mt, tt.opts...)
				path := []string{"things", "1"}
				if tt.op == opCreate {
					path = path[:1]
				}

				start := time.Now()
				_, err := c.Do(t.Context(), &transport.Request{Op: tt.op, Path: path, Body: bodyFor(tt.op)}, nil)
				require.NoError(t, err)

				assert.Equal(t, tt.want, time.Since(start))
				assert.Equal(t, []time.Duration{tt.want}, rec.waits())
			})
		})
	}
}

// An unparsable Retry-After is ignored: the jittered backoff applies.
func TestRetryAfterInvalidFallsBackToBackoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL, withHeader(status(503), "Retry-After", "soon"), ok(`{}`))
		c := newClient(t, mt, transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 1, MinBackoff: time.Second, MaxBackoff: time.Second}))
		require.NoError(t, getThing(t, c, t.Context()))
		require.Len(t, rec.waits(), 1)
		assert.LessOrEqual(t, rec.waits()[0], time.Second)
	})
}

func TestBackoffFullJitterWithinBounds(t *testing.T) {
	tests := []struct {
		name     string
		policy   transport.RetryPolicy
		ceilings []time.Duration
	}{
		{"custom", transport.RetryPolicy{MaxRetries: 6, MinBackoff: time.Second, MaxBackoff: 8 * time.Second},
			[]time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second, 8 * time.Second}},
		{"default", transport.DefaultRetryPolicy(),
			[]time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{"max below min", transport.RetryPolicy{MaxRetries: 2, MinBackoff: 4 * time.Second, MaxBackoff: time.Second},
			[]time.Duration{4 * time.Second, 4 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				const runs = 200
				samples := make([][]time.Duration, len(tt.ceilings))
				for range runs {
					mt := newMock(t)
					rec := script(mt, http.MethodGet, thingURL, status(503))
					c := newClient(t, mt, transport.WithRetry[cfg](tt.policy))
					require.Error(t, getThing(t, c, t.Context()))
					waits := rec.waits()
					require.Len(t, waits, len(tt.ceilings))
					for i, w := range waits {
						require.GreaterOrEqual(t, w, time.Duration(0))
						require.LessOrEqual(t, w, tt.ceilings[i], "retry %d waited %v, above min(MaxBackoff, MinBackoff<<%d)", i+1, w, i)
						samples[i] = append(samples[i], w)
					}
				}
				// Full jitter spreads over the whole window: with 200 samples
				// both ends of it are visited (a miss has odds of 0.8^200).
				for i, s := range samples {
					lo, hi := s[0], s[0]
					for _, w := range s {
						lo, hi = min(lo, w), max(hi, w)
					}
					assert.Less(t, lo, tt.ceilings[i]/5, "retry %d: smallest wait %v: not full jitter", i+1, lo)
					assert.Greater(t, hi, tt.ceilings[i]*4/5, "retry %d: largest wait %v: window too small", i+1, hi)
				}
			})
		})
	}
}

func TestWaitBeyondDeadlineGivesUpAtOnce(t *testing.T) {
	tests := []struct {
		name   string
		op     *transport.Operation
		status int
	}{
		{"503 read", opGet, 503},
		{"429 create", opCreate, 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				url, path := thingURL, []string{"things", "1"}
				if tt.op == opCreate {
					url, path = baseURL+"/things", path[:1]
				}
				rec := script(mt, tt.op.Method, url, withHeader(reply{status: tt.status, body: `{"code":"busy"}`}, "Retry-After", "20"), ok(`{}`))
				c := newClient(t, mt)
				ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
				defer cancel()

				start := time.Now()
				_, err := c.Do(ctx, &transport.Request{Op: tt.op, Path: path, Body: bodyFor(tt.op)}, nil)

				assert.Zero(t, time.Since(start), "must not wait for a retry the deadline forbids")
				assert.Equal(t, 1, rec.count())
				ae := asAPIError(t, err)
				assert.Equal(t, tt.status, ae.Status)
				assert.Equal(t, "busy", ae.Code)
				assert.Equal(t, 1, ae.Attempts)
			})
		})
	}
}

func TestWaitWithinDeadlineRetries(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL, withHeader(status(503), "Retry-After", "3"), ok(`{}`))
		c := newClient(t, mt)
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		start := time.Now()
		require.NoError(t, getThing(t, c, ctx))
		assert.Equal(t, 3*time.Second, time.Since(start))
		assert.Equal(t, 2, rec.count())
	})
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	tests := []struct {
		name   string
		reply  reply
		policy transport.RetryPolicy
	}{
		{"Retry-After wait", withHeader(status(503), "Retry-After", "20"), transport.DefaultRetryPolicy()},
		{"backoff after a connection error", fail(connReset()), transport.RetryPolicy{MaxRetries: 3, MinBackoff: time.Hour, MaxBackoff: time.Hour}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := script(mt, http.MethodGet, thingURL, tt.reply)
				c := newClient(t, mt, transport.WithRetry[cfg](tt.policy))
				ctx, cancel := context.WithCancel(t.Context())
				defer cancel()
				time.AfterFunc(2*time.Second, cancel)

				start := time.Now()
				err := getThing(t, c, ctx)

				assert.Equal(t, 2*time.Second, time.Since(start))
				assert.ErrorIs(t, err, context.Canceled)
				assert.Equal(t, 1, rec.count())
				re := asRequestError(t, err)
				assert.Equal(t, 1, re.Attempts)
			})
		})
	}
}

func TestPerAttemptTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		mt.RegisterResponder(http.MethodGet, thingURL, httpmockDelay(10*time.Second))
		c := newClient(t, mt, transport.WithTimeout[cfg](2*time.Second), transport.WithMaxRetries[cfg](0))
		start := time.Now()
		err := getThing(t, c, t.Context())
		assert.Equal(t, 2*time.Second, time.Since(start))
		assert.ErrorIs(t, err, context.DeadlineExceeded)
	})
}

// The per-attempt bound covers reading the body, not only the headers: a
// server that stalls mid-body is cut off (and, for a read, retried).
func TestPerAttemptTimeoutCoversBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		var calls int
		mt.RegisterResponder(http.MethodGet, thingURL, func(req *http.Request) (*http.Response, error) {
			calls++
			resp := httpmock.NewStringResponse(http.StatusOK, "")
			resp.Body = &stallingBody{ctx: req.Context(), first: []byte(`{"id":`)}
			return resp, nil
		})
		c := newClient(t, mt, transport.WithTimeout[cfg](2*time.Second), transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 1, MinBackoff: time.Second, MaxBackoff: time.Second}))
		start := time.Now()
		var out thing
		_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &out)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 2, calls)
		assert.GreaterOrEqual(t, time.Since(start), 4*time.Second)
		assert.LessOrEqual(t, time.Since(start), 5*time.Second)
	})
}

// stallingBody delivers first, then blocks until the request's context ends.
type stallingBody struct {
	ctx   context.Context
	first []byte
}

func (b *stallingBody) Read(p []byte) (int, error) {
	if len(b.first) > 0 {
		n := copy(p, b.first)
		b.first = b.first[n:]
		return n, nil
	}
	<-b.ctx.Done()
	return 0, b.ctx.Err()
}

func (b *stallingBody) Close() error { return nil }
