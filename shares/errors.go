package shares

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

var (
	// ErrInvalidInput matches an API answer of 400, or of code
	// invalidInputErrorError: the API rejected a field (an unknown user or
	// device, say) or a web key's preconditions.
	ErrInvalidInput = errors.New("shares: invalid input")
	// ErrShareNotFound matches a 404: no share has that id, or not one the
	// credentials may see (for List: a filter named an unknown device).
	// The common ErrNotFound matches the same answers, and every other 404
	// (RemoteActivate's unknown device or gateway) too.
	ErrShareNotFound = errors.New("shares: share not found")
	// ErrDeviceFirmwareOutdated matches code DeviceFirmwareOutdated: the
	// lock needs a firmware update before it can take the change.
	ErrDeviceFirmwareOutdated = errors.New("shares: device firmware outdated")
	// ErrOldAppVersion matches code OldAppVersion.
	ErrOldAppVersion = errors.New("shares: app version too old")
	// ErrInvalidGrant matches a refresh the token endpoint rejected: the
	// refresh token is expired, revoked or already spent. Only a new
	// authorization of the account (a new refresh token) helps. It holds
	// for the RFC 6749 answer (400 invalid_grant) and for a 400 in Bold's
	// own {message, code, …} shape, which the token endpoint also uses,
	// unless its code says what else went wrong (OldAppVersion,
	// invalid_request, …).
	ErrInvalidGrant = errors.New("shares: refresh token rejected")
	// ErrActivationFailed matches a RemoteActivate the server accepted (200)
	// but whose lock activation failed: the answer's errorCode is not "OK"
	// (the gateway is unreachable or busy, say). Error.Code and
	// Error.Message say why.
	ErrActivationFailed = errors.New("shares: remote activation failed")
	// ErrInvalidParams wraps every error about a method's parameters found
	// before a request is sent; nothing reached the API.
	ErrInvalidParams = errors.New("shares: invalid params")
)

var (
	apiSentinels = transport.Sentinels{
		ByCode: map[string]error{
			"invalidInputErrorError": ErrInvalidInput,
			"DeviceFirmwareOutdated": ErrDeviceFirmwareOutdated,
			"OldAppVersion":          ErrOldAppVersion,
		},
		ByStatus: map[int]error{
			http.StatusBadRequest: ErrInvalidInput,
			http.StatusNotFound:   ErrShareNotFound,
		},
	}
	// The token endpoint speaks RFC 6749, where a 400 is about the grant,
	// not a share's fields. It also answers in Bold's own shape (the
	// reference's POST /v2/oauth/token page shows a 400 with code
	// OldAppVersion), so a 400 is ErrInvalidGrant unless its code names
	// another cause; see tokenErrorIs.
	oauthSentinels = transport.Sentinels{
		ByCode: map[string]error{
			"invalid_grant":  ErrInvalidGrant,
			"invalid_client": ErrUnauthorized,
			"OldAppVersion":  ErrOldAppVersion,
		},
	}
	// notGrant are the token endpoint's codes for a 400 that is not about
	// the refresh token: RFC 6749's other errors and Bold's OldAppVersion.
	notGrant = map[string]bool{
		"invalid_request": true, "invalid_client": true, "unauthorized_client": true,
		"unsupported_grant_type": true, "invalid_scope": true, "OldAppVersion": true,
	}
)

// Error is an answer in which the API, or its OAuth2 token endpoint, said
// no. Match it with errors.Is against the sentinels above, or get it with
// errors.As for the details. It never holds a credential.
type Error struct {
	// StatusCode is the HTTP status.
	StatusCode int
	// Code is the API's code (code or errorCode, e.g.
	// "invalidInputErrorError") or the token endpoint's OAuth2 error (e.g.
	// "invalid_grant").
	Code string
	// Message is the API's message (message or errorMessage, localised with
	// WithLanguage) or the OAuth2 error_description. For an answer that is
	// neither, it is the start of the body.
	Message string
	// Op names the operation ("shares.create", "oauth.token"); Method and
	// Path (without query) the request.
	Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int

	// activation marks a RemoteActivate answer of 200 whose body reports
	// the activation failed.
	activation bool
	// fromAPI marks an answer whose body was the API's (or the token
	// endpoint's) JSON error, not a proxy's page or an empty body.
	fromAPI bool
}

// Error reads like every grantkit vendor error: "shares: shares.get
// (GET /v2/shares/42): 404 notFound: share not found". The API's code and
// message come from whichever of code/errorCode and message/errorMessage
// the answer carried.
func (e *Error) Error() string {
	return transport.APIErrorText{
		Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.StatusCode, Code: e.Code, Message: e.Message, Attempts: e.Attempts,
	}.String()
}

// Is reports whether target is the sentinel for e's code or status. Which
// table applies depends on the endpoint that answered, not on the body's
// shape: the token endpoint answers in both.
func (e *Error) Is(target error) bool {
	switch {
	case e.activation:
		return target == ErrActivationFailed || apiSentinels.Match(e.Code, e.StatusCode, target)
	case isTokenOp(e.Op):
		return tokenErrorIs(e.Code, e.StatusCode, target)
	}
	return apiSentinels.Match(e.Code, e.StatusCode, target)
}

// tokenErrorIs matches a token endpoint's answer: a 400 whose code does not
// name another cause is a rejected grant, whatever the body's shape.
func tokenErrorIs(code string, status int, target error) bool {
	if oauthSentinels.Match(code, status, target) {
		return true
	}
	return target == ErrInvalidGrant && status == http.StatusBadRequest && !notGrant[code]
}

// isTokenOp reports whether op is a call of the OAuth2 token endpoint.
func isTokenOp(op string) bool { return strings.HasPrefix(op, "oauth.") }

// checkResponse turns every non-2xx answer into an *Error.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return nil
	}
	e := &Error{StatusCode: r.StatusCode, Op: r.Op, Method: r.Method, Path: r.Path, Attempts: r.Attempts}
	e.Code, e.Message, e.fromAPI = decodeError(r.Body)
	return e
}

// decodeError reads the API's {message, code, errorMessage, errorCode} (the
// pairs say the same; either may be missing) or the token endpoint's
// {error, error_description}, and reports whether it found one. Fields of
// the wrong type are skipped rather than failing the whole body; anything
// else yields a snippet.
func decodeError(body []byte) (code, message string, ok bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) == nil {
		code = field(m, "code", "errorCode")
		message = field(m, "message", "errorMessage")
		if code == "" && message == "" {
			if oc := field(m, "error"); oc != "" {
				return oc, field(m, "error_description"), true
			}
		}
		if code != "" || message != "" {
			return code, message, true
		}
	}
	return "", transport.Snippet(body, 200), false
}

// field returns the first of keys whose value is a non-empty string.
func field(m map[string]json.RawMessage, keys ...string) string {
	for _, k := range keys {
		var s string
		if json.Unmarshal(m[k], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}
