package alfaview

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithClock sets the token cache's clock, so a test can move time past a
// token's hour.
func WithClock(now func() time.Time) Option {
	return func(_ *transport.Settings, c *config) { c.now = now }
}

// CheckResponse exposes the error decoder to the table and fuzz tests.
var CheckResponse = checkResponse
