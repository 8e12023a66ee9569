package transport_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// countingSession is an auth.Session that counts fetches and invalidations.
type countingSession struct {
	*auth.Session
	fetches, invalidations atomic.Int32
}

func (s *countingSession) Invalidate(cred string) {
	s.invalidations.Add(1)
	s.Session.Invalidate(cred)
}

func newSession() *countingSession {
	s := &countingSession{}
	s.Session = &auth.Session{
		Cache: auth.NewCache(func(context.Context) (auth.Token, error) {
			return auth.Token{Value: fmt.Sprintf("tok-%d", s.fetches.Add(1))}, nil
		}, 0, nil),
		Attach: func(_ context.Context, o *transport.Outgoing, t auth.Token) error {
			o.Header.Set("Authorization", "Bearer "+t.Value)
			return nil
		},
		IsExpired: func(err error) bool {
			var ae *apiError
			return errors.As(err, &ae) && ae.Status == http.StatusUnauthorized
		},
	}
	return s
}

func TestSessionExpiredReplaysOnce(t *testing.T) {
	for _, op := range []*transport.Operation{opCreate, opGet} {
		t.Run(op.Name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				mt := newMock(t)
				var auths []string
				mt.RegisterResponder(op.Method, anyOnAPIHost, func(r *http.Request) (*http.Response, error) {
					auths = append(auths, r.Header.Get("Authorization"))
					if r.Header.Get("Authorization") == "Bearer tok-1" {
						return newStringResponse(401, `{"code":"token_expired"}`), nil
					}
					return newStringResponse(201, `{"id":"new"}`), nil
				})
				s := newSession()
				c := newClientConfig(t, mt, transport.Config{Auth: s})
				var out thing
				_, err := c.Do(t.Context(), &transport.Request{Op: op, Path: []string{"things"}, Body: bodyFor(op)}, &out)
				require.NoError(t, err)
				assert.Equal(t, "new", out.ID)
				assert.Equal(t, []string{"Bearer tok-1", "Bearer tok-2"}, auths, "one replay with the new token")
				assert.Equal(t, int32(2), s.fetches.Load())
				assert.Equal(t, int32(1), s.invalidations.Load())
				tok, ok := s.Cache.Peek()
				require.True(t, ok)
				assert.Equal(t, "tok-2", tok.Value)
			})
		})
	}
}

func TestSessionSecondRejectionIsReturned(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodPost, baseURL+"/things", reply{status: 401, body: `{"code":"token_expired"}`})
		s := newSession()
		c := newClientConfig(t, mt, transport.Config{Auth: s})
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{}}, nil)
		ae := asAPIError(t, err)
		assert.Equal(t, 401, ae.Status)
		assert.Equal(t, 2, rec.count(), "replayed once, not looped")
		assert.Equal(t, int32(2), s.fetches.Load())
		assert.Equal(t, int32(1), s.invalidations.Load())
	})
}

func TestSessionNotExpiredIsNotReplayed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodPost, baseURL+"/things", reply{status: 403, body: `{"code":"forbidden"}`})
		s := newSession()
		c := newClientConfig(t, mt, transport.Config{Auth: s})
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Body: thing{}}, nil)
		assert.Equal(t, 403, asAPIError(t, err).Status)
		assert.Equal(t, 1, rec.count())
		assert.Equal(t, int32(0), s.invalidations.Load())
	})
}

// A login goes through the same client with NoAuth: no credentials, and a
// 401 on it is an answer, not a reason to log in again.
func TestSessionNoAuthRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodPost, baseURL+"/login", reply{status: 401, body: `{"code":"bad_password"}`})
		s := newSession()
		c := newClientConfig(t, mt, transport.Config{Auth: s})
		_, err := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"login"}, Body: thing{}, NoAuth: true}, nil)
		assert.Equal(t, 401, asAPIError(t, err).Status)
		assert.Equal(t, 1, rec.count())
		assert.Empty(t, rec.requests()[0].header.Get("Authorization"))
		assert.Equal(t, int32(0), s.fetches.Load())
		assert.Equal(t, int32(0), s.invalidations.Load())
	})
}

// An Auth that fails (the login was refused) stops the call before any
// request is sent.
func TestAuthErrorSendsNothing(t *testing.T) {
	mt := newMock(t)
	boom := errors.New("login refused")
	s := &auth.Session{
		Cache:  auth.NewCache(func(context.Context) (auth.Token, error) { return auth.Token{}, boom }, 0, nil),
		Attach: func(context.Context, *transport.Outgoing, auth.Token) error { return nil },
	}
	c := newClientConfig(t, mt, transport.Config{Auth: s})
	_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}}, nil)
	assert.ErrorIs(t, err, boom)
	asRequestError(t, err)
	assert.Zero(t, mt.GetTotalCallCount())
}

// An Auth may carry the credential in the body (alfaview's accessInfo); the
// rewritten body is what every attempt sends.
func TestAuthRewritesBody(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		mt := newMock(t)
		rec := script(mt, http.MethodPost, baseURL+"/search", status(503), ok(`{}`))
		bodyAuth := authFunc(func(_ context.Context, o *transport.Outgoing) error {
			o.Body = append([]byte(`{"accessInfo":"k",`), o.Body[1:]...)
			return nil
		})
		c := newClientConfig(t, mt, transport.Config{Auth: bodyAuth})
		_, err := c.Do(t.Context(), &transport.Request{Op: opSearch, Path: []string{"search"}, Body: map[string]int{"n": 1}}, nil)
		require.NoError(t, err)
		for _, s := range rec.requests() {
			assert.JSONEq(t, `{"accessInfo":"k","n":1}`, string(s.body))
		}
		assert.Len(t, rec.requests(), 2)
	})
}

type authFunc func(context.Context, *transport.Outgoing) error

func (f authFunc) Apply(ctx context.Context, o *transport.Outgoing) error { return f(ctx, o) }
