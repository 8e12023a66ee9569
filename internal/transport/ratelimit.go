package transport

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// WithRateLimit keeps the client under perSecond requests per second, with
// bursts of up to burst requests (at least 1); perSecond <= 0 removes the
// limit. See limiter for what it adapts to.
func WithRateLimit[V any](perSecond float64, burst int) Option[V] {
	return func(s *Settings, _ *V) { s.RateLimit, s.RateBurst = perSecond, burst }
}

// limiter is a client's token bucket, shared by every goroutine that uses
// the client. Every request takes a token before it is sent: first
// attempts, retries, logins and page requests alike. Beyond the configured
// rate it follows what the server says:
//
//   - a 429 or 503 with Retry-After holds every request of the client
//     until then (capped as the retry policy caps Retry-After), not only
//     the retry of the call that got it: the other goroutines would be
//     refused too;
//   - RateLimit-Remaining and RateLimit-Reset (the IETF draft's names, or
//     the common X-RateLimit-* ones; a reset larger than 10^9 is read as
//     a Unix time) slow the bucket to the remaining requests spread over
//     the time to the reset, never faster than configured, and a remaining
//     0 holds every request until the reset.
type limiter struct {
	max      rate.Limit
	bucket   *rate.Limiter
	maxPause time.Duration

	mu    sync.Mutex
	until time.Time // no request before this
}

func newLimiter(perSecond float64, burst int, maxPause time.Duration) *limiter {
	if perSecond <= 0 || math.IsNaN(perSecond) {
		return nil
	}
	burst = max(burst, 1)
	return &limiter{max: rate.Limit(perSecond), bucket: rate.NewLimiter(rate.Limit(perSecond), burst), maxPause: maxPause}
}

// reserve takes a token for a request to be sent no earlier than at, and
// returns how long from now to wait before sending it. A nil limiter
// waits for nothing.
func (l *limiter) reserve(at time.Time) (time.Duration, *rate.Reservation) {
	if l == nil {
		return 0, nil
	}
	now := time.Now()
	l.mu.Lock()
	if l.until.After(at) {
		at = l.until
	}
	l.mu.Unlock()
	r := l.bucket.ReserveN(at, 1)
	return max(r.DelayFrom(now), at.Sub(now)), r
}

// wait blocks until the next request may be sent, or fails with the
// context's error (at once if the wait would outlast its deadline, and
// without taking the token).
func (l *limiter) wait(ctx context.Context) error {
	d, r := l.reserve(time.Now())
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		r.Cancel()
		return fmt.Errorf("waiting %v for the client's rate limit would outlast the context: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return context.Cause(ctx)
	}
}

// observe adapts the bucket to what an answer says about the server's
// limit.
func (l *limiter) observe(resp *http.Response, now time.Time) {
	if l == nil || resp == nil {
		return
	}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			l.holdUntil(now.Add(min(d, l.maxPause)))
		}
	}
	remaining, reset, ok := rateHeaders(resp.Header, now)
	if !ok {
		return
	}
	if remaining == 0 {
		l.holdUntil(now.Add(min(reset, l.maxPause)))
		return
	}
	pace := rate.Limit(float64(remaining) / reset.Seconds())
	l.bucket.SetLimitAt(now, min(pace, l.max))
}

func (l *limiter) holdUntil(t time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if t.After(l.until) {
		l.until = t
	}
}

// rateHeaders reads the requests left in the server's window and the time
// until it resets, from RateLimit-* or X-RateLimit-* headers.
func rateHeaders(h http.Header, now time.Time) (remaining int64, reset time.Duration, ok bool) {
	for _, prefix := range [...]string{"Ratelimit-", "X-Ratelimit-"} {
		rem, errRem := strconv.ParseInt(h.Get(prefix+"Remaining"), 10, 64)
		rst, errRst := strconv.ParseInt(h.Get(prefix+"Reset"), 10, 64)
		if errRem != nil || errRst != nil || rem < 0 || rst < 0 {
			continue
		}
		d := time.Duration(min(rst, int64(24*time.Hour/time.Second))) * time.Second
		if rst > 1_000_000_000 {
			d = time.Unix(rst, 0).Sub(now)
		}
		if d <= 0 {
			// The window has reset already: the remaining count is stale.
			return 0, 0, false
		}
		return rem, d, true
	}
	return 0, 0, false
}
