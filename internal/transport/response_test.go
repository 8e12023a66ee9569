package transport_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// jsonOfSize returns a JSON string value of exactly n bytes.
func jsonOfSize(n int) string {
	return `"` + strings.Repeat("a", n-2) + `"`
}

func TestSizeCapMock(t *testing.T) {
	tests := []struct {
		name          string
		size          int
		contentLength bool
		opts          []option
		tooLarge      bool
	}{
		{"default cap, length known, over", transport.DefaultMaxResponseBytes + 1, true, nil, true},
		{"default cap, chunked, over", transport.DefaultMaxResponseBytes + 1, false, nil, true},
		{"default cap, at the cap", transport.DefaultMaxResponseBytes, false, nil, false},
		{"option, length known, over", 1025, true, []option{transport.WithMaxResponseBytes[cfg](1024)}, true},
		{"option, chunked, over", 1025, false, []option{transport.WithMaxResponseBytes[cfg](1024)}, true},
		{"option, length known, at the cap", 1024, true, []option{transport.WithMaxResponseBytes[cfg](1024)}, false},
		{"option, chunked, at the cap", 1024, false, []option{transport.WithMaxResponseBytes[cfg](1024)}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				body := jsonOfSize(tt.size)
				var calls atomic.Int32
				responder := httpmock.NewStringResponder(http.StatusOK, body)
				if tt.contentLength {
					responder = responder.SetContentLength()
				}
				mt.RegisterResponder(http.MethodGet, thingURL, responder.Trace(func(...any) { calls.Add(1) }))
				c := newClient(t, mt, tt.opts...)
				var out string
				_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}, Query: url.Values{"k": {"sekrit-query"}}}, &out)
				if !tt.tooLarge {
					require.NoError(t, err)
					assert.Len(t, out, tt.size-2)
					return
				}
				assert.ErrorIs(t, err, transport.ErrResponseTooLarge)
				re := asRequestError(t, err)
				assert.Equal(t, 1, re.Attempts, "a too-large answer is not retried")
				assert.Equal(t, 1, mt.GetTotalCallCount())
				assertCleanError(t, err)
			})
		})
	}
}

// assertCleanError checks an error names no URL query and is not
// retryablehttp's "giving up" message.
func assertCleanError(t *testing.T, err error) {
	t.Helper()
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		s := fmt.Sprintf(verb, err)
		assert.NotContains(t, s, "sekrit-query")
		assert.NotContains(t, s, "giving up")
	}
}

// A body without a length is read only up to the cap: a server streaming
// forever costs cap+1 bytes, not memory until it stops.
func TestSizeCapStopsReading(t *testing.T) {
	mt := newMock(t)
	endless := &countingReader{left: 64 << 20}
	mt.RegisterResponder(http.MethodGet, thingURL, func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}, Body: endless, ContentLength: -1, Request: req}, nil
	})
	c := newClient(t, mt, transport.WithMaxResponseBytes[cfg](1024))
	_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
	assert.ErrorIs(t, err, transport.ErrResponseTooLarge)
	assert.LessOrEqual(t, endless.read, int64(1025))
}

// countingReader yields left bytes of spaces and counts what was read.
type countingReader struct {
	left, read int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range n {
		p[i] = ' '
	}
	r.left -= n
	r.read += n
	return int(n), nil
}

func (r *countingReader) Close() error { return nil }

// Over real HTTP: a declared Content-Length and a chunked body, both over
// the cap, for a read (which would otherwise be retried).
func TestSizeCapHTTP(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body := jsonOfSize(2048)
		switch r.URL.Path {
		case "/length":
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
			_, _ = io.WriteString(w, body)
		case "/chunked":
			for i := 0; i < len(body); i += 256 {
				_, _ = io.WriteString(w, body[i:min(i+256, len(body))])
				w.(http.Flusher).Flush()
			}
		}
	}))
	defer srv.Close()
	c := newClientConfig(t, srv.Client().Transport, transport.Config{DefaultBaseURL: srv.URL},
		transport.WithMaxResponseBytes[cfg](1024))
	defer srv.Client().CloseIdleConnections()
	for _, p := range []string{"length", "chunked"} {
		t.Run(p, func(t *testing.T) {
			calls.Store(0)
			var out string
			_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{p}}, &out)
			assert.ErrorIs(t, err, transport.ErrResponseTooLarge)
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}

func TestBodyCutMidway(t *testing.T) {
	full := `{"id":"1","name":"a long enough name"}`
	cut := reply{status: http.StatusOK, body: full, cut: io.ErrUnexpectedEOF}
	t.Run("idempotent read is retried", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodGet, thingURL, cut, ok(full))
			c := newClient(t, mt)
			var out thing
			resp, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &out)
			require.NoError(t, err)
			assert.Equal(t, 2, rec.count())
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, "a long enough name", out.Name)
		})
	})
	t.Run("create is not retried", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			mt := newMock(t)
			rec := script(mt, http.MethodPost, baseURL+"/things", reply{status: http.StatusCreated, body: full, cut: connReset()}, ok(full))
			c := newClient(t, mt)
			var out thing
			_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{Name: "x"}, Query: url.Values{"k": {"sekrit-query"}}}, &out)
			require.Error(t, err)
			assertCleanError(t, err)
			assert.Equal(t, 1, rec.count())
			re := asRequestError(t, err)
			assert.Equal(t, 1, re.Attempts)
			assert.Equal(t, http.StatusCreated, re.StatusCode)
			assert.NotContains(t, err.Error(), `{"id"`)
		})
	})
	t.Run("length declared, body short", func(t *testing.T) {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "100")
			_, _ = io.WriteString(w, `{"id":`)
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.(*net.TCPConn).SetLinger(0)
			_ = conn.Close()
		}))
		defer srv.Close()
		defer srv.Client().CloseIdleConnections()
		var calls atomic.Int32
		counting := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			calls.Add(1)
			return srv.Client().Transport.RoundTrip(r)
		})
		c := newClientConfig(t, counting, transport.Config{DefaultBaseURL: srv.URL})
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{}}, nil)
		require.Error(t, err)
		assert.Equal(t, int32(1), calls.Load())
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDecode(t *testing.T) {
	html := `<html><body><h1>Welcome</h1><p>sekrit-body session=abc</p></body></html>`
	tests := []struct {
		name    string
		reply   reply
		out     bool
		wantErr error
		check   func(t *testing.T, out thing, err error)
	}{
		{"empty 2xx with out", ok(""), true, transport.ErrEmptyResponse, nil},
		{"empty 2xx without out", ok(""), false, nil, nil},
		{"HTML 200", ok(html), true, transport.ErrMalformedResponse, func(t *testing.T, _ thing, err error) {
			for _, s := range []string{"sekrit", "Welcome", "<html", "session", "'<'"} {
				assert.NotContains(t, err.Error(), s)
			}
		}},
		{"HTML 200 without out is discarded", ok(html), false, nil, nil},
		{"number where a string belongs", ok(`{"id":1234567,"name":"x"}`), true, transport.ErrMalformedResponse, func(t *testing.T, _ thing, err error) {
			assert.Contains(t, err.Error(), "id")
		}},
		{"number overflowing its field", ok(`{"id":"1","count":1234567}`), true, transport.ErrMalformedResponse, func(t *testing.T, _ thing, err error) {
			assert.NotContains(t, err.Error(), "1234567")
			assert.Contains(t, err.Error(), "count")
		}},
		{"204 is not decoded", reply{status: http.StatusNoContent}, true, nil, func(t *testing.T, out thing, _ error) {
			assert.Equal(t, thing{ID: "untouched"}, out)
		}},
		{"2xx body decoded", ok(`{"id":"7","name":"seven","extra":true}`), true, nil, func(t *testing.T, out thing, _ error) {
			assert.Equal(t, thing{ID: "7", Name: "seven"}, out)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := script(mt, http.MethodGet, thingURL, tt.reply)
				c := newClient(t, mt)
				out := thing{ID: "untouched"}
				var dst any
				if tt.out {
					dst = &out
				}
				resp, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, dst)
				assert.Equal(t, 1, rec.count(), "decode failures are not retried")
				if tt.wantErr == nil {
					require.NoError(t, err)
					assert.Equal(t, tt.reply.status, resp.StatusCode)
				} else {
					assert.ErrorIs(t, err, tt.wantErr)
					re := asRequestError(t, err)
					assert.Equal(t, tt.reply.status, re.StatusCode)
					assert.Equal(t, "/v1/things/1", re.Path)
				}
				if tt.check != nil {
					tt.check(t, out, err)
				}
			})
		})
	}
}

func TestCheckResponseRejects2xx(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL, ok(`{"error":"token_outdated"}`))
		c := newClient(t, mt)
		var out thing
		resp, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &out)
		ae := asAPIError(t, err)
		assert.Equal(t, "token_outdated", ae.Code)
		assert.Equal(t, http.StatusOK, ae.Status)
		assert.Equal(t, 1, rec.count())
		require.NotNil(t, resp)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
	})
}

// CheckResponse sees every answer with its body and what the request was;
// a non-2xx it lets through still fails.
func TestCheckResponseSeesEveryAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		script(mt, http.MethodGet, thingURL, reply{status: http.StatusTeapot, body: "short and stout"})
		var seen []transport.Response
		c := newClientConfig(t, mt, transport.Config{CheckResponse: func(r *transport.Response) error {
			cp := *r
			cp.Body = append([]byte(nil), r.Body...)
			seen = append(seen, cp)
			return nil
		}})
		_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		re := asRequestError(t, err)
		assert.Equal(t, http.StatusTeapot, re.StatusCode)
		require.Len(t, seen, 1)
		assert.Equal(t, "short and stout", string(seen[0].Body))
		assert.Equal(t, "things.get", seen[0].Op)
		assert.Equal(t, http.MethodGet, seen[0].Method)
		assert.Equal(t, "/v1/things/1", seen[0].Path)
		assert.Equal(t, 1, seen[0].Attempts)
	})
}

// Bodies are read to the end on every path, so one connection serves a
// whole sequence of calls, failed ones included.
func TestConnectionsReused(t *testing.T) {
	var conns atomic.Int32
	var n atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) % 3 {
		case 0:
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"code":"not_found","message":"`+strings.Repeat("x", 8<<10)+`"}`)
		case 1:
			_, _ = io.WriteString(w, `{"id":"1","name":"`+strings.Repeat("y", 16<<10)+`"}`)
		case 2:
			w.WriteHeader(http.StatusNoContent)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	defer srv.Client().CloseIdleConnections()
	c := newClientConfig(t, srv.Client().Transport, transport.Config{DefaultBaseURL: srv.URL}, transport.WithMaxRetries[cfg](0))
	for range 30 {
		var out thing
		_, _ = c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &out)
	}
	assert.Equal(t, int32(30), n.Load())
	assert.Equal(t, int32(1), conns.Load())
}

// One failed call must not cost every other caller its pooled connection:
// go-retryablehttp closes the client's idle connections whenever it returns
// an error, and clients share a transport (the engine's default pool, or a
// caller's).
func TestFailureKeepsOtherIdleConnections(t *testing.T) {
	var conns atomic.Int32
	healthy := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id":"1"}`)
	}))
	healthy.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	healthy.Start()
	defer healthy.Close()
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close() // nothing listens there any more: dials are refused

	shared := &http.Transport{}
	defer shared.CloseIdleConnections()
	good := newClientConfig(t, shared, transport.Config{DefaultBaseURL: healthy.URL})
	bad := newClientConfig(t, shared, transport.Config{DefaultBaseURL: downURL}, transport.WithMaxRetries[cfg](0))

	for i := range 3 {
		var out thing
		_, err := good.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, &out)
		require.NoError(t, err)
		_, err = bad.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		require.Error(t, err, "call %d", i)
	}
	assert.Equal(t, int32(1), conns.Load(), "the healthy host's connection survives the other host's failures")
}

// A HEAD answer declares the length of a body it does not carry.
func TestHeadRequest(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "4096")
		w.Header().Set("ETag", `"v1"`)
	}))
	defer srv.Close()
	defer srv.Client().CloseIdleConnections()
	c := newClientConfig(t, srv.Client().Transport, transport.Config{DefaultBaseURL: srv.URL}, transport.WithMaxResponseBytes[cfg](1024))
	op := &transport.Operation{Name: "things.head", Method: http.MethodHead, Idempotent: true}
	resp, err := c.Do(t.Context(), &transport.Request{Op: op, Path: []string{"things", "1"}}, nil)
	require.NoError(t, err)
	assert.Equal(t, `"v1"`, resp.Header.Get("ETag"))
	assert.Equal(t, 1, resp.Attempts)
}
