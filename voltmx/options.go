package voltmx

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Option configures a Client; pass any number to NewClient.
type Option = transport.Option[config]

// RetryPolicy says how often and how patiently failed attempts are retried
// (see WithRetry): MaxRetries retries may follow the first attempt (0: none),
// each after a full-jitter exponential backoff starting at MinBackoff (500ms)
// and capped at MaxBackoff (8s), or after the server's Retry-After, honoured
// up to MaxRetryAfter (30s). A zero duration means the default in brackets.
//
// Which failures are retried is not part of the policy. Reads, updates and
// deletes are retried after connection errors and 429, 500, 502, 503 and 504
// answers; Groups.Create, which a replay could apply twice, only after a
// failed dial (the request never left) or a 429 (the server did not act).
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

// WithRetry replaces the retry policy. Its zero durations take the defaults,
// but a zero MaxRetries means no retries. Which failures are retried does not
// change: see RetryPolicy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries changes only how many retries follow a failed attempt (0
// disables retries), keeping the waits of the default policy or of a
// WithRetry given before or after it.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "myapp/1.2") in front of the SDK's User-Agent.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs one Debug record ("grantkit request") per attempt, with
// vendor, op, method, path (without the query), attempt and duration, the
// status when an answer came and the error when the attempt failed.
// Credentials, headers, bodies and query values are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt, from connecting to reading the whole
// answer; the caller's context bounds the whole call, retries included.
// d <= 0 leaves only the context. Without WithTimeout, the Timeout of the
// client given to WithHTTPClient applies, else 30s.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps how much of a response body is read (10 MiB by
// default, and for n == 0); a larger answer fails the call instead of
// filling memory. NewClient rejects a negative n.
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
