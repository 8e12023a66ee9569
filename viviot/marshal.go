package viviot

import (
	"encoding/json"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// MarshalJSON writes the user name and "[REDACTED]" for the password, so
// that a struct holding Credentials can go to a JSON log or an encoded
// config without the secret.
func (c Credentials) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		UserName string
		Password string
	}{c.UserName, redact.String(c.Password)})
}

// MarshalJSON writes the token as "[REDACTED]" ("" when empty), for the
// same reason as Credentials.MarshalJSON.
func (t BearerToken) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }
