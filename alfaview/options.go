package alfaview

import (
	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// TokenStore keeps a Client's access token where other Clients find it:
// the other replicas of your service, and the next run of your program.
// Clients that share a store (WithTokenStore) authenticate once between
// them: one authenticates while the others wait for its token or keep
// sending their still-valid one, and a restarted program authenticates
// only when the stored token is due.
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
// The store sees the access token and its expiry; never the API key's
// secret, the password or the refresh cookie, which stays with the Client
// that received it. Protect it as you would the access token.
//
// When the store fails or does not answer within 5 seconds, the Client
// keeps sending the token it holds while that is valid, and when it needs
// a new one authenticates on its own, as without a store; it shares again
// once the store answers.
type TokenStore = auth.TokenStore

// ErrTokenStore matches the error of a call whose TokenStore holds the
// session of other credentials. A store that fails does not fail calls:
// see TokenStore.
var ErrTokenStore = auth.ErrTokenStore

// WithTokenStore shares the access token through s (see TokenStore)
// instead of keeping it in this Client's memory only.
func WithTokenStore(s TokenStore) Option {
	return func(_ *transport.Settings, c *config) { c.tokenStore = s }
}
