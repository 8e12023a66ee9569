package transport

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// DecodeJSON decodes data into out as encoding/json.Unmarshal does. It is
// the engine's one JSON decoder: Do decodes every successful answer with
// it, and vendor code decoding a body or a nested value may call it too,
// so that the decoder can be swapped (for encoding/json/v2 once it is
// stable) in this one place.
//
// The decoder is the encoding/json v2 engine (go-json-experiment/json, the
// code Go builds encoding/json from with GOEXPERIMENT=jsonv2) with every v1
// behaviour switched on: field names match case-insensitively, the last of
// duplicate keys wins, invalid UTF-8 becomes U+FFFD, UnmarshalJSON and
// UnmarshalText methods and null are handled as encoding/json handles
// them. It decodes a 100-item page in less than half of encoding/json's
// instructions (BENCHMARKS.md). FuzzDecodeJSON checks that it reads every
// input as encoding/json does, for the vendors' result types among others.
//
// Two differences are known. The engine's Number is its own type, not
// encoding/json's, so encoding/json's Number is taught to it
// (decodeStdNumber). And the text inside a ",string" field is parsed more
// strictly for strings and more leniently for numbers ("+5" is 5);
// TestDecodeJSONStringOption pins both, and no vendor type has such a field.
func DecodeJSON(data []byte, out any) error {
	return jsonv2.Unmarshal(data, out, decodeOptions)
}

var decodeOptions = jsonv2.JoinOptions(
	jsonv1.DefaultOptionsV1(),
	jsonv2.WithUnmarshalers(jsonv2.UnmarshalFunc(decodeStdNumber)),
)

// decodeStdNumber reads an encoding/json Number as encoding/json does: a
// number, or a string holding a valid number; null leaves it unchanged.
func decodeStdNumber(b []byte, n *json.Number) error {
	switch {
	case string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := jsonv1.Unmarshal(b, &s); err != nil {
			return err
		}
		if !validNumber(s) {
			return errors.New("invalid number literal in a string decoded into a Number")
		}
		*n = json.Number(s)
		return nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*n = json.Number(b)
		return nil
	}
	kind := map[byte]string{'t': "bool", 'f': "bool", '{': "object", '[': "array"}[b[0]]
	return &jsonv1.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[json.Number]()}
}

// validNumber reports whether s is a JSON number (RFC 8259, section 6),
// as encoding/json checks a string decoded into a Number.
func validNumber(s string) bool {
	digits := func(s string) string {
		for len(s) > 0 && '0' <= s[0] && s[0] <= '9' {
			s = s[1:]
		}
		return s
	}
	if s != "" && s[0] == '-' {
		s = s[1:]
	}
	switch {
	case s == "":
		return false
	case s[0] == '0':
		s = s[1:]
	case '1' <= s[0] && s[0] <= '9':
		s = digits(s[1:])
	default:
		return false
	}
	if len(s) >= 2 && s[0] == '.' && '0' <= s[1] && s[1] <= '9' {
		s = digits(s[2:])
	}
	if len(s) >= 2 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if s[0] == '+' || s[0] == '-' {
			if s = s[1:]; s == "" {
				return false
			}
		}
		s = digits(s)
	}
	return s == ""
}

// decodeError says why a successful answer did not decode without quoting
// it: a 2xx body may hold tokens, and the decoder's messages carry pieces
// of the input (the offending character, an overflowing number, a ",string"
// value). errors.As still reaches the decoder's own error.
type decodeError struct{ err error }

func (e *decodeError) Error() string {
	var syn *jsonv1.SyntaxError
	var typ *jsonv1.UnmarshalTypeError
	switch {
	case errors.As(e.err, &syn):
		return fmt.Sprintf("%v: not JSON (syntax error at byte %d)", ErrMalformedResponse, syn.Offset)
	case errors.As(e.err, &typ):
		kind, _, _ := strings.Cut(typ.Value, " ")
		where := "the result type"
		if typ.Type != nil {
			where = typ.Type.String()
		}
		if typ.Field != "" {
			where = "field " + typ.Field + " (" + where + ")"
		}
		if kind == "" {
			kind = "value"
		}
		return fmt.Sprintf("%v: JSON %s at byte %d does not fit %s", ErrMalformedResponse, kind, typ.Offset, where)
	}
	var inv *jsonv1.InvalidUnmarshalError
	if errors.As(e.err, &inv) {
		// A programming error in the vendor package, about out, not the body.
		return fmt.Sprintf("%v: %v", ErrMalformedResponse, inv)
	}
	return fmt.Sprintf("%v: JSON does not fit the result type", ErrMalformedResponse)
}

func (e *decodeError) Unwrap() []error { return []error{ErrMalformedResponse, e.err} }
