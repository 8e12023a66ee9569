// Package redact gives secret-bearing types one printed form, so that no
// fmt verb, slog handler or error string shows a credential.
package redact

import (
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
)

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

// Format writes goString for %#v and str for every other verb. Secret
// types implement fmt.Formatter with it because fmt skips String for verbs
// such as %d and %x on structs and prints the fields instead.
func Format(f fmt.State, verb rune, str, goString string) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, goString)
		return
	}
	fmt.Fprint(f, str)
}

// URL quotes raw for an error message or printout with any userinfo
// password and every query value masked ("https://user:xxxxx@host/?token=xxxxx"):
// a base URL's query is where a proxy or gateway key would go. A URL that
// does not parse cannot be redacted reliably, so it is masked whole when it
// may hold userinfo or a query.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if strings.ContainsAny(raw, "@?") {
			return Mask
		}
		return strconv.Quote(raw)
	}
	return strconv.Quote(URLValue(u))
}

// URLValue is u as URL prints it, unquoted.
func URLValue(u *url.URL) string {
	if u == nil {
		return ""
	}
	if u.RawQuery != "" {
		masked := *u
		q := u.Query()
		for k, vs := range q {
			for i := range vs {
				vs[i] = "xxxxx"
			}
			q[k] = vs
		}
		masked.RawQuery = q.Encode()
		u = &masked
	}
	return u.Redacted()
}
