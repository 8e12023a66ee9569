package alfaview_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

func TestLoginIsLazyAndCached(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/room-types", nil, reply(200, `[]`))
	c := m.client(apiKey)
	assert.Zero(t, m.logins(), "NewClient sends nothing")
	for range 3 {
		_, err := c.Rooms.ListTypes(context.Background())
		require.NoError(t, err)
	}
	assert.Equal(t, 1, m.logins())
	assert.Equal(t, 3, m.calls("GET", "/v2/room-types"))
}

// Tokens live one hour and the login answer says nothing about it: the
// Client logs in again shortly before the hour is up, counted from before
// the login was sent.
func TestTokenRenewedBeforeItsHourEnds(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2030, 1, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

	m := newMock(t)
	var seen []string
	m.on("GET", "/v2/room-types", func(r *http.Request, _ string) { seen = append(seen, r.Header.Get("Authorization")) }, reply(200, `[]`))
	c := m.client(apiKey, alfaview.WithClock(clock))
	call := func() {
		t.Helper()
		_, err := c.Rooms.ListTypes(context.Background())
		require.NoError(t, err)
	}
	call()
	advance(58 * time.Minute)
	call()
	assert.Equal(t, 1, m.logins(), "58 minutes in, the token is still used")
	advance(90 * time.Second)
	call()
	assert.Equal(t, 2, m.logins(), "a minute before the hour ends, a new token")
	assert.Equal(t, []string{"token-1", "token-1", "token-2"}, seen)
}

// However many goroutines need a token at once, one login runs.
func TestOneLoginForConcurrentCalls(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newMock(t)
		gate := make(chan struct{})
		var logins atomic.Int32
		m.loginReply = func(int, string) (int, string) {
			logins.Add(1)
			<-gate
			return 200, `{"accessToken":"token-1"}`
		}
		m.on("GET", "/v2/room-types", func(r *http.Request, _ string) {
			assert.Equal(t, "token-1", r.Header.Get("Authorization"))
		}, reply(200, `[]`))
		c := m.client(apiKey)
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				_, err := c.Rooms.ListTypes(context.Background())
				assert.NoError(t, err)
			})
		}
		synctest.Wait() // one goroutine in the login, nineteen waiting for it
		assert.EqualValues(t, 1, logins.Load())
		close(gate)
		wg.Wait()
		assert.Equal(t, 1, m.logins())
		assert.Equal(t, 20, m.calls("GET", "/v2/room-types"))
	})
}

// A 401 means the token was refused: log in again and replay once. The
// refused call did nothing, so even a create is replayed.
func TestUnauthorizedLogsInAgainAndReplaysOnce(t *testing.T) {
	m := newMock(t)
	var seen []string
	m.on("POST", "/v2/rooms", func(r *http.Request, _ string) { seen = append(seen, r.Header.Get("Authorization")) },
		reply(401, `{"title":"Unauthorized","status":401,"detail":"token expired"}`), reply(201, `{"id":"r-new"}`))
	id, err := m.client(apiKey).Rooms.Create(context.Background(), &alfaview.RoomCreate{DisplayName: "Lab", Type: alfaview.RoomTypeRoom})
	require.NoError(t, err)
	assert.Equal(t, "r-new", id)
	assert.Equal(t, []string{"token-1", "token-2"}, seen)
	assert.Equal(t, 2, m.logins())
}

func TestUnauthorizedTwiceIsReturned(t *testing.T) {
	m := newMock(t)
	m.on("GET", "/v2/rooms/r1", nil, reply(401, `{"title":"Unauthorized","status":401,"detail":"token expired"}`))
	_, err := m.client(apiKey).Rooms.Get(context.Background(), "r1")
	require.ErrorIs(t, err, alfaview.ErrUnauthorized)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 401, e.StatusCode)
	assert.Equal(t, "token expired", e.Detail)
	assert.Equal(t, 2, m.calls("GET", "/v2/rooms/r1"), "one replay, not a loop")
	assert.Equal(t, 2, m.logins())
}

// Other refusals are not the token's fault: no second login.
func TestForbiddenIsNotReplayed(t *testing.T) {
	m := newMock(t)
	m.on("DELETE", "/v2/rooms/r1", nil, reply(403, `{"title":"Forbidden","status":403,"detail":"managed room"}`))
	err := m.client(apiKey).Rooms.Delete(context.Background(), "r1")
	require.ErrorIs(t, err, alfaview.ErrForbidden)
	assert.Equal(t, 1, m.calls("DELETE", "/v2/rooms/r1"))
	assert.Equal(t, 1, m.logins())
}

func TestRejectedLogin(t *testing.T) {
	m := newMock(t)
	m.loginReply = func(int, string) (int, string) {
		// The server quotes the key back; the error must not.
		return 401, `{"title":"Unauthorized","status":401,"detail":"invalid api key k3y-s3cr3t-value",` +
			`"errors":[{"location":"body.key","message":"unknown key","value":"k3y-s3cr3t-value"}]}`
	}
	m.on("GET", "/v2/room-types", nil, reply(200, `[]`))
	_, err := m.client(apiKey).Rooms.ListTypes(context.Background())
	require.ErrorIs(t, err, alfaview.ErrUnauthorized)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e, "the login's answer is reachable")
	assert.Equal(t, "auth.apiKey", e.Op)
	assert.Equal(t, "[REDACTED]", e.Details[0].Value)
	assert.NotContains(t, err.Error(), apiKey.Key)
	assert.NotContains(t, e.Detail, apiKey.Key)
	assert.Equal(t, 1, strings.Count(err.Error(), "alfaview"), "the vendor is named once: %s", err)
	assert.Zero(t, m.calls("GET", "/v2/room-types"))
	assert.Equal(t, 1, m.logins(), "a refused login is not retried")
}

func TestLoginAnswerWithoutToken(t *testing.T) {
	m := newMock(t)
	m.loginReply = func(int, string) (int, string) { return 200, `{"accessToken":""}` }
	_, err := m.client(apiKey).Rooms.ListTypes(context.Background())
	require.ErrorIs(t, err, alfaview.ErrMalformedResponse)
}

// An AccessToken is sent as it is: no login, and a 401 is the caller's to
// handle.
func TestAccessTokenIsSentAsIsAndNeverRenewed(t *testing.T) {
	m := newMock(t)
	var seen []string
	m.on("GET", "/v2/auth/token-info", func(r *http.Request, _ string) { seen = append(seen, r.Header.Get("Authorization")) },
		reply(200, tokenInfoJSON), reply(401, `{"title":"Unauthorized","status":401}`))
	c := m.client(alfaview.AccessToken("Z3Vlc3QtdG9rZW4="))
	info, err := c.Auth.TokenInfo(context.Background())
	require.NoError(t, err)
	assert.Equal(t, &tokenInfoGo, info)
	_, err = c.Auth.TokenInfo(context.Background())
	require.ErrorIs(t, err, alfaview.ErrUnauthorized)
	assert.Equal(t, []string{"Z3Vlc3QtdG9rZW4=", "Z3Vlc3QtdG9rZW4="}, seen)
	assert.Zero(t, m.logins())
}

// A guest's token from a link authentication can drive a Client of its own.
func TestGuestTokenDrivesAClient(t *testing.T) {
	m := newMock(t)
	m.on("POST", "/v2/auth/group-link", nil, reply(200, guestAuthJSON))
	m.on("GET", "/v2/auth/token-info", func(r *http.Request, _ string) {
		assert.Equal(t, "Z3Vlc3QtdG9rZW4=", r.Header.Get("Authorization"))
	}, reply(200, tokenInfoJSON))
	info, err := m.client(apiKey).Auth.AuthenticateGroupLink(context.Background(), &alfaview.AuthenticateGroupLinkParams{
		AccessKey: "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG", CompanyID: "c", DisplayName: "Guest 7", RoomID: "r1"})
	require.NoError(t, err)
	_, err = m.client(info.AccessToken).Auth.TokenInfo(context.Background())
	require.NoError(t, err)
	assert.Zero(t, m.logins())
}

// A guest's access key is what lets them in: a failed link authentication
// whose answer quotes it shows it masked, in the text and in the details.
func TestGuestAuthenticationEchoIsMasked(t *testing.T) {
	const key = "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG"
	echo := reply(401, `{"title":"Unauthorized","status":401,"detail":"unknown access key `+key+`",`+
		`"errors":[{"location":"body.accessKey","message":"no link has `+key+`","value":"`+key+`"}]}`)
	for _, tc := range []struct {
		name, path string
		call       func(c *alfaview.Client) error
	}{
		{"group link", "/v2/auth/group-link", func(c *alfaview.Client) error {
			_, err := c.Auth.AuthenticateGroupLink(context.Background(), &alfaview.AuthenticateGroupLinkParams{
				AccessKey: key, CompanyID: "c", DisplayName: "Guest 7", RoomID: "r1"})
			return err
		}},
		{"guest link", "/v2/auth/guest-link", func(c *alfaview.Client) error {
			_, err := c.Auth.AuthenticateGuestLink(context.Background(), &alfaview.AuthenticateGuestLinkParams{
				AccessKey: key, CompanyID: "c", RoomID: "r1"})
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			m.on("POST", tc.path, nil, echo)
			err := tc.call(m.client(apiKey))
			require.ErrorIs(t, err, alfaview.ErrUnauthorized)
			var e *alfaview.Error
			require.ErrorAs(t, err, &e)
			require.Len(t, e.Details, 1)
			assert.Equal(t, "[REDACTED]", e.Details[0].Value)
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", e), e.Detail, e.Details[0].Message} {
				assert.NotContains(t, s, key)
			}
			assert.Zero(t, m.logins(), "a guest authentication needs no login")
		})
	}
}

func TestNewClientRefusesBadCredentials(t *testing.T) {
	var nilKey *alfaview.APIKeyCredentials
	for _, tc := range []struct {
		creds alfaview.Credentials
		field string
	}{
		{nil, "creds"},
		{nilKey, "creds"},
		{alfaview.APIKeyCredentials{Key: "k", CompanyID: "c"}, "APIKeyCredentials.ClientID"},
		{alfaview.APIKeyCredentials{ClientID: "id", CompanyID: "c"}, "APIKeyCredentials.Key"},
		{&alfaview.APIKeyCredentials{ClientID: "id", Key: "k"}, "APIKeyCredentials.CompanyID"},
		{alfaview.PasswordCredentials{Password: "p"}, "PasswordCredentials.Username"},
		{alfaview.PasswordCredentials{Username: "u", Password: " "}, "PasswordCredentials.Password"},
		{alfaview.AccessToken(""), "AccessToken"},
	} {
		_, err := alfaview.NewClient(tc.creds)
		require.ErrorIs(t, err, alfaview.ErrInvalidParams, "%v", tc.creds)
		assert.Contains(t, err.Error(), tc.field)
	}
	_, err := alfaview.NewClient(apiKey, alfaview.WithBaseURL("http://apis.example.com"))
	assert.True(t, errors.Is(err, alfaview.ErrInsecureHTTP), "%v", err)
}
