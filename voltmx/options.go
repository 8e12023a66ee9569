package voltmx

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithContextPath sets the path the Engagement Services web application is
// deployed under, between the base URL and "/api/v1/...". The default is
// "/vpns", where on-premises installs put it; "" means the API sits at the
// root of the base URL. Leading and trailing slashes are optional.
func WithContextPath(p string) Option {
	return func(_ *transport.Settings, c *config) { c.contextPath = p }
}

// WithAuthHeaderName sets the header that carries a ClaimsLogin token. The
// default is DefaultAuthHeaderName; Kony-era servers expect
// "X-Kony-Authorization".
func WithAuthHeaderName(h string) Option {
	return func(_ *transport.Settings, c *config) { c.authHeader = h }
}

// WithInsecureHTTP allows credentials (and ClaimsLogin passwords) to travel
// over plain http to a host that is not loopback. Without it NewClient
// refuses such a base URL or login URL. Use it only on a network you trust.
func WithInsecureHTTP() Option {
	return func(_ *transport.Settings, c *config) { c.insecureHTTP = true }
}

// WithServerLocation names the time zone the server writes its dates in
// (e.g. time.LoadLocation("Asia/Kolkata")). Dates such as
// "06/15/2016 02:00:18 PM IST" carry only a zone abbreviation, and
// abbreviations are ambiguous (IST is India, Israel or Ireland), so without
// this option their Time stays zero; see Date.
func WithServerLocation(loc *time.Location) Option {
	return func(_ *transport.Settings, c *config) { c.location = loc }
}
