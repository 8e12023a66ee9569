package viviot

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/grantkit/grantkit-go/internal/transport"
)

var (
	// ErrValidation matches a 400, and any answer with field errors; see
	// Error.FieldErrors for which fields the server rejected.
	ErrValidation = errors.New("viviot: validation failed")
	// ErrInvalidParams matches errors found before anything was sent: nil
	// params, an empty name, no things, an unknown enum value, a zero id.
	// The error names every bad field.
	ErrInvalidParams = errors.New("viviot: invalid params")
)

var sentinels = transport.Sentinels{
	// ServiceStack's HttpError uses the status name as errorCode; it is
	// what identifies the failure when it arrives inside a 200 answer.
	ByCode: map[string]error{
		"Unauthorized": ErrUnauthorized,
		"Forbidden":    ErrForbidden,
		"NotFound":     ErrNotFound,
		"Conflict":     ErrConflict,
	},
	ByStatus: map[int]error{
		http.StatusBadRequest: ErrValidation,
	},
}

// Error is an answer in which Viviot.Api refused a request: a non-2xx
// status, or a ServiceStack ResponseStatus with an errorCode in a 2xx body.
// Use errors.Is with the Err* sentinels to tell kinds apart. The server's
// stack trace, which ServiceStack may include, is never kept.
type Error struct {
	// StatusCode is the HTTP status of the answer (200 when the error came
	// inside a successful status).
	StatusCode int
	// ErrorCode is ResponseStatus.errorCode, e.g. "NotEmpty", "Forbidden".
	ErrorCode string
	// Message is ResponseStatus.message, or an excerpt of a body that was
	// not ServiceStack's (a proxy's HTML page).
	Message string
	// FieldErrors lists the fields a validation failure names.
	FieldErrors []FieldError
	// Op, Method and Path name the request ("accessTemplates.create",
	// "POST", "/access/template"); Path carries no query.
	Op, Method, Path string
	// Attempts is how many times the request was sent.
	Attempts int
}

// FieldError is one rejected field of a validation failure.
type FieldError struct {
	// ErrorCode is the validator that failed, e.g. "NotEmpty".
	ErrorCode string
	// FieldName is the request field as the server names it, e.g. "Name"
	// or "Things[0].ThingId".
	FieldName string
	// Message explains the failure, e.g. "'Name' must not be empty.".
	Message string
}

// Error reads like every grantkit vendor error: "viviot: <op> (<method> <path>):
// <status> <errorCode>: <message>; <field messages> [<n> attempts]".
func (e *Error) Error() string {
	return transport.APIErrorText{
		Vendor:   vendor,
		Op:       e.Op,
		Method:   e.Method,
		Path:     e.Path,
		Status:   e.StatusCode,
		Code:     e.ErrorCode,
		Message:  e.summary(),
		Attempts: e.Attempts,
	}.String()
}

// summary is Message followed by the field messages it does not already
// say, so one line tells every rejected field.
func (e *Error) summary() string {
	parts := []string{}
	if e.Message != "" {
		parts = append(parts, e.Message)
	}
	for _, f := range e.FieldErrors {
		m := f.Message
		if m == "" {
			m = f.ErrorCode
		}
		if f.FieldName != "" && !strings.Contains(m, f.FieldName) {
			m = f.FieldName + ": " + m
		}
		if m != "" && m != e.Message {
			parts = append(parts, m)
		}
	}
	return strings.Join(parts, "; ")
}

// Is reports whether target is the sentinel for e's status or errorCode.
func (e *Error) Is(target error) bool {
	if target == ErrValidation && len(e.FieldErrors) > 0 {
		return true
	}
	return sentinels.Match(e.ErrorCode, e.StatusCode, target)
}

// wireStatus is ServiceStack's ResponseStatus. It has no stackTrace field
// on purpose: what is not decoded cannot leak into an error.
type wireStatus struct {
	ErrorCode string           `json:"errorCode"`
	Message   string           `json:"message"`
	Errors    []wireFieldError `json:"errors"`
}

type wireFieldError struct {
	ErrorCode string `json:"errorCode"`
	FieldName string `json:"fieldName"`
	Message   string `json:"message"`
}

// wireErrorBody is an error answer: ServiceStack's response DTO with its
// responseStatus, or a gateway's flat {errorCode, message}.
type wireErrorBody struct {
	ResponseStatus *wireStatus `json:"responseStatus"`
	ErrorCode      string      `json:"errorCode"`
	Message        string      `json:"message"`
}

// checkResponse is the engine's CheckResponse hook: every non-2xx answer,
// and every 2xx answer whose ResponseStatus has an errorCode, becomes an
// *Error.
func checkResponse(r *transport.Response) error {
	if r.StatusCode >= 200 && r.StatusCode <= 299 {
		st := successStatus(r.Body)
		if st == nil || st.ErrorCode == "" {
			return nil
		}
		return newError(r, st)
	}
	return decodeError(r)
}

// successStatus returns the ResponseStatus of a 2xx body, if it has one.
// Most bodies do not, so a byte search spares them a second decode.
func successStatus(body []byte) *wireStatus {
	if !bytes.Contains(body, []byte("esponseStatus")) {
		return nil
	}
	var env struct {
		ResponseStatus *wireStatus `json:"responseStatus"`
	}
	if json.Unmarshal(body, &env) != nil {
		// The engine's decoder reports a malformed success body.
		return nil
	}
	return env.ResponseStatus
}

// decodeError turns a non-2xx answer into an *Error. A JSON body is never
// quoted back, since ServiceStack may have put a stack trace in it; any
// other body (a proxy's HTML page) is, as a short excerpt.
func decodeError(r *transport.Response) error {
	var body wireErrorBody
	if isJSONObject(r.Body) && json.Unmarshal(r.Body, &body) == nil {
		if body.ResponseStatus != nil {
			return newError(r, body.ResponseStatus)
		}
		return newError(r, &wireStatus{ErrorCode: body.ErrorCode, Message: body.Message})
	}
	if isJSONObject(r.Body) {
		return newError(r, &wireStatus{})
	}
	return newError(r, &wireStatus{Message: transport.Snippet(r.Body, 200)})
}

func isJSONObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '{' && json.Valid(b)
}

func newError(r *transport.Response, st *wireStatus) *Error {
	e := &Error{
		StatusCode: r.StatusCode,
		ErrorCode:  st.ErrorCode,
		Message:    st.Message,
		Op:         r.Op,
		Method:     r.Method,
		Path:       r.Path,
		Attempts:   r.Attempts,
	}
	for _, f := range st.Errors {
		e.FieldErrors = append(e.FieldErrors, FieldError(f))
	}
	return e
}
