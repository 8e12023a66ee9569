package alfaview

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

var (
	// ErrInvalidParams matches errors for parameters rejected before
	// anything was sent; the error's text names each bad field, as
	// "alfaview: rooms.create: invalid params: DisplayName must not be empty".
	ErrInvalidParams = errors.New("alfaview: invalid parameters")
	// ErrInvalidArgument matches a 400 or 422 answer: alfaview rejected a
	// parameter the client could not check. Error.Details says which.
	ErrInvalidArgument = errors.New("alfaview: invalid argument")
)

var sentinels = transport.Sentinels{ByStatus: map[int]error{
	http.StatusBadRequest:          ErrInvalidArgument,
	http.StatusUnauthorized:        ErrUnauthorized,
	http.StatusForbidden:           ErrForbidden,
	http.StatusNotFound:            ErrNotFound,
	http.StatusConflict:            ErrConflict,
	http.StatusUnprocessableEntity: ErrInvalidArgument,
	http.StatusTooManyRequests:     ErrRateLimited,
}}

// Error is alfaview's answer to a call that failed: a non-2xx status with,
// normally, an RFC 9457 problem-details body (model ErrorModel). Match it
// with the sentinels using errors.Is, or read it with errors.As.
type Error struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Type is a URI naming the kind of problem; "about:blank" (the RFC's
	// default, also when the body left it out) means the status says it
	// all. Empty when the body was not problem details.
	Type string
	// Title summarises the kind of problem ("Unprocessable Entity").
	Title string
	// Detail explains this occurrence; for a body that was not problem
	// details (a proxy's page), an excerpt of it.
	Detail string
	// Instance is a URI reference naming this occurrence, when sent.
	Instance string
	// Details are the individual problems, e.g. one per invalid field (the
	// first 20).
	Details []ErrorDetail
	// Op names the operation ("rooms.create"); Method and Path the request
	// (the path without its query).
	Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
}

// ErrorDetail is one problem of an Error (model ErrorDetail).
type ErrorDetail struct {
	// Location says where it is, e.g. "body.create[1].validUntil" or
	// "path.id".
	Location string
	// Message says what is wrong.
	Message string
	// Value is the offending value as the server echoed it (decoded JSON).
	// Error() never prints it, and an echo of a credential the request
	// carried (key, password, token, access key) arrives masked.
	Value any
}

// Error reads like every grantkit vendor error: "alfaview: rooms.create
// (POST /v2/rooms): 422 Unprocessable Entity: validation failed
// (body.displayName: expected length <= 100)".
func (e *Error) Error() string {
	msg := e.Detail
	if len(e.Details) > 0 {
		parts := make([]string, 0, len(e.Details))
		for _, d := range e.Details {
			switch {
			case d.Location != "" && d.Message != "":
				parts = append(parts, d.Location+": "+d.Message)
			case d.Message != "":
				parts = append(parts, d.Message)
			case d.Location != "":
				parts = append(parts, d.Location)
			}
		}
		if len(parts) > 0 {
			list := "(" + strings.Join(parts, "; ") + ")"
			if msg == "" {
				msg = list
			} else {
				msg += " " + list
			}
		}
	}
	return transport.APIErrorText{
		Vendor: vendor, Op: e.Op, Method: e.Method, Path: e.Path,
		Status: e.StatusCode, Code: e.Title, Message: msg, Attempts: e.Attempts,
	}.String()
}

// Is reports whether target is the sentinel for e's status: ErrInvalidArgument
// (400, 422), ErrUnauthorized (401), ErrForbidden (403), ErrNotFound (404),
// ErrConflict (409) or ErrRateLimited (429).
func (e *Error) Is(target error) bool { return sentinels.Match("", e.StatusCode, target) }

// Longest server texts kept: longer ones are not something a caller acts on.
const (
	maxText    = 500
	maxSnippet = 200
	maxDetails = 20
)

// problem is the model ErrorModel (RFC 9457 problem details).
type problem struct {
	Type     *string `json:"type"`
	Title    string  `json:"title"`
	Status   int64   `json:"status"`
	Detail   string  `json:"detail"`
	Instance string  `json:"instance"`
	Errors   []struct {
		Location string `json:"location"`
		Message  string `json:"message"`
		Value    any    `json:"value"`
	} `json:"errors"`
}

// checkResponse is the engine's CheckResponse: every non-2xx answer becomes
// an *Error.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		return nil
	}
	e := &Error{StatusCode: r.StatusCode, Op: r.Op, Method: r.Method, Path: r.Path, Attempts: r.Attempts}
	var p problem
	if json.Unmarshal(r.Body, &p) != nil || (p.Type == nil && p.Title == "" && p.Status == 0 && p.Detail == "" && p.Errors == nil) {
		e.Title = http.StatusText(r.StatusCode)
		e.Detail = transport.Snippet(r.Body, maxSnippet)
		return e
	}
	e.Type = "about:blank"
	if p.Type != nil && *p.Type != "" {
		e.Type = clean(*p.Type)
	}
	e.Title, e.Detail, e.Instance = clean(p.Title), clean(p.Detail), clean(p.Instance)
	for i, d := range p.Errors {
		if i == maxDetails {
			break
		}
		e.Details = append(e.Details, ErrorDetail{Location: clean(d.Location), Message: clean(d.Message), Value: d.Value})
	}
	return e
}

// clean keeps server text printable and short before it reaches Error().
func clean(s string) string { return transport.Snippet([]byte(s), maxText) }

// isNotFound is the deletes' Operation.AlreadyDone.
func isNotFound(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusNotFound
}
