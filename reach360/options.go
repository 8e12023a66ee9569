package reach360

import (
	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithRegion sends requests to the region's endpoint: RegionUS (the
// default) or RegionEU. NewClient rejects any other value.
func WithRegion(r Region) Option {
	return func(_ *transport.Settings, c *config) { c.region = r }
}

// WithAPIVersion sends v (YYYY-MM-DD) as the API-Version header instead of
// DefaultAPIVersion, to opt into a newer API version. NewClient rejects a
// value that is not a date.
func WithAPIVersion(v string) Option {
	return func(_ *transport.Settings, c *config) { c.apiVersion = v }
}
