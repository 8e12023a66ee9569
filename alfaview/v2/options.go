package alfaview

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
// Which failures are retried is not part of the policy. Reads (GET),
// updates (PATCH), deletes, logins and guest authentications are retried
// after connection errors and 429, 500, 502, 503 and 504 answers. Creates
// (rooms, subrooms, permissions, links, meetings, invitations) and meeting
// cancellations, which a replay could apply twice, only after a failed dial
// (the request never left) or a 429 (the server did not act).
type RetryPolicy = transport.RetryPolicy

// DefaultRetryPolicy returns the policy a Client uses unless WithRetry or WithMaxRetries is given.
func DefaultRetryPolicy() RetryPolicy { return transport.DefaultRetryPolicy() }

// WithBaseURL sends requests to rawURL (a host root such as
// https://apis.alfaview.com, where the /v2/ paths are appended) instead of
// DefaultBaseURL, e.g. an alfaviewtest fake's URL.
func WithBaseURL(rawURL string) Option { return transport.WithBaseURL[config](rawURL) }

// WithHTTPClient sends requests through c (its Transport, proxy and TLS
// settings); the Client copies it and never changes it.
func WithHTTPClient(c *http.Client) Option { return transport.WithHTTPClient[config](c) }

// WithRetry replaces the retry policy. Its zero durations take the defaults,
// but a zero MaxRetries means no retries. Which failures are retried does not
// change: see RetryPolicy.
func WithRetry(p RetryPolicy) Option { return transport.WithRetry[config](p) }

// WithMaxRetries changes only how many retries follow a failed attempt (0
// disables retries), keeping the waits of the default policy or of a
// WithRetry given before or after it.
func WithMaxRetries(n int) Option { return transport.WithMaxRetries[config](n) }

// WithUserAgent puts product (e.g. "invite-bot/1.2") in front of the SDK's
// own User-Agent.
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
