package alfaview

import "github.com/grantkit/grantkit-go/internal/transport"

// RequestError reports a call that got no usable answer from the API: the
// connection failed, the context ended, a redirect pointed elsewhere, or the
// answer could not be read or decoded. Attempts says how often the request
// was sent and StatusCode the last status seen (0 if none). It wraps the
// cause, so errors.Is works with context.DeadlineExceeded and the errors
// below. Answers in which the API refused a request are *Error instead.
type RequestError = transport.RequestError

// Causes a *RequestError can carry, for errors.Is.
var (
	// ErrResponseTooLarge: the answer's body exceeded WithMaxResponseBytes.
	ErrResponseTooLarge = transport.ErrResponseTooLarge
	// ErrMalformedResponse: a successful answer was not the JSON the
	// operation returns (a proxy's HTML page with status 200, say).
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrEmptyResponse: a successful answer had no body where a result was
	// expected.
	ErrEmptyResponse = transport.ErrEmptyResponse
	// ErrRedirectRefused: the server redirected to another host, which the
	// client does not follow because requests carry credentials.
	ErrRedirectRefused = transport.ErrRedirectRefused
)
