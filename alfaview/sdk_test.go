package alfaview_test

// Tests against the shapes of alfaview's own PHP SDK at tag v2.4.4
// (github.com/alfatraining/alfaview-php-sdk, src/Model and docs/Model, the
// last release with the JSON v1 models) and alfaview's usage examples, not
// against the fake.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
)

// sdkAuthenticateReply is an authenticate reply with every field of the
// SDK's AuthenticationAuthenticationReply model: accessToken is format byte
// (base64), expiresAt an int64, which the JSON gateway writes as a string.
func sdkAuthenticateReply(expiresAt string) string {
	return `{
  "replyInfo": {"requestId": "r-auth", "statusMessage": "OK"},
  "accessToken": "ZmFrZS1zZGstYWNjZXNzLXRva2Vu",
  "expiresAt": ` + expiresAt + `,
  "refreshToken": "sdk-refresh-token-1",
  "userId": "5e8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b",
  "permissions": {"admin": true},
  "accountStatus": "ACTIVATED",
  "companyId": "01FH0EX0VQQ378MV7Z5NAGHESK",
  "accessibleAccounts": [{"companyId": "01FH0EX0VQQ378MV7Z5NAGHESK"}]
}`
}

// expiry is when the tokens of these tests expire.
var expiry = time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)

// manualClock is the client's clock, moved by the test.
type manualClock struct{ t time.Time }

func (c *manualClock) now() time.Time { return c.t }

func TestExpiresAtForms(t *testing.T) {
	unix := strconv.FormatInt(expiry.Unix(), 10)
	for _, tc := range []struct{ name, expiresAt string }{
		{"int64 as the gateway writes it", `"` + unix + `"`},
		{"JSON number of seconds", unix},
		{"RFC 3339", `"2030-03-14T13:00:00Z"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			m.authReply = func() *http.Response { return jsonResponse(200, sdkAuthenticateReply(tc.expiresAt)) }
			m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, func(_ *http.Request, body string) {
				assert.Contains(t, body, `"accessToken":"ZmFrZS1zZGstYWNjZXNzLXRva2Vu"`)
			})
			clock := &manualClock{expiry.Add(-10 * time.Minute)}
			c := m.client(seedCreds, alfaview.WithClock(clock.now))
			for range 2 {
				_, err := c.PermissionGroups.List(context.Background())
				require.NoError(t, err)
			}
			assert.Len(t, m.authBody, 1, "the token is kept")
			clock.t = expiry.Add(-30 * time.Second)
			_, err := c.PermissionGroups.List(context.Background())
			require.NoError(t, err)
			assert.Len(t, m.authBody, 2, "renewed shortly before the expiresAt it read")
		})
	}
}

// An expiresAt the client cannot place ahead of now (none, zero, past: a
// misread unit or a skewed clock) must not make every call authenticate:
// the token is used until alfaview rejects it.
func TestExpiresAtNotAheadKeepsToken(t *testing.T) {
	for _, expiresAt := range []string{`null`, `""`, `"0"`, `0`, `"` + strconv.FormatInt(expiry.Add(-time.Hour).Unix(), 10) + `"`} {
		t.Run(expiresAt, func(t *testing.T) {
			m := newMock(t)
			m.authReply = func() *http.Response { return jsonResponse(200, sdkAuthenticateReply(expiresAt)) }
			m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, nil)
			clock := &manualClock{expiry}
			c := m.client(seedCreds, alfaview.WithClock(clock.now))
			for range 3 {
				_, err := c.PermissionGroups.List(context.Background())
				require.NoError(t, err)
			}
			assert.Len(t, m.authBody, 1)
		})
	}
	m := newMock(t)
	m.authReply = func() *http.Response { return jsonResponse(200, sdkAuthenticateReply(`"next tuesday"`)) }
	_, err := m.client(seedCreds).PermissionGroups.List(context.Background())
	require.ErrorIs(t, err, alfaview.ErrMalformedResponse)
}

// The refresh token of the reply body goes back in
// refreshTokenCredentials.refreshToken (the SDK's
// AuthenticationRefreshTokenCredentials); the cookie form goes back as the
// cookie, and both when both came.
func TestRefreshTokenFromTheBody(t *testing.T) {
	for _, tc := range []struct {
		name, setCookie, wantCookie, wantBody string
	}{
		{"body only", "", "",
			`{"refreshTokenCredentials":{"refreshToken":"sdk-refresh-token-1","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`},
		{"body and cookie", "auth=cookie-refresh-1; Path=/; HttpOnly; Secure", "auth=cookie-refresh-1",
			`{"refreshTokenCredentials":{"refreshToken":"sdk-refresh-token-1","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			var cookies []string
			m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
				m.authBody = append(m.authBody, readBody(t, r))
				cookies = append(cookies, r.Header.Get("Cookie"))
				resp := jsonResponse(200, sdkAuthenticateReply(`"`+strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10)+`"`))
				if tc.setCookie != "" {
					resp.Header.Add("Set-Cookie", tc.setCookie)
				}
				return resp, nil
			})
			calls := 0
			m.mt.RegisterResponder(http.MethodPost, base+"businessLogicService/permissionGroups/list", func(r *http.Request) (*http.Response, error) {
				if calls++; calls == 1 {
					return jsonResponse(401, gatewayTokenOutdated), nil
				}
				return jsonResponse(200, `{"permissionGroups":{}}`), nil
			})
			_, err := m.client(alfaview.PasswordCredentials{Username: "ada", Password: "pw"}).PermissionGroups.List(context.Background())
			require.NoError(t, err)
			require.Len(t, m.authBody, 2)
			assert.Equal(t, []string{"", tc.wantCookie}, cookies)
			var second map[string]any
			require.NoError(t, json.Unmarshal([]byte(m.authBody[1]), &second))
			delete(second, "requestId")
			b, _ := json.Marshal(second)
			assert.JSONEq(t, tc.wantBody, string(b))
		})
	}
}

// The creation requests carry every field of the SDK's
// GuestServiceV2CreateGroupLinksRequest / GroupLinkCreation and
// ...CreateGuestLinksRequest / GuestLinkCreation; unset ones are left out.
func TestCreateLinksOfficialFields(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	const access = `"accessInfo":{"requestId":"rid","accessToken":"### ACCESS TOKEN ###"}`
	ctx := alfaview.WithRequestID(context.Background(), "rid")
	until := time.Date(2022, 7, 25, 7, 25, 48, 0, time.UTC)

	m := newMock(t)
	var got string
	m.on("guestService.v2/createGroupLinks", 200, `{"groupLinks":[{"origin":"invite-bot"}]}`, func(_ *http.Request, body string) { got = body })
	m.on("guestService.v2/createGuestLinks", 200, `{"guestLinks":[{"origin":"invite-bot"}]}`, func(_ *http.Request, body string) { got = body })
	c := m.client(seedCreds, alfaview.WithOrigin("invite-bot"), alfaview.WithTimezone(berlin))

	groups, err := c.Links.CreateGroupLinks(ctx, "room", []alfaview.GroupLinkCreation{{
		Description: "Workshop", PermissionGroupID: "pg", SkipRoomPermissionsUpdate: true, AllowDialIn: true}})
	require.NoError(t, err)
	assert.JSONEq(t, `{`+access+`,"roomId":"room","origin":"invite-bot","groupLinkCreations":[
		{"description":"Workshop","permissionGroupId":"pg","skipRoomPermissionsUpdate":true,"allowDialIn":true}]}`, got)
	assert.Equal(t, "invite-bot", groups[0].Origin)

	// The vendor's create-guest-links example, with displayName left out
	// (it is optional there) and the locale the SDK's own test sends.
	guests, err := c.Links.CreateGuestLinks(ctx, "room", []alfaview.GuestLinkCreation{{
		Email: "guest@example.com", ValidUntil: until, Locale: "en-US", SendEmail: true, PermissionGroupID: "pg", AllowDialIn: true}})
	require.NoError(t, err)
	assert.JSONEq(t, `{`+access+`,"roomId":"room","origin":"invite-bot","timezone":"Europe/Berlin","guestLinkCreations":[
		{"email":"guest@example.com","validUntil":"2022-07-25T07:25:48Z","locale":"en-US","sendEmail":true,"permissionGroupId":"pg","allowDialIn":true}]}`, got)
	assert.Equal(t, "invite-bot", guests[0].Origin)

	// Without the options neither origin nor timezone is sent.
	_, err = m.client(seedCreds).Links.CreateGuestLinks(ctx, "room", []alfaview.GuestLinkCreation{{
		Email: "guest@example.com", DisplayName: "Guest", PermissionGroupID: "pg", SkipRoomPermissionsUpdate: true}})
	require.NoError(t, err)
	assert.JSONEq(t, `{`+access+`,"roomId":"room","guestLinkCreations":[
		{"email":"guest@example.com","displayName":"Guest","permissionGroupId":"pg","skipRoomPermissionsUpdate":true}]}`, got)

	for _, loc := range []*time.Location{nil, time.Local} {
		_, err := alfaview.NewClient(seedCreds, alfaview.WithTimezone(loc))
		require.ErrorIs(t, err, alfaview.ErrInvalidParams)
		assert.ErrorContains(t, err, "WithTimezone")
	}
}

// Locale is a free string in the SDK's model: any language tag passes,
// and only what cannot be one is refused.
func TestLocaleShape(t *testing.T) {
	m := newMock(t)
	m.on("guestService.v2/createGuestLinks", 200, `{"guestLinks":[{}]}`, nil)
	c := m.client(seedCreds)
	create := func(locale string) error {
		_, err := c.Links.CreateGuestLinks(context.Background(), "room", []alfaview.GuestLinkCreation{{
			Email: "guest@example.com", Locale: locale, PermissionGroupID: "pg"}})
		return err
	}
	for _, ok := range []string{"", "de", "en", "en-US", "EN", "fr", "de_DE", "zh-Hant-TW", "es-419"} {
		assert.NoError(t, create(ok), ok)
	}
	for _, bad := range []string{"e", "en US", "en-", "-en", "en--US", "english, please", "en\n", "1en", "en-ABCDEFGHI", "ñ"} {
		err := create(bad)
		assert.ErrorIs(t, err, alfaview.ErrInvalidParams, bad)
		assert.ErrorContains(t, err, "links[0].Locale", bad)
	}
}

// sdkGroupLink is a GuestServiceV2GroupLink with every field.
const sdkGroupLink = `{"id":"l1","roomId":"r1","description":"first","permissionGroupId":"pg",
	"validFrom":"2030-03-14T13:00:00Z","validUntil":"2030-03-14T15:00:00Z","createdBy":"u1","createdAt":"2030-03-01T08:00:00Z",
	"joinLink":"https://app.alfaview.com/#/join/01FH0EX0VQQ378MV7Z5NAGHESK/r1/NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG/v2",
	"accessKey":"NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG","managed":false,"origin":"api","dialInAllowed":false,"dialInCode":""}`

// PARTIAL_ERROR (CommonReplyStatusCode): the links alfaview did create
// reach the caller with the error, so that none is created twice.
func TestPartialErrorKeepsTheCreatedLinks(t *testing.T) {
	m := newMock(t)
	n := 0
	m.on("guestService.v2/createGroupLinks", 200, `{"replyInfo":{"requestId":"r","statusCode":"PARTIAL_ERROR","statusMessage":"1 of 2 links failed"},
		"trackingInfo":{"taskId":"t1"},"groupLinks":[`+sdkGroupLink+`]}`, func(*http.Request, string) { n++ })
	m.on("guestService.v2/createGuestLinks", 200, `{"replyInfo":{"statusCode":"PARTIAL_ERROR","statusMessage":"quota"},
		"guestLinks":[{"id":"g1","email":"ada@example.com","accessKey":"k1"}]}`, nil)
	c := m.client(seedCreds)
	links, err := c.Links.CreateGroupLinks(context.Background(), "r1", []alfaview.GroupLinkCreation{
		{Description: "first", PermissionGroupID: "pg"}, {Description: "second", PermissionGroupID: "pg"}})
	require.Error(t, err)
	require.Len(t, links, 1, "the created link comes back with the error")
	assert.Equal(t, "l1", links[0].ID)
	assert.Equal(t, "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG", links[0].AccessKey)
	var pe *alfaview.PartialError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, links, pe.GroupLinks)
	assert.Nil(t, pe.GuestLinks)
	var e *alfaview.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "PARTIAL_ERROR", e.StatusCode)
	assert.Equal(t, 200, e.HTTPStatus)
	assert.ErrorIs(t, err, alfaview.ErrPartial)
	assert.Contains(t, err.Error(), "1 of 2 links failed")
	assert.Contains(t, err.Error(), "(links created: 1)")
	assert.Equal(t, 1, n, "never sent again")

	guests, err := c.Links.CreateGuestLinks(context.Background(), "r1", []alfaview.GuestLinkCreation{
		{Email: "ada@example.com", PermissionGroupID: "pg"}, {Email: "bo@example.com", PermissionGroupID: "pg"}})
	require.ErrorAs(t, err, &pe)
	require.Len(t, guests, 1)
	assert.Equal(t, "g1", guests[0].ID)
	assert.Equal(t, guests, pe.GuestLinks)
	assert.Nil(t, pe.GroupLinks)
}

// ACCEPTED (CommonReplyStatusCode) is a success.
func TestAcceptedIsASuccess(t *testing.T) {
	m := newMock(t)
	m.on("guestService.v2/createGroupLinks", 200, `{"replyInfo":{"statusCode":"ACCEPTED","statusMessage":"accepted"},
		"trackingInfo":{"taskId":"t1"},"groupLinks":[`+sdkGroupLink+`]}`, nil)
	m.on("guestService.v2/deleteLink", 200, `{"replyInfo":{"statusCode":"ACCEPTED"},"trackingInfo":{"taskId":"t2"}}`, nil)
	c := m.client(seedCreds)
	links, err := c.Links.CreateGroupLinks(context.Background(), "r1", []alfaview.GroupLinkCreation{{PermissionGroupID: "pg"}})
	require.NoError(t, err)
	require.Len(t, links, 1)
	require.NoError(t, c.Links.Delete(context.Background(), "r1", "l1"))
}

// A permission group's permissions are the SDK's CommonPermissions: the
// role (CommonRole) and boolean flags.
func TestPermissionGroupRole(t *testing.T) {
	m := newMock(t)
	m.on("businessLogicService/permissionGroups/list", 200, `{"replyInfo":{"statusMessage":"OK"},"permissionGroups":{
		"pg-1":{"name":"Moderator","order":1,"permissions":{"role":"ROLE_MODERATOR","admin":false,"voice":true,"video":true,
			"promote":true,"join":true,"screen":true,"vip":false,"chat":true,"chatBroadcast":true,"action":true,"remove":true}},
		"pg-2":{"name":"Custom","order":2,"permissions":{"role":"ROLE_SOMETHING_NEW","join":true}},
		"pg-3":{"name":"Bare","order":3}}}`, nil)
	groups, err := m.client(seedCreds).PermissionGroups.List(context.Background())
	require.NoError(t, err)
	require.Len(t, groups, 3)
	assert.Equal(t, alfaview.RoleModerator, groups[0].Role)
	assert.Equal(t, map[string]bool{"admin": false, "voice": true, "video": true, "promote": true, "join": true, "screen": true,
		"vip": false, "chat": true, "chatBroadcast": true, "action": true, "remove": true}, groups[0].Permissions)
	assert.Equal(t, alfaview.Role("ROLE_SOMETHING_NEW"), groups[1].Role, "unknown roles are kept")
	assert.Empty(t, groups[2].Role)
}

// A server that ignores offset answers every page with the first: the
// walk and the hand pager stop with ErrPageLoop instead of paging for
// ever.
func TestRoomsOffsetIgnored(t *testing.T) {
	m := newMock(t)
	var offsets []int
	m.on("roomService/list", 200, `{"rooms":{"r1":{"displayName":"A"},"r2":{"displayName":"B"}}}`, func(_ *http.Request, body string) {
		var b struct{ Offset int }
		require.NoError(t, json.Unmarshal([]byte(body), &b))
		offsets = append(offsets, b.Offset)
		if len(offsets) > 5 {
			t.Fatal("kept paging a server that ignores offset")
		}
	})
	c := m.client(seedCreds)
	var names []string
	var last error
	for r, err := range c.Rooms.List(context.Background(), &alfaview.ListRoomsOptions{Limit: 2}) {
		if err != nil {
			last = err
			continue
		}
		names = append(names, r.DisplayName)
	}
	assert.Equal(t, []string{"A", "B"}, names)
	require.ErrorIs(t, last, alfaview.ErrPageLoop)
	assert.Equal(t, []int{0, 2}, offsets)

	page, err := c.Rooms.Page(context.Background(), &alfaview.ListRoomsOptions{Limit: 2})
	require.NoError(t, err)
	next, err := page.NextPage(context.Background())
	assert.Nil(t, next)
	require.ErrorIs(t, err, alfaview.ErrPageLoop)
}

// ErrUnauthorized and ErrAuthentication are one value; ErrForbidden
// matches what ErrInsufficientPermissions matches.
func TestSharedSentinels(t *testing.T) {
	assert.Same(t, alfaview.ErrUnauthorized, alfaview.ErrAuthentication) // one value, not two equal ones
	m := newMock(t)
	m.on("businessLogicService/permissionGroups/list", 200, `{"replyInfo":{"statusCode":"INSUFFICIENT_PERMISSIONS","statusMessage":"not allowed"}}`, nil)
	_, err := m.client(seedCreds).PermissionGroups.List(context.Background())
	assert.ErrorIs(t, err, alfaview.ErrForbidden)
	assert.ErrorIs(t, err, alfaview.ErrInsufficientPermissions)
	assert.False(t, errors.Is(err, alfaview.ErrUnauthorized))
}

// Server text reaches Error() cleaned: no forged log lines, no terminal
// escapes, in an *Error and a *PartialError alike.
func TestServerTextIsCleaned(t *testing.T) {
	m := newMock(t)
	m.on("guestService.v2/listGroupLinks", 200, `{"replyInfo":{"requestId":"r\u001b[2J","statusCode":"ROOM_NOT_FOUND\n","statusMessage":"gone\nlevel=ERROR msg=forged \u001b[31mred"}}`, nil)
	m.on("guestService.v2/createGroupLinks", 200, `{"replyInfo":{"statusCode":"PARTIAL_ERROR","statusMessage":"half\r\ndone\u0007"},"groupLinks":[]}`, nil)
	c := m.client(seedCreds)
	_, err := c.Links.ListGroupLinks(context.Background(), "r1")
	require.Error(t, err)
	_, perr := c.Links.CreateGroupLinks(context.Background(), "r1", []alfaview.GroupLinkCreation{{PermissionGroupID: "pg"}})
	require.ErrorIs(t, perr, alfaview.ErrPartial)
	for _, e := range []error{err, perr} {
		assert.NotRegexp(t, "[\x00-\x1f\x7f]", e.Error())
	}
	assert.Contains(t, err.Error(), "gone level=ERROR msg=forged [31mred")
}
