package viviot

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
)

// GUID is a .NET Guid: 16 bytes, in the byte order of its text form. The
// zero value means "not set" (Guid.Empty).
//
// ServiceStack writes Guids as 32 hex digits without dashes, and so does
// GUID's JSON and text encoding; String gives the familiar dashed form.
// Parsing accepts both.
type GUID [16]byte

// ParseGUID parses a Guid in the dashed form
// ("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), the 32-digit form
// ServiceStack sends ("3f2504e04f8911d39a0c0305e82c3301"), or either in
// braces, in any letter case.
func ParseGUID(s string) (GUID, error) {
	var g GUID
	in := s
	if len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}' {
		s = s[1 : len(s)-1]
	}
	var digits [32]byte
	switch len(s) {
	case 32:
		copy(digits[:], s)
	case 36:
		if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
			return g, fmt.Errorf("viviot: invalid GUID %q: dashes must follow 8-4-4-4-12 hex digits", in)
		}
		copy(digits[:], s[0:8]+s[9:13]+s[14:18]+s[19:23]+s[24:36])
	default:
		return g, fmt.Errorf("viviot: invalid GUID %q: want 32 hex digits, with or without dashes", in)
	}
	if _, err := hex.Decode(g[:], digits[:]); err != nil {
		return GUID{}, fmt.Errorf("viviot: invalid GUID %q: not hexadecimal", in)
	}
	return g, nil
}

// MustParseGUID is ParseGUID for constants: it panics if s is not a GUID.
func MustParseGUID(s string) GUID {
	g, err := ParseGUID(s)
	if err != nil {
		panic(err)
	}
	return g
}

// NewGUID returns a random (version 4) GUID.
func NewGUID() GUID {
	var g GUID
	_, _ = rand.Read(g[:]) // crypto/rand.Read never fails
	g[6] = g[6]&0x0f | 0x40
	g[8] = g[8]&0x3f | 0x80
	return g
}

// IsZero reports whether g is unset (all zero); a field tagged omitzero
// is then left out of the JSON.
func (g GUID) IsZero() bool { return g == GUID{} }

// String returns the dashed lowercase form, e.g.
// "3f2504e0-4f89-11d3-9a0c-0305e82c3301".
func (g GUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], g[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], g[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], g[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], g[8:10])
	b[23] = '-'
	hex.Encode(b[24:], g[10:])
	return string(b[:])
}

// hex32 is the wire form: 32 lowercase hex digits.
func (g GUID) hex32() string { return hex.EncodeToString(g[:]) }

// MarshalText returns the 32-digit form ServiceStack uses in queries and bodies.
func (g GUID) MarshalText() ([]byte, error) { return []byte(g.hex32()), nil }

// UnmarshalText parses any form ParseGUID accepts; empty text is the zero GUID.
func (g *GUID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*g = GUID{}
		return nil
	}
	v, err := ParseGUID(string(b))
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// MarshalJSON writes the 32-digit string form. Optional fields carry the
// omitzero option so that an unset GUID is left out rather than sent as
// Guid.Empty.
func (g GUID) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 34)
	b = append(b, '"')
	b = hex.AppendEncode(b, g[:])
	return append(b, '"'), nil
}

// UnmarshalJSON reads a string in any form ParseGUID accepts; null and ""
// are the zero GUID.
func (g *GUID) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*g = GUID{}
		return nil
	}
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return errors.New("viviot: GUID must be a JSON string")
	}
	// Guids hold no characters JSON would escape, so the quotes can simply
	// be dropped; an escaped one fails as "not hexadecimal".
	return g.UnmarshalText(b[1 : len(b)-1])
}
