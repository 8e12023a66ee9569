package auth_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/auth"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// clock is a settable time source for the cache.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// counter hands out tok-1, tok-2, … living life each (zero: no expiry).
type counter struct {
	n     atomic.Int32
	clock *clock
	life  time.Duration
}

func (f *counter) fetch(context.Context) (auth.Token, error) {
	n := f.n.Add(1)
	t := auth.Token{Value: fmt.Sprintf("tok-%d", n)}
	if f.life != 0 {
		t.Expiry = f.clock.now().Add(f.life)
	}
	return t, nil
}

func TestCacheSingleFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var fetches atomic.Int32
		release := make(chan struct{})
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			fetches.Add(1)
			<-release
			return auth.Token{Value: "tok"}, nil
		}, time.Minute, nil)

		const n = 100
		var wg sync.WaitGroup
		got := make([]string, n)
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				tok, err := c.Token(t.Context())
				got[i], errs[i] = tok.Value, err
			})
		}
		// Every goroutine is now either the one fetch or waiting for it.
		synctest.Wait()
		assert.Equal(t, int32(1), fetches.Load())
		close(release)
		wg.Wait()

		assert.Equal(t, int32(1), fetches.Load())
		for i := range n {
			require.NoError(t, errs[i])
			assert.Equal(t, "tok", got[i])
		}
	})
}

// The same without a bubble, for the race detector's benefit: goroutines
// arrive at different times, and still one fetch serves them all.
func TestCacheSingleFlightRace(t *testing.T) {
	var fetches atomic.Int32
	release := make(chan struct{})
	c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
		fetches.Add(1)
		<-release
		return auth.Token{Value: "tok", Expiry: time.Now().Add(time.Hour)}, nil
	}, time.Minute, nil)
	const n = 100
	var wg sync.WaitGroup
	var started sync.WaitGroup
	started.Add(n)
	for range n {
		wg.Go(func() {
			started.Done()
			tok, err := c.Token(context.Background())
			assert.NoError(t, err)
			assert.Equal(t, "tok", tok.Value)
		})
	}
	started.Wait()
	close(release)
	wg.Wait()
	assert.Equal(t, int32(1), fetches.Load())
}

func TestCacheLazy(t *testing.T) {
	f := &counter{}
	c := auth.NewCache(f.fetch, 0, nil)
	_, ok := c.Peek()
	assert.False(t, ok)
	assert.Equal(t, int32(0), f.n.Load(), "no fetch before the first Token")
	tok, err := c.Token(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "tok-1", tok.Value)
	for range 10 {
		tok, err = c.Token(t.Context())
		require.NoError(t, err)
	}
	assert.Equal(t, "tok-1", tok.Value, "a token without expiry is kept")
	assert.Equal(t, int32(1), f.n.Load())
}

func TestCacheRefreshesMarginBeforeExpiry(t *testing.T) {
	clk := newClock()
	f := &counter{clock: clk, life: 10 * time.Minute}
	c := auth.NewCache(f.fetch, time.Minute, clk.now)

	steps := []struct {
		advance time.Duration
		want    string
	}{
		{0, "tok-1"},
		{5 * time.Minute, "tok-1"},
		{3*time.Minute + 59*time.Second, "tok-1"}, // 8m59s: 1m01s left
		{time.Second, "tok-2"},                    // 9m00s: margin reached
		{time.Minute, "tok-2"},                    // tok-2 has 9m left
		{8 * time.Minute, "tok-3"},
	}
	for i, s := range steps {
		clk.advance(s.advance)
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, s.want, tok.Value, "step %d", i)
	}
	assert.Equal(t, int32(3), f.n.Load())
}

func TestCacheDefaultMargin(t *testing.T) {
	clk := newClock()
	f := &counter{clock: clk, life: time.Hour}
	c := auth.NewCache(f.fetch, 0, clk.now)
	_, _ = c.Token(t.Context())
	clk.advance(time.Hour - auth.DefaultMargin - time.Second)
	tok, _ := c.Token(t.Context())
	assert.Equal(t, "tok-1", tok.Value)
	clk.advance(time.Second)
	tok, _ = c.Token(t.Context())
	assert.Equal(t, "tok-2", tok.Value)
}

// A token that lives shorter than the margin is still used for a while
// instead of being fetched again on every call.
func TestCacheShortLivedTokenIsReused(t *testing.T) {
	clk := newClock()
	f := &counter{clock: clk, life: 30 * time.Second}
	c := auth.NewCache(f.fetch, 5*time.Minute, clk.now)
	for range 5 {
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok-1", tok.Value)
		clk.advance(time.Second)
	}
	assert.Equal(t, int32(1), f.n.Load())
	clk.advance(20 * time.Second) // 25s of 30s gone
	tok, _ := c.Token(t.Context())
	assert.Equal(t, "tok-2", tok.Value)
}

func TestCacheExpiredTokenIsReplaced(t *testing.T) {
	clk := newClock()
	f := &counter{clock: clk, life: -time.Second}
	c := auth.NewCache(f.fetch, time.Minute, clk.now)
	a, _ := c.Token(t.Context())
	b, _ := c.Token(t.Context())
	assert.NotEqual(t, a.Value, b.Value, "a token that arrived expired is not kept")
}

func TestCacheInvalidate(t *testing.T) {
	clk := newClock()
	f := &counter{clock: clk, life: 10 * time.Minute}
	c := auth.NewCache(f.fetch, time.Minute, clk.now)

	tok, _ := c.Token(t.Context())
	require.Equal(t, "tok-1", tok.Value)
	clk.advance(9 * time.Minute)
	tok, _ = c.Token(t.Context())
	require.Equal(t, "tok-2", tok.Value)

	// A request that carried tok-1 is rejected late: the newer token stays.
	c.Invalidate("tok-1")
	cur, ok := c.Peek()
	require.True(t, ok)
	assert.Equal(t, "tok-2", cur.Value)
	tok, _ = c.Token(t.Context())
	assert.Equal(t, "tok-2", tok.Value)
	assert.Equal(t, int32(2), f.n.Load())

	// The current token rejected: the next caller fetches a new one, and
	// many callers that saw the same rejection cause one fetch.
	for range 5 {
		c.Invalidate("tok-2")
	}
	_, ok = c.Peek()
	assert.False(t, ok)
	tok, _ = c.Token(t.Context())
	assert.Equal(t, "tok-3", tok.Value)
	c.Invalidate("tok-2")
	tok, _ = c.Token(t.Context())
	assert.Equal(t, "tok-3", tok.Value)
	assert.Equal(t, int32(3), f.n.Load())
}

func TestCacheLeaderCancelledFollowerTakesOver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var fetches atomic.Int32
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			if fetches.Add(1) == 1 {
				<-ctx.Done()
				return auth.Token{}, fmt.Errorf("login: %w", ctx.Err())
			}
			return auth.Token{Value: "tok"}, nil
		}, 0, nil)

		leaderCtx, cancelLeader := context.WithCancel(t.Context())
		leaderErr := make(chan error, 1)
		go func() {
			_, err := c.Token(leaderCtx)
			leaderErr <- err
		}()
		synctest.Wait() // the leader is fetching
		followerTok := make(chan auth.Token, 1)
		followerErr := make(chan error, 1)
		go func() {
			tok, err := c.Token(t.Context())
			followerTok <- tok
			followerErr <- err
		}()
		synctest.Wait() // the follower waits for the leader
		assert.Equal(t, int32(1), fetches.Load())

		cancelLeader()
		assert.ErrorIs(t, <-leaderErr, context.Canceled)
		require.NoError(t, <-followerErr, "the follower's context is alive: it must not inherit the leader's cancellation")
		assert.Equal(t, "tok", (<-followerTok).Value)
		assert.Equal(t, int32(2), fetches.Load())
	})
}

func TestCacheFollowerCancelledReturnsPromptly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			<-release
			return auth.Token{Value: "tok"}, nil
		}, 0, nil)
		leader := make(chan error, 1)
		go func() {
			_, err := c.Token(t.Context())
			leader <- err
		}()
		synctest.Wait()
		ctx, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.Token(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Second, time.Since(start))
		close(release)
		require.NoError(t, <-leader)
		tok, ok := c.Peek()
		assert.True(t, ok)
		assert.Equal(t, "tok", tok.Value)
	})
}

func TestCacheFetchErrorShared(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		boom := errors.New("login refused")
		var fetches atomic.Int32
		release := make(chan struct{})
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			fetches.Add(1)
			<-release
			return auth.Token{}, boom
		}, 0, nil)
		const n = 10
		errs := make(chan error, n)
		for range n {
			go func() {
				_, err := c.Token(t.Context())
				errs <- err
			}()
		}
		synctest.Wait()
		close(release)
		for range n {
			assert.ErrorIs(t, <-errs, boom)
		}
		assert.Equal(t, int32(1), fetches.Load())

		// A failure is not cached: the next caller tries again.
		_, err := c.Token(t.Context())
		assert.ErrorIs(t, err, boom)
		assert.Equal(t, int32(2), fetches.Load())
	})
}

func TestCacheFetchPanicReleasesWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var fetches atomic.Int32
		release := make(chan struct{})
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			if fetches.Add(1) == 1 {
				<-release
				panic("decoder bug")
			}
			return auth.Token{Value: "tok"}, nil
		}, 0, nil)

		panicked := make(chan any, 1)
		go func() {
			defer func() { panicked <- recover() }()
			_, _ = c.Token(t.Context())
		}()
		synctest.Wait()
		const n = 5
		errs := make(chan error, n)
		for range n {
			go func() {
				_, err := c.Token(t.Context())
				errs <- err
			}()
		}
		synctest.Wait()
		close(release)
		assert.Equal(t, "decoder bug", <-panicked, "the panic goes on up the leader's stack")
		for range n {
			err := <-errs
			require.Error(t, err)
			assert.Contains(t, err.Error(), "panic")
		}
		tok, err := c.Token(t.Context())
		require.NoError(t, err)
		assert.Equal(t, "tok", tok.Value)
	})
}

func TestTokenPrintsRedacted(t *testing.T) {
	tok := auth.Token{Value: "sekrit-token", Expiry: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Extra: "sekrit-extra"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{tok, &tok} {
			s := fmt.Sprintf(verb, v)
			assert.NotContains(t, s, "sekrit", verb)
		}
	}
	c := auth.NewCache(func(context.Context) (auth.Token, error) { return tok, nil }, 0, nil)
	_, _ = c.Token(t.Context())
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), "sekrit", verb)
	}
}

// A fetch that times out on its own (the login's HTTP timeout) while the
// leader's context is alive is a failure like any other: the waiters share
// it instead of each retrying in turn, one full timeout after another.
func TestCacheFetchTimeoutShared(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var fetches atomic.Int32
		c := auth.NewCache(func(ctx context.Context) (auth.Token, error) {
			fetches.Add(1)
			fctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			defer cancel()
			<-fctx.Done()
			return auth.Token{}, fmt.Errorf("login: %w", fctx.Err())
		}, 0, nil)
		const n = 10
		errs := make(chan error, n)
		for range n {
			go func() {
				_, err := c.Token(t.Context())
				errs <- err
			}()
		}
		start := time.Now()
		for range n {
			assert.ErrorIs(t, <-errs, context.DeadlineExceeded)
		}
		assert.Equal(t, int32(1), fetches.Load())
		assert.Equal(t, 30*time.Second, time.Since(start))
	})
}
