package viviot_test

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/viviot"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const base = "https://api.4spaces.io"

// mockClient returns a client whose requests go to mt, failing the test on
// any request no responder expects.
func mockClient(t *testing.T, a viviot.Auth, opts ...viviot.Option) (*viviot.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	c, err := viviot.NewClient(a, append([]viviot.Option{
		viviot.WithHTTPClient(&http.Client{Transport: mt}), fastRetry(),
	}, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// jwt returns an unsigned JWT whose payload is claims.
func jwt(claims string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(claims)) + ".c2ln"
}

// registerLogin answers POST /auth/credentials with a bearer token after
// checking the login's shape.
func registerLogin(t *testing.T, mt *httpmock.MockTransport, token string) {
	mt.RegisterResponder(http.MethodPost, base+"/auth/credentials", func(r *http.Request) (*http.Response, error) {
		assert.Empty(t, r.Header.Get("Authorization"), "the login itself carries no session")
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, "application/json", r.Header.Get("Accept"))
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, `{"userName":"ops@example.com","password":"s3cret-pw","rememberMe":true}`, string(b))
		return httpmock.NewStringResponse(200, `{"userId":"7","sessionId":"abc","userName":"ops@example.com","bearerToken":"`+token+`","refreshToken":"r1","roles":["Admin"]}`), nil
	})
}

var opsCreds = viviot.Credentials{UserName: "ops@example.com", Password: "s3cret-pw"}

func readSeed(t testing.TB, name string) string {
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return string(b)
}

const seedView = `{"id":"0f8fad5bd9cb469fa16570867728950e","organizationId":"7c9e6679742540de944be07fc1f90ae7","name":"Guests","permission":["open"],"description":"","scope":1,"accessCodeInitializationStrategy":1}`

// TestCreateBodyMatchesSeedSample checks the body field for field against
// the sample request on the service's CreateAccessTemplate page. The
// sample's zeros are placeholders; the SDK leaves unset (zero) optional
// values out, so the test fills the Guid and version placeholders with set
// values and keeps every other placeholder as it is.
func TestCreateBodyMatchesSeedSample(t *testing.T) {
	id := viviot.MustParseGUID("11111111-2222-3333-4444-555555555555")
	org := viviot.MustParseGUID("66666666777788889999AAAAAAAAAAAA")
	thing := viviot.MustParseGUID("{bbbbbbbb-cccc-dddd-eeee-ffffffffffff}")
	want := readSeed(t, "seed_request.json")
	for _, g := range []viviot.GUID{id, org, thing} {
		want = strings.Replace(want, `"00000000000000000000000000000000"`, `"`+hexOf(g)+`"`, 1)
	}
	want = strings.Replace(want, `"version":0`, `"version":3`, 1)

	tok := jwt(`{"sub":"7","exp":4102444800}`)
	c, mt := mockClient(t, opsCreds, viviot.WithUserAgent("grants-app/2.0"))
	registerLogin(t, mt, tok)
	mt.RegisterResponder(http.MethodPost, base+"/access/template", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "Bearer "+tok, r.Header.Get("Authorization"))
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Equal(t, "application/json", r.Header.Get("Accept"))
		assert.True(t, strings.HasPrefix(r.Header.Get("User-Agent"), "grants-app/2.0 grantkit-go/"), r.Header.Get("User-Agent"))
		assert.Empty(t, r.URL.RawQuery)
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, want, string(b))
		return httpmock.NewStringResponse(200, `{"data":`+seedView+`}`), nil
	})

	got, err := c.AccessTemplates.Create(t.Context(), &viviot.AccessTemplateParams{
		Name:        "String",
		Description: "String",
		Things: []viviot.ThingAccess{{
			ID: id, OrganizationID: org, ThingID: thing,
			ThingName: "String", ThingTypeName: "String", Exclusive: false,
			AvailableFrom: intp(0), AvailableTo: intp(0), AccessCount: intp(0),
			AccessLevel: "String", Permission: []string{"String"},
		}},
		Scope:        viviot.ScopeAll,
		CodeStrategy: viviot.CodeStrategyUnique,
		Version:      3,
	})
	require.NoError(t, err)
	assert.Equal(t, viviot.MustParseGUID("0f8fad5b-d9cb-469f-a165-70867728950e"), got.ID)
	assert.Equal(t, viviot.ScopeGuest, got.Scope)
	assert.Equal(t, viviot.CodeStrategyShared, got.CodeStrategy)
	assert.Equal(t, map[string]int{
		"POST " + base + "/auth/credentials": 1,
		"POST " + base + "/access/template":  1,
	}, nonZero(mt.GetCallCountInfo()))
}

func hexOf(g viviot.GUID) string {
	b, _ := g.MarshalText()
	return string(b)
}

func nonZero(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		if v > 0 {
			out[k] = v
		}
	}
	return out
}

// TestCreateBodyLeavesUnsetFieldsOut: only what the caller set, plus the
// required fields and the non-nullable exclusive flag, goes on the wire.
func TestCreateBodyLeavesUnsetFieldsOut(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	thing := viviot.MustParseGUID("bbbbbbbbccccddddeeeeffffffffffff")
	mt.RegisterResponder(http.MethodPost, base+"/access/template", func(r *http.Request) (*http.Response, error) {
		assert.Equal(t, "Bearer tok-123", r.Header.Get("Authorization"))
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, `{"name":"Guests","things":[{"thingId":"bbbbbbbbccccddddeeeeffffffffffff","exclusive":false}],
			"scope":1,"accessCodeInitializationStrategy":0}`, string(b))
		return httpmock.NewStringResponse(200, `{"data":`+seedView+`}`), nil
	})
	_, err := c.AccessTemplates.Create(t.Context(), &viviot.AccessTemplateParams{
		Name: "Guests", Scope: viviot.ScopeGuest, Things: []viviot.ThingAccess{{ThingID: thing}},
	})
	require.NoError(t, err)
}

func TestUpdateSendsIDInBody(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	id := viviot.MustParseGUID("0f8fad5b-d9cb-469f-a165-70867728950e")
	mt.RegisterResponder(http.MethodPut, base+"/access/template", func(r *http.Request) (*http.Response, error) {
		assert.Empty(t, r.URL.RawQuery)
		b, _ := io.ReadAll(r.Body)
		assert.JSONEq(t, `{"accessTemplateId":"0f8fad5bd9cb469fa16570867728950e","name":"Staff","description":"d",
			"things":[{"thingId":"bbbbbbbbccccddddeeeeffffffffffff","exclusive":true,"availableFrom":480,"availableTo":1080}],
			"scope":2,"accessCodeInitializationStrategy":1}`, string(b))
		return httpmock.NewStringResponse(200, `{"data":`+seedView+`}`), nil
	})
	_, err := c.AccessTemplates.Update(t.Context(), id, &viviot.AccessTemplateParams{
		Name: "Staff", Description: "d", Scope: viviot.ScopeStaff, CodeStrategy: viviot.CodeStrategyShared,
		Things: []viviot.ThingAccess{{ThingID: viviot.MustParseGUID("bbbbbbbbccccddddeeeeffffffffffff"),
			Exclusive: true, AvailableFrom: intp(480), AvailableTo: intp(1080)}},
	})
	require.NoError(t, err)
}

func TestGetQueryAndListOfOne(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	mt.RegisterResponderWithQuery(http.MethodGet, base+"/access/template",
		"AccessTemplateId=0f8fad5bd9cb469fa16570867728950e&LoadOrganization=true",
		httpmock.NewStringResponder(200, `{"data":[`+seedView+`]}`))
	got, err := c.AccessTemplates.Get(t.Context(), viviot.MustParseGUID("0F8FAD5B-D9CB-469F-A165-70867728950E"))
	require.NoError(t, err)
	assert.Equal(t, "Guests", got.Name)
	assert.Equal(t, []string{"open"}, got.Permission)
	assert.Nil(t, got.Organization)
}

func TestListQuery(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	mt.RegisterResponderWithQuery(http.MethodGet, base+"/access/templates", "Scope=2",
		httpmock.NewStringResponder(200, `{"data":[`+seedView+`,`+seedView+`]}`))
	mt.RegisterResponderWithQuery(http.MethodGet, base+"/access/templates", "",
		httpmock.NewStringResponder(200, `{"data":[]}`))

	staff := viviot.ScopeStaff
	got, err := c.AccessTemplates.List(t.Context(), &viviot.ListAccessTemplatesOptions{Scope: &staff})
	require.NoError(t, err)
	assert.Len(t, got, 2)

	got, err = c.AccessTemplates.List(t.Context(), &viviot.ListAccessTemplatesOptions{})
	require.NoError(t, err)
	assert.Empty(t, got)
	got, err = c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Empty(t, got)
}

func TestDeleteQuery(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	mt.RegisterResponderWithQuery(http.MethodDelete, base+"/access/template",
		"AccessTemplateId=0f8fad5bd9cb469fa16570867728950e",
		func(r *http.Request) (*http.Response, error) {
			if r.Body != nil {
				b, _ := io.ReadAll(r.Body)
				assert.Empty(t, b, "DELETE sends no body")
			}
			return httpmock.NewStringResponse(200, `{}`), nil
		})
	require.NoError(t, c.AccessTemplates.Delete(t.Context(), viviot.MustParseGUID("0f8fad5bd9cb469fa16570867728950e")))
}

// A retried delete counts a 404 as "already deleted" only when it is the
// service's NotFound (a ResponseStatus); ServiceStack's plain-text 404 for
// an unknown route, or a proxy's page, must fail the call.
func TestRetriedDeleteSucceedsOnlyOnTheServicesNotFound(t *testing.T) {
	cases := []struct {
		name, contentType, body string
		gone                    bool
	}{
		{"the service's NotFound", "application/json",
			`{"responseStatus":{"errorCode":"NotFound","message":"Access template not found","errors":[]}}`, true},
		{"ServiceStack's unknown route", "text/plain",
			"Handler for Request not found (404):\n\n  Request.HttpMethod: DELETE\n  Request.PathInfo: /access/template\n", false},
		{"a proxy's HTML 404", "text/html", `<html><body>404 Not Found</body></html>`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := mockClient(t, viviot.BearerToken("tok-123"))
			calls := 0
			mt.RegisterResponder(http.MethodDelete, base+"/access/template", func(*http.Request) (*http.Response, error) {
				calls++
				if calls == 1 {
					return httpmock.NewStringResponse(http.StatusServiceUnavailable, ``), nil
				}
				resp := httpmock.NewStringResponse(http.StatusNotFound, tc.body)
				resp.Header.Set("Content-Type", tc.contentType)
				return resp, nil
			})
			err := c.AccessTemplates.Delete(t.Context(), viviot.MustParseGUID("0f8fad5bd9cb469fa16570867728950e"))
			assert.Equal(t, 2, calls)
			if tc.gone {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, viviot.ErrNotFound)
		})
	}
}

// TestSeedResponseDecodes reads the sample answer of the metadata page
// (with its placeholder responseStatus removed: a real success has none).
func TestSeedResponseDecodes(t *testing.T) {
	var doc map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(readSeed(t, "seed_response.json")), &doc))
	delete(doc, "responseStatus")
	body, _ := json.Marshal(doc)

	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	mt.RegisterResponder(http.MethodPost, base+"/access/template", httpmock.NewBytesResponder(200, body))
	got, err := c.AccessTemplates.Create(t.Context(), &viviot.AccessTemplateParams{Name: "String",
		Things: []viviot.ThingAccess{{ThingID: viviot.NewGUID()}}})
	require.NoError(t, err)
	leaf := viviot.Organization{SubOrganizations: nil}
	want := &viviot.AccessTemplate{
		Organization: &viviot.Organization{Name: "String", SubOrganizations: []viviot.Organization{{
			Name: "String", SubOrganizations: []viviot.Organization{{
				Name: "String", SubOrganizations: []viviot.Organization{leaf}}}}}},
		Name: "String", Permission: []string{"String"}, Description: "String",
	}
	assert.Equal(t, want, got)
}

// TestSeedResponseStatusIsAnError: the sample answer carries a
// ResponseStatus with an errorCode; inside a 200 that is a failure.
func TestSeedResponseStatusIsAnError(t *testing.T) {
	c, mt := mockClient(t, viviot.BearerToken("tok-123"))
	mt.RegisterResponder(http.MethodPost, base+"/access/template",
		httpmock.NewStringResponder(200, readSeed(t, "seed_response.json")))
	_, err := c.AccessTemplates.Create(t.Context(), &viviot.AccessTemplateParams{Name: "String",
		Things: []viviot.ThingAccess{{ThingID: viviot.NewGUID()}}})
	var e *viviot.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, 200, e.StatusCode)
	assert.Equal(t, "String", e.ErrorCode)
	assert.Equal(t, []viviot.FieldError{{ErrorCode: "String", FieldName: "String", Message: "String"}}, e.FieldErrors)
	assert.ErrorIs(t, err, viviot.ErrValidation, "field errors make it a validation failure")
}

func TestLoginWithCookiesOnly(t *testing.T) {
	c, mt := mockClient(t, opsCreds)
	mt.RegisterResponder(http.MethodPost, base+"/auth/credentials", func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{"userId":"7","sessionId":"pid-2","userName":"ops@example.com"}`)
		resp.Header.Add("Set-Cookie", "ss-id=sid-1; path=/; samesite=lax; httponly")
		resp.Header.Add("Set-Cookie", "ss-pid=pid-2; expires=Thu, 01 Jan 2046 00:00:00 GMT; path=/; samesite=lax; httponly")
		resp.Header.Add("Set-Cookie", "ss-opt=perm; expires=Thu, 01 Jan 2046 00:00:00 GMT; path=/; samesite=lax; httponly")
		resp.Header.Add("Set-Cookie", "X-UAId=; path=/")
		resp.Header.Add("Set-Cookie", "other=1; path=/")
		return resp, nil
	})
	mt.RegisterResponder(http.MethodGet, base+"/access/templates", func(r *http.Request) (*http.Response, error) {
		assert.Empty(t, r.Header.Get("Authorization"))
		assert.Equal(t, "ss-id=sid-1; ss-pid=pid-2; ss-opt=perm", r.Header.Get("Cookie"))
		return httpmock.NewStringResponse(200, `{"data":[]}`), nil
	})
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	_, err = c.AccessTemplates.List(t.Context(), nil)
	require.NoError(t, err)
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+base+"/auth/credentials"])
}

func TestLoginWithoutSessionFails(t *testing.T) {
	c, mt := mockClient(t, opsCreds)
	mt.RegisterResponder(http.MethodPost, base+"/auth/credentials", httpmock.NewStringResponder(200, `{"userId":"7"}`))
	_, err := c.AccessTemplates.List(t.Context(), nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "neither a bearerToken nor ss-tok/ss-id/ss-pid")
}

// TestExpiryInThePastMeansClocksDisagree: a token whose exp has passed by
// the client's clock was just issued, so the clocks disagree; renewing it
// on every call would not help, so it is used until the server rejects it.
func TestExpiryInThePastMeansClocksDisagree(t *testing.T) {
	c, mt := mockClient(t, opsCreds)
	logins := 0
	mt.RegisterResponder(http.MethodPost, base+"/auth/credentials", func(*http.Request) (*http.Response, error) {
		logins++
		exp := time.Now().Add(-time.Hour).Unix()
		return httpmock.NewStringResponse(200, `{"bearerToken":"`+jwt(`{"exp":`+strconv.FormatInt(exp, 10)+`}`)+`"}`), nil
	})
	mt.RegisterResponder(http.MethodGet, base+"/access/templates", httpmock.NewStringResponder(200, `{"data":[]}`))
	for range 3 {
		_, err := c.AccessTemplates.List(t.Context(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 1, logins)
}
