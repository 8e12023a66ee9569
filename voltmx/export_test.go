package voltmx

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithClock sets the token cache's clock, so tests expire tokens by moving a
// fake clock instead of waiting.
func WithClock(now func() time.Time) Option {
	return func(_ *transport.Settings, c *config) { c.now = now }
}
