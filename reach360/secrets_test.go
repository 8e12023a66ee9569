package reach360_test

import (
	"bytes"
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
	assert.Equal(t, fmt.Sprintf("reach360.Client{BaseURL:%q}", srv.URL), fmt.Sprintf("%d", bad))

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
