package transport

import (
	"context"
	"net/http"
)

// Outgoing is a request as credentials see it just before it is sent.
type Outgoing struct {
	Header http.Header
	// Body is the encoded body; an Auth that carries credentials in the
	// body (alfaview's accessInfo) replaces it.
	Body []byte
	// Credential identifies the session credential Apply attached, so that
	// Invalidate discards that one and not a newer one. It is masked in any
	// echo of the request in a failed answer.
	Credential string
	// Secrets are further credential values Apply attached (a cookie, a
	// secret beside the token), masked like Credential.
	Secrets []string
}

// Auth attaches credentials to each request.
type Auth interface {
	Apply(ctx context.Context, o *Outgoing) error
}

// SessionAuth is an Auth whose credentials expire. When the vendor's answer
// says they have, the engine invalidates them and replays the request once.
type SessionAuth interface {
	Auth
	// Expired reports whether err (the vendor's typed error) means the
	// credentials were stale.
	Expired(err error) bool
	// Invalidate discards credential so the next Apply fetches a new one.
	Invalidate(credential string)
}
