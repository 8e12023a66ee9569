package alfaviewtest_test

import (
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// Options and the credential accessors are all a client needs, over TCP and
// InMemory alike.
func TestClientOptions(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	for _, creds := range []alfaview.Credentials{srv.APIKeyCredentials(), srv.PasswordCredentials()} {
		c, err := alfaview.NewClient(creds, srv.Options()...)
		require.NoError(t, err)
		info, err := c.Auth.TokenInfo(t.Context())
		require.NoError(t, err, "%v", creds)
		assert.True(t, info.Active)
	}
	assert.Equal(t, 2, srv.AuthCount())

	synctest.Test(t, func(t *testing.T) {
		srv := alfaviewtest.NewServer(t, alfaviewtest.InMemory())
		c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
		require.NoError(t, err)
		groups, err := c.PermissionGroups.List(t.Context())
		require.NoError(t, err)
		assert.Len(t, groups, 4)
	})
}

// Server.AccessToken issues a token without a login, for a client that is
// given one.
func TestAccessTokenAccessor(t *testing.T) {
	srv := alfaviewtest.NewServer(t)
	tok := srv.AccessToken()
	assert.NotEqual(t, tok, srv.AccessToken(), "a new token each time")
	c, err := alfaview.NewClient(tok, srv.Options()...)
	require.NoError(t, err)
	info, err := c.Auth.TokenInfo(t.Context())
	require.NoError(t, err)
	assert.True(t, info.Active)
	assert.True(t, info.Permissions.RoomAdmin)
	assert.Zero(t, srv.AuthCount(), "no login counted")

	srv.ExpireSessions()
	_, err = c.Rooms.ListTypes(t.Context())
	assert.ErrorIs(t, err, alfaview.ErrUnauthorized, "it expires like any other token, and the client cannot renew it")
}
