package reach360

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"unicode"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// APIKey is a Reach 360 API key, created by an admin under Settings → API.
// It is sent as a Bearer token and redacts itself whenever it is printed or
// logged.
type APIKey string

// String returns "[REDACTED]" (or "" for an empty key), never the key.
func (k APIKey) String() string { return redact.String(string(k)) }

// GoString is the %#v form: reach360.APIKey("[REDACTED]").
func (k APIKey) GoString() string { return redact.GoString("reach360.APIKey", string(k)) }

// LogValue keeps the key out of slog records.
func (k APIKey) LogValue() slog.Value { return redact.Value(string(k)) }

// MarshalText returns String, so encoding/json (and any encoder that
// honours encoding.TextMarshaler) writes "[REDACTED]", never the key: a
// config struct holding an APIKey can be dumped safely. Decoding still
// reads the key, since APIKey is a plain string to encoding/json.
func (k APIKey) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Format prints String (GoString for %#v) whatever the verb: for verbs a
// Stringer does not serve, such as %d, fmt would print the key itself.
func (k APIKey) Format(f fmt.State, verb rune) { redact.Format(f, verb, k.String(), k.GoString()) }

// check rejects keys that cannot be right, without quoting them: a key read
// from a file with its trailing newline would otherwise fail only at the
// first request, as a confusing 401 or header error.
func (k APIKey) check() error {
	if strings.TrimSpace(string(k)) == "" {
		return errors.New("reach360: API key is empty")
	}
	if strings.ContainsFunc(string(k), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return errors.New("reach360: API key contains spaces or control characters (a trailing newline?)")
	}
	return nil
}
