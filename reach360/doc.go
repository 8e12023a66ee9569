// Package reach360 is a client for the Articulate Reach 360 public REST API:
// groups, group memberships, reporters and managers, users and invitations.
//
// Every request carries the account's API key as a Bearer token and a pinned
// API-Version header (DefaultAPIVersion unless WithAPIVersion says
// otherwise), so a new server-side version never changes what this package
// decodes. Accounts hosted in the EU use WithRegion(RegionEU).
//
//	c, err := reach360.NewClient(reach360.APIKey(os.Getenv("REACH360_API_KEY")))
//	if err != nil {
//		return err
//	}
//	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
//	if errors.Is(err, reach360.ErrDuplicateName) {
//		// someone created it first
//	}
//	for g, err := range c.Groups.List(ctx, nil) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(g.Name)
//	}
//
// Lists follow the server's nextUrl links lazily: breaking out of the loop
// sends no further requests. Every list also has a page-at-a-time twin
// (Groups.ListPage, Groups.MembersPage, Users.ListPage, …) returning a page
// with its NextPageToken and a NextPage method; the list options' PageToken
// resumes from a saved token. Behind a proxy (WithBaseURL), links on the
// API's own host are followed on the proxy, and the key never goes to any
// other host. Failed answers are *Error values that match
// the package's sentinels with errors.Is; parameters are checked before any
// request is sent, and problems wrap ErrInvalidParams.
//
// Reads, updates and deletes are retried after connection failures and
// 429, 500, 502, 503 and 504 answers; creating a group or an invitation
// only after a failed dial (the request never left) or a 429 (the server
// did not act), so a retry cannot turn into a duplicate_name surprise or a
// second invitation email.
//
// The package reach360test provides an in-memory fake of the API for tests
// and examples.
//
// Vendor documentation, Articulate's support articles: "Reach 360: Groups
// API" (https://articulate.com/support/article/Reach-360-Groups-API),
// "Group Memberships API", "Users API", "Invitations API"
// (https://access.articulate.com/support/article/Reach-360-Invitations-API),
// "Reach 360 API: Reporters and Reporting Groups API"
// (https://access.articulate.com/support/article/Reach-360-API-Reporters-and-Reporting-Groups-API,
// whose Rise.com original, https://help.rise.com/en/articles/4557626,
// documents the PUT and DELETE), "Course Enrollments API" (the everyone
// group id) and "Introduction to Reach 360 API" (versioning, paging).
// What no article shows is marked [inferred] where it is used.
package reach360

//go:generate go run github.com/grantkit/grantkit-go/internal/cmd/reexport -pkg reach360 -prefetch -vendor Articulate -fake reach360test -product groupsync/1.2 -base "the region's endpoint (https://api.reach360.com by default)" -base-note "It wins over WithRegion." -creates "Groups.Create and Invitations.Create"
