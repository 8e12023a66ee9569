package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

// runReach360 creates a group (reading the API-Version the server used
// from the answer), adds a member and walks every group page by page (ten
// per page, so the fake's 24 seeded groups span three pages).
func runReach360(ctx context.Context, s *session) error {
	c, err := reach360Client(s)
	if err != nil {
		return err
	}
	name := "quickstart " + time.Now().UTC().Format("2006-01-02 15:04:05")
	var resp *http.Response
	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: name}, reach360.WithResponseInto(&resp))
	if err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	if s.live {
		s.atEnd(func(ctx context.Context) error { return c.Groups.Delete(ctx, g.ID) })
	}
	s.printf("created group %q (%s), processed as API-Version %s", g.Name, g.ID, resp.Header.Get("API-Version"))

	var member *reach360.User
	for u, err := range c.Users.List(ctx, &reach360.ListUsersOptions{Limit: 1}) {
		if err != nil {
			return fmt.Errorf("find a user: %w", err)
		}
		member = u
		break
	}
	if member == nil {
		return fmt.Errorf("the account has no user to add")
	}
	if err := c.Groups.AddMember(ctx, g.ID, member.ID); err != nil {
		return fmt.Errorf("add member: %w", err)
	}
	s.printf("added %s %s <%s> to it", member.FirstName, member.LastName, member.Email)

	const perPage = 10
	n, pages := 0, 0
	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: perPage})
	for ; err == nil; page, err = page.NextPage(ctx) {
		n += len(page.Groups)
		pages++
	}
	if !errors.Is(err, reach360.ErrNoMorePages) {
		return fmt.Errorf("list groups: %w", err)
	}
	s.printf("iterated %d groups over %d pages of %d", n, pages, perPage)
	return nil
}

func reach360Client(s *session) (*reach360.Client, error) {
	opts := []reach360.Option{reach360.WithLogger(s.logger), reach360.WithUserAgent("grantkit-quickstart")}
	if s.live {
		region := reach360.RegionUS
		if r := s.getenv("REACH360_REGION"); r != "" {
			region = reach360.Region(strings.ToLower(r))
		}
		s.where = fmt.Sprintf("Reach 360 API (region %s)", region)
		return reach360.NewClient(reach360.APIKey(s.getenv("REACH360_API_KEY")), append(opts, reach360.WithRegion(region))...)
	}
	srv := reach360test.NewServer(nil)
	s.closeFake(srv.Close)
	s.where = "fake at " + srv.URL
	srv.AddUser(reach360.User{Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", Role: reach360.RoleLearner})
	for _, team := range []string{"Sales", "Support", "Engineering", "Finance", "Legal", "Marketing", "Operations", "People"} {
		for _, site := range []string{"Berlin", "Lisbon", "Toronto"} {
			srv.AddGroup(team + " " + site)
		}
	}
	if s.faults {
		injectFaults(s, srv, route("POST", "/groups"), route("GET", "/users"), route("PUT", "/users/"))
	}
	return reach360.NewClient(srv.APIKey(), append(opts, reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()))...)
}
