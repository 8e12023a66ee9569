package shares_test

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
)

func grant(refreshToken string, rec *refreshes) *shares.OAuth2 {
	return &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
		RefreshToken: refreshToken, OnRefresh: rec.onRefresh}
}

// tokenRequests counts the requests that reached the token endpoint.
func tokenRequests(srv *sharestest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == "/v2/oauth/token" {
			n++
		}
	}
	return n
}

// assertRotatedOnce checks the replicas' shared chain: every token request
// succeeded (no invalid_grant), each spent the refresh token the previous
// refresh handed to OnRefresh, and none was sent twice.
func assertRotatedOnce(t *testing.T, srv *sharestest.Server, initial string, rec *refreshes) {
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
	seen := map[string]bool{}
	for _, s := range sent {
		assert.False(t, seen[s], "refresh token sent twice")
		seen[s] = true
	}
}

func listOK(t *testing.T, c *shares.Client) {
	t.Helper()
	_, err := c.Shares.List(t.Context(), nil)
	require.NoError(t, err)
}

// Restart: a new Client sharing the store sends the stored access token
// and makes no token request while it is valid, although the refresh
// token it was configured with is spent; it then refreshes from the
// stored chain.
func TestTokenStoreRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := sharestest.NewServer(t, sharestest.InMemory())
		srv.SetTokenLifetime(time.Hour)
		store := &auth.MemoryStore{}
		initial, rec := srv.AddRefreshToken(), &refreshes{}

		first := newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
		listOK(t, first)
		require.Equal(t, 1, tokenRequests(srv))

		time.Sleep(30 * time.Minute)
		restarted := newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
		for range 3 {
			listOK(t, restarted)
		}
		assert.Equal(t, 1, tokenRequests(srv), "the stored access token serves the restarted Client")

		time.Sleep(30 * time.Minute)
		listOK(t, restarted)
		listOK(t, first)
		assert.Equal(t, 2, tokenRequests(srv))
		assertRotatedOnce(t, srv, initial, rec)
	})
}

// Restart without a store: the pair OnRefresh saved, passed back as
// OAuth2.Token, is used until it is due, and its refresh token is spent
// then.
func TestOAuth2StartsFromSavedToken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := sharestest.NewServer(t, sharestest.InMemory())
		srv.SetTokenLifetime(time.Hour)
		initial, rec := srv.AddRefreshToken(), &refreshes{}
		listOK(t, newClient(t, srv, grant(initial, rec)))
		saved, err := json.Marshal(rec.all()[0])
		require.NoError(t, err)

		var tok shares.Token
		require.NoError(t, json.Unmarshal(saved, &tok))
		restarted := newClient(t, srv, &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret,
			Token: &tok, OnRefresh: rec.onRefresh})
		listOK(t, restarted)
		assert.Equal(t, 1, tokenRequests(srv), "no refresh while the saved access token is valid")

		time.Sleep(time.Hour)
		listOK(t, restarted)
		assert.Equal(t, 2, tokenRequests(srv))
		assertRotatedOnce(t, srv, initial, rec)
	})
}

// The replicas proof: four Clients sharing one store, each with its own
// memory as separate processes would have, 200 goroutines across them,
// access tokens expiring every ten minutes for an hour.
func TestTokenStoreReplicas(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := sharestest.NewServer(t, sharestest.InMemory())
		srv.SetTokenLifetime(10 * time.Minute)
		store := &auth.MemoryStore{}
		initial, rec := srv.AddRefreshToken(), &refreshes{}
		const replicas, goroutines = 4, 200
		clients := make([]*shares.Client, replicas)
		for i := range clients {
			clients[i] = newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
		}
		start := time.Now()
		var calls, failures atomic.Int32
		var wg sync.WaitGroup
		for g := range goroutines {
			c := clients[g%replicas]
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(g), 16))
				for range 15 {
					time.Sleep(time.Duration(rng.IntN(480)) * time.Second)
					calls.Add(1)
					if _, err := c.Shares.List(t.Context(), nil); err != nil {
						failures.Add(1)
						t.Errorf("call failed: %v", err)
					}
				}
			})
		}
		wg.Wait()

		assert.Zero(t, failures.Load())
		assertRotatedOnce(t, srv, initial, rec)
		// A refresh per 9 minutes of token life, not one per replica.
		want := 1 + int(time.Since(start)/(9*time.Minute))
		assert.InDelta(t, want, srv.AuthCount(), 1, "rotations in %s", time.Since(start))
		t.Logf("%d calls over %s from %d Clients: %d token requests, %d rotations, %d handed to OnRefresh",
			calls.Load(), time.Since(start).Round(time.Minute), replicas, tokenRequests(srv), srv.AuthCount(), len(rec.all()))
	})
}

// brokenStore is a TokenStore whose failures the test switches on: errors,
// or calls that hang until their context ends.
type brokenStore struct {
	auth.MemoryStore
	fail, hang atomic.Bool
}

var errStoreDown = errors.New("store down")

func (s *brokenStore) Load(ctx context.Context) ([]byte, error) {
	if err := s.broken(ctx); err != nil {
		return nil, err
	}
	return s.MemoryStore.Load(ctx)
}

func (s *brokenStore) CompareAndSwap(ctx context.Context, old, new []byte) (bool, error) {
	if err := s.broken(ctx); err != nil {
		return false, err
	}
	return s.MemoryStore.CompareAndSwap(ctx, old, new)
}

func (s *brokenStore) broken(ctx context.Context) error {
	if s.hang.Load() {
		<-ctx.Done()
		return ctx.Err()
	}
	if s.fail.Load() {
		return errStoreDown
	}
	return nil
}

// A store that fails or hangs when a refresh is due: the call fails
// clearly, and nothing is spent; once it answers, the chain goes on.
func TestTokenStoreFailsBeforeRefresh(t *testing.T) {
	for _, mode := range []string{"error", "hang"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := sharestest.NewServer(t, sharestest.InMemory())
				store := &brokenStore{}
				if mode == "hang" {
					store.hang.Store(true)
				} else {
					store.fail.Store(true)
				}
				initial, rec := srv.AddRefreshToken(), &refreshes{}
				c := newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
				start := time.Now()
				_, err := c.Shares.List(t.Context(), nil)
				require.ErrorIs(t, err, shares.ErrTokenStore)
				assert.Contains(t, err.Error(), "token store")
				if mode == "hang" {
					assert.ErrorIs(t, err, context.DeadlineExceeded)
					assert.Equal(t, auth.StoreTimeout, time.Since(start), "a hanging store costs StoreTimeout, not the caller's whole deadline")
				} else {
					assert.ErrorIs(t, err, errStoreDown)
				}
				assert.Zero(t, srv.RequestCount(), "no refresh and no API call without the store")

				store.hang.Store(false)
				store.fail.Store(false)
				listOK(t, c)
				assertRotatedOnce(t, srv, initial, rec)
			})
		})
	}
}

// A store that fails right after a refresh spent the refresh token: the
// call succeeds, OnRefresh has the new pair, the Client keeps using it, and
// the store gets it once it answers, so another replica continues the chain.
func TestTokenStoreFailsAfterRefresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := sharestest.NewServer(t, sharestest.InMemory())
		srv.SetTokenLifetime(time.Hour)
		store := &brokenStore{}
		initial := srv.AddRefreshToken()
		rec := &refreshes{check: func(shares.Token) { store.fail.Store(true) }}
		c := newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
		listOK(t, c)
		require.Len(t, rec.all(), 1)
		listOK(t, c)

		store.fail.Store(false)
		time.Sleep(10 * time.Second)
		rec.check = nil
		listOK(t, c) // writes the pending pair
		other := newClient(t, srv, grant(initial, rec), shares.WithTokenStore(store))
		listOK(t, other)
		assert.Equal(t, 1, tokenRequests(srv), "the other replica uses the written pair")

		time.Sleep(time.Hour)
		listOK(t, other)
		assert.Equal(t, 2, tokenRequests(srv))
		assertRotatedOnce(t, srv, initial, rec)
	})
}

// After the chain in the store died and the account was authorized again,
// the Client falls back from the stored refresh token to the new one it
// was configured with.
func TestTokenStoreReauthorizedGrant(t *testing.T) {
	srv := sharestest.NewServer(t)
	store := &auth.MemoryStore{}
	rec := &refreshes{}
	listOK(t, newClient(t, srv, grant(srv.AddRefreshToken(), rec), shares.WithTokenStore(store)))
	// Someone spends the stored refresh token outside the store.
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rec.all()[0].RefreshToken},
		"client_id": {sharestest.ClientID}, "client_secret": {sharestest.ClientSecret}}
	resp, err := srv.Client().PostForm(srv.URL+"/v2/oauth/token", form)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	srv.ExpireSessions()

	fresh := srv.AddRefreshToken()
	c := newClient(t, srv, grant(fresh, rec), shares.WithTokenStore(store))
	listOK(t, c)
	sent := sentRefreshTokens(t, srv)
	assert.Equal(t, fresh, sent[len(sent)-1])
	assert.Equal(t, rec.all()[0].RefreshToken, sent[len(sent)-2], "the stored token was tried first")
}

func TestTokenStoreOptionChecks(t *testing.T) {
	store := &auth.MemoryStore{}
	_, err := shares.NewClient(shares.BearerToken("key"), shares.WithTokenStore(store))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithTokenStore needs OAuth2")

	for name, tc := range map[string]struct {
		o    shares.OAuth2
		want string
	}{
		"differing refresh tokens": {shares.OAuth2{RefreshToken: "a", Token: &shares.Token{RefreshToken: "b"}}, "differ"},
		"token without refresh":    {shares.OAuth2{Token: &shares.Token{AccessToken: "x"}}, "OAuth2.Token.RefreshToken is empty"},
		"bad access token":         {shares.OAuth2{Token: &shares.Token{AccessToken: "x y", RefreshToken: "b"}}, "OAuth2.Token.AccessToken contains spaces"},
	} {
		t.Run(name, func(t *testing.T) {
			tc.o.ClientID, tc.o.ClientSecret = "c", "s"
			_, err := shares.NewClient(&tc.o)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.False(t, strings.Contains(err.Error(), "x y"), "the token is not quoted")
		})
	}
	same := shares.OAuth2{ClientID: "c", ClientSecret: "s", RefreshToken: "b", Token: &shares.Token{RefreshToken: "b"}}
	_, err = shares.NewClient(&same)
	require.NoError(t, err)
}
