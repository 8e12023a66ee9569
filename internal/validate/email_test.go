package validate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/internal/validate"
)

func TestEmail(t *testing.T) {
	for _, ok := range []string{"ada@example.com", "ada.lovelace+r360@mail.example.co.uk"} {
		assert.NoError(t, validate.New(errInvalid, "v", "op").Email("Email", ok).Err(), ok)
	}
	for in, reason := range map[string]string{
		"":                        "Email must not be empty",
		"  ":                      "Email must not be empty",
		"ada":                     "Email must be an email address such as ada@example.com",
		"ada@localhost":           "Email must be an email address such as ada@example.com",
		"ada@example.":            "Email must be an email address such as ada@example.com",
		"Ada <ada@example.com>":   "Email must be an email address such as ada@example.com",
		" ada@example.com":        "Email must be an email address such as ada@example.com",
		"ada@example.com\r\nBcc:": "Email must be an email address such as ada@example.com",
	} {
		err := validate.New(errInvalid, "v", "op").Email("Email", in).Err()
		if assert.Error(t, err, "%q", in) {
			assert.Contains(t, err.Error(), reason, "%q", in)
		}
	}
}
