package auth_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

func TestStaticHeaders(t *testing.T) {
	tests := []struct {
		name      string
		auth      transport.Auth
		header    string
		value     string
		forbidden []string
	}{
		{"bearer", auth.Bearer("sekrit-token"), "Authorization", "Bearer sekrit-token", []string{"sekrit-token"}},
		{"basic", auth.Basic("alice", "sekrit:pass"), "Authorization", "Basic YWxpY2U6c2Vrcml0OnBhc3M=", []string{"sekrit", "YWxpY2U6c2Vrcml0OnBhc3M="}},
		{"custom header, canonical name", auth.Header("x-api-key", "sekrit-key"), "X-Api-Key", "sekrit-key", []string{"sekrit-key"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &transport.Outgoing{Header: http.Header{"Accept": {"application/json"}}}
			require.NoError(t, tt.auth.Apply(t.Context(), o))
			assert.Equal(t, []string{tt.value}, o.Header.Values(tt.header))
			assert.Equal(t, "application/json", o.Header.Get("Accept"))
			assert.Empty(t, o.Credential, "static credentials are never invalidated")

			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, nil)).Info("auth", "auth", tt.auth)
			slog.New(slog.NewJSONHandler(&buf, nil)).Info("auth", "auth", tt.auth)
			outputs := []string{buf.String()}
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
				outputs = append(outputs, fmt.Sprintf(verb, tt.auth))
			}
			for _, out := range outputs {
				for _, f := range tt.forbidden {
					assert.NotContains(t, out, f)
				}
			}
			assert.Contains(t, fmt.Sprint(tt.auth), "[REDACTED]")
		})
	}
}

func TestSessionApply(t *testing.T) {
	c := auth.NewCache(func(context.Context) (auth.Token, error) {
		return auth.Token{Value: "tok-1", Extra: "cookie-1"}, nil
	}, 0, nil)
	s := &auth.Session{
		Cache: c,
		Attach: func(_ context.Context, o *transport.Outgoing, tok auth.Token) error {
			o.Header.Set("X-Session", tok.Value)
			o.Header.Set("Cookie", tok.Extra)
			return nil
		},
		IsExpired: func(err error) bool { return errors.Is(err, errExpired) },
	}
	o := &transport.Outgoing{Header: http.Header{}}
	require.NoError(t, s.Apply(t.Context(), o))
	assert.Equal(t, "tok-1", o.Header.Get("X-Session"))
	assert.Equal(t, "cookie-1", o.Header.Get("Cookie"))
	assert.Equal(t, "tok-1", o.Credential, "the engine invalidates exactly the credential it sent")

	assert.True(t, s.Expired(fmt.Errorf("wrapped: %w", errExpired)))
	assert.False(t, s.Expired(errors.New("other")))
	assert.False(t, (&auth.Session{Cache: c}).Expired(errExpired), "no IsExpired: nothing is a stale session")

	s.Invalidate("tok-1")
	_, ok := c.Peek()
	assert.False(t, ok)
}

var errExpired = errors.New("expired")

func TestSessionApplyFetchError(t *testing.T) {
	boom := errors.New("bad password")
	s := &auth.Session{
		Cache: auth.NewCache(func(context.Context) (auth.Token, error) { return auth.Token{}, boom }, 0, nil),
		Attach: func(context.Context, *transport.Outgoing, auth.Token) error {
			t.Fatal("attach without a token")
			return nil
		},
	}
	err := s.Apply(t.Context(), &transport.Outgoing{Header: http.Header{}})
	assert.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "authenticate")
}

// Session satisfies the engine's interface for expiring credentials.
var _ transport.SessionAuth = (*auth.Session)(nil)
