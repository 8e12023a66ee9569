package validate

import (
	"regexp"
	"strings"
)

// LanguageTag records field as invalid unless value is shaped like a
// language tag ("de", "en-US", or the POSIX form "pt_BR"). Only the shape
// is checked, not a list of languages: which ones a vendor offers is the
// vendor's to say, and its lists grow. An empty value is reported as empty.
func (c *Checker) LanguageTag(field, value string) *Checker {
	if strings.TrimSpace(value) == "" {
		return c.NotEmpty(field, value)
	}
	return c.Check(languageTag(value), field, `must be a language tag such as "de" or "en-US"`)
}

// languageTag matches the shape of a BCP 47 tag or a POSIX locale name
// without its encoding: 2 to 8 letters, then subtags of 1 to 8 letters or
// digits, each after "-" or "_".
var languageTag = regexp.MustCompile(`^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$`).MatchString
