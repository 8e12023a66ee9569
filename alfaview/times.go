package alfaview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// wireTime is a time as alfaview sends it: an RFC 3339 string in UTC.
// Encoded with `json:",omitzero"`, the zero time is left out rather than
// sent as "0001-01-01T00:00:00Z"; decoded, null and "" are the zero time.
type wireTime struct{ time.Time }

// onWire is the precision alfaview's examples use: whole seconds.
func onWire(t time.Time) time.Time { return t.UTC().Truncate(time.Second) }

func (t wireTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(onWire(t.Time).Format(time.RFC3339))
}

func (t *wireTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := transport.DecodeJSON(b, &s); err != nil {
		return fmt.Errorf("time must be an RFC 3339 string: %w", err)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// expiresAt is the authenticate reply's expiresAt. alfaview's own SDK
// (alfaview-php-sdk v2.4.4, src/Model/AuthenticationAuthenticationReply.php)
// types it as an int64, which alfaview's JSON gateway writes as a decimal
// string such as "1767225600". The unit is not documented: Unix seconds is
// inferred. A JSON number of seconds and an RFC 3339 string are accepted
// too; null, "" and 0 mean no expiry was given.
type expiresAt struct{ time.Time }

func (t *expiresAt) UnmarshalJSON(b []byte) error {
	t.Time = time.Time{}
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	s := string(b)
	if len(b) > 0 && b[0] == '"' {
		if err := transport.DecodeJSON(b, &s); err != nil {
			return err
		}
	}
	if s == "" {
		return nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n != 0 {
			t.Time = time.Unix(n, 0).UTC()
		}
		return nil
	}
	if b[0] != '"' {
		return fmt.Errorf("expiresAt must be whole Unix seconds, not %s", s)
	}
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("expiresAt is neither Unix seconds nor an RFC 3339 time: %w", err)
	}
	t.Time = v
	return nil
}
