package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func noEnv(string) string { return "" }

func TestRunAgainstFake(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-group", "moderator", "-n", "2", "-from", "2030-03-14T13:00:00Z", "-for", "4h", "-title", "Panel"}, noEnv, &out)
	require.NoError(t, err)
	assert.Contains(t, out.String(), "permission group: Moderator (order 1")
	assert.Contains(t, out.String(), "valid:            2030-03-14T13:00:00Z to 2030-03-14T17:00:00Z")
	links := regexp.MustCompile(`(?m)^  Panel [12] +https://app\.alfaview\.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/[0-9a-f-]{36}/[A-Za-z0-9]{32}/v2$`).FindAllString(out.String(), -1)
	assert.Len(t, links, 2, out.String())
}

func TestRunFailures(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-group", "Janitor"}, nil, `no permission group "Janitor"; there are: Moderator, Participant, Spectator`},
		{[]string{"-n", "0"}, nil, "-n must be between"},
		{[]string{"-for", "-1h"}, nil, "-for must be positive"},
		{[]string{"-from", "tomorrow"}, nil, "-from"},
		{nil, map[string]string{"ALFAVIEW_CLIENT_ID": "k"}, "ALFAVIEW_ROOM_ID"},
		{[]string{"-room", "r"}, map[string]string{"ALFAVIEW_CLIENT_ID": "k"}, "APIKeyCredentials.Secret"},
	} {
		err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, &bytes.Buffer{})
		require.Error(t, err, tc.args)
		assert.Contains(t, err.Error(), tc.want)
	}
}

// When alfaview creates only some of the links (PARTIAL_ERROR), those it
// made are printed, so that nobody runs the program again for them.
func TestRunPartialError(t *testing.T) {
	defer func(f func() *alfaviewtest.Server) { startFake = f }(startFake)
	startFake = func() *alfaviewtest.Server {
		srv := alfaviewtest.NewServer(nil)
		srv.Inject(alfaviewtest.Fault{
			Match:  func(r *http.Request) bool { return strings.HasSuffix(r.URL.Path, "/createGroupLinks") },
			Status: http.StatusOK,
			Body: `{"replyInfo":{"statusCode":"PARTIAL_ERROR","statusMessage":"quota exceeded"},"groupLinks":[{"id":"l1",` +
				`"description":"Panel 1","joinLink":"https://app.alfaview.com/#/join/c/r/k/v2","accessKey":"k"}]}`,
		})
		return srv
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"-n", "2", "-title", "Panel"}, noEnv, &out)
	require.ErrorIs(t, err, alfaview.ErrPartial)
	assert.Contains(t, err.Error(), "alfaview created 1 of the 2 group links")
	assert.Contains(t, out.String(), "  Panel 1          https://app.alfaview.com/#/join/c/r/k/v2")
}
