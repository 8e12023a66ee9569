package main

import (
	"bytes"
	"context"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func noEnv(string) string { return "" }

var joinLink = `https://app\.alfaview\.com/#/join/01JM5Q2V7X8A9B0C1D2E3F4G5H/([0-9a-f-]{36})/[A-Za-z0-9]{32}/v2`

func TestRunAgainstFake(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), []string{"-title", "Planning", "-start", "2030-03-14T13:00:00Z", "-for", "90m",
		"-guests", "Ada Lovelace <ada@example.com>, grace@example.com"}, noEnv, &out)
	require.NoError(t, err)
	text := out.String()
	assert.Contains(t, text, "meeting:      Planning, 2030-03-14T13:00:00Z to 2030-03-14T14:30:00Z (Europe/Berlin), id ")
	meeting := regexp.MustCompile(`id ([0-9a-f-]{36})\n`).FindStringSubmatch(text)
	require.NotNil(t, meeting, text)
	for _, line := range []string{
		`(?m)^group link:   Team +` + joinLink + `$`,
		`(?m)^guest link:   Ada Lovelace <ada@example\.com> +` + joinLink + `$`,
		`(?m)^guest link:   grace@example\.com +` + joinLink + `$`,
	} {
		m := regexp.MustCompile(line).FindStringSubmatch(text)
		if assert.NotNil(t, m, "%s in\n%s", line, text) {
			assert.Equal(t, meeting[1], m[1], "a link of the meeting's room")
		}
	}
	assert.Len(t, regexp.MustCompile(joinLink).FindAllString(text, -1), 3, "one group link, two guest links")
	assert.Contains(t, text, "removed:      3 links deleted (0 left), meeting canceled")
}

func TestRunKeeps(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-keep", "-group", "moderator"}, noEnv, &out))
	assert.Contains(t, out.String(), "kept:         the meeting and its links (-keep)")
	assert.NotContains(t, out.String(), "removed:")
	assert.Len(t, regexp.MustCompile(joinLink).FindAllString(out.String(), -1), 3)
}

func TestRunFailures(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-group", "Janitor"}, nil, `no permission group "Janitor"; there are: Moderator, Participant, Guest, Spectator`},
		{[]string{"-for", "0s"}, nil, "-for must be positive"},
		{[]string{"-start", "tomorrow"}, nil, "-start"},
		{[]string{"-guests", "not an address"}, nil, "-guests"},
		{[]string{"-timezone", "Mars/Olympus"}, nil, "body.timezone"},
		{[]string{"-title", " "}, nil, "Title must not be empty"},
		{nil, map[string]string{"ALFAVIEW_CLIENT_ID": "id"}, "ALFAVIEW_CLIENT_ID set but ALFAVIEW_KEY, ALFAVIEW_COMPANY_ID not"},
		{nil, map[string]string{"ALFAVIEW_KEY": "k", "ALFAVIEW_COMPANY_ID": "c"}, "ALFAVIEW_KEY, ALFAVIEW_COMPANY_ID set but ALFAVIEW_CLIENT_ID not"},
	} {
		var out bytes.Buffer
		err := run(context.Background(), tc.args, func(k string) string { return tc.env[k] }, &out)
		require.Error(t, err, tc.args)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, out.String(), "meeting:", "nothing was created")
	}
}
