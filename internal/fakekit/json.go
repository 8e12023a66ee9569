package fakekit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// MaxJSONBody is the largest request body ReadJSON accepts.
const MaxJSONBody = 1 << 20

// WriteJSON answers with status and v encoded as JSON, with
// Content-Type "application/json; charset=utf-8" and a Content-Length (so
// the body can be truncated by a fault). For 204 and 304 it sends no body.
// If v cannot be encoded it answers 500, so the fake's bug shows in the test.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, "fakekit: encoding response: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	if !bodyAllowed(status) {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// ReadJSON decodes the request body, one JSON value of at most MaxJSONBody
// bytes, into v. Any error means the client sent a bad request, for the
// fake to answer with the vendor's 400; a body over the limit gives an error
// wrapping *http.MaxBytesError, for vendors that answer 413 instead.
// Unknown fields are ignored, as vendor APIs do.
func ReadJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, MaxJSONBody))
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("request body is empty")
		}
		return jsonError("request body is not valid JSON", err)
	}
	if err := dec.Decode(&json.RawMessage{}); !errors.Is(err, io.EOF) {
		return jsonError("request body has data after the JSON value", err)
	}
	return nil
}

func jsonError(msg string, err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return fmt.Errorf("request body is larger than %d bytes: %w", MaxJSONBody, err)
	}
	if err == nil {
		return errors.New(msg)
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// BearerToken returns the token of an "Authorization: Bearer <token>"
// header, with the scheme matched case-insensitively, and false if there is
// no such header or the token is empty.
func BearerToken(r *http.Request) (string, bool) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	if token == "" || strings.ContainsAny(token, " \t") {
		return "", false
	}
	return token, true
}
