package validate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/grantkit/grantkit-go/internal/validate"
)

func TestLanguageTag(t *testing.T) {
	for _, ok := range []string{"de", "en", "en-US", "pt_BR", "zh-Hant-TW", "de-CH-1996", "en-u-ca-gregory"} {
		assert.NoError(t, validate.New(errInvalid, "v", "op").LanguageTag("Locale", ok).Err(), ok)
	}
	for in, reason := range map[string]string{
		"":                 "Locale must not be empty",
		" ":                "Locale must not be empty",
		"e":                `Locale must be a language tag such as "de" or "en-US"`,
		"en-":              `Locale must be a language tag such as "de" or "en-US"`,
		"en US":            `Locale must be a language tag such as "de" or "en-US"`,
		"de.UTF-8":         `Locale must be a language tag such as "de" or "en-US"`,
		"english9":         `Locale must be a language tag such as "de" or "en-US"`,
		"en-US\nx:y":       `Locale must be a language tag such as "de" or "en-US"`,
		"en-toolongsubtag": `Locale must be a language tag such as "de" or "en-US"`,
	} {
		err := validate.New(errInvalid, "v", "op").LanguageTag("Locale", in).Err()
		if assert.Error(t, err, "%q", in) {
			assert.Contains(t, err.Error(), reason, "%q", in)
		}
	}
}
