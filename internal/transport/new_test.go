package transport_test

import (
	"context"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, raw := range []string{"", "api.example.test", "/v1", "ftp://api.example.test", "https://", "https:///v1", "://x", "https://api.example.test:port/", "mailto:a@b"} {
		t.Run(raw, func(t *testing.T) {
			_, err := transport.New(transport.Config{Vendor: vendor, Settings: transport.Settings{BaseURL: raw}})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "base URL")
			assert.Contains(t, err.Error(), vendor)
		})
	}
}

func TestNewDefaultBaseURL(t *testing.T) {
	c, err := transport.New(transport.Config{Vendor: vendor, DefaultBaseURL: baseURL})
	require.NoError(t, err)
	assert.Equal(t, baseURL, c.BaseURL().String())

	c, err = transport.New(transport.Config{Vendor: vendor, DefaultBaseURL: baseURL, Settings: transport.Settings{BaseURL: "https://eu.example.test/"}})
	require.NoError(t, err)
	assert.Equal(t, "https://eu.example.test/", c.BaseURL().String())

	// BaseURL returns a copy: changing it does not redirect the client.
	c.BaseURL().Host = "evil.example"
	assert.Equal(t, "eu.example.test", c.BaseURL().Host)
}

func TestNewInsecureHTTP(t *testing.T) {
	tests := []struct {
		base  string
		auth  bool
		allow bool
		ok    bool
	}{
		{"http://api.example.test", true, false, false},
		{"http://10.0.0.1:8080", true, false, false},
		{"http://localhost.evil.example", true, false, false},
		{"http://api.example.test", true, true, true},
		{"http://api.example.test", false, false, true},
		{"https://api.example.test", true, false, true},
		{"http://127.0.0.1:8080", true, false, true},
		{"http://127.1.2.3", true, false, true},
		{"http://localhost:9000/v1", true, false, true},
		{"http://LOCALHOST", true, false, true},
		{"http://[::1]:9000", true, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			c := transport.Config{Vendor: vendor, Settings: transport.Settings{BaseURL: tt.base}, AllowInsecureHTTP: tt.allow}
			if tt.auth {
				c.Auth = auth.Bearer("sekrit-token")
			}
			_, err := transport.New(c)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), "base URL")
			assert.Contains(t, err.Error(), "plain http")
			assert.NotContains(t, err.Error(), "sekrit")
		})
	}
}

func TestNewRejectsBadSettings(t *testing.T) {
	tests := []struct {
		name    string
		opts    []option
		setting string
	}{
		{"negative max response bytes", []option{transport.WithMaxResponseBytes[cfg](-1)}, "max response bytes"},
		{"negative retries", []option{transport.WithMaxRetries[cfg](-1)}, "MaxRetries"},
		{"user agent with a line break", []option{transport.WithUserAgent[cfg]("bot/1.0\r\nX-Injected: 1")}, "user agent"},
		{"user agent with a NUL", []option{transport.WithUserAgent[cfg]("bot\x00")}, "user agent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v cfg
			_, err := transport.New(transport.Config{Vendor: vendor, DefaultBaseURL: baseURL, Settings: transport.Apply(&v, tt.opts)})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.setting)
		})
	}
}

// The caller's *http.Client may be shared with other code: the engine
// applies its per-attempt timeout to a copy.
func TestNewDoesNotMutateCallersClient(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL, ok(`{}`))
		redirect := func(*http.Request, []*http.Request) error { return nil }
		hc := &http.Client{Transport: mt, CheckRedirect: redirect}
		before := *hc

		c := newClient(t, nil, transport.WithHTTPClient[cfg](hc), transport.WithTimeout[cfg](5*time.Second))
		require.NoError(t, getThing(t, c, t.Context()))

		assert.Equal(t, before.Timeout, hc.Timeout)
		assert.Zero(t, hc.Timeout)
		assert.Same(t, before.Transport, hc.Transport)
		assert.Nil(t, hc.Jar)
		assert.NotNil(t, hc.CheckRedirect)
		assert.Equal(t, 1, rec.count(), "the caller's transport is the one used")
	})
}

// Without WithTimeout the caller's own client timeout applies, and a client
// with none gets DefaultTimeout.
func TestTimeoutDefaults(t *testing.T) {
	tests := []struct {
		name     string
		clientTO time.Duration
		opts     []option
		want     time.Duration
	}{
		{"engine default", 0, nil, transport.DefaultTimeout},
		{"caller's client timeout kept", 3 * time.Second, nil, 3 * time.Second},
		{"WithTimeout wins", 3 * time.Second, []option{transport.WithTimeout[cfg](7 * time.Second)}, 7 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				mt.RegisterResponder(http.MethodGet, thingURL, httpmockDelay(time.Hour))
				opts := append([]option{transport.WithHTTPClient[cfg](&http.Client{Transport: mt, Timeout: tt.clientTO}), transport.WithMaxRetries[cfg](0)}, tt.opts...)
				c := newClient(t, nil, opts...)
				start := time.Now()
				require.Error(t, getThing(t, c, t.Context()))
				assert.Equal(t, tt.want, time.Since(start))
			})
		})
	}
}

func TestNoTimeoutLeavesOnlyTheContext(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		mt.RegisterResponder(http.MethodGet, thingURL, httpmockDelay(time.Hour))
		c := newClient(t, mt, transport.WithTimeout[cfg](0), transport.WithMaxRetries[cfg](0))
		start := time.Now()
		require.NoError(t, getThing(t, c, t.Context()))
		assert.Equal(t, time.Hour, time.Since(start))
	})
}

// attemptScript answers the attempts of a call in turn, each reply
// function seeing its attempt's request.
type attemptScript []func(*http.Request) (*http.Response, error)

func (s *attemptScript) RoundTrip(r *http.Request) (*http.Response, error) {
	next := (*s)[0]
	*s = (*s)[1:]
	return next(r)
}

// An attempt that runs out of time is retried with a whole timeout of its
// own, and the wait before a retry is not cut short by the deadline of the
// attempt before it.
func TestAttemptDeadlines(t *testing.T) {
	const timeout = 2 * time.Second
	t.Run("timed-out attempt retried with a fresh deadline", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			script := attemptScript{
				func(r *http.Request) (*http.Response, error) {
					<-r.Context().Done()
					return nil, context.Cause(r.Context())
				},
				func(r *http.Request) (*http.Response, error) {
					time.Sleep(timeout - time.Millisecond)
					if err := r.Context().Err(); err != nil {
						return nil, err
					}
					return newStringResponse(http.StatusOK, `{}`), nil
				},
			}
			tc := newClient(t, &script, transport.WithTimeout[cfg](timeout), transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 1, MinBackoff: time.Millisecond, MaxBackoff: time.Millisecond}))
			resp, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
		})
	})
	t.Run("wait longer than the attempt's remaining time", func(t *testing.T) {
		synctest.Test(t, func(t *testing.T) {
			script := attemptScript{
				func(r *http.Request) (*http.Response, error) {
					time.Sleep(timeout - 100*time.Millisecond)
					resp := newStringResponse(http.StatusServiceUnavailable, ``)
					resp.Header.Set("Retry-After", "1")
					return resp, nil
				},
				func(r *http.Request) (*http.Response, error) {
					return newStringResponse(http.StatusOK, `{}`), nil
				},
			}
			tc := newClient(t, &script, transport.WithTimeout[cfg](timeout))
			start := time.Now()
			resp, err := tc.Do(context.Background(), &transport.Request{Op: opGet, Path: []string{"x"}}, nil)
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, timeout-100*time.Millisecond+time.Second, time.Since(start))
		})
	})
}
