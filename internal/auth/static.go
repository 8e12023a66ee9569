// Package auth holds the credential mechanisms vendor packages compose:
// static headers (Bearer, Basic, any header) and a token cache for session
// tokens, refreshed by one caller at a time and shared through a TokenStore.
package auth

import (
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/grantkit/grantkit-go/internal/redact"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// staticHeader attaches the same header to every request. The value slice is
// built once and shared: requests only read it. It is always used through a
// pointer: fmt does not call methods on values it reaches through unexported
// fields, and a bad verb (%s, %d) on a struct holding the engine prints the
// engine's fields; a pointer one level further down prints as an address.
type staticHeader struct {
	name  string
	value []string
	// secrets are the values an echo of the request could quote: the
	// header's value, or for Basic the encoded pair and the password.
	secrets []string
}

// Secrets lists the values the engine masks in an echo of the request.
func (h *staticHeader) Secrets() []string { return h.secrets }

func (h *staticHeader) Apply(_ context.Context, o *transport.Outgoing) error {
	o.Header[h.name] = h.value
	return nil
}

// String, GoString and LogValue keep the credential out of printouts of
// anything that holds this Auth (a vendor's config, the engine's Client).
func (h *staticHeader) String() string { return h.name + ": " + redact.String(h.secret()) }

func (h *staticHeader) GoString() string {
	return "auth.Header(" + strconv.Quote(h.name) + ", " + strconv.Quote(redact.String(h.secret())) + ")"
}

// Format keeps verbs that bypass String (%d, %x on a struct) redacted too.
func (h *staticHeader) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, h.String(), h.GoString())
}

func (h *staticHeader) LogValue() slog.Value { return slog.StringValue(h.String()) }

func (h *staticHeader) secret() string {
	if len(h.value) == 0 {
		return ""
	}
	return h.value[0]
}

// Header returns an Auth that sends name: value with every request.
func Header(name, value string) transport.Auth {
	return &staticHeader{name: http.CanonicalHeaderKey(name), value: []string{value}, secrets: []string{value}}
}

// Bearer returns an Auth that sends "Authorization: Bearer token".
func Bearer(token string) transport.Auth {
	return &staticHeader{name: "Authorization", value: []string{"Bearer " + token}, secrets: []string{token}}
}

// Basic returns an Auth that sends HTTP Basic credentials.
func Basic(user, password string) transport.Auth {
	pair := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	return &staticHeader{name: "Authorization", value: []string{"Basic " + pair}, secrets: []string{pair, password}}
}
