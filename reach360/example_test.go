package reach360_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// newExampleClient starts a fake and returns a client for it. Against the
// real API, the client is just reach360.NewClient(key).
func newExampleClient() (*reach360test.Server, *reach360.Client) {
	srv := reach360test.NewServer(nil)
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	return srv, c
}

func ExampleGroupsService_Create() {
	srv, c := newExampleClient()
	defer srv.Close()

	g, err := c.Groups.Create(context.Background(), reach360.CreateGroupParams{Name: "Sales"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", g.Name)
	// Output: created Sales
}

func ExampleGroupsService_List() {
	srv, c := newExampleClient()
	defer srv.Close()
	for _, name := range []string{"Sales", "Support", "Onboarding"} {
		srv.AddGroup(name)
	}

	// Pages of two: the loop fetches the next page when it needs it.
	for g, err := range c.Groups.List(context.Background(), &reach360.ListGroupsOptions{Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.Name)
	}
	// Output:
	// Everyone
	// Sales
	// Support
	// Onboarding
}

func ExampleGroupPage_NextPage() {
	srv, c := newExampleClient()
	defer srv.Close()
	for _, name := range []string{"Sales", "Support", "Onboarding"} {
		srv.AddGroup(name)
	}
	ctx := context.Background()

	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 3})
	for ; err == nil; page, err = page.NextPage(ctx) {
		fmt.Println("page with", len(page.Groups), "groups")
	}
	if !errors.Is(err, reach360.ErrNoMorePages) {
		log.Fatal(err)
	}
	// Output:
	// page with 3 groups
	// page with 1 groups
}

// A saved NextPageToken resumes a list later, in another process even.
func ExampleListUsersOptions_pageToken() {
	srv, c := newExampleClient()
	defer srv.Close()
	for _, email := range []string{"ann@example.com", "bob@example.com", "cy@example.com"} {
		srv.AddUser(reach360.User{Email: email})
	}
	ctx := context.Background()

	first, err := c.Users.ListPage(ctx, &reach360.ListUsersOptions{Limit: 2})
	if err != nil {
		log.Fatal(err)
	}
	saved := first.NextPageToken

	for u, err := range c.Users.List(ctx, &reach360.ListUsersOptions{PageToken: saved}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.Email)
	}
	// Output: cy@example.com
}

func ExampleInvitationsService_Create() {
	srv, c := newExampleClient()
	defer srv.Close()
	ctx := context.Background()

	inv, err := c.Invitations.Create(ctx, reach360.InvitationParams{
		Email: "ada@example.com", FirstName: "Ada", Groups: []string{"Sales"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("invited", inv.Email, "to", inv.Groups)

	_, err = c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com"})
	if errors.Is(err, reach360.ErrInvitePending) {
		fmt.Println("already invited")
	}
	// Output:
	// invited ada@example.com to [Sales]
	// already invited
}

func ExampleGroupsService_AddReporter() {
	srv, c := newExampleClient()
	defer srv.Close()
	rita := srv.AddUser(reach360.User{Email: "rita@example.com", Role: reach360.RoleReporter})
	sales := srv.AddGroup("Sales")
	ctx := context.Background()

	if err := c.Groups.AddReporter(ctx, sales.ID, rita.ID); err != nil {
		log.Fatal(err)
	}
	for g, err := range c.Users.ReportingGroups(ctx, rita.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("rita reports on", g.Name)
	}
	// Output: rita reports on Sales
}

// The API-Version the server processed a call with comes back in the
// answer's headers.
func ExampleWithResponseInto() {
	srv, c := newExampleClient()
	defer srv.Close()

	var resp *http.Response
	_, err := c.Groups.Get(context.Background(), reach360.EveryoneGroupID, reach360.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, resp.Header.Get("API-Version"))
	// Output: 200 2023-04-04
}

func ExampleErrDuplicateName() {
	srv, c := newExampleClient()
	defer srv.Close()
	srv.AddGroup("Sales")

	_, err := c.Groups.Create(context.Background(), reach360.CreateGroupParams{Name: "Sales"})
	if errors.Is(err, reach360.ErrDuplicateName) {
		fmt.Println("a group named Sales already exists")
	}
	var apiErr *reach360.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}
	// Output:
	// a group named Sales already exists
	// 409 duplicate_name
}

func ExampleGroupsService_AddMember() {
	srv, c := newExampleClient()
	defer srv.Close()
	ann := srv.AddUser(reach360.User{Email: "ann@example.com", FirstName: "Ann"})
	sales := srv.AddGroup("Sales")
	ctx := context.Background()

	if err := c.Groups.AddMember(ctx, sales.ID, ann.ID); err != nil {
		log.Fatal(err)
	}
	for u, err := range c.Groups.Members(ctx, sales.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.FirstName, u.Email, u.Role)
	}
	// Output: Ann ann@example.com learner
}

func ExampleWithRegion() {
	c, err := reach360.NewClient("my-api-key", reach360.WithRegion(reach360.RegionEU))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	// Output: reach360.Client{BaseURL:https://api.reach360.eu}
}
