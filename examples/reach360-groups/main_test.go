package main

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestRunAgainstTheFake(t *testing.T) {
	t.Setenv("REACH360_API_KEY", "")
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), nil, &out))
	assert.Equal(t, `syncing 4 groups with an in-memory fake (set REACH360_API_KEY to use a real account)
  ok       Sales
  created  Support
  created  Engineering
  created  Onboarding 2025
  extra    Legacy Contractors
1 present, 3 created, 1 extra, 0 failed
`, out.String())
}

func TestRunWithFileAndDryRun(t *testing.T) {
	t.Setenv("REACH360_API_KEY", "")
	file := filepath.Join(t.TempDir(), "groups.txt")
	require.NoError(t, os.WriteFile(file, []byte("# mine\n  Sales  \n\nNew Hires\nSales\n"), 0o600))
	var out bytes.Buffer
	require.NoError(t, run(t.Context(), []string{"-file", file, "-dry-run"}, &out))
	assert.Equal(t, `syncing 2 groups with an in-memory fake (set REACH360_API_KEY to use a real account)
  ok       Sales
  missing  New Hires (dry run: not created)
  extra    Legacy Contractors
1 present, 1 to create, 1 extra, 0 failed
`, out.String())
}

func TestRunRejectsBadInput(t *testing.T) {
	t.Setenv("REACH360_API_KEY", "")
	empty := filepath.Join(t.TempDir(), "empty.txt")
	require.NoError(t, os.WriteFile(empty, []byte("# nothing\n"), 0o600))
	var out bytes.Buffer
	assert.ErrorContains(t, run(t.Context(), []string{"-file", empty}, &out), "no groups")
	assert.Error(t, run(t.Context(), []string{"-file", filepath.Join(t.TempDir(), "missing")}, &out))
	assert.Error(t, run(t.Context(), []string{"-bogus"}, &out))
}

func TestSyncReportsFailedCreates(t *testing.T) {
	srv := reach360test.NewServer(t)
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	srv.Inject(reach360test.Fault{Status: http.StatusInternalServerError, Match: func(r *http.Request) bool {
		return r.Method == http.MethodPost
	}})

	var out bytes.Buffer
	err = syncGroups(t.Context(), c, []string{"A", "B"}, false, &out)
	assert.ErrorContains(t, err, "1 of 2 groups could not be created")
	assert.Contains(t, out.String(), "  FAILED   A: reach360: groups.create (POST /groups): 500")
	assert.Contains(t, out.String(), "  created  B\n")
	assert.Contains(t, out.String(), "0 present, 1 created, 0 extra, 1 failed\n")
}

// A group created by someone else between the listing and the create is
// not a failure.
func TestSyncToleratesConcurrentCreate(t *testing.T) {
	srv := reach360test.NewServer(t)
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	srv.Inject(reach360test.Fault{Status: http.StatusConflict, Body: `{"code":"duplicate_name","message":"taken"}`,
		Match: func(r *http.Request) bool { return r.Method == http.MethodPost }})

	var out bytes.Buffer
	require.NoError(t, syncGroups(t.Context(), c, []string{"A"}, false, &out))
	assert.Contains(t, out.String(), "  ok       A (created meanwhile)\n")
}

func TestConnectToTheRealAPI(t *testing.T) {
	for region, want := range map[string]string{
		"":   "https://api.reach360.com",
		"us": "https://api.reach360.com",
		"EU": "https://api.reach360.eu",
	} {
		t.Setenv("REACH360_API_KEY", "secret-from-env")
		t.Setenv("REACH360_REGION", region)
		c, where, closeFn, err := connect()
		require.NoError(t, err)
		closeFn()
		assert.Equal(t, "reach360.Client{BaseURL:"+want+"}", fmt.Sprint(c))
		assert.Contains(t, where, "the Reach 360 API")
	}
	t.Setenv("REACH360_REGION", "mars")
	_, _, _, err := connect()
	assert.ErrorContains(t, err, `unknown region "mars"`)
}
