package shares

import (
	"encoding/json"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// MarshalJSON writes the token as "[REDACTED]" ("" when empty), so that a
// struct holding one can go to a JSON log or an encoded config without the
// secret. Store the token as a plain string where you mean to keep it.
func (t BearerToken) MarshalJSON() ([]byte, error) { return redact.JSON(string(t)), nil }

// MarshalJSON writes ClientID and the secrets as "[REDACTED]", for the same
// reason as BearerToken.MarshalJSON; OnRefresh is left out. Token, whose
// purpose is to be stored, marshals its secrets.
func (o OAuth2) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ClientID     string
		ClientSecret json.RawMessage
		RefreshToken json.RawMessage
	}{o.ClientID, redact.JSON(o.ClientSecret), redact.JSON(o.RefreshToken)})
}
