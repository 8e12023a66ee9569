// Package voltmx is a client for the access-management part of the HCL Volt
// MX Foundry Engagement Services REST API (formerly Kony): the groups and
// users of the Engagement Services console (create, read, list, modify,
// delete) and its permission catalogue.
//
// Engagement Services is installed on premises, so there is no public
// endpoint: NewClient takes the server's base URL. Requests go to
// <baseURL><context path>/api/v1/accessmgmt/..., where the context path
// defaults to "/vpns" (see WithContextPath).
//
// # Authentication
//
// The three mechanisms of the API guide are supported:
//
//   - BasicAuth sends an Engagement Services user's name and password with
//     every request (HTTP Basic).
//   - ClaimsLogin logs in at a Volt MX Foundry identity service and sends the
//     claims token in the X-VoltMX-Authorization header, logging in again
//     shortly before the token expires and once when the server answers 401.
//   - OAuthPair trades a user's name and password for an access token and
//     secret, sent in the AccessToken and AccessSecret headers, and fetches a
//     new pair once when the server answers 401.
//
// Plain http is common on premises, but NewClient refuses to send
// credentials over http to a host other than loopback unless
// WithInsecureHTTP is given.
//
// # Usage
//
//	c, err := voltmx.NewClient("https://es.example.com:8443",
//		voltmx.BasicAuth{Username: "admin", Password: os.Getenv("VOLTMX_PASSWORD")})
//	if err != nil { ... }
//	perms, err := c.Permissions.Resolve(ctx, "DASHBOARD_ALL", "CAMPAIGNS_ALL")
//	if err != nil { ... }
//	id, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
//		GroupName:     "Campaign team",
//		Email:         "campaigns@example.com",
//		PermissionIDs: perms,
//	})
//	for g, err := range c.Groups.List(ctx, nil) { ... }
//
// # Lists
//
// The lists (groups, users, permissions) are pages of start and pageSize
// with a total. Groups.List and Users.List walk them lazily, and
// Permissions.List reads the whole catalogue; ListPage returns one page, whose
// NextPage fetches the next until ErrNoMorePages, and whose NextPageToken,
// saved, resumes the listing later through ListOptions.PageToken.
//
// # Errors
//
// The API answers failures with plain sentences and no codes. Every failed
// answer is an *Error with the status and the server's message; the
// sentinels (ErrGroupNotFound, ErrActiveGroupDelete, ErrAdhocPushRequired,
// ErrUserExists, ...) match the documented sentences with errors.Is; the
// common ones (ErrUnauthorized, ErrNotFound, ...) match the status. A 404
// means a wrong URL or context path, never a missing group or user, which
// the API reports with a 400 sentence. Parameters are checked
// before anything is sent: a bad call fails with an error matching
// ErrInvalidParams that names the fields.
//
// The package voltmx/voltmxtest provides an in-memory fake server for tests.
//
// API guide: https://opensource.hcltechsw.com/volt-mx-docs/docs/documentation/Foundry/engagement_api_guide/
package voltmx

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg voltmx -prefetch -vendor HCL -fake voltmxtest -base "the baseURL given to NewClient" -base-note "The context path (see WithContextPath) is still added to it." -creates "Groups.Create and Users.Create" -session "session (a ClaimsLogin claims token or an OAuthPair)" -login "log in" -store-sees "The store sees the claims token and its expiry, or the pair's AccessToken and AccessSecret; never a password." -store-refuses "NewClient rejects it with BasicAuth, which has no session."
