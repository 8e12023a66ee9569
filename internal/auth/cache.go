package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// Token is a session credential and when it stops being accepted.
type Token struct {
	Value string
	// Expiry is when the vendor stops accepting Value; zero means unknown,
	// and the token is used until the vendor rejects it.
	Expiry time.Time
	// Extra carries what a vendor needs beside Value (a cookie, a secret).
	Extra any
}

// String, GoString and LogValue show when the token expires but never its
// Value or Extra, so a Token can be printed or logged while debugging.
func (t Token) String() string {
	s := "auth.Token{Value:" + redact.String(t.Value)
	if !t.Expiry.IsZero() {
		s += ", Expiry:" + t.Expiry.Format(time.RFC3339)
	}
	return s + "}"
}

// GoString is String: %#v must not print the secret either.
func (t Token) GoString() string { return t.String() }

// LogValue is String for slog.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// Format keeps verbs that bypass String (%d, %x) redacted too.
func (t Token) Format(f fmt.State, verb rune) { redact.Format(f, verb, t.String(), t.GoString()) }

// Cache holds one session token, fetching it lazily and again shortly before
// it expires. However many goroutines need a token at once, one fetch runs;
// the others wait for its result.
type Cache struct {
	fetch  func(ctx context.Context) (Token, error)
	margin time.Duration
	now    func() time.Time

	mu        sync.Mutex
	tok       Token
	refreshAt time.Time
	have      bool
	flight    *flight
	fail      failure
}

// failure is the last failed fetch, held for SetFailureBackoff.
type failure struct {
	min, max time.Duration
	holds    func(error) bool
	err      error
	until    time.Time
	wait     time.Duration
}

type flight struct {
	done         chan struct{}
	tok          Token
	err          error
	leaderGaveUp bool
}

// DefaultMargin is how long before expiry a token is replaced.
const DefaultMargin = time.Minute

// NewCache returns a Cache that calls fetch for tokens and replaces them
// margin before they expire (DefaultMargin if margin <= 0). now is the clock;
// nil means time.Now.
func NewCache(fetch func(ctx context.Context) (Token, error), margin time.Duration, now func() time.Time) *Cache {
	if margin <= 0 {
		margin = DefaultMargin
	}
	if now == nil {
		now = time.Now
	}
	return &Cache{fetch: fetch, margin: margin, now: now}
}

// Token returns a valid token, fetching one if needed. A fetch is shared by
// every caller waiting for it; each waiter still honours its own context.
func (c *Cache) Token(ctx context.Context) (Token, error) {
	for {
		c.mu.Lock()
		if c.have && (c.refreshAt.IsZero() || c.now().Before(c.refreshAt)) {
			t := c.tok
			c.mu.Unlock()
			return t, nil
		}
		if c.fail.err != nil && c.now().Before(c.fail.until) {
			err := c.fail.err
			c.mu.Unlock()
			return Token{}, err
		}
		if f := c.flight; f != nil {
			c.mu.Unlock()
			select {
			case <-f.done:
			case <-ctx.Done():
				return Token{}, ctx.Err()
			}
			if f.err == nil {
				return f.tok, nil
			}
			if f.leaderGaveUp && ctx.Err() == nil {
				// The leader's caller gave up, not the fetch: try again,
				// possibly as the new leader.
				continue
			}
			return Token{}, f.err
		}
		f := &flight{done: make(chan struct{})}
		c.flight = f
		c.mu.Unlock()
		return c.lead(ctx, f)
	}
}

// lead runs the fetch for everyone waiting on f.
func (c *Cache) lead(ctx context.Context, f *flight) (tok Token, err error) {
	returned := false
	defer func() {
		if !returned {
			// fetch panicked: release the waiters with an error while the
			// panic goes on up this caller's stack.
			err = errFetchPanicked
		}
		c.mu.Lock()
		c.flight = nil
		if err == nil {
			c.tok, c.have = tok, true
			c.refreshAt = c.refreshTime(tok)
		}
		f.tok, f.err = tok, err
		// Only a failure caused by the leader's own context is worth
		// retrying for the others. A fetch that timed out by itself would
		// time out again for each waiter in turn.
		f.leaderGaveUp = err != nil && ctx.Err() != nil && isContextErr(err)
		c.fail.record(err, f.leaderGaveUp, c.now())
		close(f.done)
		c.mu.Unlock()
	}()
	tok, err = c.fetch(ctx)
	returned = true
	return tok, err
}

var errFetchPanicked = errors.New("token fetch panicked")

// SetFailureBackoff makes a failed fetch hold when holds(err) says so (nil:
// every failure): Token then returns that same error without fetching
// again until first has passed, each further such failure in a row doubles
// the wait up to limit, and a success resets it. A fetch that failed
// because its caller gave up never holds. It is for fetches that must not
// run in a storm, such as a password login that the server counts against
// the account (a wrong password retried by every call would lock it):
// holds then picks the answers that judged the credentials, not a
// passing outage. Call it before the Cache is used; first <= 0 turns it
// off.
func (c *Cache) SetFailureBackoff(first, limit time.Duration, holds func(error) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.fail = failure{min: first, max: max(first, limit), holds: holds}
}

// record notes the outcome of a fetch. c.mu is held.
func (f *failure) record(err error, callerGaveUp bool, now time.Time) {
	switch {
	case f.min <= 0 || callerGaveUp:
	case err == nil:
		f.err, f.wait = nil, 0
	case f.holds == nil || f.holds(err):
		f.wait = min(max(2*f.wait, f.min), f.max)
		f.err, f.until = err, now.Add(f.wait)
	}
}

// refreshTime is margin before expiry, or half the remaining lifetime for
// tokens that live shorter than twice the margin, so a short-lived token is
// still used rather than fetched again on every call.
func (c *Cache) refreshTime(t Token) time.Time {
	if t.Expiry.IsZero() {
		return time.Time{}
	}
	life := t.Expiry.Sub(c.now())
	return t.Expiry.Add(-min(c.margin, max(life/2, 0)))
}

// Invalidate discards the cached token if it is still value, so that the
// first caller to see it rejected triggers one refresh and later callers
// holding the same stale token do not trigger more.
func (c *Cache) Invalidate(value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.have && c.tok.Value == value {
		c.have = false
		c.tok = Token{}
	}
}

// String describes the cache without the token it holds.
func (c *Cache) String() string {
	tok, ok := c.Peek()
	if !ok {
		return "auth.Cache{empty}"
	}
	return "auth.Cache{" + tok.String() + "}"
}

// GoString is String: %#v must not print the token either.
func (c *Cache) GoString() string { return c.String() }

// LogValue is String for slog.
func (c *Cache) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Format keeps verbs that bypass String (%d, %x) redacted too.
func (c *Cache) Format(f fmt.State, verb rune) { redact.Format(f, verb, c.String(), c.GoString()) }

// Peek returns the cached token without fetching; ok is false when none is held.
func (c *Cache) Peek() (Token, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.tok, c.have
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
