package alfaview

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
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
	if err := json.Unmarshal(b, &s); err != nil {
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
