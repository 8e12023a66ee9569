package auth

import (
	"context"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// Session is a transport.SessionAuth built from a token Cache: it attaches
// the cached token to each request and, when the vendor says it expired,
// lets the engine discard it and replay once.
type Session struct {
	Cache *Cache
	// Attach puts the token on the request (a header, a cookie, the body).
	Attach func(ctx context.Context, o *transport.Outgoing, t Token) error
	// IsExpired reports whether a vendor error means the token was stale.
	IsExpired func(err error) bool
}

// Apply attaches a valid token, fetching one first if needed.
func (s *Session) Apply(ctx context.Context, o *transport.Outgoing) error {
	t, err := s.Cache.Token(ctx)
	if err != nil {
		return &transport.AuthError{Err: err}
	}
	o.Credential = t.Value
	return s.Attach(ctx, o, t)
}

// Expired reports whether err means the attached token was stale.
func (s *Session) Expired(err error) bool { return s.IsExpired != nil && s.IsExpired(err) }

// Invalidate discards credential from the cache if it is still current.
func (s *Session) Invalidate(credential string) { s.Cache.Invalidate(credential) }
