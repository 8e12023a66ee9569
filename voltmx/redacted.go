package voltmx

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"

	"github.com/grantkit/grantkit-go/internal/redact"
)

// The credential types and the user parameters hold passwords. Their
// JSON forms below mask them, so that a struct holding one that a program
// logs with slog's JSON handler or marshals shows no secret; the requests
// marshal the method-less wire types instead.

// MarshalJSON writes the username and a masked password.
func (a BasicAuth) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}{a.Username, redact.String(a.Password)})
}

// MarshalJSON writes the username and a masked password.
func (a OAuthPair) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}{a.Username, redact.String(a.Password)})
}

// MarshalJSON writes the login URL (without any userinfo password or query
// value), the user, provider and domain, and a masked password.
func (a ClaimsLogin) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		LoginURL string `json:"loginURL"`
		UserID   string `json:"userID"`
		Password string `json:"password"`
		Provider string `json:"provider,omitempty"`
		Domain   string `json:"domain,omitempty"`
	}{strings.Trim(redact.URL(a.LoginURL), `"`), a.UserID, redact.String(a.Password), a.Provider, a.Domain})
}

// createUserBody and updateUserBody are the parameters without their
// methods: what the requests send, password included.
type (
	createUserBody CreateUserParams
	updateUserBody UpdateUserParams
)

func (p *CreateUserParams) wire() createUserBody { return createUserBody(*p) }

// wire is p as sent: modify replaces the user's groups, so nil GroupIDs go
// as [] rather than being left out.
func (p *UpdateUserParams) wire() updateUserBody {
	b := updateUserBody(*p)
	if b.GroupIDs == nil {
		b.GroupIDs = []int64{}
	}
	return b
}

func (p CreateUserParams) masked() createUserBody {
	b := createUserBody(p)
	b.Password = redact.String(b.Password)
	return b
}

func (p UpdateUserParams) masked() updateUserBody {
	b := updateUserBody(p)
	b.Password = redact.String(b.Password)
	return b
}

// String prints the parameters with the password masked.
func (p CreateUserParams) String() string {
	return "voltmx.CreateUserParams" + fmt.Sprintf("%+v", p.masked())
}

// GoString is the %#v form, with the password masked.
func (p CreateUserParams) GoString() string {
	return strings.Replace(fmt.Sprintf("%#v", p.masked()), "voltmx.createUserBody", "voltmx.CreateUserParams", 1)
}

// Format prints String (GoString for %#v) whatever the verb, so no verb
// prints the password.
func (p CreateUserParams) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, p.String(), p.GoString())
}

// LogValue is the parameters for slog, with the password masked.
func (p CreateUserParams) LogValue() slog.Value { return slog.AnyValue(p.masked()) }

// MarshalJSON writes the API's fields with the password masked.
func (p CreateUserParams) MarshalJSON() ([]byte, error) { return json.Marshal(p.masked()) }

// String prints the parameters with the password masked.
func (p UpdateUserParams) String() string {
	return "voltmx.UpdateUserParams" + fmt.Sprintf("%+v", p.masked())
}

// GoString is the %#v form, with the password masked.
func (p UpdateUserParams) GoString() string {
	return strings.Replace(fmt.Sprintf("%#v", p.masked()), "voltmx.updateUserBody", "voltmx.UpdateUserParams", 1)
}

// Format prints String (GoString for %#v) whatever the verb, so no verb
// prints the password.
func (p UpdateUserParams) Format(f fmt.State, verb rune) {
	redact.Format(f, verb, p.String(), p.GoString())
}

// LogValue is the parameters for slog, with the password masked.
func (p UpdateUserParams) LogValue() slog.Value { return slog.AnyValue(p.masked()) }

// MarshalJSON writes the API's fields with the password masked.
func (p UpdateUserParams) MarshalJSON() ([]byte, error) { return json.Marshal(p.masked()) }
