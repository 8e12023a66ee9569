package reach360_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestAPIKeyRedacts(t *testing.T) {
	key := reach360.APIKey("sk-live-0123456789")
	for _, s := range []string{
		fmt.Sprint(key), fmt.Sprintf("%v %+v %s %q %x %X", key, key, key, key, key, key), fmt.Sprintf("%#v", key),
		fmt.Sprintf("%v", struct{ K reach360.APIKey }{key}), fmt.Sprintf("%+v", []reach360.APIKey{key}),
		fmt.Sprintf("%#v", map[string]reach360.APIKey{"k": key}),
	} {
		assert.NotContains(t, s, "sk-live")
		assert.NotContains(t, s, fmt.Sprintf("%x", "sk-live"))
	}
	assert.Equal(t, "[REDACTED]", key.String())
	assert.Equal(t, `reach360.APIKey("[REDACTED]")`, fmt.Sprintf("%#v", key))
	assert.Equal(t, "", reach360.APIKey("").String())

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("config", "key", key)
	assert.NotContains(t, buf.String(), "sk-live")
	assert.Contains(t, buf.String(), "[REDACTED]")
}

// Nothing a program prints or logs about the SDK — the client, its
// errors, debug logs of successes, failures and retries — holds the key.
func TestNoSecretInLogsOrErrors(t *testing.T) {
	srv := reach360test.NewServer(t)
	const wrong = reach360.APIKey("wrong-secret-key-987")
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []reach360.Option{reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()), reach360.WithLogger(logger), fastRetry}

	good, err := reach360.NewClient(srv.APIKey(), opts...)
	require.NoError(t, err)
	bad, err := reach360.NewClient(wrong, opts...)
	require.NoError(t, err)
	for range 3 {
		srv.AddGroup(fmt.Sprint("group ", srv.RequestCount(), len(srv.Groups())))
	}

	var printed []string
	keep := func(vs ...any) {
		for _, v := range vs {
			printed = append(printed, fmt.Sprintf("%v|%+v|%#v|%s", v, v, v, v))
		}
	}
	keep(good, bad, *good, good.Groups, good.Users,
		struct{ C *reach360.Client }{bad}, struct{ c *reach360.Client }{bad}, []*reach360.Client{bad})
	assert.Equal(t, "reach360.Client{BaseURL:"+srv.URL+"}", fmt.Sprintf("%d", bad))

	_, err = bad.Groups.Get(t.Context(), reach360test.EveryoneID)
	require.ErrorIs(t, err, reach360.ErrUnauthorized)
	keep(err)
	for _, err := range good.Groups.List(t.Context(), &reach360.ListGroupsOptions{Limit: 1}) {
		require.NoError(t, err)
	}
	srv.Inject(fakekit.Fault{Status: http.StatusServiceUnavailable, Times: 2})
	_, err = good.Groups.Get(t.Context(), reach360test.EveryoneID)
	require.NoError(t, err)
	_, err = good.Groups.Create(t.Context(), reach360.CreateGroupParams{Name: "group 0"})
	keep(err)
	_, err = good.Groups.Create(t.Context(), reach360.CreateGroupParams{})
	keep(err)

	require.Contains(t, logs.String(), "groups.list", "debug logging was on")
	all := logs.String() + strings.Join(printed, "\n")
	for _, secret := range []string{string(srv.APIKey()), string(wrong), "Bearer"} {
		assert.NotContains(t, all, secret)
	}
	// The cursor in nextUrl is not logged either: queries stay out of logs.
	assert.NotContains(t, logs.String(), "cursor=")
}

// A config struct holding the key can be dumped as JSON without it, and a
// key read from JSON still decodes.
func TestAPIKeyMarshalsRedacted(t *testing.T) {
	type config struct {
		Key    reach360.APIKey   `json:"key"`
		Keys   []reach360.APIKey `json:"keys"`
		Region reach360.Region   `json:"region"`
	}
	b, err := json.Marshal(config{Key: "sk-live-0123456789", Keys: []reach360.APIKey{"sk-live-x"}, Region: reach360.RegionEU})
	require.NoError(t, err)
	assert.JSONEq(t, `{"key":"[REDACTED]","keys":["[REDACTED]"],"region":"eu"}`, string(b))

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("config", "cfg", config{Key: "sk-live-0123456789"})
	assert.NotContains(t, buf.String(), "sk-live")

	var back config
	require.NoError(t, json.Unmarshal([]byte(`{"key":"sk-live-0123456789"}`), &back))
	assert.Equal(t, reach360.APIKey("sk-live-0123456789"), back.Key)
}

// A proxy or server that echoes the request in its 401 body (quoting the
// Authorization header) does not put the key into the error; control
// characters in the echo cannot forge log lines either. The 401 is the
// package's *Error.
func TestRejectedKeyEchoIsMasked(t *testing.T) {
	srv, c := newFake(t)
	srv.Inject(fakekit.Fault{Status: http.StatusUnauthorized, Body: `{"code":"unauthorized","message":"rejected header Authorization: Bearer ` +
		string(srv.APIKey()) + `\n2026-01-01 INFO forged line \u001b[2J"}`})
	_, err := c.Groups.Get(t.Context(), reach360test.EveryoneID)
	require.ErrorIs(t, err, reach360.ErrUnauthorized)
	var e *reach360.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusUnauthorized, e.StatusCode)
	for _, s := range []string{err.Error(), e.Message, fmt.Sprintf("%+v", err)} {
		assert.NotContains(t, s, string(srv.APIKey()))
		assert.NotContains(t, s, "\n")
		assert.NotContains(t, s, "\x1b")
	}
	assert.Contains(t, e.Message, "rejected header Authorization: Bearer ")
}

// A proxy token in the base URL's query or userinfo is masked when the
// client is printed.
func TestPrintedClientMasksBaseURLSecrets(t *testing.T) {
	c, err := reach360.NewClient("k", reach360.WithBaseURL("https://gw:pass-123@proxy.example/r360?token=tok-456"))
	require.NoError(t, err)
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v %s %d", c, c, c, c)} {
		assert.NotContains(t, s, "pass-123")
		assert.NotContains(t, s, "tok-456")
		assert.Contains(t, s, "proxy.example/r360")
	}
}
