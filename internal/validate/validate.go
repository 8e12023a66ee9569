// Package validate checks a vendor method's parameters before any request is
// sent and reports every problem at once, naming the fields.
package validate

import (
	"strconv"
	"strings"
)

// Problem is one invalid parameter.
type Problem struct {
	// Field is the parameter's Go name as the caller wrote it, e.g.
	// "Links[1].ValidUntil".
	Field  string
	Reason string
}

// Error reports invalid parameters found before a request was sent. It
// matches the vendor's ErrInvalidParams with errors.Is.
type Error struct {
	Vendor, Op string
	Problems   []Problem
	kind       error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Vendor + ": " + e.Op + ": invalid params: ")
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Field + " " + p.Reason)
	}
	return b.String()
}

// Unwrap returns the vendor's ErrInvalidParams.
func (e *Error) Unwrap() error { return e.kind }

// Field returns the first invalid field's name.
func (e *Error) Field() string {
	if len(e.Problems) == 0 {
		return ""
	}
	return e.Problems[0].Field
}

// Checker collects problems for one call.
type Checker struct {
	err Error
}

// New starts checking the parameters of op; kind is the vendor's
// ErrInvalidParams sentinel.
func New(kind error, vendor, op string) *Checker {
	return &Checker{err: Error{Vendor: vendor, Op: op, kind: kind}}
}

// Check records field as invalid for reason unless ok.
func (c *Checker) Check(ok bool, field, reason string) *Checker {
	if !ok {
		c.err.Problems = append(c.err.Problems, Problem{Field: field, Reason: reason})
	}
	return c
}

// NotEmpty records field as invalid if value is empty or only spaces.
func (c *Checker) NotEmpty(field, value string) *Checker {
	return c.Check(strings.TrimSpace(value) != "", field, "must not be empty")
}

// Positive records field as invalid if id is not above zero.
func (c *Checker) Positive(field string, id int64) *Checker {
	return c.Check(id > 0, field, "must be a positive id")
}

// Between records field as invalid if n is outside lo..hi. Zero is allowed
// when zeroOK, for options where zero means the vendor's default.
func (c *Checker) Between(field string, n, lo, hi int, zeroOK bool) *Checker {
	return c.Check((zeroOK && n == 0) || (n >= lo && n <= hi), field, "must be between "+itoa(lo)+" and "+itoa(hi))
}

// Err returns the collected problems as an *Error, or nil if there are none.
func (c *Checker) Err() error {
	if len(c.err.Problems) == 0 {
		return nil
	}
	e := c.err
	return &e
}

func itoa(n int) string { return strconv.Itoa(n) }
