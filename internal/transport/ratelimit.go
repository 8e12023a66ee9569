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
//   - a 429 slows the bucket to 0.8 of its rate (once a second at most,
//     never below 1/16 of the configured rate), and every success speeds
//     it up by 1/2000 of the configured rate, back up to it: a limit set
//     above the server's settles below the server's;
//   - a second 429 or 503 with Retry-After within the first one's wait
//     holds every request of the client until then (capped as the retry
//     policy caps Retry-After), not only the retries of the calls that got
//     them: the other goroutines would be refused too (see refused);
//   - RateLimit-Remaining and RateLimit-Reset (the IETF draft's names, or
//     the common X-RateLimit-* ones; a reset larger than 10^9 is read as
//     a Unix time) slow the bucket to the remaining requests spread over
//     the time to the reset, never faster than configured, and a remaining
//     0 holds every request until the reset.
type limiter struct {
	max      rate.Limit
	bucket   *rate.Limiter
	maxPause time.Duration

	mu           sync.Mutex
	until        time.Time // no request before this
	refusedUntil time.Time // the last refusal's Retry-After
	slowedUntil  time.Time
}

func newLimiter(perSecond float64, burst int, maxPause time.Duration) *limiter {
	if perSecond <= 0 || math.IsNaN(perSecond) {
		return nil
	}
	burst = max(burst, 1)
	return &limiter{max: rate.Limit(perSecond), bucket: rate.NewLimiter(rate.Limit(perSecond), burst), maxPause: maxPause}
}

// wait blocks until the next request may be sent: past any hold, then
// for a token. It fails with the context's error, at once if the wait
// would outlast the context's deadline (without taking the token). A nil
// limiter waits for nothing.
//
// The token is taken when the hold is over, not before: callers held
// together are then spread by the bucket instead of leaving at once. And
// it is always taken for now, never reserved for a later time, which
// golang.org/x/time/rate would count twice once the limit changes.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	l.mu.Lock()
	until := l.until
	l.mu.Unlock()
	if err := sleep(ctx, time.Until(until)); err != nil {
		return err
	}
	r := l.bucket.Reserve()
	d := r.Delay()
	if err := sleep(ctx, d); err != nil {
		r.Cancel()
		return err
	}
	return nil
}

// sleep waits d, or fails with the context's error: at once if the
// context's deadline comes first.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return fmt.Errorf("waiting %v for the client's rate limit would outlast the context: %w", d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// observe adapts the bucket to what an answer says about the server's
// limit.
func (l *limiter) observe(resp *http.Response, now time.Time) {
	if l == nil || resp == nil {
		return
	}
	switch cur := l.bucket.Limit(); {
	case resp.StatusCode == http.StatusTooManyRequests:
		l.slowDown(now)
		fallthrough
	case resp.StatusCode == http.StatusServiceUnavailable:
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			l.refused(now, min(d, l.maxPause))
		}
	case resp.StatusCode < 300 && cur < l.max:
		l.bucket.SetLimitAt(now, min(cur+l.max/2000, l.max))
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

// slowDown takes the bucket to 0.8 of its rate after a 429, once a second
// at most: the answers to the requests already in flight would otherwise
// cut it again and again for one excess.
func (l *limiter) slowDown(now time.Time) {
	l.mu.Lock()
	slow := !now.Before(l.slowedUntil)
	if slow {
		l.slowedUntil = now.Add(time.Second)
	}
	l.mu.Unlock()
	if slow {
		l.bucket.SetLimitAt(now, max(l.bucket.Limit()*0.8, l.max/16))
	}
}

// refused notes a refusal that asked to wait d. The refused call waits
// anyway (its backoff is the Retry-After); the others are held too from
// the second refusal within that wait on. A single refusal may be jitter,
// two requests arriving closer together than the server's bucket allows,
// and Retry-After comes in whole seconds: holding every caller a second
// for it would cost more than the refusal did. A second one means the
// server refuses this client's requests until then.
func (l *limiter) refused(now time.Time, d time.Duration) {
	l.mu.Lock()
	again := now.Before(l.refusedUntil)
	l.refusedUntil = now.Add(d)
	l.mu.Unlock()
	if again {
		l.holdUntil(now.Add(d))
	}
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
