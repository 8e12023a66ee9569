package reach360

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

// WithBaseURL sends requests to rawURL instead of the region's endpoint
// (https://api.reach360.com by default), e.g. a reach360test fake's URL. It
// wins over WithRegion.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c, for proxies, tracing or a fake's
// client. c is copied, not modified.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy. Which failures are retried does not
// change: see RetryPolicy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries keeps the default waits and only changes how many retries
// follow a failed attempt; 0 disables retries.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "groupsync/1.2") in front of the SDK's
// User-Agent, so Articulate can tell your traffic apart.
func WithUserAgent(product string) Option { return transport.WithUserAgent[config](product) }

// WithLogger logs one Debug record per attempt (operation, path, status,
// duration); credentials and query strings are never logged.
func WithLogger(l *slog.Logger) Option { return transport.WithLogger[config](l) }

// WithTimeout bounds each attempt, including reading the answer; d <= 0
// leaves only the caller's context as a bound. The default is 30s.
func WithTimeout(d time.Duration) Option { return transport.WithTimeout[config](d) }

// WithMaxResponseBytes caps how much of a response body is read (10 MiB by
// default); a larger answer fails with an error instead of filling memory.
func WithMaxResponseBytes(n int64) Option { return transport.WithMaxResponseBytes[config](n) }

// WithRegion sends requests to the region's endpoint: RegionUS (the
// default) or RegionEU. NewClient rejects any other value.
func WithRegion(r Region) Option {
	return func(_ *transport.Settings, c *config) { c.region = r }
}

// WithAPIVersion sends v (YYYY-MM-DD) as the API-Version header instead of
// DefaultAPIVersion, to opt into a newer API version. NewClient rejects a
// value that is not a date.
func WithAPIVersion(v string) Option {
	return func(_ *transport.Settings, c *config) { c.apiVersion = v }
}

// WithPrefetch makes list iterators fetch the next page while the caller
// works on the current one, hiding a round trip per page. At most one page
// is fetched ahead, and it is abandoned when the caller stops iterating
// (that one request may still reach the server).
func WithPrefetch(on bool) Option {
	return func(_ *transport.Settings, c *config) { c.prefetch = on }
}
