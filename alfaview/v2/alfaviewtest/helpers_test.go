package alfaviewtest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// These tests speak plain net/http to the fake, as the official client
// would, and compare what comes back with shapes written from the SDK's
// models, so they do not lean on any Go client.

// client is a caller with a token; token "" sends no Authorization header.
type client struct {
	t     *testing.T
	srv   *alfaviewtest.Server
	token string
}

// resp is an answer, its body decoded as JSON where it is JSON.
type resp struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

func (r resp) obj() map[string]any {
	m, _ := r.body.(map[string]any)
	return m
}

func (r resp) list() []any {
	l, _ := r.body.([]any)
	return l
}

func newServer(t *testing.T, opts ...alfaviewtest.Option) (*alfaviewtest.Server, *client) {
	t.Helper()
	srv := alfaviewtest.NewServer(t, opts...)
	c := &client{t: t, srv: srv}
	c.token = c.login()
	return srv, c
}

const apiKeyBody = `{"clientId":"` + alfaviewtest.ClientID + `","key":"` + alfaviewtest.Key + `","companyId":"` + alfaviewtest.CompanyID + `"}`

func (c *client) login() string {
	c.t.Helper()
	r := c.call(http.MethodPost, "/v2/auth/api-key", apiKeyBody)
	require.Equal(c.t, http.StatusOK, r.status, string(r.raw))
	return r.obj()["accessToken"].(string)
}

func (c *client) as(token string) *client { return &client{t: c.t, srv: c.srv, token: token} }

// call sends body (none if "") with the token as the Authorization header's
// whole value, as the official client sends it.
func (c *client) call(method, path, body string, header ...string) resp {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(c.t.Context(), method, c.srv.URL+path, rd)
	require.NoError(c.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", c.token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.srv.Client().Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	out := resp{status: res.StatusCode, header: res.Header, raw: raw}
	if strings.Contains(res.Header.Get("Content-Type"), "json") {
		require.NoError(c.t, json.Unmarshal(raw, &out.body), string(raw))
	}
	return out
}

// want asserts the status and returns the answer.
func (c *client) want(status int, method, path, body string) resp {
	c.t.Helper()
	r := c.call(method, path, body)
	require.Equal(c.t, status, r.status, "%s %s: %s", method, path, r.raw)
	return r
}

// id creates something and returns the id of the 201 {id} answer.
func (c *client) id(path, body string) string {
	c.t.Helper()
	r := c.want(http.StatusCreated, http.MethodPost, path, body)
	id, _ := r.obj()["id"].(string)
	require.NotEmpty(c.t, id, string(r.raw))
	return id
}

func (c *client) room(name string) string {
	c.t.Helper()
	return c.id("/v2/rooms", `{"displayName":"`+name+`","type":"room","waitingRoomEnabled":false}`)
}

// assertProblem checks an RFC 9457 body (model ErrorModel) as Huma writes
// it: application/problem+json, title the status text, status, a detail,
// and, when details are given, exactly those errors.
func assertProblem(t *testing.T, r resp, status int, details ...map[string]any) {
	t.Helper()
	require.Equal(t, status, r.status, string(r.raw))
	assert.Equal(t, "application/problem+json", r.header.Get("Content-Type"))
	m := r.obj()
	require.NotNil(t, m, string(r.raw))
	assert.Equal(t, http.StatusText(status), m["title"])
	assert.Equal(t, float64(status), m["status"])
	assert.NotEmpty(t, m["detail"])
	for k := range m {
		assert.Contains(t, []string{"type", "title", "status", "detail", "instance", "errors"}, k, "ErrorModel has no %q", k)
	}
	if len(details) == 0 {
		return
	}
	var got []map[string]any
	for _, e := range m["errors"].([]any) {
		got = append(got, e.(map[string]any))
	}
	assert.Equal(t, details, got)
}

// detail is one ErrorDetail without its value, for assertProblem; the
// value is checked where it matters.
func detail(location, message string) map[string]any {
	return map[string]any{"location": location, "message": message}
}

// withoutValues drops the value of every ErrorDetail, so assertProblem can
// compare locations and messages.
func withoutValues(r resp) resp {
	if errs, ok := r.obj()["errors"].([]any); ok {
		for _, e := range errs {
			delete(e.(map[string]any), "value")
		}
	}
	return r
}

var (
	uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
)

// shape reduces decoded JSON to its skeleton: "uuid", "date-time",
// "string", "number", "bool" or "null" for scalars, the skeleton of the
// first element for arrays (or [] when empty), and objects key by key. The
// golden shapes in shapes_test.go are written from the SDK's models in this
// form.
func shape(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			out[k] = shape(e)
		}
		return out
	case []any:
		if len(v) == 0 {
			return []any{}
		}
		return []any{shape(v[0])}
	case string:
		if uuidRE.MatchString(v) {
			return "uuid"
		}
		if _, err := time.Parse(time.RFC3339, v); err == nil {
			return "date-time"
		}
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case nil:
		return "null"
	}
	return "?"
}

// assertShape compares v's skeleton with the golden one, given as JSON.
func assertShape(t *testing.T, golden string, v any) {
	t.Helper()
	var want any
	require.NoError(t, json.Unmarshal([]byte(golden), &want), golden)
	got, err := json.Marshal(shape(v))
	require.NoError(t, err)
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(got))
}
