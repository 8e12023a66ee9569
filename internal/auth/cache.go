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
	// Extra carries what a vendor needs beside Value (a cookie name, a
	// secret, a refresh token). It is stored with the token.
	Extra string
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
// the others wait for its result, or keep using the current token while it
// is still valid (refresh ahead). The token lives in a TokenStore, so
// Caches that share one (in this process or others) share the token and
// take turns refreshing it.
type Cache struct {
	fetch    func(ctx context.Context, prev Token) (Token, error)
	margin   time.Duration
	now      func() time.Time
	store    TokenStore
	session  string
	rotating bool
	// claimID is the last claim this Cache made. Only the leader of a
	// flight reads or writes it, and flights follow one another under mu.
	claimID string

	mu sync.Mutex
	// tok is the newest token known. Its Value is usable only when have
	// is set; its Extra is kept either way, as the state the next fetch
	// starts from.
	tok       Token
	have      bool
	refreshAt time.Time // when to replace tok; zero: never
	useUntil  time.Time // until when tok is served while its replacement is fetched
	// rejected is a Value the vendor refused, so that it is not adopted
	// again from the store.
	rejected string
	// hold lets tok be served past refreshAt without asking the store
	// again, while another Cache refreshes or the store fails.
	hold   time.Time
	flight *flight
	// pending is a token of a rotating vendor that the store has not
	// taken yet; a leader writes it again from flushAt on.
	pending *pendingToken
	flushAt time.Time
	fail    failure
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

type pendingToken struct {
	tok       Token
	refreshAt time.Time
}

// DefaultMargin is how long before expiry a token is replaced.
const DefaultMargin = time.Minute

const (
	// pollMin and pollMax bound the wait between looks at the store
	// while another Cache refreshes.
	pollMin = 20 * time.Millisecond
	pollMax = time.Second
	// storeRetry is how long a Cache serves a valid token without asking
	// a store that just failed again, and waits to write a pending token.
	storeRetry = 5 * time.Second
)

// CacheConfig says how a Cache gets and keeps its token.
type CacheConfig struct {
	// Fetch gets a new token. prev is the newest token known: the stored
	// one, else the last fetched or Initial, possibly expired or rejected;
	// the zero Token before the first. Its Extra is the state a refresh
	// starts from, such as a refresh token.
	//
	// A Fetch that fails after the vendor changed that state (it spent a
	// rotating refresh token and issued a new one, but the access token
	// must not be used) returns the new state in Extra along with the
	// error: the Cache keeps and stores it, without a Value.
	Fetch func(ctx context.Context, prev Token) (Token, error)
	// Margin is how long before expiry a token is replaced; <= 0 means
	// DefaultMargin.
	Margin time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Initial is a token to start from, such as one a previous run saved.
	// With a Value it is used until its refresh is due without a fetch.
	Initial Token
	// Store holds the token; nil means a MemoryStore of the Cache's own.
	Store TokenStore
	// Identity names the credentials (never a secret): the store is
	// refused when it holds the session of another Identity.
	Identity string
	// Rotating says Fetch spends a single-use credential (a rotating
	// refresh token). Such a Cache never fetches without a claim on the
	// store: when the store fails and no valid token is held, Token
	// fails with ErrTokenStore.
	Rotating bool
}

// NewCache returns a Cache that calls fetch for tokens and replaces them
// margin before they expire (DefaultMargin if margin <= 0). now is the clock;
// nil means time.Now.
func NewCache(fetch func(ctx context.Context) (Token, error), margin time.Duration, now func() time.Time) *Cache {
	return NewCacheFrom(CacheConfig{
		Fetch:  func(ctx context.Context, _ Token) (Token, error) { return fetch(ctx) },
		Margin: margin,
		Now:    now,
	})
}

// NewCacheFrom returns a Cache configured by cfg.
func NewCacheFrom(cfg CacheConfig) *Cache {
	c := &Cache{
		fetch:    cfg.Fetch,
		margin:   cfg.Margin,
		now:      cfg.Now,
		store:    cfg.Store,
		session:  sessionID(cfg.Identity),
		rotating: cfg.Rotating,
	}
	if c.margin <= 0 {
		c.margin = DefaultMargin
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.store == nil {
		c.store = &MemoryStore{}
	}
	if cfg.Initial != (Token{}) {
		c.setFetched(cfg.Initial, c.refreshTime(cfg.Initial, c.now()))
	}
	return c
}

// Token returns a valid token, fetching one if needed. A fetch is shared by
// every caller waiting for it; each waiter still honours its own context.
func (c *Cache) Token(ctx context.Context) (Token, error) {
	for {
		c.mu.Lock()
		now := c.now()
		if c.fresh(now) {
			t := c.tok
			c.mu.Unlock()
			return t, nil
		}
		if c.fail.err != nil && now.Before(c.fail.until) {
			err := c.fail.err
			c.mu.Unlock()
			return Token{}, err
		}
		if f := c.flight; f != nil {
			if c.servable(now) {
				// Refresh ahead: the token lives a while yet, so only
				// the leader waits for its replacement.
				t := c.tok
				c.mu.Unlock()
				return t, nil
			}
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

// fresh reports whether tok can be returned without a flight. c.mu is held.
func (c *Cache) fresh(now time.Time) bool {
	if !c.have || (c.pending != nil && !now.Before(c.flushAt)) {
		return false
	}
	if c.refreshAt.IsZero() || now.Before(c.refreshAt) {
		return true
	}
	return now.Before(c.hold) && c.servable(now)
}

// servable reports whether tok may still be sent while its replacement is
// on the way. c.mu is held.
func (c *Cache) servable(now time.Time) bool {
	return c.have && (c.useUntil.IsZero() || now.Before(c.useUntil))
}

// lead gets the token for everyone waiting on f.
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
		f.tok, f.err = tok, err
		// Only a failure caused by the leader's own context is worth
		// retrying for the others. A fetch that timed out by itself would
		// time out again for each waiter in turn.
		f.leaderGaveUp = err != nil && ctx.Err() != nil && isContextErr(err)
		c.fail.record(err, f.leaderGaveUp, c.now())
		close(f.done)
		c.mu.Unlock()
	}()
	tok, err = c.obtain(ctx)
	returned = true
	return tok, err
}

// obtain returns the stored token when it is fresh, waits while another
// Cache refreshes it, and otherwise claims the refresh and fetches.
func (c *Cache) obtain(ctx context.Context) (Token, error) {
	if c.flushDue() {
		c.flush(ctx)
		c.mu.Lock()
		if c.have && (c.refreshAt.IsZero() || c.now().Before(c.refreshAt)) {
			t := c.tok
			c.mu.Unlock()
			return t, nil
		}
		c.mu.Unlock()
	}
	wait := pollMin
	for {
		raw, rec, err := c.load(ctx)
		if err != nil {
			return c.storeFailed(ctx, err)
		}
		now := c.now()
		stored, ok := rec.token()
		if ok && c.adopt(stored, rec.RefreshAt, now, false, time.Time{}) {
			return stored, nil
		}
		if rec.claimedByOther(c.claimID, now) {
			if t, ok := c.serveDuringClaim(stored, rec.RefreshAt, now, now.Add(wait)); ok {
				return t, nil
			}
			if err := sleep(ctx, wait); err != nil {
				return Token{}, err
			}
			wait = min(2*wait, pollMax)
			continue
		}
		prev, refreshAt := stored, rec.RefreshAt
		c.mu.Lock()
		pending := c.pending
		switch {
		case pending != nil:
			// The store missed this Cache's last rotation, so what it
			// holds is spent: refresh from the pending token, and let the
			// claim write it.
			prev, refreshAt = pending.tok, pending.refreshAt
		case !ok:
			prev, refreshAt = c.tok, c.refreshAt
		}
		c.mu.Unlock()
		c.claimID = newClaimID()
		claimed := record{Seq: rec.Seq + 1, Session: c.session, Token: storedOrNil(prev), RefreshAt: refreshAt,
			Claim: &claim{ID: c.claimID, Until: now.Add(ClaimTTL)}}
		claimedRaw, swapped, err := c.cas(ctx, raw, claimed)
		if err != nil {
			return c.storeFailed(ctx, err)
		}
		if !swapped {
			continue
		}
		if pending != nil {
			c.clearPending(pending)
		}
		return c.refresh(ctx, prev, claimed, claimedRaw)
	}
}

// refresh fetches under the claim it holds and stores the result.
func (c *Cache) refresh(ctx context.Context, prev Token, claimed record, claimedRaw []byte) (Token, error) {
	tok, err := c.fetch(ctx, prev)
	// What the fetch returned reaches the store even if the caller has
	// given up: a rotated refresh token exists nowhere else.
	wctx := context.WithoutCancel(ctx)
	next := record{Seq: claimed.Seq + 1, Session: c.session}
	if err != nil {
		next.Token, next.RefreshAt = claimed.Token, claimed.RefreshAt
		rotated := tok.Extra != "" && tok.Extra != prev.Extra
		if rotated {
			state := Token{Extra: tok.Extra}
			c.mu.Lock()
			c.tok, c.have = state, false
			c.mu.Unlock()
			next.Token, next.RefreshAt = storedOrNil(state), time.Time{}
			tok = state
		}
		if _, ok, werr := c.cas(wctx, claimedRaw, next); rotated && (werr != nil || !ok) {
			c.setPending(tok, time.Time{})
			c.flush(wctx)
		}
		return Token{}, err
	}
	refreshAt := c.refreshTime(tok, c.now())
	c.setFetched(tok, refreshAt)
	next.Token, next.RefreshAt = storedOrNil(tok), refreshAt
	if _, ok, werr := c.cas(wctx, claimedRaw, next); c.rotating && (werr != nil || !ok) {
		c.setPending(tok, refreshAt)
		c.flush(wctx)
	}
	return tok, nil
}

// storeFailed decides what a call gets when the store did not answer: the
// valid token held, a token fetched without the store, or the error.
func (c *Cache) storeFailed(ctx context.Context, err error) (Token, error) {
	if ctx.Err() != nil {
		// The caller gave up; the store did not fail.
		return Token{}, ctx.Err()
	}
	err = fmt.Errorf("%w: %w", ErrTokenStore, err)
	c.mu.Lock()
	now := c.now()
	if c.servable(now) {
		c.hold = now.Add(storeRetry)
		t := c.tok
		c.mu.Unlock()
		return t, nil
	}
	prev := c.tok
	c.mu.Unlock()
	if c.rotating || errors.Is(err, errForeignSession) {
		return Token{}, err
	}
	tok, ferr := c.fetch(ctx, prev)
	if ferr != nil {
		return Token{}, ferr
	}
	c.setFetched(tok, c.refreshTime(tok, c.now()))
	return tok, nil
}

// serveDuringClaim returns a token to use while another Cache refreshes:
// the stored one or the one held, if either is still valid.
func (c *Cache) serveDuringClaim(stored Token, refreshAt, now, hold time.Time) (Token, bool) {
	if c.adopt(stored, refreshAt, now, true, hold) {
		return stored, true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.servable(now) {
		return Token{}, false
	}
	c.hold = hold
	return c.tok, true
}

// adopt makes a stored token the current one, if it is fresh (or, with
// ahead, still servable) and not rejected, and reports whether it did.
func (c *Cache) adopt(t Token, refreshAt, now time.Time, ahead bool, hold time.Time) bool {
	if t.Value == "" {
		return false
	}
	if !t.Expiry.IsZero() {
		if refreshAt.IsZero() {
			refreshAt = c.refreshTime(t, now)
		}
		until := useUntil(t, refreshAt)
		if !now.Before(refreshAt) && !(ahead && now.Before(until)) {
			return false
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.Value == c.rejected {
		return false
	}
	c.set(t, refreshAt)
	c.hold = hold
	return true
}

// setFetched makes t, just fetched, the current token.
func (c *Cache) setFetched(t Token, refreshAt time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.rejected = ""
	c.set(t, refreshAt)
}

// set makes t the current token. c.mu is held.
func (c *Cache) set(t Token, refreshAt time.Time) {
	c.tok, c.have = t, t.Value != ""
	c.refreshAt, c.useUntil, c.hold = refreshAt, useUntil(t, refreshAt), time.Time{}
	if t.Expiry.IsZero() {
		c.refreshAt, c.useUntil = time.Time{}, time.Time{}
	}
}

// useUntil is halfway from refreshAt to expiry: late enough to spare the
// callers a wait while one refresh runs, early enough that a request sent
// then does not arrive with an expired token.
func useUntil(t Token, refreshAt time.Time) time.Time {
	if t.Expiry.IsZero() {
		return time.Time{}
	}
	return refreshAt.Add(t.Expiry.Sub(refreshAt) / 2)
}

func (c *Cache) flushDue() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pending != nil && !c.now().Before(c.flushAt)
}

func (c *Cache) setPending(t Token, refreshAt time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending, c.flushAt = &pendingToken{tok: t, refreshAt: refreshAt}, c.now()
}

// flush writes the pending token over whatever the store holds: it
// carries the refresh token the vendor issued last, so anything else there
// is spent.
func (c *Cache) flush(ctx context.Context) {
	c.mu.Lock()
	p := c.pending
	c.mu.Unlock()
	if p == nil {
		return
	}
	for range 3 {
		raw, rec, err := c.load(ctx)
		if err != nil {
			break
		}
		if t, ok := rec.token(); ok && sameToken(t, p.tok) {
			c.clearPending(p)
			return
		}
		next := record{Seq: rec.Seq + 1, Session: c.session, Token: storedOrNil(p.tok), RefreshAt: p.refreshAt}
		_, ok, err := c.cas(ctx, raw, next)
		if err != nil {
			break
		}
		if ok {
			c.clearPending(p)
			return
		}
	}
	c.mu.Lock()
	c.flushAt = c.now().Add(storeRetry)
	c.mu.Unlock()
}

func (c *Cache) clearPending(p *pendingToken) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pending == p {
		c.pending = nil
	}
}

func sameToken(a, b Token) bool {
	return a.Value == b.Value && a.Extra == b.Extra && a.Expiry.Equal(b.Expiry)
}

func storedOrNil(t Token) *storedToken {
	if t == (Token{}) {
		return nil
	}
	return toStored(t)
}

// load reads the store's record, within StoreTimeout.
func (c *Cache) load(ctx context.Context) ([]byte, record, error) {
	ctx, cancel := context.WithTimeout(ctx, StoreTimeout)
	defer cancel()
	raw, err := c.store.Load(ctx)
	if err != nil {
		return nil, record{}, fmt.Errorf("load: %w", err)
	}
	rec, err := decodeRecord(raw, c.session)
	if err != nil {
		return nil, record{}, fmt.Errorf("load: %w", err)
	}
	return raw, rec, nil
}

// cas replaces the record old with r, within StoreTimeout, and returns the
// bytes it wrote.
func (c *Cache) cas(ctx context.Context, old []byte, r record) ([]byte, bool, error) {
	ctx, cancel := context.WithTimeout(ctx, StoreTimeout)
	defer cancel()
	raw := r.encode()
	ok, err := c.store.CompareAndSwap(ctx, old, raw)
	if err != nil {
		return raw, false, fmt.Errorf("compare and swap: %w", err)
	}
	return raw, ok, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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
func (c *Cache) refreshTime(t Token, now time.Time) time.Time {
	if t.Expiry.IsZero() {
		return time.Time{}
	}
	life := t.Expiry.Sub(now)
	return t.Expiry.Add(-min(c.margin, max(life/2, 0)))
}

// Invalidate discards the cached token if it is still value, so that the
// first caller to see it rejected triggers one refresh and later callers
// holding the same stale token do not trigger more. The token's Extra is
// kept for the refresh, and value is not adopted from the store again.
func (c *Cache) Invalidate(value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.have && c.tok.Value == value {
		c.have = false
		c.rejected = value
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
	if !c.have {
		return Token{}, false
	}
	return c.tok, true
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
