package alfaview_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/alfaview"
)

const base = "https://apis.alfaview.com/json/v1/"

// The request of the seed (support.alfaview.com, "create group links"),
// verbatim except for the trailing comma after permissionGroupId, which
// makes the published sample invalid JSON.
const seedCreateGroupLinksRequest = `{
  "accessInfo": {
     "requestId": "### REQUEST ID ###",
     "accessToken": "### ACCESS TOKEN ###"
   },
  "roomId": "### ROOM ID ###",
  "groupLinkCreations": [
    {
      "description": "### GROUP LINK TITLE ###",
      "validFrom": "2022-08-01T13:15:00Z",
      "validUntil": "2022-08-02T14:00:00Z",
      "permissionGroupId": "### PERMISSION GROUP ID ###"
    }
  ]
}`

// The seed's response with its elisions ("...") filled in with every
// documented GroupLink field. The seed's room id holds a stray control
// character (4173dafb-5cde\u00025c85-…); a hyphen stands in for it here.
const seedCreateGroupLinksReply = `{
  "replyInfo": {"requestId": "### REQUEST ID ###", "statusMessage": "OK"},
  "trackingInfo": {"taskId": "3b0c5d7e-0000-4000-8000-000000000001"},
  "groupLinks": [
    {
      "id": "9d1f6c2a-5b7e-4c3d-8a9b-0c1d2e3f4a5b",
      "roomId": "4173dafb-5cde-5c85-95a3-20ebdd43698a",
      "description": "### GROUP LINK TITLE ###",
      "permissionGroupId": "### PERMISSION GROUP ID ###",
      "validFrom": "2022-08-01T13:15:00Z",
      "validUntil": "2022-08-02T14:00:00Z",
      "createdBy": "5e8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b",
      "createdAt": "2022-07-29T08:00:00Z",
      "joinLink": "https://app.alfaview.com/#/join/01FH0EX0VQQ378MV7Z5NAGHESK/4173dafb-5cde-5c85-95a3-20ebdd43698a/NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG/v2",
      "accessKey": "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG",
      "managed": false,
      "origin": "api",
      "dialInAllowed": true,
      "dialInCode": "12345678"
    }
  ]
}`

// mock is an httpmock transport standing in for apis.alfaview.com. Its
// authenticate answers the token "### ACCESS TOKEN ###" and records bodies.
type mock struct {
	t         *testing.T
	mt        *httpmock.MockTransport
	authBody  []string
	authReply func() *http.Response
}

func newMock(t *testing.T) *mock {
	t.Helper()
	m := &mock{t: t, mt: httpmock.NewMockTransport()}
	m.mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	m.authReply = func() *http.Response {
		return jsonResponse(200, `{"replyInfo":{"statusMessage":"OK"},"accessToken":"### ACCESS TOKEN ###",`+
			`"expiresAt":"`+time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}`)
	}
	m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
		m.authBody = append(m.authBody, readBody(t, r))
		return m.authReply(), nil
	})
	return m
}

func (m *mock) client(creds alfaview.Credentials, opts ...alfaview.Option) *alfaview.Client {
	m.t.Helper()
	all := append([]alfaview.Option{alfaview.WithHTTPClient(&http.Client{Transport: m.mt}), fastRetry()}, opts...)
	c, err := alfaview.NewClient(creds, all...)
	require.NoError(m.t, err)
	return c
}

// on answers POSTs to path with status and body, passing each request to
// inspect first.
func (m *mock) on(path string, status int, body string, inspect func(r *http.Request, body string)) {
	m.mt.RegisterResponder(http.MethodPost, base+path, func(r *http.Request) (*http.Response, error) {
		b := readBody(m.t, r)
		if inspect != nil {
			inspect(r, b)
		}
		return jsonResponse(status, body), nil
	})
}

func jsonResponse(status int, body string) *http.Response {
	resp := httpmock.NewStringResponse(status, body)
	resp.Header.Set("Content-Type", "application/json")
	return resp
}

func readBody(t *testing.T, r *http.Request) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	return string(b)
}

var seedCreds = alfaview.APIKeyCredentials{ClientID: "key-alias", Secret: "key-secret", CompanyID: "01FH0EX0VQQ378MV7Z5NAGHESK"}

// assertHeaders checks what every alfaview request carries, and that the
// token travels only in the body.
func assertHeaders(t *testing.T, r *http.Request) {
	t.Helper()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "grantkit-go/"), r.Header.Get("User-Agent"))
	assert.Empty(t, r.Header.Get("Authorization"))
	assert.Empty(t, r.URL.RawQuery)
}

func TestCreateGroupLinksBodyMatchesSeed(t *testing.T) {
	m := newMock(t)
	var got string
	m.on("guestService.v2/createGroupLinks", 200, seedCreateGroupLinksReply, func(r *http.Request, body string) {
		assertHeaders(t, r)
		assert.Empty(t, r.Header.Get("Cookie"))
		got = body
	})
	c := m.client(seedCreds)
	ctx := alfaview.WithRequestID(context.Background(), "### REQUEST ID ###")
	links, err := c.Links.CreateGroupLinks(ctx, "### ROOM ID ###", []alfaview.GroupLinkCreation{{
		Description:       "### GROUP LINK TITLE ###",
		ValidFrom:         time.Date(2022, 8, 1, 15, 15, 0, 0, time.FixedZone("CEST", 2*3600)),
		ValidUntil:        time.Date(2022, 8, 2, 14, 0, 0, 0, time.UTC),
		PermissionGroupID: "### PERMISSION GROUP ID ###",
	}})
	require.NoError(t, err)
	assert.JSONEq(t, seedCreateGroupLinksRequest, got)
	assert.True(t, strings.HasPrefix(got, `{"accessInfo":{"requestId":"### REQUEST ID ###","accessToken":"### ACCESS TOKEN ###"},`), got)

	require.Len(t, links, 1)
	assert.Equal(t, alfaview.GroupLink{
		ID:                "9d1f6c2a-5b7e-4c3d-8a9b-0c1d2e3f4a5b",
		RoomID:            "4173dafb-5cde-5c85-95a3-20ebdd43698a",
		Description:       "### GROUP LINK TITLE ###",
		PermissionGroupID: "### PERMISSION GROUP ID ###",
		ValidFrom:         time.Date(2022, 8, 1, 13, 15, 0, 0, time.UTC),
		ValidUntil:        time.Date(2022, 8, 2, 14, 0, 0, 0, time.UTC),
		CreatedBy:         "5e8f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b",
		CreatedAt:         time.Date(2022, 7, 29, 8, 0, 0, 0, time.UTC),
		JoinLink:          "https://app.alfaview.com/#/join/01FH0EX0VQQ378MV7Z5NAGHESK/4173dafb-5cde-5c85-95a3-20ebdd43698a/NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG/v2",
		AccessKey:         "NcHef8FIc17a5jpiWy4fJ0cw2dCRpbFG",
		Origin:            "api",
		DialInAllowed:     true,
		DialInCode:        "12345678",
	}, links[0])
}

func TestCreateGroupLinksOptionalFields(t *testing.T) {
	m := newMock(t)
	var got string
	m.on("guestService.v2/createGroupLinks", 200, `{"groupLinks":[{},{}]}`, func(_ *http.Request, body string) { got = body })
	c := m.client(seedCreds)
	ctx := alfaview.WithRequestID(context.Background(), "rid")
	_, err := c.Links.CreateGroupLinks(ctx, "room", []alfaview.GroupLinkCreation{
		{PermissionGroupID: "pg"}, // no window: validFrom and validUntil left out, not year 1
		{Description: "open end", PermissionGroupID: "pg", AllowDialIn: true,
			ValidFrom: time.Date(2024, 3, 1, 9, 0, 0, 999_000_000, time.UTC)}, // sent in whole seconds
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"accessInfo":{"requestId":"rid","accessToken":"### ACCESS TOKEN ###"},"roomId":"room","groupLinkCreations":[
		{"description":"","permissionGroupId":"pg"},
		{"description":"open end","validFrom":"2024-03-01T09:00:00Z","permissionGroupId":"pg","allowDialIn":true}]}`, got)
}

func TestAuthenticateBodies(t *testing.T) {
	for _, tc := range []struct {
		name  string
		creds alfaview.Credentials
		want  string
	}{
		{"api key", seedCreds,
			`{"requestId":"RID","authorizationCodeCredentials":{"clientId":"key-alias","code":"key-secret","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`},
		{"api key pointer", &seedCreds,
			`{"requestId":"RID","authorizationCodeCredentials":{"clientId":"key-alias","code":"key-secret","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`},
		{"password with company", alfaview.PasswordCredentials{Username: "ada@example.com", Password: "pw", CompanyID: "01FH0EX0VQQ378MV7Z5NAGHESK"},
			`{"requestId":"RID","usernamePasswordCredentials":{"username":"ada@example.com","password":"pw","companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`},
		{"password without company", alfaview.PasswordCredentials{Username: "ada@example.com", Password: "pw"},
			`{"requestId":"RID","usernamePasswordCredentials":{"username":"ada@example.com","password":"pw"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, nil)
			c := m.client(tc.creds)
			_, err := c.PermissionGroups.List(context.Background())
			require.NoError(t, err)
			require.Len(t, m.authBody, 1)
			var body map[string]any
			require.NoError(t, json.Unmarshal([]byte(m.authBody[0]), &body))
			id, _ := body["requestId"].(string)
			assert.Len(t, id, 26, "a fresh random requestId")
			body["requestId"] = "RID"
			b, _ := json.Marshal(body)
			assert.JSONEq(t, tc.want, string(b))
		})
	}
}

// The refresh cookie of one authenticate reply is sent back with
// refreshTokenCredentials when the token is rejected.
func TestRefreshTokenCredentialsCarryCookie(t *testing.T) {
	m := newMock(t)
	var cookies []string
	m.mt.RegisterResponder(http.MethodPost, base+"authenticationService/authenticate", func(r *http.Request) (*http.Response, error) {
		m.authBody = append(m.authBody, readBody(t, r))
		cookies = append(cookies, r.Header.Get("Cookie"))
		resp := m.authReply()
		resp.Header.Add("Set-Cookie", "auth=refresh-"+string(rune('0'+len(cookies)))+"; Path=/; HttpOnly; Secure")
		return resp, nil
	})
	calls := 0
	m.mt.RegisterResponder(http.MethodPost, base+"businessLogicService/permissionGroups/list", func(r *http.Request) (*http.Response, error) {
		calls++
		assert.Empty(t, r.Header.Get("Cookie"), "the refresh cookie goes only to authenticate")
		if calls == 1 {
			return jsonResponse(401, `{"code":16,"message":"token expired","details":[{"@type":"type.googleapis.com/common.ReplyInfo","requestId":"x","statusCode":"TOKEN_OUTDATED","statusMessage":"token expired"}]}`), nil
		}
		return jsonResponse(200, `{"permissionGroups":{}}`), nil
	})
	c := m.client(alfaview.PasswordCredentials{Username: "ada", Password: "pw"})
	_, err := c.PermissionGroups.List(context.Background())
	require.NoError(t, err)
	require.Len(t, m.authBody, 2)
	assert.Equal(t, []string{"", "auth=refresh-1"}, cookies)
	var second map[string]any
	require.NoError(t, json.Unmarshal([]byte(m.authBody[1]), &second))
	delete(second, "requestId")
	b, _ := json.Marshal(second)
	// The credentials have no company; the first reply's companyId is used.
	assert.JSONEq(t, `{"refreshTokenCredentials":{"companyId":"01FH0EX0VQQ378MV7Z5NAGHESK"}}`, string(b))
}

func TestOtherRequestBodies(t *testing.T) {
	ctx := alfaview.WithRequestID(context.Background(), "rid")
	const access = `"accessInfo":{"requestId":"rid","accessToken":"### ACCESS TOKEN ###"}`
	for _, tc := range []struct {
		name, path, reply, want string
		call                    func(c *alfaview.Client) error
	}{
		{"permission groups", "businessLogicService/permissionGroups/list", `{"permissionGroups":{}}`, `{` + access + `}`,
			func(c *alfaview.Client) error { _, err := c.PermissionGroups.List(ctx); return err }},
		{"list rooms", "roomService/list", `{"rooms":{}}`,
			`{` + access + `,"limit":25,"offset":0,"filterRoomIds":["r1"],"filterRoomTypes":["ROOM_TYPE_DEPARTMENT"]}`,
			func(c *alfaview.Client) error {
				for _, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 25, FilterRoomIDs: []string{"r1"},
					FilterRoomTypes: []alfaview.RoomType{alfaview.RoomTypeDepartment}}) {
					return err
				}
				return nil
			}},
		{"create room", "roomService/create", `{"roomId":"r1","room":{"displayName":"Lab"}}`,
			`{` + access + `,"room":{"displayName":"Lab","type":"ROOM_TYPE_ROOM","parentId":"d1"},"skipDefaultSubrooms":true}`,
			func(c *alfaview.Client) error {
				_, err := c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Lab", Type: alfaview.RoomTypeRoom, ParentID: "d1", SkipDefaultSubrooms: true})
				return err
			}},
		{"destroy room", "roomService/destroy", `{}`, `{` + access + `,"roomId":"r1"}`,
			func(c *alfaview.Client) error { return c.Rooms.Delete(ctx, "r1") }},
		{"create guest links", "guestService.v2/createGuestLinks", `{"guestLinks":[{}]}`,
			`{` + access + `,"roomId":"r1","guestLinkCreations":[{"email":"ada@example.com","displayName":"Ada","validUntil":"2024-05-01T10:00:00Z","locale":"en","sendEmail":true,"permissionGroupId":"pg"}]}`,
			func(c *alfaview.Client) error {
				_, err := c.Links.CreateGuestLinks(ctx, "r1", []alfaview.GuestLinkCreation{{Email: "ada@example.com", DisplayName: "Ada",
					ValidUntil: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), Locale: "en", SendEmail: true, PermissionGroupID: "pg"}})
				return err
			}},
		{"list group links", "guestService.v2/listGroupLinks", `{"groupLinks":[]}`, `{` + access + `,"roomId":"r1"}`,
			func(c *alfaview.Client) error { _, err := c.Links.ListGroupLinks(ctx, "r1"); return err }},
		{"list guest links of the company", "guestService.v2/listGuestLinks", `{"guestLinks":[]}`, `{` + access + `}`,
			func(c *alfaview.Client) error { _, err := c.Links.ListGuestLinks(ctx, ""); return err }},
		{"delete link", "guestService.v2/deleteLink", `{"trackingInfo":{"taskId":"t"}}`, `{` + access + `,"roomId":"r1","id":"l1"}`,
			func(c *alfaview.Client) error { return c.Links.Delete(ctx, "r1", "l1") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := newMock(t)
			var got string
			m.on(tc.path, 200, tc.reply, func(r *http.Request, body string) {
				assertHeaders(t, r)
				got = body
			})
			require.NoError(t, tc.call(m.client(seedCreds)))
			assert.JSONEq(t, tc.want, got)
		})
	}
}

func TestUserAgentOption(t *testing.T) {
	m := newMock(t)
	m.on("businessLogicService/permissionGroups/list", 200, `{"permissionGroups":{}}`, func(r *http.Request, _ string) {
		assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "invite-bot/1.0 grantkit-go/"), r.Header.Get("User-Agent"))
	})
	_, err := m.client(seedCreds, alfaview.WithUserAgent("invite-bot/1.0")).PermissionGroups.List(context.Background())
	require.NoError(t, err)
}
