package transport_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"testing"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

var secrets = []string{
	"sekrit-token", "sekrit-pass", "sekrit-query", "sekrit-body",
	base64.StdEncoding.EncodeToString([]byte("alice:sekrit-pass")),
}

func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, sec := range secrets {
		assert.NotContains(t, s, sec, "%s leaks a secret", what)
	}
}

func TestLoggingNeverShowsSecrets(t *testing.T) {
	for _, a := range []struct {
		name string
		auth transport.Auth
	}{
		{"bearer", auth.Bearer("sekrit-token")},
		{"basic", auth.Basic("alice", "sekrit-pass")},
		{"header", auth.Header("X-Api-Key", "sekrit-token")},
	} {
		t.Run(a.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var buf bytes.Buffer
				logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
				mt := newMock(t)
				script(mt, http.MethodGet, thingURL, status(500), ok(`{"id":"1","name":"sekrit-body"}`))
				script(mt, http.MethodPost, baseURL+"/things", reply{status: 400, body: `{"code":"bad"}`})
				script(mt, http.MethodPut, thingURL, fail(connReset()))
				c := newClientConfig(t, mt, transport.Config{Auth: a.auth}, transport.WithLogger[cfg](logger))
				q := url.Values{"token": {"sekrit-query"}}

				var out thing
				_, err := c.Do(t.Context(), &transport.Request{Op: opGet, Path: []string{"things", "1"}, Query: q}, &out)
				require.NoError(t, err)
				_, errCreate := c.Do(t.Context(), &transport.Request{Op: opCreate, Path: []string{"things"}, Query: q, Body: thing{Name: "sekrit-body"}}, nil)
				require.Error(t, errCreate)
				_, errPut := c.Do(t.Context(), &transport.Request{Op: opPut, Path: []string{"things", "1"}, Query: q, Body: map[string]string{"secret": "sekrit-body"}}, nil)
				require.Error(t, errPut)

				logs := buf.String()
				for _, want := range []string{
					"op=things.get", "method=GET", "path=/v1/things/1", "status=500", "status=200", "attempt=1", "attempt=2", "duration=",
					"op=things.create", "method=POST", "path=/v1/things", "status=400",
					"op=things.update", "method=PUT", "attempt=4", "error=",
					"vendor=testvendor",
				} {
					assert.Contains(t, logs, want)
				}
				assert.Equal(t, 2+1+4, bytes.Count(buf.Bytes(), []byte("\n")), "one record per attempt:\n%s", logs)
				assertNoSecret(t, "debug log", logs)
				assert.NotContains(t, logs, "token=")
				for _, e := range []error{errCreate, errPut} {
					for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
						assertNoSecret(t, "error "+verb, fmt.Sprintf(verb, e))
					}
				}
			})
		})
	}
}

func TestLoggingOffBelowDebug(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo}))
	mt := newMock(t)
	rec := script(mt, http.MethodGet, thingURL, ok(`{}`))
	c := newClient(t, mt, transport.WithLogger[cfg](logger))
	send(t, c, rec, &transport.Request{Op: opGet, Path: []string{"things", "1"}})
	assert.Empty(t, buf.String())
}

// Printing the engine's values must not show credentials either: vendor
// clients hold a *transport.Client and their auth.
func TestClientAndAuthPrintRedacted(t *testing.T) {
	for _, a := range []transport.Auth{auth.Bearer("sekrit-token"), auth.Basic("alice", "sekrit-pass"), auth.Header("X-Api-Key", "sekrit-token")} {
		c, err := transport.New(transport.Config{Vendor: vendor, DefaultBaseURL: baseURL, Auth: a})
		require.NoError(t, err)
		var buf bytes.Buffer
		logger := slog.New(slog.NewTextHandler(&buf, nil))
		logger.Info("values", "client", c, "auth", a)
		logger.Info("json", slog.Any("client", c))
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("values", "client", c, "auth", a)
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			assertNoSecret(t, "client "+verb, fmt.Sprintf(verb, c))
			assertNoSecret(t, "auth "+verb, fmt.Sprintf(verb, a))
			assertNoSecret(t, "client value "+verb, fmt.Sprintf(verb, *c))
		}
		assertNoSecret(t, "slog", buf.String())
	}
}
