package voltmx_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// exampleClient starts a fake and a client for it; the caller closes the fake.
func exampleClient(auth func(*voltmxtest.Server) voltmx.Auth) (*voltmx.Client, *voltmxtest.Server) {
	srv := voltmxtest.NewServer(nil)
	c, err := voltmx.NewClient(srv.URL, auth(srv), voltmx.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	return c, srv
}

func basicAuth(srv *voltmxtest.Server) voltmx.Auth { return srv.BasicAuth() }

func ExampleNewClient() {
	srv := voltmxtest.NewServer(nil)
	defer srv.Close()

	// On a real server: voltmx.NewClient("https://es.example.com:8443", ...).
	c, err := voltmx.NewClient(srv.URL,
		voltmx.BasicAuth{Username: voltmxtest.Username, Password: voltmxtest.Password},
		voltmx.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	perms, err := c.Permissions.List(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(perms), "permissions, the first is", perms[0].Name)
	// Output: 18 permissions, the first is DASHBOARD_ALL
}

func ExampleClaimsLogin() {
	srv := voltmxtest.NewServer(nil)
	defer srv.Close()

	login := voltmx.ClaimsLogin{
		LoginURL: srv.URL + "/authService/accounts/login",
		UserID:   voltmxtest.Username,
		Password: voltmxtest.Password,
	}
	c, err := voltmx.NewClient(srv.URL, login, voltmx.WithHTTPClient(srv.Client()))
	if err != nil {
		log.Fatal(err)
	}
	for range 3 {
		if _, err := c.Permissions.List(context.Background()); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("calls: 3, logins:", srv.AuthCount())
	// Output: calls: 3, logins: 1
}

func ExampleBasicAuth() {
	creds := voltmx.BasicAuth{Username: "admin", Password: "s3cret"}
	// Credentials print without their password, whatever the verb.
	fmt.Printf("%v\n%#v\n", creds, creds)
	// Output:
	// voltmx.BasicAuth{Username:"admin", Password:[REDACTED]}
	// voltmx.BasicAuth{Username:"admin", Password:[REDACTED]}
}

func ExamplePermissionsService_Resolve() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()

	ids, err := c.Permissions.Resolve(context.Background(), "CAMPAIGNS_ALL", "ADHOC_PUSH")
	fmt.Println(ids, err)

	_, err = c.Permissions.Resolve(context.Background(), "CAMPAIGNS_ALL", "TELEPORT")
	fmt.Println(errors.Is(err, voltmx.ErrUnknownPermission), err)
	// Output:
	// [4 15] <nil>
	// true voltmx: unknown permission: "TELEPORT" (the server has 18 permissions)
}

func ExampleGroupsService_Create() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	ctx := context.Background()

	perms, err := c.Permissions.Resolve(ctx, "DASHBOARD_ALL", "CAMPAIGNS_ALL", voltmx.PermissionAdhocPush)
	if err != nil {
		log.Fatal(err)
	}
	active := true
	id, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
		GroupName:     "Campaign team",
		Email:         "campaigns@example.com",
		Active:        &active,
		PermissionIDs: perms,
		AppIDs:        []string{"SampleAppforDemo"}, // allowed: ADHOC_PUSH is among the permissions
	})
	if err != nil {
		log.Fatal(err)
	}
	g, err := c.Groups.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.ID, g.GroupName, g.Active, g.PermissionIDs, g.AppIDs)

	// Without ADHOC_PUSH the server refuses app permissions.
	_, err = c.Groups.Create(ctx, &voltmx.CreateGroupParams{
		GroupName: "Viewers", Email: "viewers@example.com", PermissionIDs: perms[:1], AllowAllApps: true, AppIDs: []string{},
	})
	fmt.Println(errors.Is(err, voltmx.ErrAdhocPushRequired))
	// Output:
	// 1 Campaign team true [1 4 15] [SampleAppforDemo]
	// true
}

func ExampleGroupsService_List() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	for _, name := range []string{"Dev", "Ops", "Marketing"} {
		srv.AddGroup(voltmxtest.Group{Name: name, Email: "team@example.com", PermissionIDs: []int64{1}})
	}

	for g, err := range c.Groups.List(context.Background(), &voltmx.ListOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.ID, g.GroupName)
	}
	// Output:
	// 1 Dev
	// 2 Ops
	// 3 Marketing
}

func ExampleGroupsService_Delete() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	ctx := context.Background()
	g := srv.AddGroup(voltmxtest.Group{Name: "Old team", Email: "old@example.com", Active: true, PermissionIDs: []int64{1}, AppIDs: []string{}})

	err := c.Groups.Delete(ctx, g.ID)
	fmt.Println(errors.Is(err, voltmx.ErrActiveGroupDelete))

	// Deactivate first: modify replaces the whole group, so start from its state.
	current, err := c.Groups.Get(ctx, g.ID)
	if err != nil {
		log.Fatal(err)
	}
	p := current.UpdateParams()
	inactive := false
	p.Active = &inactive
	if err := c.Groups.Update(ctx, g.ID, p); err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Groups.Delete(ctx, g.ID))

	_, err = c.Groups.Get(ctx, g.ID)
	fmt.Println(errors.Is(err, voltmx.ErrGroupNotFound))
	// Output:
	// true
	// <nil>
	// true
}

func ExampleUsersService_List() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	srv.AddUser(voltmxtest.User{UserName: "ops", DisplayName: "Operations", Email: "ops@example.com", Active: true})

	for u, err := range c.Users.List(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(u.ID, u.UserName, u.DisplayName, u.Active)
	}
	// Output:
	// 1 admin Administrator true
	// 2 ops Operations true
}

func ExampleUsersService_Create() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	ctx := context.Background()
	team := srv.AddGroup(voltmxtest.Group{Name: "Campaign team", Email: "campaigns@example.com", PermissionIDs: []int64{4}})

	perms, err := c.Permissions.Resolve(ctx, "CAMPAIGNS_ALL", "CAMPAIGNS_EXECUTE")
	if err != nil {
		log.Fatal(err)
	}
	inactive := false
	id, err := c.Users.Create(ctx, &voltmx.CreateUserParams{
		UserName:      "aron",
		Email:         "aron@example.com",
		Password:      "VoltMX@123",
		DisplayName:   "Aron Hale",
		Active:        &inactive,
		PermissionIDs: perms,
		GroupIDs:      []int64{team.ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	u, err := c.Users.Get(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.UserName, u.PermissionIDs, u.GroupIDs)

	// The user name and email are unique.
	_, err = c.Users.Create(ctx, &voltmx.CreateUserParams{UserName: "aron", Email: "other@example.com",
		Password: "VoltMX@123", DisplayName: "Another Aron", PermissionIDs: perms})
	fmt.Println(errors.Is(err, voltmx.ErrUserExists))

	// An inactive user can be deleted.
	fmt.Println(c.Users.Delete(ctx, id))
	// Output:
	// 2 aron [4 5] [1]
	// true
	// <nil>
}

func ExampleGroupPage_NextPage() {
	c, srv := exampleClient(basicAuth)
	defer srv.Close()
	ctx := context.Background()
	for _, name := range []string{"Ops", "Marketing", "Sales", "Support", "Legal"} {
		srv.AddGroup(voltmxtest.Group{Name: name, Email: "team@example.com", PermissionIDs: []int64{1}})
	}

	page, err := c.Groups.ListPage(ctx, 0, &voltmx.ListOptions{PageSize: 2})
	for ; err == nil; page, err = page.NextPage(ctx) {
		fmt.Printf("%d of %d groups, next page token %q\n", len(page.Groups), page.Total, page.NextPageToken)
	}
	if !errors.Is(err, voltmx.ErrNoMorePages) {
		log.Fatal(err)
	}

	// A saved token resumes the listing, in this process or a later one.
	for g, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 2, PageToken: "4"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(g.ID, g.GroupName)
	}
	// Output:
	// 2 of 5 groups, next page token "2"
	// 2 of 5 groups, next page token "4"
	// 1 of 5 groups, next page token ""
	// 5 Legal
}
