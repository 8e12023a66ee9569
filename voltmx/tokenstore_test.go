package voltmx_test

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

func permissionsOK(t *testing.T, c *voltmx.Client) {
	t.Helper()
	_, err := c.Permissions.List(t.Context())
	require.NoError(t, err)
}

// Restart: a new Client sharing the store sends the stored claims token
// (or OAuth pair) and does not log in while it is valid; the first Client
// then adopts the replacement the second one fetched.
func TestTokenStoreRestart(t *testing.T) {
	for _, mode := range []string{"claims", "oauth"} {
		t.Run(mode, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := voltmxtest.NewServer(t, voltmxtest.InMemory())
				var creds voltmx.Auth = srv.ClaimsLogin()
				if mode == "oauth" {
					creds = srv.OAuthPair()
				}
				store := &auth.MemoryStore{}
				first := newClientFor(t, srv, creds, voltmx.WithTokenStore(store))
				permissionsOK(t, first)
				require.Equal(t, 1, srv.AuthCount())

				time.Sleep(30 * time.Minute)
				restarted := newClientFor(t, srv, creds, voltmx.WithTokenStore(store))
				for range 3 {
					permissionsOK(t, restarted)
				}
				assert.Equal(t, 1, srv.AuthCount(), "the stored session serves the restarted Client")

				if mode == "oauth" {
					// The pair has no announced expiry: it is replaced
					// when the server refuses it.
					srv.ExpireSessions()
				} else {
					time.Sleep(30 * time.Minute)
				}
				permissionsOK(t, restarted)
				permissionsOK(t, first)
				assert.Equal(t, 2, srv.AuthCount(), "one login between the two Clients")
			})
		})
	}
}

// A fleet restarting together logs in once, not once per replica.
func TestTokenStoreFleetLogsInOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := voltmxtest.NewServer(t, voltmxtest.InMemory())
		store := &auth.MemoryStore{}
		var wg sync.WaitGroup
		for range 5 {
			c := newClientFor(t, srv, srv.ClaimsLogin(), voltmx.WithTokenStore(store))
			for range 20 {
				wg.Go(func() { permissionsOK(t, c) })
			}
		}
		wg.Wait()
		assert.Equal(t, 1, srv.AuthCount())
	})
}

// hangingStore answers no call until its context ends.
type hangingStore struct{}

func (hangingStore) Load(ctx context.Context) ([]byte, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (hangingStore) CompareAndSwap(ctx context.Context, _, _ []byte) (bool, error) {
	<-ctx.Done()
	return false, ctx.Err()
}

// A store that hangs costs a login of the Client's own, not the call.
func TestTokenStoreHangingFallsBackToLogin(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := voltmxtest.NewServer(t, voltmxtest.InMemory())
		c := newClientFor(t, srv, srv.ClaimsLogin(), voltmx.WithTokenStore(hangingStore{}))
		start := time.Now()
		permissionsOK(t, c)
		assert.Equal(t, auth.StoreTimeout, time.Since(start))
		permissionsOK(t, c)
		assert.Equal(t, 1, srv.AuthCount())
	})
}

func TestTokenStoreNeedsSession(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	_, err := voltmx.NewClient(srv.URL, srv.BasicAuth(), voltmx.WithTokenStore(&auth.MemoryStore{}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithTokenStore needs a ClaimsLogin or OAuthPair")
}

// One store for two users' sessions is a mistake the Client reports.
func TestTokenStoreOfOtherCredentials(t *testing.T) {
	srv := voltmxtest.NewServer(t)
	store := &auth.MemoryStore{}
	permissionsOK(t, newClientFor(t, srv, srv.ClaimsLogin(), voltmx.WithTokenStore(store)))
	other := srv.ClaimsLogin()
	other.UserID = "someone-else"
	c := newClientFor(t, srv, other, voltmx.WithTokenStore(store))
	_, err := c.Permissions.List(t.Context())
	require.ErrorIs(t, err, voltmx.ErrTokenStore)
	assert.Contains(t, err.Error(), "other credentials")
}
