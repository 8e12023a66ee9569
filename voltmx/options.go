package voltmx

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

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

// TokenStore keeps a Client's session (a ClaimsLogin claims token or an
// OAuthPair) where other Clients find it: the other replicas of your
// service, and the next run of your program. Clients that share a store
// (WithTokenStore) log in once between them: one logs in while the others
// wait for its token or keep sending their still-valid one, and a restarted
// program logs in only when the stored token is due.
//
// A store holds one session: give each set of credentials its own (its own
// key). An implementation has two methods. Load returns the stored bytes,
// or nil if there are none. CompareAndSwap stores new and returns true only
// if the stored bytes still equal old (old nil: only if nothing is stored),
// comparing and writing as one atomic step for every process; else it
// returns false. It keeps what it stores until it is replaced (no expiry,
// no eviction), returns when ctx is done, and is safe for concurrent use.
// examples/tokenstore-redis implements it on Redis with a GET and a short
// Lua script.
//
// The store sees the claims token and its expiry, or the pair's
// AccessToken and AccessSecret; never a password. Protect it as you would
// those tokens.
//
// When the store fails or does not answer within 5 seconds, the Client
// keeps sending the token it holds while that is valid, and when it needs a
// new one logs in on its own, as without a store; it shares again once the
// store answers.
type TokenStore = auth.TokenStore

// ErrTokenStore matches the error of a call whose TokenStore holds the
// session of other credentials. A store that fails does not fail calls:
// see TokenStore.
var ErrTokenStore = auth.ErrTokenStore

// WithTokenStore shares the ClaimsLogin or OAuthPair session through s (see
// TokenStore) instead of keeping it in this Client's memory only. NewClient
// rejects it with BasicAuth, which has no session.
func WithTokenStore(s TokenStore) Option {
	return func(_ *transport.Settings, c *config) { c.tokenStore = s }
}
