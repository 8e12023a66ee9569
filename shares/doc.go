// Package shares is a client for the shares API (v2) of Bold Smart Lock:
// granting a user or user group access to a lock or group of locks,
// permanently or for a time, on a weekly schedule, with rights such as
// remote activation, making web keys that open a lock from a browser, and
// opening a lock remotely (Client.Devices).
//
// # Authentication
//
// Pass NewClient a BearerToken (an access token or API key) or an *OAuth2
// holding a refresh token. With OAuth2 the Client exchanges the refresh
// token at POST /v2/oauth/token, caches the access token until a minute
// before it expires, refreshes once however many goroutines need a token,
// and on a 401 refreshes and replays the request once. Bold rotates refresh
// tokens on every use: set OAuth2.OnRefresh to store the new one, or the
// next run of your program will hold a spent token.
//
// # Usage
//
//	c, err := shares.NewClient(shares.BearerToken(os.Getenv("BOLD_TOKEN")))
//	if err != nil { … }
//	ref, err := c.Shares.Create(ctx, &shares.CreateShareParams{
//		OrganizationID: 1,
//		Schedule: []shares.ScheduleEntry{{
//			DayOfWeek:  shares.Monday,
//			Period:     &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}},
//			Recurrence: shares.Weekly,
//		}},
//		Permissions: shares.Permissions{RemoteActivate: true},
//		Source:      shares.Source{DeviceID: 1},
//		Receiver:    shares.Receiver{UserID: 2},
//	})
//
// Dates and times in shares have no zone (the lock applies its own): they
// are the civil types Date and TimeOfDay, not time.Time.
//
// Errors from the API are *Error and match ErrInvalidInput, ErrUnauthorized,
// ErrForbidden, ErrShareNotFound (and the common ErrNotFound) and the others
// with errors.Is; parameters are checked before anything is sent, and
// problems wrap ErrInvalidParams. A refresh the token endpoint rejects is
// an *Error of operation "oauth.token" matching ErrInvalidGrant, whether
// the endpoint answered in RFC 6749's shape or in Bold's own.
//
// Shares.List returns every share at once: the API answers GET /v2/shares
// with one bare array and documents no paging, so there is no page-at-a-time
// twin to call.
//
// Package sharestest is an in-memory fake of the API for tests.
//
// API reference: https://apidoc.boldsmartlock.com (Bold Smart Lock, by
// Sesam Solutions).
package shares

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg shares -vendor Bold -fake sharestest -product door-admin/1.2 -base https://api.boldsmartlock.com -creates "Shares.Create, Shares.CreateWebKey, Devices.RemoteActivate and OAuth2 token refreshes (the first attempt may have spent the refresh token)" -session "OAuth2 session" -login refresh -store-fails -store-note "Each rotating refresh token is thereby spent exactly once." -store-sees "The store sees the access token, its expiry and the refresh token; never the client secret." -store-refuses "NewClient rejects it with a BearerToken, which has no session."
