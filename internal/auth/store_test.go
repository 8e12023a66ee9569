package auth_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
)

// chain is a vendor that rotates refresh tokens: each refresh spends the
// refresh token sent (prev.Extra, or the seed) and issues a new one with a
// new access token living life. It tells which access tokens are valid.
type chain struct {
	life    time.Duration
	latency time.Duration
	// early makes the vendor reject access tokens this long before the
	// expiry it announced, so that Caches see rejections.
	early time.Duration

	mu      sync.Mutex
	n       int
	valid   map[string]bool      // unspent refresh tokens
	access  map[string]time.Time // access token → expiry
	spent   map[string]int       // refresh token → times spent
	invalid int                  // refreshes refused: a spent or unknown token
	issued  []string             // refresh tokens, in order
}

func newChain(life time.Duration) *chain {
	return &chain{life: life, valid: map[string]bool{"seed": true}, access: map[string]time.Time{},
		spent: map[string]int{}, issued: []string{"seed"}}
}

var errInvalidGrant = errors.New("invalid_grant")

func (v *chain) fetch(ctx context.Context, prev auth.Token) (auth.Token, error) {
	if v.latency > 0 {
		time.Sleep(v.latency)
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	rt := prev.Extra
	if rt == "" {
		rt = "seed"
	}
	v.spent[rt]++
	if !v.valid[rt] {
		v.invalid++
		return auth.Token{}, errInvalidGrant
	}
	delete(v.valid, rt)
	v.n++
	next := fmt.Sprintf("refresh-%d", v.n)
	v.valid[next] = true
	v.issued = append(v.issued, next)
	acc := fmt.Sprintf("access-%d", v.n)
	v.access[acc] = time.Now().Add(v.life)
	return auth.Token{Value: acc, Expiry: time.Now().Add(v.life), Extra: next}, nil
}

// accepts reports whether the vendor takes the access token now.
func (v *chain) accepts(value string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	exp, ok := v.access[value]
	return ok && time.Now().Before(exp.Add(-v.early))
}

// revoke makes every access token issued so far invalid, as a vendor
// restart would; refresh tokens keep working.
func (v *chain) revoke() {
	v.mu.Lock()
	defer v.mu.Unlock()
	clear(v.access)
}

func (v *chain) rotations() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.n
}

// assertEachSpentOnce checks that every refresh token but the newest was
// spent exactly once, and nothing was refused.
func (v *chain) assertEachSpentOnce(t *testing.T) {
	t.Helper()
	v.mu.Lock()
	defer v.mu.Unlock()
	assert.Zero(t, v.invalid, "refreshes refused (invalid_grant)")
	for i, rt := range v.issued {
		want := 1
		if i == len(v.issued)-1 {
			want = 0
		}
		assert.Equal(t, want, v.spent[rt], "refresh token %s spent", rt)
	}
}

func (v *chain) cache(store auth.TokenStore, margin time.Duration) *auth.Cache {
	return auth.NewCacheFrom(auth.CacheConfig{Fetch: v.fetch, Margin: margin, Store: store, Identity: "chain", Rotating: true})
}

// faultyStore wraps a MemoryStore with failures the test switches on:
// errors, or calls that hang until their context ends.
type faultyStore struct {
	auth.MemoryStore
	failLoad, failCAS atomic.Bool
	hang              atomic.Bool
	loads, swaps      atomic.Int32
}

var errStoreDown = errors.New("store down")

func (s *faultyStore) Load(ctx context.Context) ([]byte, error) {
	s.loads.Add(1)
	if s.hang.Load() {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if s.failLoad.Load() {
		return nil, errStoreDown
	}
	return s.MemoryStore.Load(ctx)
}

func (s *faultyStore) CompareAndSwap(ctx context.Context, old, new []byte) (bool, error) {
	s.swaps.Add(1)
	if s.hang.Load() {
		<-ctx.Done()
		return false, ctx.Err()
	}
	if s.failCAS.Load() {
		return false, errStoreDown
	}
	return s.MemoryStore.CompareAndSwap(ctx, old, new)
}

// storedToken reads the token a store holds, as another program would.
func storedToken(t *testing.T, s auth.TokenStore) map[string]any {
	t.Helper()
	raw, err := s.Load(t.Context())
	require.NoError(t, err)
	var rec map[string]any
	require.NoError(t, json.Unmarshal(raw, &rec))
	tok, _ := rec["token"].(map[string]any)
	return tok
}

func TestMemoryStoreCompareAndSwap(t *testing.T) {
	var s auth.MemoryStore
	ctx := t.Context()
	got, err := s.Load(ctx)
	require.NoError(t, err)
	assert.Nil(t, got)

	ok, err := s.CompareAndSwap(ctx, []byte("x"), []byte("a"))
	require.NoError(t, err)
	assert.False(t, ok, "old does not match an empty store")
	ok, _ = s.CompareAndSwap(ctx, nil, []byte("a"))
	assert.True(t, ok)
	ok, _ = s.CompareAndSwap(ctx, nil, []byte("b"))
	assert.False(t, ok, "nil old means: only if nothing is stored")
	ok, _ = s.CompareAndSwap(ctx, []byte("a"), []byte("b"))
	assert.True(t, ok)
	got, _ = s.Load(ctx)
	assert.Equal(t, "b", string(got))

	// The store keeps its own copy.
	got[0] = 'z'
	again, _ := s.Load(ctx)
	assert.Equal(t, "b", string(again))

	// Of many swaps from the same old, one wins.
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			if ok, _ := s.CompareAndSwap(ctx, []byte("b"), fmt.Appendf(nil, "c%d", i)); ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), wins.Load())

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Load(cancelled)
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.CompareAndSwap(cancelled, nil, nil)
	assert.ErrorIs(t, err, context.Canceled)
}

// A Cache started later with the same store (a restarted program, another
// replica) uses the stored token while it is fresh, without a fetch.
func TestStoreRestartUsesStoredToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &auth.MemoryStore{}
		v := newChain(10 * time.Minute)
		first := v.cache(store, time.Minute)
		tok, err := first.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-1", tok.Value)

		time.Sleep(5 * time.Minute)
		second := v.cache(store, time.Minute)
		tok, err = second.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-1", tok.Value)
		assert.Equal(t, 1, v.rotations(), "the stored token serves the new Cache")

		// It refreshes on the writer's schedule, from the stored refresh token.
		time.Sleep(4 * time.Minute)
		tok, err = second.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", tok.Value)
		tok, err = first.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", tok.Value, "the first Cache adopts its replacement")
		assert.Equal(t, 2, v.rotations())
		v.assertEachSpentOnce(t)
	})
}

// The replicas proof over the in-memory store: several Caches, each with
// its own memory, 200 goroutines across them, access tokens expiring again
// and again, before the Caches expect it: no refresh token is spent twice,
// each rotation happens once, and no call fails.
func TestStoreReplicasRotateOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &auth.MemoryStore{}
		v := newChain(10 * time.Minute)
		v.latency = 200 * time.Millisecond
		v.early = 90 * time.Second
		const replicas, goroutines = 4, 200
		caches := make([]*auth.Cache, replicas)
		for i := range caches {
			caches[i] = v.cache(store, time.Minute)
		}
		var calls, replays, failures atomic.Int32
		start := time.Now()
		var wg sync.WaitGroup
		for g := range goroutines {
			c := caches[g%replicas]
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(g), 1))
				for range 60 {
					time.Sleep(time.Duration(rng.IntN(120)) * time.Second)
					calls.Add(1)
					tok, err := c.Token(t.Context())
					if err == nil && !v.accepts(tok.Value) {
						// What the engine does on the vendor's 401:
						// discard the token and replay once.
						replays.Add(1)
						c.Invalidate(tok.Value)
						tok, err = c.Token(t.Context())
					}
					if err != nil || !v.accepts(tok.Value) {
						failures.Add(1)
					}
				}
			})
		}
		wg.Wait()

		v.assertEachSpentOnce(t)
		assert.Zero(t, failures.Load())
		rotations := v.rotations()
		// One refresh per 8½ minutes the vendor accepts a token, not one
		// per replica.
		want := 1 + int(time.Since(start)/(v.life-v.early))
		assert.InDelta(t, want, rotations, 1, "rotations in %s", time.Since(start))
		assert.Positive(t, replays.Load(), "the vendor's rejections were seen")
		t.Logf("%d calls, %d replays after a rejection, %d rotations", calls.Load(), replays.Load(), rotations)
	})
}

// A claim whose holder died lapses: the others take over after ClaimTTL.
func TestStoreClaimOfCrashedHolderLapses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &auth.MemoryStore{}
		v := newChain(10 * time.Minute)
		crashed := auth.NewCacheFrom(auth.CacheConfig{Store: store, Identity: "chain", Rotating: true,
			Fetch: func(ctx context.Context, _ auth.Token) (auth.Token, error) {
				panic("killed mid-refresh")
			}})
		func() {
			defer func() { _ = recover() }()
			_, _ = crashed.Token(t.Context())
		}()

		start := time.Now()
		tok, err := v.cache(store, 0).Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-1", tok.Value)
		waited := time.Since(start)
		assert.GreaterOrEqual(t, waited, auth.ClaimTTL)
		assert.Less(t, waited, auth.ClaimTTL+2*time.Second)
	})
}

// A Cache whose own claim was left behind (its fetch panicked) does not
// wait for itself.
func TestStoreOwnStaleClaimDoesNotBlock(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var n atomic.Int32
		c := auth.NewCacheFrom(auth.CacheConfig{Rotating: true, Fetch: func(context.Context, auth.Token) (auth.Token, error) {
			if n.Add(1) == 1 {
				panic("decoder bug")
			}
			return auth.Token{Value: "tok"}, nil
		}})
		func() {
			defer func() { _ = recover() }()
			_, _ = c.Token(t.Context())
		}()
		start := time.Now()
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok", tok.Value)
		assert.Zero(t, time.Since(start))
	})
}

// Refresh ahead: while one caller refreshes a token that is due but still
// valid, the others keep using it instead of waiting; once it is close to
// expiry they wait.
func TestCacheRefreshAhead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var n atomic.Int32
		c := auth.NewCacheFrom(auth.CacheConfig{Margin: time.Minute, Fetch: func(context.Context, auth.Token) (auth.Token, error) {
			i := n.Add(1)
			if i > 1 {
				<-release
			}
			return auth.Token{Value: fmt.Sprintf("tok-%d", i), Expiry: time.Now().Add(10 * time.Minute)}, nil
		}})
		_, err := c.Token(t.Context())
		require.NoError(t, err)

		time.Sleep(9 * time.Minute) // refresh due, 1 minute left
		leader := make(chan auth.Token, 1)
		go func() {
			tok, _ := c.Token(t.Context())
			leader <- tok
		}()
		synctest.Wait()
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok-1", tok.Value, "served while the refresh runs")

		time.Sleep(30 * time.Second) // halfway to expiry: no more
		waiter := make(chan auth.Token, 1)
		go func() {
			tok, _ := c.Token(t.Context())
			waiter <- tok
		}()
		synctest.Wait()
		assert.Empty(t, waiter, "a token this close to expiry is not served")
		close(release)
		assert.Equal(t, "tok-2", (<-leader).Value)
		assert.Equal(t, "tok-2", (<-waiter).Value)
		assert.Equal(t, int32(2), n.Load())
	})
}

// While another replica refreshes, a replica whose token is still valid
// uses it and does not ask the store on every call.
func TestStoreServesValidTokenDuringForeignRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &faultyStore{}
		release := make(chan struct{})
		var n atomic.Int32
		fetch := func(context.Context, auth.Token) (auth.Token, error) {
			i := n.Add(1)
			if i == 2 {
				<-release
			}
			return auth.Token{Value: fmt.Sprintf("tok-%d", i), Expiry: time.Now().Add(10 * time.Minute)}, nil
		}
		a := auth.NewCacheFrom(auth.CacheConfig{Fetch: fetch, Store: store})
		b := auth.NewCacheFrom(auth.CacheConfig{Fetch: fetch, Store: store})
		_, err := a.Token(t.Context())
		require.NoError(t, err)
		_, err = b.Token(t.Context())
		require.NoError(t, err)

		time.Sleep(9 * time.Minute)
		done := make(chan struct{})
		go func() {
			defer close(done)
			tok, err := a.Token(t.Context())
			assert.NoError(t, err)
			assert.Equal(t, "tok-2", tok.Value)
		}()
		synctest.Wait() // a holds the claim and fetches
		loads := store.loads.Load()
		for range 100 {
			tok, err := b.Token(t.Context())
			require.NoError(t, err)
			assert.Equal(t, "tok-1", tok.Value)
		}
		assert.Equal(t, int32(1), store.loads.Load()-loads, "one look at the store, then the held token")
		close(release)
		<-done
		time.Sleep(time.Second)
		tok, err := b.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok-2", tok.Value)
		assert.Equal(t, int32(2), n.Load())
	})
}

func TestStoreFailsRotating(t *testing.T) {
	for _, mode := range []string{"error", "hang"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := &faultyStore{}
				v := newChain(10 * time.Minute)
				c := v.cache(store, time.Minute)
				tok, err := c.Token(t.Context())
				require.NoError(t, err)
				require.Equal(t, "access-1", tok.Value)

				if mode == "hang" {
					store.hang.Store(true)
				} else {
					store.failLoad.Store(true)
					store.failCAS.Store(true)
				}
				// Due but valid: the held token is served, and a failed
				// store is not asked again on every call.
				time.Sleep(9*time.Minute + 10*time.Second)
				start := time.Now()
				tok, err = c.Token(t.Context())
				require.NoError(t, err)
				assert.Equal(t, "access-1", tok.Value)
				loads := store.loads.Load()
				tok, err = c.Token(t.Context())
				require.NoError(t, err)
				assert.Equal(t, "access-1", tok.Value)
				assert.Equal(t, loads, store.loads.Load())
				if mode == "hang" {
					assert.Equal(t, auth.StoreTimeout, time.Since(start), "a hanging store costs StoreTimeout")
				}

				// Expired: the call fails clearly, and nothing is spent.
				time.Sleep(time.Minute)
				_, err = c.Token(t.Context())
				require.ErrorIs(t, err, auth.ErrTokenStore)
				assert.Contains(t, err.Error(), "token store: load:")
				if mode == "hang" {
					assert.ErrorIs(t, err, context.DeadlineExceeded)
				} else {
					assert.ErrorIs(t, err, errStoreDown)
				}
				assert.Equal(t, 1, v.rotations(), "no refresh without the store")

				store.hang.Store(false)
				store.failLoad.Store(false)
				store.failCAS.Store(false)
				tok, err = c.Token(t.Context())
				require.NoError(t, err)
				assert.Equal(t, "access-2", tok.Value)
				v.assertEachSpentOnce(t)
			})
		})
	}
}

// A store that fails after the refresh (the refresh token is spent): the
// new token is used and kept, and written to the store once it answers, so
// the other replicas continue the chain.
func TestStoreFailsAfterRotation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &faultyStore{}
		v := newChain(10 * time.Minute)
		var once sync.Once
		fetch := func(ctx context.Context, prev auth.Token) (auth.Token, error) {
			tok, err := v.fetch(ctx, prev)
			if tok.Value == "access-2" {
				once.Do(func() { store.failCAS.Store(true); store.failLoad.Store(true) })
			}
			return tok, err
		}
		c := auth.NewCacheFrom(auth.CacheConfig{Fetch: fetch, Store: store, Identity: "chain", Rotating: true})
		other := v.cache(store, time.Minute)
		_, err := c.Token(t.Context())
		require.NoError(t, err)

		time.Sleep(9 * time.Minute)
		tok, err := c.Token(t.Context())
		require.NoError(t, err, "the store failing after the refresh does not fail the call")
		assert.Equal(t, "access-2", tok.Value)
		assert.Equal(t, "access-1", storedToken(t, &store.MemoryStore)["value"], "the store did not take it")

		// Served from memory while the store is down; written when it is back.
		time.Sleep(time.Minute)
		tok, err = c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", tok.Value)
		store.failCAS.Store(false)
		store.failLoad.Store(false)
		time.Sleep(5 * time.Second)
		_, err = c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", storedToken(t, &store.MemoryStore)["value"])
		assert.Equal(t, "refresh-2", storedToken(t, &store.MemoryStore)["extra"])

		tok, err = other.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", tok.Value)
		time.Sleep(9 * time.Minute)
		tok, err = other.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-3", tok.Value, "the other replica refreshes from the rotated token")
		v.assertEachSpentOnce(t)
	})
}

// Without rotation a failed store is no reason to fail: the Cache logs in
// on its own and shares again when the store is back.
func TestStoreFailsNonRotatingFallsBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &faultyStore{}
		store.hang.Store(true)
		f := &counter{}
		c := auth.NewCacheFrom(auth.CacheConfig{Fetch: func(ctx context.Context, _ auth.Token) (auth.Token, error) { return f.fetch(ctx) }, Store: store})
		start := time.Now()
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok-1", tok.Value)
		assert.Equal(t, auth.StoreTimeout, time.Since(start))
		store.hang.Store(false)
		c.Invalidate("tok-1")
		tok, err = c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok-2", tok.Value)
		assert.Equal(t, "tok-2", storedToken(t, &store.MemoryStore)["value"])
	})
}

// A fetch that changed the vendor's state and failed anyway (OnRefresh
// failed) leaves the new state, without the access token, in memory and in
// the store; the next fetch starts from it.
func TestStoreKeepsStateOfFailedFetch(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &auth.MemoryStore{}
		v := newChain(10 * time.Minute)
		hookErr := errors.New("OnRefresh failed")
		var failed atomic.Bool
		fetch := func(ctx context.Context, prev auth.Token) (auth.Token, error) {
			tok, err := v.fetch(ctx, prev)
			if err == nil && failed.CompareAndSwap(false, true) {
				return auth.Token{Value: tok.Value, Extra: tok.Extra}, hookErr
			}
			return tok, err
		}
		c := auth.NewCacheFrom(auth.CacheConfig{Fetch: fetch, Store: store, Identity: "chain", Rotating: true})
		_, err := c.Token(t.Context())
		require.ErrorIs(t, err, hookErr)
		_, ok := c.Peek()
		assert.False(t, ok, "the access token is dropped")
		st := storedToken(t, store)
		assert.Equal(t, "refresh-1", st["extra"])
		assert.Nil(t, st["value"])

		tok, err := v.cache(store, 0).Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-2", tok.Value, "another Cache continues from the stored state")
		v.assertEachSpentOnce(t)
	})
}

// A token the vendor rejected is not adopted again from the store.
func TestStoreDoesNotAdoptRejectedToken(t *testing.T) {
	store := &auth.MemoryStore{}
	v := newChain(time.Hour)
	a, b := v.cache(store, 0), v.cache(store, 0)
	tok, err := a.Token(t.Context())
	require.NoError(t, err)
	_, err = b.Token(t.Context())
	require.NoError(t, err)
	v.revoke()

	a.Invalidate(tok.Value)
	tok, err = a.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "access-2", tok.Value)
	b.Invalidate("access-1")
	tok, err = b.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "access-2", tok.Value, "b adopts a's replacement")
	assert.Equal(t, 2, v.rotations())
	v.assertEachSpentOnce(t)
}

func TestStoreInitialToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		v := newChain(10 * time.Minute)
		v.valid["saved-refresh"] = true
		c := auth.NewCacheFrom(auth.CacheConfig{Fetch: v.fetch, Rotating: true,
			Initial: auth.Token{Value: "saved-access", Expiry: time.Now().Add(5 * time.Minute), Extra: "saved-refresh"}})
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "saved-access", tok.Value)
		assert.Equal(t, 0, v.rotations())
		time.Sleep(5 * time.Minute)
		tok, err = c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-1", tok.Value)
		assert.Equal(t, 1, v.spent["saved-refresh"], "the refresh starts from the saved refresh token")
	})
}

func TestStoreRefusesOtherRecords(t *testing.T) {
	ctx := t.Context()
	other := &auth.MemoryStore{}
	_, err := auth.NewCacheFrom(auth.CacheConfig{Identity: "someone else", Store: other,
		Fetch: func(context.Context, auth.Token) (auth.Token, error) { return auth.Token{Value: "x"}, nil }}).Token(ctx)
	require.NoError(t, err)

	garbage := &auth.MemoryStore{}
	_, _ = garbage.CompareAndSwap(ctx, nil, []byte(`sekrit-not-json`))
	newer := &auth.MemoryStore{}
	_, _ = newer.CompareAndSwap(ctx, nil, []byte(`{"format":99}`))

	for name, tc := range map[string]struct {
		store    auth.TokenStore
		rotating bool
		want     string
	}{
		// Even a Cache that falls back to fetching when the store fails
		// does not paper over a mix-up.
		"other credentials": {other, false, "other credentials"},
		"not a record":      {garbage, true, "not a grantkit session record"},
		"newer format":      {newer, true, "format 99"},
	} {
		t.Run(name, func(t *testing.T) {
			var fetches atomic.Int32
			c := auth.NewCacheFrom(auth.CacheConfig{Identity: "me", Store: tc.store, Rotating: tc.rotating,
				Fetch: func(context.Context, auth.Token) (auth.Token, error) {
					fetches.Add(1)
					return auth.Token{Value: "y"}, nil
				}})
			_, err := c.Token(ctx)
			require.ErrorIs(t, err, auth.ErrTokenStore)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "sekrit")
			assert.Zero(t, fetches.Load())
		})
	}
}

// A refresh the store did not take leaves the only working refresh token
// in this Cache's memory: the next refresh starts from it, even when it
// comes before the Cache has written it back (a rejected access token
// right after the store recovered), and never from the spent one stored.
func TestStoreRefreshesFromUnwrittenRotation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &faultyStore{}
		v := newChain(10 * time.Minute)
		var once sync.Once
		fetch := func(ctx context.Context, prev auth.Token) (auth.Token, error) {
			tok, err := v.fetch(ctx, prev)
			if tok.Value == "access-2" {
				once.Do(func() { store.failCAS.Store(true); store.failLoad.Store(true) })
			}
			return tok, err
		}
		c := auth.NewCacheFrom(auth.CacheConfig{Fetch: fetch, Store: store, Identity: "chain", Rotating: true})
		_, err := c.Token(t.Context())
		require.NoError(t, err)

		time.Sleep(9 * time.Minute)
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		require.Equal(t, "access-2", tok.Value)
		require.Equal(t, "refresh-1", storedToken(t, &store.MemoryStore)["extra"], "the store missed the rotation")

		store.failCAS.Store(false)
		store.failLoad.Store(false)
		v.revoke()
		c.Invalidate("access-2")
		tok, err = c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-3", tok.Value)
		assert.Equal(t, "refresh-3", storedToken(t, &store.MemoryStore)["extra"])
		v.assertEachSpentOnce(t)
	})
}

// A caller that gives up while its refresh is under way does not keep the
// result from the store: the vendor has rotated, and the other Clients
// need the new refresh token.
func TestStoreTakesRefreshOfCallerWhoGaveUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := &auth.MemoryStore{}
		v := newChain(10 * time.Minute)
		ctx, cancel := context.WithCancel(t.Context())
		c := auth.NewCacheFrom(auth.CacheConfig{Store: store, Identity: "chain", Rotating: true,
			Fetch: func(fctx context.Context, prev auth.Token) (auth.Token, error) {
				tok, err := v.fetch(fctx, prev)
				cancel() // the answer is in, but the caller has gone
				return tok, err
			}})
		_, _ = c.Token(ctx)
		assert.Equal(t, "refresh-1", storedToken(t, store)["extra"])

		start := time.Now()
		tok, err := v.cache(store, 0).Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "access-1", tok.Value, "another Cache adopts it")
		assert.Zero(t, time.Since(start), "without waiting for a claim to lapse")
		v.assertEachSpentOnce(t)
	})
}
