package viviot_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
)

func listOK(t *testing.T, c *viviot.Client) {
	t.Helper()
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
}

// Restart: a new Client sharing the store sends the stored session (a JWT
// with its expiry, or the session cookies) and does not sign in while it is
// valid; after one of them signs in again, the other adopts that session.
func TestTokenStoreRestart(t *testing.T) {
	for _, mode := range []viviottest.AuthMode{viviottest.AuthBearer, viviottest.AuthCookies} {
		name := map[viviottest.AuthMode]string{viviottest.AuthBearer: "bearer", viviottest.AuthCookies: "cookies"}[mode]
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := viviottest.NewServer(t, viviottest.InMemory())
				srv.SetAuthMode(mode)
				store := &auth.MemoryStore{}
				first := newClient(t, srv, srv.Credentials(), viviot.WithTokenStore(store))
				listOK(t, first)
				require.Equal(t, 1, srv.AuthCount())

				time.Sleep(30 * time.Minute)
				restarted := newClient(t, srv, srv.Credentials(), viviot.WithTokenStore(store))
				for range 3 {
					listOK(t, restarted)
				}
				assert.Equal(t, 1, srv.AuthCount(), "the stored session serves the restarted Client")

				if mode == viviottest.AuthCookies {
					// Cookies carry no expiry: the session is replaced
					// when the server refuses it.
					srv.ExpireSessions()
				} else {
					time.Sleep(30 * time.Minute)
				}
				listOK(t, restarted)
				listOK(t, first)
				assert.Equal(t, 2, srv.AuthCount(), "one sign-in between the two Clients")
			})
		})
	}
}

func TestTokenStoreNeedsCredentials(t *testing.T) {
	_, err := viviot.NewClient(viviot.BearerToken("jwt"), viviot.WithTokenStore(&auth.MemoryStore{}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WithTokenStore needs Credentials")
}
