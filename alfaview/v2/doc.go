// Package alfaview is a client for alfaview's REST API v2
// (https://apis.alfaview.com/v2/): rooms and everything in them, group and
// guest links, guest authentication, users, meetings and reports. Its
// package name is alfaview, like the JSON API v1 client
// github.com/grantkit/grantkit-go/alfaview, which it succeeds: alfaview's
// own SDK dropped v1 in February 2026, so new code should start here.
//
// Every path, query parameter, JSON field, type and required flag follows
// alfaview's official PHP SDK (github.com/alfatraining/alfaview-php-sdk,
// generated from the API's OpenAPI document); the doc comments name the
// SDK model each type mirrors.
//
// # Authentication
//
// NewClient takes APIKeyCredentials, PasswordCredentials or an AccessToken.
// With the first two the Client logs in on the first call (POST
// /v2/auth/api-key or /v2/auth/password), sends the token as the value of
// the Authorization header, as the API asks (no "Bearer"), and logs in
// again shortly before the token's hour is up; however many goroutines need
// a token at once, one login runs. When alfaview answers 401 the Client
// logs in again and replays the call once: the refused call was not acted
// on, so this is safe even for creates. An AccessToken is sent as it is and
// never renewed. No credential shows in errors, logs or any fmt, slog or
// JSON form of the package's values.
//
// # Lists
//
// Paged lists (Rooms.List, GroupLinks.List, GuestLinks.List) are lazy
// iterators that follow nextPageToken: breaking out of the loop sends no
// further requests. Their ListPage twins return one page at a time with its
// NextPageToken; page.NextPage fetches the following page and returns
// ErrNoMorePages after the last, and ListPage resumes from a saved token.
//
// # Updates
//
// The update types (RoomUpdate, GroupLinkUpdate, MeetingUpdate …) use
// pointers, so that nil ("leave as it is") differs from false or "" (Ptr
// makes them). Nothing is sent as null, and no field can be cleared to
// null: alfaview reads a null as "unchanged" (see GroupLinkUpdate).
//
// # Errors
//
// A failed answer is an *Error holding the RFC 9457 problem details
// alfaview sends (Title, Detail, and one ErrorDetail per problem, such as
// an invalid field), and matches ErrInvalidArgument (400, 422),
// ErrUnauthorized (401), ErrForbidden (403), ErrNotFound (404), ErrConflict
// (409) and ErrRateLimited (429) with errors.Is. Parameters are checked
// before anything is sent (required fields, ids, enum values, page sizes,
// ValidUntil after ValidFrom); bad ones give an error matching
// ErrInvalidParams that names each field. A call that got no usable answer
// is a *RequestError.
//
// # Retries
//
// Reads, updates (PATCH), deletes and logins are retried after connection
// errors and 429, 500, 502, 503 and 504 answers. Creates (rooms, subrooms,
// permissions, links, meetings, invitations) and meeting cancellations are
// retried only when the request provably did not reach alfaview (a failed
// dial) or alfaview said so (429), so they are never applied twice. A
// retried delete that finds its target gone (404) succeeds: the attempt
// whose answer was lost deleted it.
//
// # Usage
//
//	c, err := alfaview.NewClient(alfaview.APIKeyCredentials{
//		ClientID:  os.Getenv("ALFAVIEW_CLIENT_ID"),
//		Key:       os.Getenv("ALFAVIEW_KEY"),
//		CompanyID: os.Getenv("ALFAVIEW_COMPANY_ID"),
//	})
//	if err != nil { … }
//	groups, err := c.PermissionGroups.List(ctx)
//	if err != nil { … }
//	ids, err := c.GroupLinks.Create(ctx, roomID, &alfaview.CreateGroupLinksParams{
//		Links: []alfaview.GroupLinkCreate{{
//			Description:       "Workshop",
//			PermissionGroupID: groups[1].ID,
//			ValidFrom:         start,
//			ValidUntil:        start.Add(2 * time.Hour),
//		}},
//	})
//	if err != nil { … }
//	link, err := c.GroupLinks.Get(ctx, ids[0])
//	if err != nil { … }
//	fmt.Println(link.JoinLink)
//
// Vendor documentation: https://apis.alfaview.com/v2/docs/openapi
package alfaview

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg alfaview -prefetch -vendor alfaview -fake alfaviewtest -product invite-bot/1.2 -base https://apis.alfaview.com -base-note "Paths start with /v2/, so give the host root." -creates "creates (Rooms.Create, Rooms.CreateSubroom, Rooms.CreatePermissions, GroupLinks.Create, GuestLinks.Create, Meetings.Create, Users.Invite) and Meetings.Cancel" -session "access token" -login "log in" -store-sees "The store sees the access token and its expiry; never the API key or the password." -store-refuses "NewClient rejects it with an AccessToken, which the Client never renews and so has no session to share."
