package alfaview_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/auth"
)

// Restart: a new Client sharing the store sends the stored access token and
// does not authenticate while it is valid; after it authenticated again,
// the first Client adopts that token.
func TestTokenStoreRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
		store := &auth.MemoryStore{}
		list := func(c *alfaview.Client) {
			t.Helper()
			_, err := c.PermissionGroups.List(t.Context())
			require.NoError(t, err)
		}
		first := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithTokenStore(store))
		list(first)
		require.Equal(t, 1, srv.AuthCount())

		time.Sleep(30 * time.Minute)
		restarted := newClient(t, srv, srv.APIKeyCredentials(), alfaview.WithTokenStore(store))
		for range 3 {
			list(restarted)
		}
		assert.Equal(t, 1, srv.AuthCount(), "the stored token serves the restarted Client")

		time.Sleep(30 * time.Minute)
		list(restarted)
		list(first)
		assert.Equal(t, 2, srv.AuthCount(), "one authentication between the two Clients")
	})
}
