package alfaview

import (
	"time"

	"github.com/grantkit/grantkit-go/internal/transport"
)

// WithOrigin sends origin as the "origin" of every Links.CreateGroupLinks
// and Links.CreateGuestLinks request, the field of alfaview's
// GuestServiceV2CreateGroupLinksRequest and ...CreateGuestLinksRequest
// models (alfaview-php-sdk v2.4.4): who or what creates the links, such as
// "booking tool" (the wording of the same field in alfaview's API v2).
// alfaview records it and reports it as GroupLink.Origin and
// GuestLink.Origin. Without it (or with "") no origin is sent. It applies
// to every create of the Client; use a second Client for another origin.
func WithOrigin(origin string) Option {
	return func(_ *transport.Settings, c *config) { c.origin = origin }
}

// WithTimezone sends loc's name (loc.String(), such as "Europe/Berlin") as
// the "timezone" of every Links.CreateGuestLinks request, a field of
// alfaview's GuestServiceV2CreateGuestLinksRequest model. The v1 models do
// not describe it; the same field of alfaview's API v2 is the zone of the
// invitation emails, Europe/Berlin when not sent, and this package reads
// it so. Without the option no timezone is sent. NewClient refuses nil,
// and time.Local, whose name ("Local") alfaview would take for its own
// server's zone, not yours.
func WithTimezone(loc *time.Location) Option {
	return func(_ *transport.Settings, c *config) { c.timezone, c.timezoneSet = loc, true }
}
