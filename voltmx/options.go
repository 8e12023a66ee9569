package voltmx

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Option configures a Client; pass any number to NewClient.
type Option = transport.Option[config]

// RetryPolicy says how often and how patiently failed attempts are retried; see WithRetry.
type RetryPolicy = transport.RetryPolicy

// DefaultRetryPolicy returns the policy a Client uses unless WithRetry or WithMaxRetries is given.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }

// WithBaseURL replaces the baseURL given to NewClient, e.g. with a voltmxtest
// fake's URL. The context path (see WithContextPath) is still added to it.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c (its Transport is used as given, so
// tracing or proxy wrappers keep working); the default is a pooled client
// shared by all grantkit clients.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy. Reads, modifies and deletes are retried
// after connection errors, 429 and 5xx answers; creates only when the request
// provably never reached the server or the server answered 429.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries keeps the default waits and changes only how many retries
// follow a failed attempt; 0 disables retries.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the SDK's User-Agent.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs one Debug record per attempt (operation, method, path,
// status, duration); credentials and query strings are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt (connect, send, read the whole answer);
// d <= 0 leaves only the caller's context as a bound. The default is 30s.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps the size of a response body (default 10 MiB).
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes[config](n) }

// WithContextPath sets the path the Engagement Services web application is
// deployed under, between the base URL and "/api/v1/...". The default is
// "/vpns", where on-premises installs put it; "" means the API sits at the
// root of the base URL. Leading and trailing slashes are optional.
func WithContextPath(p string) Option {
	return func(_ *transport.Settings, c *config) { c.contextPath = p }
}

// WithAuthHeaderName sets the header that carries a ClaimsLogin token. The
// default is DefaultAuthHeaderName; Kony-era servers expect
// "X-Kony-Authorization".
func WithAuthHeaderName(h string) Option {
	return func(_ *transport.Settings, c *config) { c.authHeader = h }
}

// WithInsecureHTTP allows credentials (and ClaimsLogin passwords) to travel
// over plain http to a host that is not loopback. Without it NewClient
// refuses such a base URL or login URL. Use it only on a network you trust.
func WithInsecureHTTP() Option {
	return func(_ *transport.Settings, c *config) { c.insecureHTTP = true }
}

// WithServerLocation names the time zone the server writes its dates in
// (e.g. time.LoadLocation("Asia/Kolkata")). Dates such as
// "06/15/2016 02:00:18 PM IST" carry only a zone abbreviation, and
// abbreviations are ambiguous (IST is India, Israel or Ireland), so without
// this option their Time stays zero; see Date.
func WithServerLocation(loc *time.Location) Option {
	return func(_ *transport.Settings, c *config) { c.location = loc }
}
