package transport

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// RetryPolicy says how often and how patiently a failed attempt is retried.
//
// What is retried is fixed by the SDK, not by the policy: connection errors,
// 429, 500, 502, 503 and 504 for idempotent operations; for operations that
// are not idempotent (creates) only a failed dial, where the request provably
// never left, and 429, where the server says it did not act.
type RetryPolicy struct {
	// MaxRetries is how many retries may follow the first attempt; 0 means none.
	MaxRetries int
	// MinBackoff is the base of the exponential backoff; zero means 500ms.
	MinBackoff time.Duration
	// MaxBackoff caps one backoff wait; zero means 8s.
	MaxBackoff time.Duration
	// MaxRetryAfter caps how long a server's Retry-After is honoured; zero
	// means 30s. A longer Retry-After waits this long.
	MaxRetryAfter time.Duration
}

// DefaultRetryPolicy returns the policy used when none is given: 3 retries,
// full-jitter exponential backoff from 500ms capped at 8s, Retry-After
// honoured up to 30s.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 3, MinBackoff: 500 * time.Millisecond, MaxBackoff: 8 * time.Second, MaxRetryAfter: 30 * time.Second}
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	d := DefaultRetryPolicy()
	if p.MaxRetries < 0 {
		p.MaxRetries = 0
	}
	if p.MinBackoff <= 0 {
		p.MinBackoff = d.MinBackoff
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = d.MaxBackoff
	}
	if p.MaxBackoff < p.MinBackoff {
		p.MaxBackoff = p.MinBackoff
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = d.MaxRetryAfter
	}
	return p
}

// shouldRetry applies the SDK's retry rules to one attempt's outcome.
func shouldRetry(ctx context.Context, idempotent bool, resp *http.Response, err error) bool {
	if err != nil {
		if isDialError(err) {
			return true
		}
		if !idempotent {
			// The request may have reached the server: replaying a create
			// could apply it twice.
			return false
		}
		// retryablehttp knows which transport errors are permanent (bad
		// scheme, redirect loops, untrusted certificates).
		retry, _ := retryablehttp.DefaultRetryPolicy(ctx, nil, err)
		return retry
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		return true
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return idempotent
	}
	return false
}

// isDialError reports whether err happened while connecting, before any byte
// of the request was written.
func isDialError(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// backoff returns the wait before retry number retry (0 for the first retry).
func (p RetryPolicy) backoff(retry int, resp *http.Response, now time.Time) time.Duration {
	if resp != nil {
		if d, ok := retryAfter(resp.Header.Get("Retry-After"), now); ok {
			return min(d, p.MaxRetryAfter)
		}
	}
	ceiling := p.MaxBackoff
	if retry < 32 {
		if exp := p.MinBackoff << retry; exp > 0 && exp < ceiling {
			ceiling = exp
		}
	}
	// Full jitter: spreads clients that failed together over the whole window.
	return rand.N(ceiling + 1)
}

// retryAfter parses a Retry-After value: delay-seconds or an HTTP-date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
