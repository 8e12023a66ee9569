// Package redact gives secret-bearing types one printed form, so that no
// fmt verb, slog handler or error string shows a credential.
package redact

import "log/slog"

// Mask stands in for a secret.
const Mask = "[REDACTED]"

// String returns Mask for a set secret and "" for an empty one, so a
// printout still tells whether a credential was given.
func String(secret string) string {
	if secret == "" {
		return ""
	}
	return Mask
}

// GoString returns typeName("[REDACTED]") (or typeName("") when unset), the
// %#v form of a redacted string type.
func GoString(typeName, secret string) string {
	return typeName + `("` + String(secret) + `")`
}

// Value is the slog form of a secret.
func Value(secret string) slog.Value {
	return slog.StringValue(String(secret))
}
