package transport_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// A redirect to another host would carry headers net/http does not strip
// (any but Authorization and Cookie) and a replayed body (a login's
// password). The engine refuses it, once, without retrying; a redirect on
// the same host is followed.
func TestRedirectsStayOnTheOrigin(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		w.Write([]byte(`{"id":"stolen"}`))
	}))
	defer other.Close()
	var origin atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin.Add(1)
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
		case "/moved":
			http.Redirect(w, r, "/here", http.StatusPermanentRedirect)
		case "/here":
			w.Write([]byte(`{"id":"` + r.Header.Get("X-Api-Key") + `"}`))
		}
	}))
	defer srv.Close()

	c, err := transport.New(transport.Config{Vendor: vendor, Auth: auth.Header("X-Api-Key", "sekrit"),
		CheckResponse: checkResponse, Settings: transport.Apply(new(cfg), []option{
			transport.WithBaseURL[cfg](srv.URL), transport.WithHTTPClient[cfg](srv.Client())})})
	require.NoError(t, err)

	var got thing
	_, err = c.Do(context.Background(), &transport.Request{Op: opSearch, Path: []string{"away"}, Body: map[string]string{"password": "pw"}}, &got)
	require.ErrorIs(t, err, transport.ErrRedirectRefused)
	assert.Zero(t, elsewhere.Load(), "nothing reached the other host")
	assert.EqualValues(t, 1, origin.Load(), "a refused redirect is not retried")
	assert.False(t, strings.Contains(err.Error(), "sekrit"))

	_, err = c.Do(context.Background(), &transport.Request{Op: opSearch, Path: []string{"moved"}, Body: map[string]string{"q": "x"}}, &got)
	require.NoError(t, err)
	assert.Equal(t, "sekrit", got.ID, "same-host redirects are followed with the credentials")
}
