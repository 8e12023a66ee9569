package validate

import (
	"net/mail"
	"strings"
)

// Email records field as invalid unless value is a plain email address
// (ada@example.com: no display name, no angle brackets, a dotted domain).
// An empty value is reported as empty.
func (c *Checker) Email(field, value string) *Checker {
	if strings.TrimSpace(value) == "" {
		return c.NotEmpty(field, value)
	}
	return c.Check(plainEmail(value), field, "must be an email address such as ada@example.com")
}

func plainEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	_, domain, _ := strings.Cut(s, "@")
	return strings.Contains(domain, ".") && !strings.HasSuffix(domain, ".")
}
