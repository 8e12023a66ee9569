// Package alfaview is a client for alfaview's JSON API v1
// (https://apis.alfaview.com/json/v1/): authentication, group and guest
// links, permission groups and rooms.
//
// Every alfaview call is a POST of a JSON body to <service>/<method>. The
// access token does not travel in a header but inside the body, as
// "accessInfo": {"requestId": …, "accessToken": …}; the Client adds it to
// every request, so the request types here never mention it.
//
// # Authentication
//
// NewClient takes APIKeyCredentials (an API key's alias and secret and the
// company id) or PasswordCredentials. The Client authenticates lazily on
// the first call, keeps the token until shortly before its expiresAt, and
// however many goroutines need a token at once only one authenticate call
// runs. alfaview's own SDK types expiresAt as an int64, sent as a decimal
// string; it is read as Unix seconds (inferred: the unit is not
// documented), and RFC 3339 is accepted too. When alfaview rejects a token as outdated (TOKEN_OUTDATED, as an
// HTTP 401 or inside an HTTP 200 reply) the Client authenticates again and
// replays the call once; the rejected call was not acted on, so this is
// safe even for creates. When an authenticate reply carries a refresh
// token (a refreshToken in its body, an "auth" cookie, or both), the next
// authentication sends it back the same way (refreshTokenCredentials) and
// falls back to the credentials if alfaview refuses it.
//
// # Request ids
//
// Each call carries a fresh random requestId, which alfaview echoes and
// which an *Error reports in RequestID. WithRequestID sets your own.
//
// # Errors
//
// alfaview reports failures two ways: a non-2xx status with a gRPC-gateway
// body, or an HTTP 200 whose replyInfo.statusCode is not OK. Both become an
// *Error with the status code string (kept verbatim, also when unknown) and
// match sentinels such as ErrRoomNotFound with errors.Is; the sentinels
// every grantkit-go package shares (ErrUnauthorized, which is
// ErrAuthentication, ErrForbidden, ErrNotFound …) match alfaview's codes
// for them as well as the HTTP status. ACCEPTED is a success. A create
// that alfaview carried out for some links only (PARTIAL_ERROR) returns the
// links it created together with a *PartialError. Parameters are checked
// before anything is sent; bad ones give an error matching ErrInvalidParams
// that names the field.
//
// # Retries
//
// Reads (lists) are retried on connection errors and 429, 500, 502, 503 and
// 504 answers. Creates are retried only when the request provably did not
// reach alfaview (a failed dial) or alfaview said so (429): a create that
// may have reached alfaview is never sent again, so it is never applied
// twice. Deletes are retried like reads, and a NOT_FOUND (ROOM_NOT_FOUND for
// Rooms.Delete) answer to a retried delete counts as success: the attempt
// whose answer was lost may have deleted the object, and it is gone either
// way.
//
// # Paging
//
// Rooms.List walks every room lazily, by offset and limit. Rooms.Page
// returns one RoomPage at a time: its NextPage fetches the following page, and
// its NextPageToken, given back as ListRoomsOptions.PageToken, resumes the
// listing later. Both stop with ErrPageLoop rather than page forever when
// alfaview answers a new offset with the page it has just sent.
//
// # Usage
//
//	c, err := alfaview.NewClient(alfaview.APIKeyCredentials{
//		ClientID: os.Getenv("ALFAVIEW_CLIENT_ID"),
//		Secret:   os.Getenv("ALFAVIEW_SECRET"),
//		CompanyID: os.Getenv("ALFAVIEW_COMPANY_ID"),
//	})
//	if err != nil { … }
//	groups, err := c.PermissionGroups.List(ctx)
//	if err != nil { … }
//	participant, _ := alfaview.FindPermissionGroup(groups, "Participant")
//	links, err := c.Links.CreateGroupLinks(ctx, roomID, []alfaview.GroupLinkCreation{{
//		Description:       "Workshop",
//		ValidFrom:         start,
//		ValidUntil:        start.Add(2 * time.Hour),
//		PermissionGroupID: participant.ID,
//	}})
//	if err != nil { … }
//	fmt.Println(links[0].JoinLink)
//
// Package alfaviewtest is an in-memory fake of this API for tests and
// example programs.
//
// Vendor documentation: https://support.alfaview.com/developers/
package alfaview

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg alfaview -prefetch -vendor alfaview -fake alfaviewtest -product invite-bot/1.2 -base https://apis.alfaview.com/json/v1/ -creates "Links.CreateGroupLinks, Links.CreateGuestLinks and Rooms.Create" -session "access token" -login authenticate -store-sees "The store sees the access token and its expiry; never the API key's secret, the password or the refresh token, which stays with the Client that received it."
