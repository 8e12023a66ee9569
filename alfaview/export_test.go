package alfaview

import (
	"context"
	"encoding/json"
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// CheckResponse exposes the error decoder to the fuzz and table tests.
var CheckResponse = checkResponse

// WithClock sets the clock of the token cache and refresh cookie, so a test
// can move the client's time together with the fake's.
func WithClock(now func() time.Time) Option {
	return func(_ *transport.Settings, c *config) { c.now = now }
}

// DecodeRooms runs the order-keeping rooms decoder on b.
func DecodeRooms(b []byte) ([]*Room, error) {
	var r orderedRooms
	err := json.Unmarshal(b, &r)
	return r, err
}

// RefreshSession runs one refresh-token authentication and returns its
// error, which the Client itself answers by falling back to the
// credentials.
func RefreshSession(ctx context.Context, c *Client) error {
	_, _, err := c.auth.refreshSession(ctx)
	return err
}
