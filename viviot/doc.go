// Package viviot is a client for the access-template endpoints of Viviot.Api,
// the ServiceStack service behind 4spaces (https://api.4spaces.io).
//
// An access template names the things (doors, rooms, lockers) a reservation
// may open, who may use the template (Scope) and how the access codes of a
// reservation made from it are initialised (CodeStrategy). The client
// creates, reads, lists, updates and deletes them.
//
// # Authentication
//
// Credentials log in at POST /auth/credentials (ServiceStack's credentials
// provider) the first time a request needs them. The session travels as
// "Authorization: Bearer <token>" when the login returns a bearerToken, and
// otherwise in the session cookies the login set: the ss-tok JWT cookie
// that ServiceStack v6 and later use by default, or ss-id/ss-pid. With an
// http.Client that has a cookie jar (WithHTTPClient), the cookies the jar
// sends are not added again. Sessions are shared by every goroutine using
// the Client, renewed shortly before a JWT's expiry, and renewed once, with
// the request replayed, when the server answers 401. A login the server
// refuses (a wrong password) is not tried again for a while, however many
// calls need it (see Credentials). A BearerToken (a JWT or API key) is sent
// as is.
//
// The user needs one of the roles Admin, TenantAdmin or AccessTemplateAdmin,
// or AccessAdmin to List (the metadata pages grant AccessAdmin
// GetAccessTemplates only); without one the server answers 403 "Invalid
// Role" (ErrForbidden).
//
// AccessTemplates.List returns every template at once: the service answers
// GetAccessTemplates in one list and documents no paging, so there is no
// page-at-a-time twin.
//
// # Wire format
//
// Guids travel as 32 hex digits (GUID), enums as integers (Scope,
// CodeStrategy, OrganizationType). A ServiceStack ResponseStatus with an
// errorCode is an *Error even inside a 200 answer; its field errors are
// kept, its server stack trace never is.
//
// # Usage
//
//	c, err := viviot.NewClient(viviot.Credentials{UserName: "ops@example.com", Password: pw})
//	if err != nil { ... }
//	t, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
//		Name:   "Guests: front door",
//		Things: []viviot.ThingAccess{{ThingID: door}},
//		Scope:  viviot.ScopeGuest,
//	})
//
// The service's own description of each operation is on its ServiceStack
// metadata pages, e.g. https://api.4spaces.io/json/metadata?op=CreateAccessTemplate.
// Package viviottest is an in-memory fake of the service for tests.
package viviot

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg viviot -vendor 4spaces -fake viviottest -base https://api.4spaces.io -creates AccessTemplates.Create -session "Credentials session" -login "sign in" -store-sees "The store sees the session (the bearer JWT, or the ss-tok or ss-id/ss-pid cookies) and its expiry; never the password." -store-refuses "NewClient rejects it with a BearerToken, which has no session."
