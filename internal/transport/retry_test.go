package transport_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"testing/synctest"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// The retry tests run in a synctest bubble: the default policy's real
// waits (500ms and up) pass in fake time.

const thingURL = baseURL + "/things/1"

func TestRetryByStatus(t *testing.T) {
	tests := []struct {
		status        int
		idempotent    bool
		nonIdempotent bool
	}{
		{http.StatusTooManyRequests, true, true},
		{http.StatusInternalServerError, true, false},
		{http.StatusBadGateway, true, false},
		{http.StatusServiceUnavailable, true, false},
		{http.StatusGatewayTimeout, true, false},
		{http.StatusBadRequest, false, false},
		{http.StatusNotFound, false, false},
		{http.StatusNotImplemented, false, false},
		{http.StatusConflict, false, false},
	}
	for _, tt := range tests {
		for _, op := range []*transport.Operation{opGet, opCreate} {
			retried := tt.nonIdempotent
			if op.Idempotent {
				retried = tt.idempotent
			}
			t.Run(http.StatusText(tt.status)+"/"+op.Method, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					mt := newMock(t)
					rec := script(mt, op.Method, thingURL, status(tt.status))
					c := newClient(t, mt)

					_, err := c.Do(t.Context(), &transport.Request{Op: op, Path: []string{"things", "1"}, Body: bodyFor(op)}, nil)

					want := 1
					if retried {
						want = 1 + transport.DefaultRetryPolicy().MaxRetries
					}
					assert.Equal(t, want, rec.count(), "attempts the server saw")
					ae := asAPIError(t, err)
					assert.Equal(t, tt.status, ae.Status)
					assert.Equal(t, want, ae.Attempts)
				})
			})
		}
	}
}

func bodyFor(op *transport.Operation) any {
	if op.Method == http.MethodGet {
		return nil
	}
	return thing{Name: "n"}
}

func TestRetryThenSuccess(t *testing.T) {
	for _, op := range []*transport.Operation{opGet, opPut, opSearch} {
		t.Run(op.Name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := script(mt, op.Method, thingURL, status(503), status(502), status(500), ok(`{"id":"1","name":"x"}`))
				c := newClient(t, mt)
				var out thing
				resp, err := c.Do(t.Context(), &transport.Request{Op: op, Path: []string{"things", "1"}, Body: bodyFor(op)}, &out)
				require.NoError(t, err)
				assert.Equal(t, 4, rec.count())
				assert.Equal(t, 4, resp.Attempts)
				assert.Equal(t, http.StatusOK, resp.StatusCode)
				assert.Equal(t, thing{ID: "1", Name: "x"}, out)
			})
		})
	}
}

func TestRetryConnectionErrors(t *testing.T) {
	tests := []struct {
		name          string
		err           error
		idempotent    bool
		nonIdempotent bool
	}{
		{"reset after send", connReset(), true, false},
		{"dial refused", dialRefused(), true, true},
	}
	for _, tt := range tests {
		for _, op := range []*transport.Operation{opGet, opCreate} {
			retried := tt.nonIdempotent
			if op.Idempotent {
				retried = tt.idempotent
			}
			t.Run(tt.name+"/"+op.Method, func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					mt := newMock(t)
					rec := script(mt, op.Method, thingURL, fail(tt.err))
					c := newClient(t, mt)

					_, err := c.Do(t.Context(), &transport.Request{Op: op, Path: []string{"things", "1"}, Body: bodyFor(op)}, nil)

					want := 1
					if retried {
						want = 1 + transport.DefaultRetryPolicy().MaxRetries
					}
					assert.Equal(t, want, rec.count(), "attempts the server saw")
					re := asRequestError(t, err)
					assert.Equal(t, want, re.Attempts)
					assert.Zero(t, re.StatusCode)
					var target *net.OpError
					assert.ErrorAs(t, err, &target)
				})
			})
		}
	}
}

func TestRetryConnectionErrorThenSuccess(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodPost, baseURL+"/things", fail(dialRefused()), status(429), reply{status: 201, body: `{"id":"9"}`})
		c := newClient(t, mt)
		var out thing
		resp, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{Name: "n"}}, &out)
		require.NoError(t, err)
		assert.Equal(t, 3, rec.count())
		assert.Equal(t, 3, resp.Attempts)
		assert.Equal(t, "9", out.ID)
	})
}

func TestRetryReplaysBodyIdentically(t *testing.T) {
	body := map[string]any{"name": "Größe & <tags>", "n": 42, "nested": map[string]any{"list": []int{1, 2, 3}}}
	tests := []struct {
		op      *transport.Operation
		replies []reply
	}{
		{opCreate, []reply{status(429), fail(dialRefused()), status(429), ok(`{}`)}},
		{opPut, []reply{status(503), fail(connReset()), status(500), ok(`{}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.op.Name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := script(mt, tt.op.Method, thingURL, tt.replies...)
				c := newClient(t, mt)
				_, err := c.Do(t.Context(), &transport.Request{Op: tt.op, Path: []string{"things", "1"}, Body: body}, nil)
				require.NoError(t, err)
				seen := rec.requests()
				require.Len(t, seen, 4)
				assert.JSONEq(t, `{"name":"Größe & <tags>","n":42,"nested":{"list":[1,2,3]}}`, string(seen[0].body))
				for i, s := range seen {
					assert.Equal(t, seen[0].body, s.body, "attempt %d body", i+1)
					assert.Equal(t, "application/json", s.header.Get("Content-Type"))
				}
			})
		})
	}
}

func TestRetryMaxRetriesHonoured(t *testing.T) {
	tests := []struct {
		name string
		opts []option
		want int
	}{
		{"default", nil, 4},
		{"WithMaxRetries(0) is one attempt", []option{transport.WithMaxRetries[cfg](0)}, 1},
		{"WithMaxRetries(1)", []option{transport.WithMaxRetries[cfg](1)}, 2},
		{"WithMaxRetries(6)", []option{transport.WithMaxRetries[cfg](6)}, 7},
		{"WithRetry MaxRetries 2", []option{transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 2})}, 3},
		{"WithRetry zero policy is one attempt", []option{transport.WithRetry[cfg](transport.RetryPolicy{})}, 1},
		{"WithRetry then WithMaxRetries", []option{transport.WithRetry[cfg](transport.RetryPolicy{MaxRetries: 2}), transport.WithMaxRetries[cfg](5)}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				rec := script(mt, http.MethodGet, thingURL, status(503))
				c := newClient(t, mt, tt.opts...)
				_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
				ae := asAPIError(t, err)
				assert.Equal(t, tt.want, rec.count())
				assert.Equal(t, tt.want, ae.Attempts)
			})
		})
	}
}

// Vendor packages may fill Settings directly; a policy set there must not be
// silently replaced by the default.
func TestRetryPolicyFromSettings(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodGet, thingURL, status(503))
		c, err := transport.New(transport.Config{Vendor: vendor, DefaultBaseURL: baseURL, CheckResponse: checkResponse,
			Settings: transport.Settings{HTTPClient: &http.Client{Transport: mt}, Retry: transport.RetryPolicy{MaxRetries: 1}}})
		require.NoError(t, err)
		_, err = c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		require.Error(t, err)
		assert.Equal(t, 2, rec.count())
	})
}

func TestGiveUpReturnsVendorError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		script(mt, http.MethodGet, thingURL, reply{status: 503, body: `{"code":"overloaded","message":"try later"}`})
		c := newClient(t, mt)
		_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		ae := asAPIError(t, err)
		assert.Equal(t, 503, ae.Status)
		assert.Equal(t, "overloaded", ae.Code)
		assert.Equal(t, 4, ae.Attempts)
		assert.Equal(t, "/v1/things/1", ae.Path)
		assert.Equal(t, "testvendor: things.get (GET /v1/things/1): 503 overloaded: try later [4 attempts]", err.Error())
		assert.NotContains(t, err.Error(), "giving up")
	})
}

func TestGiveUpTransportFailure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		script(mt, http.MethodGet, thingURL, fail(connReset()))
		c := newClient(t, mt)
		_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"},
			Query: url.Values{"token": {"sekrit-query"}}}, nil)
		re := asRequestError(t, err)
		assert.Equal(t, 4, re.Attempts)
		assert.Equal(t, "/v1/things/1", re.Path)
		assert.ErrorIs(t, err, syscall.ECONNRESET)
		msg := err.Error()
		assert.NotContains(t, msg, "sekrit")
		assert.NotContains(t, msg, "?")
		assert.NotContains(t, msg, "giving up")
		assert.Contains(t, msg, "4 attempts")
	})
}

// After the last 503 the status must survive: CheckResponse sees it even
// when the retry budget is one.
func TestGiveUpKeepsLastAnswer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		script(mt, http.MethodGet, thingURL, status(500), status(502), status(504), reply{status: 503, body: `{"code":"last"}`})
		c := newClient(t, mt)
		_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		ae := asAPIError(t, err)
		assert.Equal(t, 503, ae.Status)
		assert.Equal(t, "last", ae.Code)
	})
}

func TestCancelledBeforeSend(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		c := newClient(t, mt)
		_, err := c.Do(ctx, &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
		assert.ErrorIs(t, err, context.Canceled)
		assert.False(t, strings.Contains(err.Error(), "giving up"))
	})
}

func TestTransportErrorIsNotVendorError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		script(mt, http.MethodPost, baseURL+"/things", fail(connReset()))
		c := newClient(t, mt)
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{}}, nil)
		var ae *apiError
		assert.False(t, errors.As(err, &ae))
		re := asRequestError(t, err)
		assert.Equal(t, 1, re.Attempts)
		assert.Equal(t, "things.create", re.Op)
		assert.Equal(t, http.MethodPost, re.Method)
	})
}

// The same check through httpmock's own body matching: every attempt of a
// create retried after 429s carries the JSON body, counted under the
// matcher's name.
func TestRetryBodyMatcherSeesEveryAttempt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		var n int
		mt.RegisterMatcherResponder(http.MethodPost, baseURL+"/things",
			httpmock.BodyContainsString(`"name":"replayed"`).WithName("create-body"),
			func(*http.Request) (*http.Response, error) {
				if n++; n < 3 {
					return httpmock.NewStringResponse(http.StatusTooManyRequests, `{"code":"slow_down"}`), nil
				}
				return httpmock.NewStringResponse(http.StatusCreated, `{"id":"1"}`), nil
			})
		c := newClient(t, mt)
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{Name: "replayed"}}, nil)
		require.NoError(t, err)
		assert.Equal(t, 3, mt.GetCallCountInfo()["POST "+baseURL+"/things <create-body>"])
		assert.Equal(t, 3, mt.GetTotalCallCount())
	})
}
