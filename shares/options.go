package shares

import (
	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithLanguage asks the API to localise its error messages: lang is an ISO
// 639-1 code such as "de" or "nl", sent as the language query parameter of
// every request. NewClient rejects anything but two ASCII letters.
func WithLanguage(lang string) Option {
	return func(_ *transport.Settings, c *config) { c.language, c.languageSet = lang, true }
}

// TokenStore keeps a Client's OAuth2 session where other Clients find it:
// the other replicas of your service, and the next run of your program.
// Clients that share a store (WithTokenStore) share one access token and
// take turns refreshing it: one refreshes while the others wait for its
// result or keep sending their still-valid token, so each rotating refresh
// token is spent exactly once and a restarted program refreshes nothing
// while the stored access token is valid.
//
// A store holds one grant's session: give each account its own (its own
// key). An implementation has two methods. Load returns the stored bytes,
// or nil if there are none. CompareAndSwap stores new and returns true only
// if the stored bytes still equal old (old nil: only if nothing is stored),
// comparing and writing as one atomic step for every process; else it
// returns false. It keeps what it stores until it is replaced (no expiry,
// no eviction), returns when ctx is done, and is safe for concurrent use.
// examples/tokenstore-redis implements it on Redis with a GET and a short
// Lua script.
//
// The store sees the access token, its expiry and the refresh token; never
// the client secret. Protect it as you would the refresh token.
//
// When the store fails or does not answer within 5 seconds, the Client
// keeps sending the access token it holds while that is valid. When it
// needs a new one, the call fails with an error matching ErrTokenStore: a
// refresh without the store could spend the refresh token another replica
// is spending. A refresh that succeeded is never lost: OnRefresh has the
// new pair, the Client keeps it, and writes it to the store as soon as the
// store answers again.
type TokenStore = auth.TokenStore

// ErrTokenStore matches the error of a call that needed a new access token
// while the TokenStore failed, did not answer in time, or held something
// other than this OAuth client's session.
var ErrTokenStore = auth.ErrTokenStore

// WithTokenStore shares the OAuth2 session through s (see TokenStore)
// instead of keeping it in this Client's memory only. NewClient rejects it
// with a BearerToken, which has no session.
func WithTokenStore(s TokenStore) Option {
	return func(_ *transport.Settings, c *config) { c.tokenStore = s }
}
