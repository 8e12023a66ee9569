package alfaview_test

import (
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaviewv1 "github.com/grantkit/grantkit-go/alfaview"
	alfaviewv1test "github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/auth"
)

// Restart: a new Client sharing the store sends the stored access token and
// does not log in while it is valid; after it logged in again, the first
// Client adopts that token.
func TestTokenStoreRestart(t *testing.T) {
	for _, tc := range []struct {
		name   string
		creds  func(*alfaviewtest.Server) alfaview.Credentials
		secret string
	}{
		{"APIKeyCredentials", func(s *alfaviewtest.Server) alfaview.Credentials { return s.APIKeyCredentials() }, alfaviewtest.Key},
		{"PasswordCredentials", func(s *alfaviewtest.Server) alfaview.Credentials { return s.PasswordCredentials() }, alfaviewtest.Password},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
				store := &auth.MemoryStore{}
				list := func(c *alfaview.Client) {
					t.Helper()
					_, err := c.PermissionGroups.List(t.Context())
					require.NoError(t, err)
				}
				first := fakeClient(t, srv, tc.creds(srv), alfaview.WithTokenStore(store))
				list(first)
				require.Equal(t, 1, srv.AuthCount())

				time.Sleep(30 * time.Minute)
				restarted := fakeClient(t, srv, tc.creds(srv), alfaview.WithTokenStore(store))
				for range 3 {
					list(restarted)
				}
				assert.Equal(t, 1, srv.AuthCount(), "the stored token serves the restarted Client")

				time.Sleep(30 * time.Minute)
				list(restarted)
				list(first)
				assert.Equal(t, 2, srv.AuthCount(), "one login between the two Clients")

				stored, err := store.Load(t.Context())
				require.NoError(t, err)
				assert.NotContains(t, string(stored), tc.secret, "the store holds the token, never the credentials")
			})
		})
	}
}

// A store that holds the token of other credentials is refused, not used.
func TestTokenStoreOfOtherCredentials(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
		store := &auth.MemoryStore{}
		_, err := fakeClient(t, srv, srv.APIKeyCredentials(), alfaview.WithTokenStore(store)).Rooms.ListTypes(t.Context())
		require.NoError(t, err)
		_, err = fakeClient(t, srv, srv.PasswordCredentials(), alfaview.WithTokenStore(store)).Rooms.ListTypes(t.Context())
		assert.ErrorIs(t, err, alfaview.ErrTokenStore)
		assert.Equal(t, 1, srv.AuthCount())
	})
}

// A JSON v1 Client of the same API key names its session alike
// ("apikey", client id, company id): a store it filled by mistake is
// refused, and its token is never sent to the REST API v2.
func TestTokenStoreOfAJSONV1Client(t *testing.T) {
	v1srv := alfaviewv1test.NewServer(t)
	v1creds := v1srv.APIKeyCredentials()
	store := &auth.MemoryStore{}
	v1, err := alfaviewv1.NewClient(v1creds, append(v1srv.Options(), alfaviewv1.WithTokenStore(store))...)
	require.NoError(t, err)
	_, err = v1.PermissionGroups.List(t.Context())
	require.NoError(t, err)

	m := newMock(t)
	m.on("GET", "/v2/permission-groups", func(r *http.Request, _ string) {
		t.Errorf("sent Authorization %q", r.Header.Get("Authorization"))
	}, reply(200, `[]`))
	c := m.client(alfaview.APIKeyCredentials{ClientID: v1creds.ClientID, Key: "k", CompanyID: v1creds.CompanyID},
		alfaview.WithTokenStore(store))
	_, err = c.PermissionGroups.List(t.Context())
	assert.ErrorIs(t, err, alfaview.ErrTokenStore)
	assert.Zero(t, m.calls("GET", "/v2/permission-groups"))
}

func TestTokenStoreNeedsASession(t *testing.T) {
	_, err := alfaview.NewClient(alfaview.AccessToken("a-token-from-elsewhere"), alfaview.WithTokenStore(&auth.MemoryStore{}))
	require.ErrorIs(t, err, alfaview.ErrInvalidParams)
	assert.Contains(t, err.Error(), "WithTokenStore")
	assert.False(t, strings.Contains(err.Error(), "a-token-from-elsewhere"))
	_, err = alfaview.NewClient(apiKey, alfaview.WithTokenStore(nil))
	assert.NoError(t, err, "nil keeps the token in memory")
}
