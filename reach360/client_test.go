package reach360_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/reach360"
)

func TestNewClientRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name string
		key  reach360.APIKey
		opts []reach360.Option
		want string
	}{
		{"empty key", "", nil, "API key is empty"},
		{"blank key", "  ", nil, "API key is empty"},
		{"key with newline", "abc\n", nil, "control characters"},
		{"unknown region", "k", []reach360.Option{reach360.WithRegion("ap")}, `unknown region "ap"`},
		{"empty region", "k", []reach360.Option{reach360.WithRegion("")}, "unknown region"},
		{"unknown region with base URL", "k", []reach360.Option{reach360.WithRegion("APAC"), reach360.WithBaseURL("https://proxy.example")}, "unknown region"},
		{"empty API version", "k", []reach360.Option{reach360.WithAPIVersion("")}, "API version"},
		{"API version not a date", "k", []reach360.Option{reach360.WithAPIVersion("2023-13-01")}, `"2023-13-01"`},
		{"API version wrong shape", "k", []reach360.Option{reach360.WithAPIVersion("v2")}, "YYYY-MM-DD"},
		{"relative base URL", "k", []reach360.Option{reach360.WithBaseURL("/api")}, "base URL"},
		{"plain http to a remote host", "k", []reach360.Option{reach360.WithBaseURL("http://api.reach360.com")}, "plain http"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := reach360.NewClient(tc.key, tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "reach360: "), err.Error())
		})
	}
}

// hostOf returns the host a client built with opts sends to, using a mock
// transport that answers any request.
func hostOf(t *testing.T, opts ...reach360.Option) (host, version string) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		host, version = r.URL.Scheme+"://"+r.URL.Host, r.Header.Get("API-Version")
		return httpmock.NewStringResponse(http.StatusOK, `{"id":"g","name":"n"}`), nil
	})
	c, err := reach360.NewClient("k", append([]reach360.Option{reach360.WithHTTPClient(&http.Client{Transport: mt})}, opts...)...)
	require.NoError(t, err)
	_, err = c.Groups.Get(t.Context(), "g")
	require.NoError(t, err)
	return host, version
}

func TestRegionsAndBaseURL(t *testing.T) {
	cases := []struct {
		name string
		opts []reach360.Option
		want string
	}{
		{"default is US", nil, "https://api.reach360.com"},
		{"US", []reach360.Option{reach360.WithRegion(reach360.RegionUS)}, "https://api.reach360.com"},
		{"EU", []reach360.Option{reach360.WithRegion(reach360.RegionEU)}, "https://api.reach360.eu"},
		{"base URL wins over region", []reach360.Option{reach360.WithBaseURL("https://proxy.example"), reach360.WithRegion(reach360.RegionEU)}, "https://proxy.example"},
		{"base URL wins whatever the order", []reach360.Option{reach360.WithRegion(reach360.RegionEU), reach360.WithBaseURL("https://proxy.example")}, "https://proxy.example"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			host, _ := hostOf(t, tc.opts...)
			assert.Equal(t, tc.want, host)
		})
	}
}

func TestAPIVersionHeader(t *testing.T) {
	_, v := hostOf(t)
	assert.Equal(t, reach360.DefaultAPIVersion, v)
	assert.Equal(t, "2023-04-04", reach360.DefaultAPIVersion)
	_, v = hostOf(t, reach360.WithAPIVersion("2024-01-15"))
	assert.Equal(t, "2024-01-15", v)
}
