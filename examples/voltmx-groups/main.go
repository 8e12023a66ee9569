// Command voltmx-groups creates an Engagement Services group with permissions
// given by name and a console user in it, lists the groups and users, and
// deletes both again.
//
// By default it runs against an in-memory fake (voltmx/voltmxtest). To use a
// real server set:
//
//	VOLTMX_URL           server base URL, e.g. https://es.example.com:8443
//	VOLTMX_USER          console user
//	VOLTMX_PASSWORD      its password (HTTP Basic unless VOLTMX_LOGIN_URL is set)
//	VOLTMX_LOGIN_URL     optional: identity login URL, to use a claims token instead
//	VOLTMX_CONTEXT_PATH  optional: context path, default /vpns
//	VOLTMX_INSECURE_HTTP optional: "1" to allow credentials over plain http
//
// The group and the user are created inactive, so that they can be deleted
// at the end. VOLTMX_NEW_USER_PASSWORD, when set, is the new user's
// password; otherwise the example makes one up.
package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"time"

	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// permissionNames are given by name and resolved through the server's
// catalogue, since ids differ between server versions.
var permissionNames = []string{"DASHBOARD_ALL", "CAMPAIGNS_ALL", "CAMPAIGNS_EXECUTE", voltmx.PermissionAdhocPush}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "voltmx-groups:", err)
		os.Exit(1)
	}
}

func run() error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	c, where, closeFake, err := connect()
	if err != nil {
		return err
	}
	defer closeFake()
	fmt.Println("server:", where)

	ids, err := c.Permissions.Resolve(ctx, permissionNames...)
	if err != nil {
		return fmt.Errorf("resolve permissions: %w", err)
	}
	fmt.Printf("permissions %v -> ids %v\n", permissionNames, ids)

	inactive := false
	name := fmt.Sprintf("grantkit example %s", time.Now().UTC().Format("20060102-150405"))
	id, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
		GroupName:        name,
		Email:            "grantkit-example@example.com",
		GroupDescription: "created by grantkit-go's voltmx-groups example",
		Active:           &inactive,
		PermissionIDs:    ids,
		// ADHOC_PUSH is among the permissions, so app permissions are allowed.
		AllowAllApps: true,
		AppIDs:       []string{},
	})
	if err != nil {
		return fmt.Errorf("create group: %w", err)
	}
	fmt.Printf("created group %d %q\n", id, name)

	password := os.Getenv("VOLTMX_NEW_USER_PASSWORD")
	if password == "" {
		password = "Gk-" + rand.Text()
	}
	userName := fmt.Sprintf("grantkit-%s", time.Now().UTC().Format("20060102150405"))
	userID, err := c.Users.Create(ctx, &voltmx.CreateUserParams{
		UserName:      userName,
		Email:         userName + "@example.com",
		Password:      password,
		DisplayName:   "grantkit example user",
		Active:        &inactive,
		PermissionIDs: ids[:1],
		GroupIDs:      []int64{id},
	})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	fmt.Printf("created user %d %q in group %d\n", userID, userName, id)

	fmt.Println("groups:")
	n := 0
	for g, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 20}) {
		if err != nil {
			return fmt.Errorf("list groups: %w", err)
		}
		n++
		state := "inactive"
		if g.Active {
			state = "active"
		}
		fmt.Printf("  %4d  %-40q %-8s %2d permissions  created %s by %s\n",
			g.ID, g.GroupName, state, len(g.PermissionIDs), g.CreatedDate, g.CreatedBy)
	}
	fmt.Printf("%d groups\n", n)

	fmt.Println("users:")
	n = 0
	for u, err := range c.Users.List(ctx, &voltmx.ListOptions{PageSize: 20}) {
		if err != nil {
			return fmt.Errorf("list users: %w", err)
		}
		n++
		fmt.Printf("  %4d  %-30q groups %v\n", u.ID, u.UserName, u.GroupIDs)
	}
	fmt.Printf("%d users\n", n)

	if err := c.Users.Delete(ctx, userID); err != nil {
		return fmt.Errorf("delete user %d: %w", userID, err)
	}
	fmt.Printf("deleted user %d\n", userID)
	if err := c.Groups.Delete(ctx, id); err != nil {
		return fmt.Errorf("delete group %d: %w", id, err)
	}
	fmt.Printf("deleted group %d\n", id)
	return nil
}

// connect returns a client for the server named by the environment, or for
// a seeded fake when VOLTMX_URL is unset.
func connect() (c *voltmx.Client, where string, closeFake func(), err error) {
	if base := os.Getenv("VOLTMX_URL"); base != "" {
		user, password := os.Getenv("VOLTMX_USER"), os.Getenv("VOLTMX_PASSWORD")
		var auth voltmx.Auth = voltmx.BasicAuth{Username: user, Password: password}
		if login := os.Getenv("VOLTMX_LOGIN_URL"); login != "" {
			auth = voltmx.ClaimsLogin{LoginURL: login, UserID: user, Password: password}
		}
		var opts []voltmx.Option
		if cp, ok := os.LookupEnv("VOLTMX_CONTEXT_PATH"); ok {
			opts = append(opts, voltmx.WithContextPath(cp))
		}
		if os.Getenv("VOLTMX_INSECURE_HTTP") == "1" {
			opts = append(opts, voltmx.WithInsecureHTTP())
		}
		c, err = voltmx.NewClient(base, auth, opts...)
		return c, base, func() {}, err
	}
	srv := voltmxtest.NewServer(nil)
	srv.AddGroup(voltmxtest.Group{Name: "Engagement Services Dev", Email: "dev@example.com", Active: true,
		PermissionIDs: []int64{1, 2, 15}, AllowAllApps: true})
	srv.AddGroup(voltmxtest.Group{Name: "Campaign operators", Email: "ops@example.com", Active: true,
		PermissionIDs: []int64{4, 5, 6}, AppIDs: []string{}})
	c, err = voltmx.NewClient(srv.URL, srv.BasicAuth(), srv.Options()...)
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, "in-memory fake at " + srv.URL + " (set VOLTMX_URL to use a real server)", srv.Close, nil
}
