package alfaviewtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// errorDetail is model ErrorDetail.
type errorDetail struct {
	Location string `json:"location,omitempty"`
	Message  string `json:"message,omitempty"`
	Value    any    `json:"value,omitempty"`
}

// problem is model ErrorModel, RFC 9457 problem details. The fake leaves
// type (about:blank by default) and instance out, as Huma does unless told
// otherwise, and sends title as the status text.
type problem struct {
	Title  string        `json:"title,omitempty"`
	Status int           `json:"status,omitempty"`
	Detail string        `json:"detail,omitempty"`
	Errors []errorDetail `json:"errors,omitempty"`
}

func newProblem(status int, format string, args ...any) *problem {
	return &problem{Title: http.StatusText(status), Status: status, Detail: fmt.Sprintf(format, args...)}
}

// invalid is Huma's answer to a request that breaks the schema: 422
// "validation failed" with the details.
func invalid(errs ...errorDetail) *problem {
	p := newProblem(http.StatusUnprocessableEntity, "validation failed")
	p.Errors = errs
	return p
}

// invalidAt is a 422 for one value, for the checks the schema cannot
// express (an unknown permission group, validUntil before validFrom).
func invalidAt(location, message string, value any) *problem {
	return invalid(errorDetail{Location: location, Message: message, Value: value})
}

func notFound(what string) *problem {
	return newProblem(http.StatusNotFound, "%s not found", what)
}

func forbidden(format string, args ...any) *problem {
	return newProblem(http.StatusForbidden, format, args...)
}

func conflict(format string, args ...any) *problem {
	return newProblem(http.StatusConflict, format, args...)
}

func unauthorized(detail string) *problem {
	return newProblem(http.StatusUnauthorized, "%s", detail)
}

// writeProblem answers with p as application/problem+json, Huma's content
// type for errors.
func writeProblem(w http.ResponseWriter, p *problem) {
	writeBody(w, p.Status, "application/problem+json", p)
}

// writeJSON answers with v as application/json.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, "application/json", v)
}

// writeBody sends a Content-Length, so that a Truncate fault can cut the
// body short.
func writeBody(w http.ResponseWriter, status int, contentType string, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "alfaviewtest: encoding response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
