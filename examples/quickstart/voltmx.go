package main

import (
	"context"
	"fmt"
	"time"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// permissionNames are resolved to ids through Permissions.List, since ids
// differ between server versions.
var permissionNames = []string{"DASHBOARD_ALL", "CAMPAIGNS_ALL", "CAMPAIGNS_EXECUTE"}

// runVoltMX logs in with a claims token, resolves permission names, creates
// an inactive group with them and lists the groups.
func runVoltMX(ctx context.Context, s *session) error {
	c, err := voltmxClient(s)
	if err != nil {
		return err
	}
	ids, err := c.Permissions.Resolve(ctx, permissionNames...)
	if err != nil {
		return fmt.Errorf("resolve permissions: %w", err)
	}
	s.printf("permissions %v are ids %v", permissionNames, ids)

	inactive := false
	name := "quickstart " + time.Now().UTC().Format("20060102-150405")
	id, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
		GroupName:     name,
		Email:         "quickstart@example.com",
		Active:        &inactive,
		PermissionIDs: ids,
	})
	if err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	if s.live {
		s.atEnd(func(ctx context.Context) error { return c.Groups.Delete(ctx, id) })
	}
	s.printf("created inactive group %d %q", id, name)

	n, found := 0, false
	for g, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 2}) {
		if err != nil {
			return fmt.Errorf("list groups: %w", err)
		}
		n++
		found = found || g.ID == id
	}
	if !found {
		return fmt.Errorf("group %d missing from the list", id)
	}
	s.printf("listed %d groups, two per page, the new one among them", n)
	return nil
}

func voltmxClient(s *session) (*voltmx.Client, error) {
	opts := []voltmx.Option{voltmx.WithLogger(s.logger), voltmx.WithUserAgent("grantkit-quickstart")}
	if s.live {
		base, user, password := s.getenv("VOLTMX_URL"), s.getenv("VOLTMX_USER"), s.getenv("VOLTMX_PASSWORD")
		s.where = base
		var auth voltmx.Auth = voltmx.BasicAuth{Username: user, Password: password}
		if login := s.getenv("VOLTMX_LOGIN_URL"); login != "" {
			auth = voltmx.ClaimsLogin{LoginURL: login, UserID: user, Password: password}
		}
		return voltmx.NewClient(base, auth, opts...)
	}
	srv := voltmxtest.NewServer(nil)
	s.closeFake(srv.Close)
	s.where = "fake at " + srv.URL
	srv.AddGroup(voltmxtest.Group{Name: "Engagement Services Dev", Email: "dev@example.com", Active: true, PermissionIDs: []int64{1, 2}})
	srv.AddGroup(voltmxtest.Group{Name: "Campaign operators", Email: "ops@example.com", Active: true, PermissionIDs: []int64{4, 5, 6}})
	if s.faults {
		injectFaults(s, srv, route("POST", "/accessmgmt/groups"), route("GET", "/accessmgmt/permissions"), route("GET", "/accessmgmt/groups"))
	}
	return voltmx.NewClient(srv.URL, srv.ClaimsLogin(), append(opts, srv.Options()...)...)
}
