package transport_test

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/internal/transport"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	vendor  = "testvendor"
	baseURL = "https://api.example.test/v1"
)

var (
	opGet    = &transport.Operation{Name: "things.get", Method: http.MethodGet, Idempotent: true}
	opList   = &transport.Operation{Name: "things.list", Method: http.MethodGet, Idempotent: true}
	opPut    = &transport.Operation{Name: "things.update", Method: http.MethodPut, Idempotent: true}
	opCreate = &transport.Operation{Name: "things.create", Method: http.MethodPost}
	opSearch = &transport.Operation{Name: "things.search", Method: http.MethodPost, Idempotent: true}
)

// cfg is the vendor-specific settings type of the test "vendor".
type cfg struct{}

type option = transport.Option[cfg]

// apiError plays a vendor package's typed Error.
type apiError struct {
	Status                   int
	Code, Message            string
	Op, Method, Path         string
	Attempts                 int
	RetryAfterHeaderReceived string
}

func (e *apiError) Error() string {
	return transport.APIErrorText{Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.Status, Code: e.Code, Message: e.Message, Attempts: e.Attempts}.String()
}

// checkResponse is a vendor decoder: non-2xx become *apiError; a 2xx whose
// body is {"error": "..."} is rejected too, as some vendors do.
func checkResponse(r *transport.Response) error {
	mk := func(code, msg string) error {
		return &apiError{Status: r.StatusCode, Code: code, Message: msg, Op: r.Op, Method: r.Method,
			Path: r.Path, Attempts: r.Attempts}
	}
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		var env struct {
			Error *string `json:"error"`
		}
		if json.Unmarshal(r.Body, &env) == nil && env.Error != nil {
			return mk(*env.Error, "rejected in a 2xx answer")
		}
		return nil
	}
	var body struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		body.Message = transport.Snippet(r.Body, 200)
	}
	return mk(body.Code, body.Message)
}

// newMock returns a mock transport that fails the test on any request no
// responder was registered for.
func newMock(t *testing.T) *httpmock.MockTransport {
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
	return mt
}

// newClient builds a client for the test vendor that sends through mt.
// Options come after the mock, so a test may replace the HTTP client.
func newClient(t *testing.T, mt http.RoundTripper, opts ...option) *transport.Client {
	t.Helper()
	return newClientConfig(t, mt, transport.Config{}, opts...)
}

// newClientConfig is newClient with Config fields of the test's choosing;
// Vendor, DefaultBaseURL and CheckResponse default to the test vendor's.
func newClientConfig(t *testing.T, mt http.RoundTripper, c transport.Config, opts ...option) *transport.Client {
	t.Helper()
	all := append([]option{transport.WithHTTPClient[cfg](&http.Client{Transport: mt})}, opts...)
	var v cfg
	c.Settings = transport.Apply(&v, all)
	if c.Vendor == "" {
		c.Vendor = vendor
	}
	if c.DefaultBaseURL == "" {
		c.DefaultBaseURL = baseURL
	}
	if c.CheckResponse == nil {
		c.CheckResponse = checkResponse
	}
	tc, err := transport.New(c)
	require.NoError(t, err)
	return tc
}

type thing struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Count overflows on big numbers: encoding/json then quotes the number.
	Count uint8 `json:"count,omitempty"`
}

// recorder is a responder that answers with a scripted sequence (the last
// entry repeats) and records what each attempt looked like.
type recorder struct {
	mu     sync.Mutex
	script []reply
	seen   []seenRequest
}

type reply struct {
	status int
	body   string
	header http.Header
	err    error
	// cut, when set, makes the body fail with this error after the
	// first half of body was read.
	cut error
}

type seenRequest struct {
	at     time.Time
	method string
	path   string // escaped
	query  string
	header http.Header
	body   []byte
}

func (rec *recorder) respond(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	rec.mu.Lock()
	i := min(len(rec.seen), len(rec.script)-1)
	rec.seen = append(rec.seen, seenRequest{at: time.Now(), method: req.Method, path: req.URL.EscapedPath(),
		query: req.URL.RawQuery, header: req.Header.Clone(), body: body})
	r := rec.script[i]
	rec.mu.Unlock()
	if r.err != nil {
		return nil, r.err
	}
	resp := httpmock.NewStringResponse(r.status, r.body)
	for k, vs := range r.header {
		resp.Header[k] = vs
	}
	if r.cut != nil {
		resp.Body = &cutBody{data: []byte(r.body[:len(r.body)/2]), err: r.cut}
	}
	resp.Request = req
	return resp, nil
}

func (rec *recorder) requests() []seenRequest {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]seenRequest(nil), rec.seen...)
}

func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.seen)
}

// waits returns the pauses between consecutive attempts.
func (rec *recorder) waits() []time.Duration {
	seen := rec.requests()
	var w []time.Duration
	for i := 1; i < len(seen); i++ {
		w = append(w, seen[i].at.Sub(seen[i-1].at))
	}
	return w
}

// script registers a recorder for method and url on mt ("=~regexp" URLs
// as httpmock allows; a URL without query matches any query).
func script(mt *httpmock.MockTransport, method, url string, replies ...reply) *recorder {
	rec := &recorder{script: replies}
	mt.RegisterResponder(method, url, rec.respond)
	return rec
}

// cutBody delivers data and then fails, like a connection dropped mid-body.
type cutBody struct {
	data []byte
	err  error
}

func (b *cutBody) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, b.err
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

func (b *cutBody) Close() error { return nil }

func ok(body string) reply { return reply{status: http.StatusOK, body: body} }
func status(code int) reply {
	return reply{status: code, body: `{"code":"c` + http.StatusText(code) + `"}`}
}
func fail(err error) reply                  { return reply{err: err} }
func withHeader(r reply, k, v string) reply { r.header = http.Header{k: {v}}; return r }

// connReset is what a server dropping the connection after the request was
// sent looks like to the client.
func connReset() error {
	return &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
}

// dialRefused is a connection that was never made: the request never left.
func dialRefused() error {
	return &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

func asAPIError(t *testing.T, err error) *apiError {
	t.Helper()
	var ae *apiError
	require.True(t, errors.As(err, &ae), "want *apiError, got %T: %v", err, err)
	return ae
}

func asRequestError(t *testing.T, err error) *transport.RequestError {
	t.Helper()
	var re *transport.RequestError
	require.True(t, errors.As(err, &re), "want *transport.RequestError, got %T: %v", err, err)
	return re
}

// httpmockDelay answers 200 {} after d, or fails when the request's context
// ends first.
func httpmockDelay(d time.Duration) httpmock.Responder {
	return httpmock.NewStringResponder(http.StatusOK, `{}`).Delay(d)
}

func newStringResponse(code int, body string) *http.Response {
	return httpmock.NewStringResponse(code, body)
}
