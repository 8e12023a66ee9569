package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

// The TokenStore contract, against a real Redis.
func TestStoreCompareAndSwap(t *testing.T) {
	addr := startRedis(t)
	ctx := t.Context()
	s := New(newRedis(t, addr), "session")

	got, err := s.Load(ctx)
	require.NoError(t, err)
	assert.Nil(t, got, "nothing stored")
	ok, err := s.CompareAndSwap(ctx, []byte("x"), []byte("a"))
	require.NoError(t, err)
	assert.False(t, ok, "old does not match an absent key")
	ok, err = s.CompareAndSwap(ctx, nil, []byte("a"))
	require.NoError(t, err)
	assert.True(t, ok)
	ok, _ = s.CompareAndSwap(ctx, nil, []byte("b"))
	assert.False(t, ok, "nil old: only if nothing is stored")
	ok, _ = s.CompareAndSwap(ctx, []byte("a"), []byte("b"))
	assert.True(t, ok)
	got, _ = s.Load(ctx)
	assert.Equal(t, "b", string(got))

	// Bytes round-trip exactly, whatever they hold.
	odd := []byte("{\"x\":\"\x00\xff\r\n\"}")
	ok, _ = s.CompareAndSwap(ctx, []byte("b"), odd)
	require.True(t, ok)
	got, _ = s.Load(ctx)
	assert.True(t, bytes.Equal(odd, got))

	// Of many swaps from the same old, through separate connections, one wins.
	stores := []*Store{s, New(newRedis(t, addr), "session"), New(newRedis(t, addr), "session")}
	var wins atomic.Int32
	var wg sync.WaitGroup
	for i := range 60 {
		wg.Go(func() {
			ok, err := stores[i%len(stores)].CompareAndSwap(ctx, odd, fmt.Appendf(nil, "c%d", i))
			assert.NoError(t, err)
			if ok {
				wins.Add(1)
			}
		})
	}
	wg.Wait()
	assert.Equal(t, int32(1), wins.Load())

	// Other keys are other sessions.
	other := New(newRedis(t, addr), "other")
	got, _ = other.Load(ctx)
	assert.Nil(t, got)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Load(cancelled)
	assert.ErrorIs(t, err, context.Canceled)
}

// rotations records the pairs OnRefresh saw, in the order the rotations
// happened.
type rotations struct {
	mu     sync.Mutex
	tokens []shares.Token
}

func (r *rotations) onRefresh(_ context.Context, t shares.Token) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.tokens = append(r.tokens, t)
	return nil
}

func (r *rotations) all() []shares.Token {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]shares.Token(nil), r.tokens...)
}

// grantFor is the OAuth2 grant every replica is deployed with.
func grantFor(refreshToken string, rec *rotations) *shares.OAuth2 {
	return &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
		RefreshToken: refreshToken, OnRefresh: rec.onRefresh}
}

func newClient(t *testing.T, srv *sharestest.Server, a shares.Auth, store *Store) *shares.Client {
	t.Helper()
	c, err := shares.NewClient(a, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()),
		shares.WithTokenStore(store))
	require.NoError(t, err)
	return c
}

// sentRefreshTokens returns the refresh_token of every token request, in
// the order the fake received them.
func sentRefreshTokens(t *testing.T, srv *sharestest.Server) []string {
	t.Helper()
	var out []string
	for _, r := range srv.Requests() {
		if r.Path != "/v2/oauth/token" {
			continue
		}
		form, err := url.ParseQuery(string(r.Body))
		require.NoError(t, err)
		out = append(out, form.Get("refresh_token"))
	}
	return out
}

// assertRotatedOnce checks that every token request was granted (no
// invalid_grant), that each spent the refresh token the previous rotation
// handed to OnRefresh (so every rotated token was handed on), and that none
// was sent twice (each rotation happened once).
func assertRotatedOnce(t *testing.T, srv *sharestest.Server, initial string, rec *rotations) {
	t.Helper()
	sent := sentRefreshTokens(t, srv)
	handed := rec.all()
	assert.Equal(t, len(sent), srv.AuthCount(), "every token request was granted: no invalid_grant")
	assert.Len(t, handed, len(sent), "each rotation reached OnRefresh once")
	want := []string{initial}
	for _, tok := range handed {
		want = append(want, tok.RefreshToken)
	}
	if assert.LessOrEqual(t, len(sent), len(want)) {
		assert.Equal(t, want[:len(sent)], sent, "each refresh spent the token the one before it handed on")
	}
}

// Restart over Redis: a new Client, with its own connection and the spent
// refresh token it was deployed with, makes no token request while the
// stored access token is valid.
func TestRedisRestart(t *testing.T) {
	addr := startRedis(t)
	srv := sharestest.NewServer(t)
	initial, rec := srv.AddRefreshToken(), &rotations{}
	first := newClient(t, srv, grantFor(initial, rec), New(newRedis(t, addr), "bold"))
	_, err := first.Shares.List(t.Context(), nil)
	require.NoError(t, err)
	require.Equal(t, 1, srv.AuthCount())

	restarted := newClient(t, srv, grantFor(initial, rec), New(newRedis(t, addr), "bold"))
	for range 3 {
		_, err := restarted.Shares.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, srv.AuthCount(), "no token request after the restart")
	assertRotatedOnce(t, srv, initial, rec)
}

// The replicas proof over Redis: four Clients, each with its own Redis
// connection and token cache as separate processes would have, 200
// goroutines across them for six seconds, and the fake's access tokens
// expiring every two seconds.
func TestRedisReplicasRotateOnce(t *testing.T) {
	addr := startRedis(t)
	srv := sharestest.NewServer(t)
	srv.SetTokenLifetime(2 * time.Second)
	initial, rec := srv.AddRefreshToken(), &rotations{}
	const replicas, goroutines = 4, 200
	clients := make([]*shares.Client, replicas)
	for i := range clients {
		clients[i] = newClient(t, srv, grantFor(initial, rec), New(newRedis(t, addr), "bold"))
	}
	const run = 6 * time.Second
	start := time.Now()
	var calls, failures atomic.Int32
	var wg sync.WaitGroup
	for g := range goroutines {
		c := clients[g%replicas]
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 0))
			for time.Since(start) < run {
				time.Sleep(time.Duration(100+rng.IntN(400)) * time.Millisecond)
				calls.Add(1)
				if _, err := c.Shares.List(t.Context(), nil); err != nil {
					failures.Add(1)
					t.Errorf("call failed: %v", err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	assert.Zero(t, failures.Load())
	assertRotatedOnce(t, srv, initial, rec)
	// A refresh per second of the two-second life (the Client replaces a
	// short-lived token halfway), not one per replica or per goroutine.
	rotated := srv.AuthCount()
	assert.GreaterOrEqual(t, rotated, int(elapsed/(2*time.Second)))
	assert.LessOrEqual(t, rotated, int(elapsed/time.Second)+2)
	t.Logf("%d calls in %s from %d Clients over Redis: %d token requests, %d rotations, %d handed to OnRefresh",
		calls.Load(), elapsed.Round(100*time.Millisecond), replicas, len(sentRefreshTokens(t, srv)), rotated, len(rec.all()))
}

// A Redis that is not there: the call fails clearly, and no refresh token
// is spent.
func TestRedisDown(t *testing.T) {
	down := newRedis(t, fmt.Sprintf("127.0.0.1:%d", freePort(t)))
	srv := sharestest.NewServer(t)
	c := newClient(t, srv, grantFor(srv.AddRefreshToken(), &rotations{}), New(down, "bold"))
	_, err := c.Shares.List(t.Context(), nil)
	require.ErrorIs(t, err, shares.ErrTokenStore)
	assert.Contains(t, err.Error(), "token store: load:")
	assert.Zero(t, srv.RequestCount(), "no refresh without the store")
}

// The example program runs against the test's Redis.
func TestRun(t *testing.T) {
	addr := startRedis(t)
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), addr, &out))
	assert.Contains(t, out.String(), "3 replicas listed shares with 1 token refresh between them")
	assert.Contains(t, out.String(), "token refreshes so far: 1")
	assert.NotContains(t, out.String(), sharestest.ClientSecret)
}
