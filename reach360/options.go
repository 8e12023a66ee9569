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

// WithPrefetch makes list iterators fetch the next page while the caller
// works on the current one, hiding a round trip per page. At most one page
// is fetched ahead, and it is abandoned when the caller stops iterating
// (that one request may still reach the server).
func WithPrefetch(on bool) Option {
	return func(_ *transport.Settings, c *config) { c.prefetch = on }
}
