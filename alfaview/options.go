package alfaview

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithOrigin sends origin as the "origin" of every Links.CreateGroupLinks
// and Links.CreateGuestLinks request, the field alfaview's
// GuestServiceV2CreateGroupLinksRequest and ...CreateGuestLinksRequest
// models have: a name for what created the links (your integration), which
// alfaview records and reports as GroupLink.Origin and GuestLink.Origin.
// Without it (or with "") no origin is sent.
func WithOrigin(origin string) Option {
	return func(_ *transport.Settings, c *config) { c.origin = origin }
}

// WithTimezone sends loc's name (loc.String(), such as "Europe/Berlin") as
// the "timezone" of every Links.CreateGuestLinks request, a field of
// alfaview's GuestServiceV2CreateGuestLinksRequest model. alfaview does not
// document its use; the zone the invitation email shows times in is the
// likely one. Without it no timezone is sent. NewClient refuses nil and
// time.Local, whose name ("Local") means nothing to alfaview.
func WithTimezone(loc *time.Location) Option {
	return func(_ *transport.Settings, c *config) { c.timezone, c.timezoneSet = loc, true }
}
