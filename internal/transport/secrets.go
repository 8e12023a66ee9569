package transport

import (
	"bytes"
	"encoding/json"
	"net/url"
	"slices"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// SecretHolder is implemented by an Auth whose credentials are fixed (an
// API key, a Basic pair): the values a server could echo back.
type SecretHolder interface {
	Secrets() []string
}

// minSecretLen is the shortest value masked in an echo: masking a two
// letter password would mangle every word that contains it, while a
// credential that short protects nothing.
const minSecretLen = 4

// secretsOf lists the credential values request r carried: the client's
// fixed credentials, the session token attached to o, and what the request
// itself declared (a login's password or refresh token).
func (c *Client) secretsOf(r *Request, o *Outgoing) []string {
	var out []string
	if h, ok := c.auth.(SecretHolder); ok && !r.NoAuth {
		out = append(out, h.Secrets()...)
	}
	if o.Credential != "" {
		out = append(out, o.Credential)
	}
	out = append(out, o.Secrets...)
	return append(out, r.Secrets...)
}

// maskSecrets replaces each secret in body, as sent and in the escaped
// forms an echo may quote it in (a JSON string, a form or query value),
// with redact.Mask. It reports whether anything was replaced; body itself is
// never modified. The longest secrets go first: one that contains another
// would otherwise keep the rest of itself around the shorter one's mask.
func maskSecrets(body []byte, secrets []string) ([]byte, bool) {
	if len(secrets) > 1 {
		secrets = slices.Clone(secrets)
		slices.SortFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	}
	changed := false
	for _, s := range secrets {
		if len(s) < minSecretLen {
			continue
		}
		for _, form := range secretForms(s) {
			if bytes.Contains(body, form) {
				body = bytes.ReplaceAll(body, form, []byte(redact.Mask))
				changed = true
			}
		}
	}
	return body, changed
}

// secretForms returns s as it may appear in an echo: raw, JSON-escaped and
// form-encoded (each only when it differs).
func secretForms(s string) [][]byte {
	forms := [][]byte{[]byte(s)}
	if j, err := json.Marshal(s); err == nil {
		if j = j[1 : len(j)-1]; string(j) != s {
			forms = append(forms, j)
		}
	}
	if q := url.QueryEscape(s); q != s {
		forms = append(forms, []byte(q))
	}
	if p := url.PathEscape(s); p != s && p != url.QueryEscape(s) {
		forms = append(forms, []byte(p))
	}
	return forms
}

// isJSONNull reports whether body is the JSON literal null.
func isJSONNull(body []byte) bool {
	return string(bytes.TrimSpace(body)) == "null"
}
