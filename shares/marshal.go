package shares

import (
	"encoding/json"
	"time"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// MarshalJSON writes the token as "[REDACTED]" ("" when empty), so that a
// struct holding one can go to a JSON log or an encoded config without the
// secret. Store the token as a plain string where you mean to keep it.
func (t BearerToken) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// MarshalJSON writes ClientID and the secrets as "[REDACTED]", the saved
// Token's included, for the same reason as BearerToken.MarshalJSON;
// OnRefresh is left out. A Token on its own, whose purpose is to be
// stored, marshals its secrets.
func (o OAuth2) MarshalJSON() ([]byte, error) {
	type redactedToken struct {
		AccessToken, RefreshToken, TokenType string
		Expiry                               time.Time
		AccountID                            int64
	}
	var tok *redactedToken
	if t := o.Token; t != nil {
		tok = &redactedToken{redact.String(t.AccessToken), redact.String(t.RefreshToken), t.TokenType, t.Expiry, t.AccountID}
	}
	return json.Marshal(struct {
		ClientID     string
		ClientSecret string
		RefreshToken string
		Token        *redactedToken
	}{o.ClientID, redact.String(o.ClientSecret), redact.String(o.RefreshToken), tok})
}
