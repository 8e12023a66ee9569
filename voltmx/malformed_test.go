package voltmx_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// Answers that are valid JSON and a 2xx, but lack what the operation
// returns, fail as malformed (no vendor *Error: the server did not say no),
// and a create that got such an answer is not sent again.
func TestSuccessAnswersMissingTheResult(t *testing.T) {
	isPath := func(suffix string) func(*http.Request) bool {
		return func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, suffix) }
	}

	t.Run("create without an id", func(t *testing.T) {
		srv, c := newFake(t)
		srv.Inject(voltmxtest.Fault{Match: isPath("/accessmgmt/groups"), Status: http.StatusOK,
			Body: `{"message":"Details added successfully"}`, Apply: true})
		id, err := c.Groups.Create(t.Context(), &voltmx.CreateGroupParams{
			GroupName: "Ops", Email: "ops@example.com", PermissionIDs: []int64{1}, AppIDs: []string{},
		})
		require.ErrorIs(t, err, transport.ErrMalformedResponse)
		assert.ErrorContains(t, err, "no group id")
		assert.Zero(t, id)
		var apiErr *voltmx.Error
		assert.NotErrorAs(t, err, &apiErr)
		assert.Equal(t, 1, srv.AppliedCount("groups.create"), "sent once: the group exists, without its id")
	})

	t.Run("permission id that is not a number", func(t *testing.T) {
		srv, c := newFake(t)
		srv.Inject(voltmxtest.Fault{Match: isPath("/accessmgmt/permissions"), Status: http.StatusOK,
			Body: `{"total":2,"permissions":{"1":"DASHBOARD_ALL","ROLE_X":"CAMPAIGNS_ALL"}}`})
		perms, err := c.Permissions.List(t.Context())
		require.ErrorIs(t, err, transport.ErrMalformedResponse)
		assert.ErrorContains(t, err, `"ROLE_X"`)
		assert.Nil(t, perms)
	})

	t.Run("access token answer without the secret", func(t *testing.T) {
		srv := voltmxtest.NewServer(t)
		c := newClientFor(t, srv, srv.OAuthPair())
		srv.Inject(voltmxtest.Fault{Match: isPath("/oauth/accesstoken"), Status: http.StatusOK,
			Body: `{"AccessToken":"only-half"}`})
		_, err := c.Groups.Get(t.Context(), 1)
		require.ErrorIs(t, err, transport.ErrMalformedResponse)
		assert.ErrorContains(t, err, "no AccessToken or AccessSecret")
		assert.NotContains(t, err.Error(), "only-half", "a token in the answer is not quoted")
	})
}
