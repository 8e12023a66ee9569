package shares

import (
	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithLanguage asks the API to localise its error messages: lang is an ISO
// 639-1 code such as "de" or "nl", sent as the language query parameter of
// every request. NewClient rejects anything but two ASCII letters.
func WithLanguage(lang string) Option {
	return func(_ *transport.Settings, c *config) { c.language, c.languageSet = lang, true }
}
