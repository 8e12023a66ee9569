package shares_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/shares"
)

// A delete whose first answer was lost (a 503) is retried. The retry's
// 404 means "already removed" only when it is the API's own answer, in
// its error body ("share not found", localised with WithLanguage); a 404
// page from a proxy or a wrong base URL says nothing about the share and
// must fail the call, never report success.
func TestRetriedDeleteSucceedsOnlyOnTheAPIsNotFound(t *testing.T) {
	cases := []struct {
		name, contentType, body string
		gone                    bool
	}{
		{"the API's 404", "application/json", `{"message":"share not found","code":"notFound","errorMessage":"share not found","errorCode":"notFound"}`, true},
		{"the API's 404, localised, message only", "application/json", `{"message":"Freigabe nicht gefunden"}`, true},
		{"an HTML 404", "text/html", `<html><body><h1>404 Not Found</h1></body></html>`, false},
		{"a bodiless 404", "", ``, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			mt.RegisterNoResponder(httpmock.NewNotFoundResponder(t.Fatal))
			calls := 0
			mt.RegisterResponder(http.MethodDelete, apiBase+"/v2/shares/7", func(*http.Request) (*http.Response, error) {
				calls++
				if calls == 1 {
					return httpmock.NewStringResponse(http.StatusServiceUnavailable, `{"message":"Service unavailable"}`), nil
				}
				resp := httpmock.NewStringResponse(http.StatusNotFound, tc.body)
				if tc.contentType != "" {
					resp.Header.Set("Content-Type", tc.contentType)
				}
				return resp, nil
			})
			c, err := shares.NewClient(shares.BearerToken("tok"), shares.WithHTTPClient(&http.Client{Transport: mt}), fastRetry)
			require.NoError(t, err)

			err = c.Shares.Delete(context.Background(), 7)
			assert.Equal(t, 2, calls)
			if tc.gone {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, shares.ErrNotFound)
			var e *shares.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, 2, e.Attempts)
		})
	}

	// A first attempt that finds no share is the caller's mistake, not a
	// retry's finding.
	c, seen := mockAPI(t, shares.BearerToken("tok"), http.StatusNotFound, `{"message":"share not found","code":"notFound"}`)
	require.ErrorIs(t, c.Shares.Delete(context.Background(), 7), shares.ErrShareNotFound)
	assert.Len(t, *seen, 1)
}
