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
