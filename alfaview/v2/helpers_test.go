package alfaview_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	alfaview "github.com/grantkit/grantkit-go/alfaview/v2"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const base = "https://apis.alfaview.com"

// apiKey are the credentials the mock's api-key login accepts.
var apiKey = alfaview.APIKeyCredentials{ClientID: "key-alias", Key: "k3y-s3cr3t-value", CompanyID: "01EZYCFW9MJ10P15YJ63NZ8S47"}

// fastRetry keeps retry waits to milliseconds.
func fastRetry() alfaview.Option {
	return alfaview.WithRetry(alfaview.RetryPolicy{MaxRetries: 3, MinBackoff: time.Millisecond,
		MaxBackoff: 2 * time.Millisecond, MaxRetryAfter: 5 * time.Millisecond})
}

// mock is an httpmock transport standing in for apis.alfaview.com. Its
// logins answer the tokens "token-1", "token-2", … in turn.
type mock struct {
	t  *testing.T
	mt *httpmock.MockTransport

	mu         sync.Mutex
	loginBody  []string
	loginReply func(n int, body string) (int, string)
}

func newMock(t *testing.T) *mock {
	t.Helper()
	m := &mock{t: t, mt: httpmock.NewMockTransport()}
	m.mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL)
		return httpmock.NewStringResponse(599, "unexpected"), nil
	})
	m.loginReply = func(n int, _ string) (int, string) { return 200, `{"accessToken":"token-` + strconv.Itoa(n) + `"}` }
	for _, path := range []string{"/v2/auth/api-key", "/v2/auth/password"} {
		m.mt.RegisterResponder(http.MethodPost, base+path, func(r *http.Request) (*http.Response, error) {
			body := readBody(t, r)
			m.mu.Lock()
			m.loginBody = append(m.loginBody, body)
			n := len(m.loginBody)
			m.mu.Unlock()
			if got := r.Header.Get("Authorization"); got != "" {
				t.Errorf("a login carries Authorization %q", got)
			}
			status, reply := m.loginReply(n, body)
			return jsonResponse(status, reply), nil
		})
	}
	return m
}

func (m *mock) logins() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.loginBody)
}

func (m *mock) client(creds alfaview.Credentials, opts ...alfaview.Option) *alfaview.Client {
	m.t.Helper()
	all := append([]alfaview.Option{alfaview.WithHTTPClient(&http.Client{Transport: m.mt}), fastRetry()}, opts...)
	c, err := alfaview.NewClient(creds, all...)
	require.NoError(m.t, err)
	return c
}

// on answers method path with the responses in turn, the last one again
// and again; each request is passed to inspect first.
func (m *mock) on(method, path string, inspect func(r *http.Request, body string), replies ...httpmock.Responder) {
	var mu sync.Mutex
	n := 0
	m.mt.RegisterResponder(method, base+path, func(r *http.Request) (*http.Response, error) {
		body := readBody(m.t, r)
		if inspect != nil {
			inspect(r, body)
		}
		mu.Lock()
		i := min(n, len(replies)-1)
		n++
		mu.Unlock()
		return replies[i](r)
	})
}

// calls is how many requests reached method path.
func (m *mock) calls(method, path string) int {
	return m.mt.GetCallCountInfo()[method+" "+base+path]
}

func reply(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) { return jsonResponse(status, body), nil }
}

func jsonResponse(status int, body string) *http.Response {
	resp := httpmock.NewStringResponse(status, body)
	if body != "" {
		resp.Header.Set("Content-Type", "application/json")
	}
	return resp
}

func readBody(t *testing.T, r *http.Request) string {
	t.Helper()
	if r.Body == nil {
		return ""
	}
	b, err := io.ReadAll(r.Body)
	require.NoError(t, err)
	return string(b)
}

// sdkModel is one official model (sdkmodels_test.go).
type sdkModel struct {
	Keys, Required []string
	Nested         map[string]string
}

// checkShape reports where doc, a JSON value of model, differs from the
// official model: a key the model lacks, a required key missing, and, when
// full, any key missing. Nested objects and arrays of objects are checked
// against their own models.
func checkShape(model, doc string, full bool) []string {
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var problems []string
	shape(model, model, v, full, &problems)
	return problems
}

func shape(where, model string, v any, full bool, problems *[]string) {
	m, ok := sdkModels[model]
	if !ok {
		*problems = append(*problems, where+": no official model "+model)
		return
	}
	switch v := v.(type) {
	case []any:
		for i, e := range v {
			shape(fmt.Sprintf("%s[%d]", where, i), model, e, full, problems)
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !slices.Contains(m.Keys, k) {
				*problems = append(*problems, fmt.Sprintf("%s: key %q is not in model %s", where, k, model))
				continue
			}
			if nested, ok := m.Nested[k]; ok && v[k] != nil {
				shape(where+"."+k, nested, v[k], full, problems)
			}
		}
		want := m.Required
		if full {
			want = m.Keys
		}
		for _, k := range want {
			if _, ok := v[k]; !ok {
				*problems = append(*problems, fmt.Sprintf("%s: model %s key %q is missing", where, model, k))
			}
		}
	default:
		*problems = append(*problems, fmt.Sprintf("%s: %v is not an object of model %s", where, v, model))
	}
}
