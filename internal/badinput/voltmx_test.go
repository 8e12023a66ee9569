package badinput

import (
	"context"
	"reflect"
	"testing"

	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

type voltmxFixture struct {
	srv     *voltmxtest.Server
	c       *voltmx.Client
	session bool
}

func (f *voltmxFixture) requests() int { return f.srv.RequestCount() }

func (f *voltmxFixture) auths() int {
	if !f.session {
		return -1
	}
	return f.srv.AuthCount()
}

// newClient builds a client of the fake; opts come after the fake's HTTP
// client, and a WithBaseURL among them replaces the fake's URL.
func (f *voltmxFixture) newClient(a voltmx.Auth, opts ...voltmx.Option) error {
	_, err := voltmx.NewClient(f.srv.URL, a, append([]voltmx.Option{voltmx.WithHTTPClient(f.srv.Client())}, opts...)...)
	return err
}

func voltmxSuite() vendorSuite {
	type F = *voltmxFixture
	valid := func() voltmx.CreateGroupParams {
		return voltmx.CreateGroupParams{GroupName: "Campaign team", Email: "campaigns@example.com",
			PermissionIDs: []int64{1, 2}, UserIDs: []int64{1}, AppIDs: []string{}}
	}
	create := func(class, field string, mod func(*voltmx.CreateGroupParams)) row[F] {
		return row[F]{method: "GroupsService.Create", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := valid()
				mod(&p)
				_, err := f.c.Groups.Create(ctx, &p)
				return err
			}}
	}
	update := func(class, field string, id int64, mod func(*voltmx.UpdateGroupParams)) row[F] {
		return row[F]{method: "GroupsService.Update", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := voltmx.UpdateGroupParams(valid())
				mod(&p)
				return f.c.Groups.Update(ctx, id, &p)
			}}
	}
	byID := func(method string, call func(ctx context.Context, c *voltmx.Client, id int64) error) []row[F] {
		return []row[F]{
			{method: method, class: "zero id", field: "id",
				call: func(ctx context.Context, f F) error { return call(ctx, f.c, 0) }},
			{method: method, class: "negative id", field: "id",
				call: func(ctx context.Context, f F) error { return call(ctx, f.c, -1) }},
		}
	}
	ctor := func(method, class, setting string, a func(F) voltmx.Auth, opts ...voltmx.Option) row[F] {
		return row[F]{method: method, class: class, field: setting, ctor: true,
			call: func(_ context.Context, f F) error { return f.newClient(a(f), opts...) }}
	}
	// baseURL rows pass the bad URL as NewClient's own argument.
	baseURL := func(class, raw string) row[F] {
		return row[F]{method: "NewClient", class: class, field: "base URL", ctor: true,
			call: func(_ context.Context, f F) error {
				_, err := voltmx.NewClient(raw, f.srv.BasicAuth(), voltmx.WithHTTPClient(f.srv.Client()))
				return err
			}}
	}
	basic := func(f F) voltmx.Auth { return f.srv.BasicAuth() }
	claims := func(mod func(*voltmx.ClaimsLogin)) func(F) voltmx.Auth {
		return func(f F) voltmx.Auth {
			a := f.srv.ClaimsLogin()
			mod(&a)
			return a
		}
	}
	list := func(method, class, field string, opts *voltmx.ListOptions,
		call func(ctx context.Context, c *voltmx.Client, opts *voltmx.ListOptions) error) row[F] {
		return row[F]{method: method, class: class, field: field,
			call: func(ctx context.Context, f F) error { return call(ctx, f.c, opts) }}
	}
	groupsList := func(ctx context.Context, c *voltmx.Client, o *voltmx.ListOptions) error {
		return first(c.Groups.List(ctx, o))
	}
	usersList := func(ctx context.Context, c *voltmx.Client, o *voltmx.ListOptions) error {
		return first(c.Users.List(ctx, o))
	}
	groupsPage := func(start int) func(context.Context, *voltmx.Client, *voltmx.ListOptions) error {
		return func(ctx context.Context, c *voltmx.Client, o *voltmx.ListOptions) error {
			_, err := c.Groups.ListPage(ctx, start, o)
			return err
		}
	}
	usersPage := func(start int) func(context.Context, *voltmx.Client, *voltmx.ListOptions) error {
		return func(ctx context.Context, c *voltmx.Client, o *voltmx.ListOptions) error {
			_, err := c.Users.ListPage(ctx, start, o)
			return err
		}
	}
	validUser := func() voltmx.CreateUserParams {
		return voltmx.CreateUserParams{UserName: "aron", Email: "aron@example.com", Password: "VoltMX@123",
			DisplayName: "Aron", PermissionIDs: []int64{1}, GroupIDs: []int64{1}, AppIDs: []string{"app"}}
	}
	createUser := func(class, field string, mod func(*voltmx.CreateUserParams)) row[F] {
		return row[F]{method: "UsersService.Create", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := validUser()
				mod(&p)
				_, err := f.c.Users.Create(ctx, &p)
				return err
			}}
	}
	updateUser := func(class, field string, id int64, mod func(*voltmx.UpdateUserParams)) row[F] {
		return row[F]{method: "UsersService.Update", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				p := voltmx.UpdateUserParams{UserName: "admin", Email: "admin@example.com", Password: "VoltMX@123",
					DisplayName: "Administrator", PermissionIDs: []int64{1}}
				mod(&p)
				return f.c.Users.Update(ctx, id, &p)
			}}
	}
	permissionsPage := func(start int) func(context.Context, *voltmx.Client, *voltmx.ListOptions) error {
		return func(ctx context.Context, c *voltmx.Client, o *voltmx.ListOptions) error {
			_, err := c.Permissions.ListPage(ctx, start, o)
			return err
		}
	}
	resolveIn := func(class, field string, names ...string) row[F] {
		return row[F]{method: "ResolvePermissions", class: class, field: field,
			call: func(context.Context, F) error {
				_, err := voltmx.ResolvePermissions([]voltmx.Permission{{ID: 1, Name: "DASHBOARD_ALL"}}, names...)
				return err
			}}
	}
	resolve := func(class, field string, names ...string) row[F] {
		return row[F]{method: "PermissionsService.Resolve", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Permissions.Resolve(ctx, names...)
				return err
			}}
	}

	rows := []row[F]{
		baseURL("empty base URL", ""),
		baseURL("blank base URL", "  "),
		baseURL("base URL without a scheme", "es.example.com:8443"),
		baseURL("base URL not http", "ftp://es.example.com"),
		baseURL("base URL with a query", "https://es.example.com/?tenant=1"),
		baseURL("base URL with a fragment", "https://es.example.com/#top"),
		baseURL("plain http base URL to a remote host", "http://es.example.com:8080"),
		ctor("NewClient", "nil auth", "auth", func(F) voltmx.Auth { return nil }),
		ctor("NewClient", "nil *BasicAuth", "auth", func(F) voltmx.Auth { return (*voltmx.BasicAuth)(nil) }),
		ctor("NewClient", "nil *ClaimsLogin", "auth", func(F) voltmx.Auth { return (*voltmx.ClaimsLogin)(nil) }),
		ctor("NewClient", "nil *OAuthPair", "auth", func(F) voltmx.Auth { return (*voltmx.OAuthPair)(nil) }),
		ctor("NewClient", "empty BasicAuth.Username", "BasicAuth.Username", func(F) voltmx.Auth { return voltmx.BasicAuth{Password: "p"} }),
		ctor("NewClient", "BasicAuth.Username with a colon", "BasicAuth.Username", func(F) voltmx.Auth {
			return voltmx.BasicAuth{Username: "ad:min", Password: "p"}
		}),
		ctor("NewClient", "empty BasicAuth.Password", "BasicAuth.Password", func(F) voltmx.Auth { return voltmx.BasicAuth{Username: "admin"} }),
		ctor("NewClient", "empty OAuthPair.Username", "OAuthPair.Username", func(F) voltmx.Auth { return &voltmx.OAuthPair{Password: "p"} }),
		ctor("NewClient", "empty OAuthPair.Password", "OAuthPair.Password", func(F) voltmx.Auth { return voltmx.OAuthPair{Username: "admin"} }),
		ctor("NewClient", "empty ClaimsLogin.UserID", "ClaimsLogin.UserID", claims(func(a *voltmx.ClaimsLogin) { a.UserID = " " })),
		ctor("NewClient", "empty ClaimsLogin.Password", "ClaimsLogin.Password", claims(func(a *voltmx.ClaimsLogin) { a.Password = "" })),
		ctor("NewClient", "empty ClaimsLogin.LoginURL", "ClaimsLogin.LoginURL", claims(func(a *voltmx.ClaimsLogin) { a.LoginURL = "" })),
		ctor("NewClient", "relative ClaimsLogin.LoginURL", "ClaimsLogin.LoginURL", claims(func(a *voltmx.ClaimsLogin) {
			a.LoginURL = "/authService/accounts/login"
		})),
		ctor("NewClient", "plain http ClaimsLogin.LoginURL to a remote host", "ClaimsLogin.LoginURL", claims(func(a *voltmx.ClaimsLogin) {
			a.LoginURL = "http://auth.example.com/authService/accounts/login"
		})),
		ctor("WithTokenStore", "with BasicAuth", "WithTokenStore", basic, voltmx.WithTokenStore(&auth.MemoryStore{})),
		ctor("WithContextPath", "with a query", "context path", basic, voltmx.WithContextPath("/vpns?x=1")),
		ctor("WithContextPath", "with a fragment", "context path", basic, voltmx.WithContextPath("vpns#top")),
		ctor("WithAuthHeaderName", "empty", "auth header name", claims(func(*voltmx.ClaimsLogin) {}), voltmx.WithAuthHeaderName("")),
		ctor("WithAuthHeaderName", "with a space", "auth header name", claims(func(*voltmx.ClaimsLogin) {}), voltmx.WithAuthHeaderName("X-VoltMX Authorization")),
		ctor("WithAuthHeaderName", "with a colon", "auth header name", claims(func(*voltmx.ClaimsLogin) {}), voltmx.WithAuthHeaderName("X-Auth:")),

		{method: "GroupsService.Create", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Groups.Create(ctx, nil)
				return err
			}},
		create("empty GroupName", "GroupName", func(p *voltmx.CreateGroupParams) { p.GroupName = "" }),
		create("blank GroupName", "GroupName", func(p *voltmx.CreateGroupParams) { p.GroupName = "  " }),
		create("empty Email", "Email", func(p *voltmx.CreateGroupParams) { p.Email = "" }),
		create("nil PermissionIDs", "PermissionIDs", func(p *voltmx.CreateGroupParams) { p.PermissionIDs = nil }),
		create("no PermissionIDs", "PermissionIDs", func(p *voltmx.CreateGroupParams) { p.PermissionIDs = []int64{} }),
		create("zero PermissionIDs entry", "PermissionIDs[1]", func(p *voltmx.CreateGroupParams) { p.PermissionIDs = []int64{3, 0} }),
		create("negative PermissionIDs entry", "PermissionIDs[0]", func(p *voltmx.CreateGroupParams) { p.PermissionIDs = []int64{-3} }),
		create("empty AppIDs entry", "AppIDs[1]", func(p *voltmx.CreateGroupParams) { p.AppIDs = []string{"app-1", ""} }),
		create("blank AppIDs entry", "AppIDs[0]", func(p *voltmx.CreateGroupParams) { p.AppIDs = []string{" "} }),
		create("zero UserIDs entry", "UserIDs[0]", func(p *voltmx.CreateGroupParams) { p.UserIDs = []int64{0} }),
		create("negative UserIDs entry", "UserIDs[2]", func(p *voltmx.CreateGroupParams) { p.UserIDs = []int64{1, 2, -1} }),

		{method: "GroupsService.Update", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error { return f.c.Groups.Update(ctx, 1, nil) }},
		update("zero id", "id", 0, func(*voltmx.UpdateGroupParams) {}),
		update("negative id", "id", -2, func(*voltmx.UpdateGroupParams) {}),
		update("empty GroupName", "GroupName", 1, func(p *voltmx.UpdateGroupParams) { p.GroupName = "" }),
		update("blank Email", "Email", 1, func(p *voltmx.UpdateGroupParams) { p.Email = "\t" }),
		update("no PermissionIDs", "PermissionIDs", 1, func(p *voltmx.UpdateGroupParams) { p.PermissionIDs = nil }),
		update("empty AppIDs entry", "AppIDs[0]", 1, func(p *voltmx.UpdateGroupParams) { p.AppIDs = []string{""} }),
		update("zero UserIDs entry", "UserIDs[1]", 1, func(p *voltmx.UpdateGroupParams) { p.UserIDs = []int64{4, 0} }),

		list("GroupsService.List", "negative PageSize", "PageSize", &voltmx.ListOptions{PageSize: -1}, groupsList),
		list("GroupsService.List", "PageSize above the maximum", "PageSize", &voltmx.ListOptions{PageSize: voltmx.MaxPageSize + 1}, groupsList),
		list("GroupsService.ListPage", "negative start", "start", nil, groupsPage(-1)),
		list("GroupsService.ListPage", "PageSize above the maximum", "PageSize", &voltmx.ListOptions{PageSize: voltmx.MaxPageSize + 1}, groupsPage(0)),
		list("UsersService.List", "negative PageSize", "PageSize", &voltmx.ListOptions{PageSize: -10}, usersList),
		list("UsersService.List", "PageSize above the maximum", "PageSize", &voltmx.ListOptions{PageSize: 10_000}, usersList),
		list("UsersService.ListPage", "negative start", "start", &voltmx.ListOptions{PageSize: 10}, usersPage(-50)),
		list("UsersService.ListPage", "negative PageSize", "PageSize", &voltmx.ListOptions{PageSize: -1}, usersPage(0)),
		list("GroupsService.List", "PageToken not a token", "PageToken", &voltmx.ListOptions{PageToken: "page-2"}, groupsList),
		list("GroupsService.ListPage", "negative PageToken", "PageToken", &voltmx.ListOptions{PageToken: "-50"}, groupsPage(0)),
		list("GroupsService.ListPage", "start and PageToken", "start", &voltmx.ListOptions{PageToken: "50"}, groupsPage(10)),
		list("UsersService.List", "PageToken not a token", "PageToken", &voltmx.ListOptions{PageToken: "x"}, usersList),
		list("UsersService.ListPage", "start and PageToken", "start", &voltmx.ListOptions{PageToken: "5"}, usersPage(5)),
		list("PermissionsService.ListPage", "negative start", "start", nil, permissionsPage(-1)),
		list("PermissionsService.ListPage", "PageSize above the maximum", "PageSize", &voltmx.ListOptions{PageSize: voltmx.MaxPageSize + 1}, permissionsPage(0)),
		list("PermissionsService.ListPage", "PageToken not a token", "PageToken", &voltmx.ListOptions{PageToken: "1e3"}, permissionsPage(0)),

		{method: "UsersService.Create", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Users.Create(ctx, nil)
				return err
			}},
		createUser("empty UserName", "UserName", func(p *voltmx.CreateUserParams) { p.UserName = "" }),
		createUser("blank UserName", "UserName", func(p *voltmx.CreateUserParams) { p.UserName = " \t" }),
		createUser("empty Email", "Email", func(p *voltmx.CreateUserParams) { p.Email = "" }),
		createUser("empty Password", "Password", func(p *voltmx.CreateUserParams) { p.Password = "" }),
		createUser("Password with a space", "Password", func(p *voltmx.CreateUserParams) { p.Password = "Volt MX" }),
		createUser("empty DisplayName", "DisplayName", func(p *voltmx.CreateUserParams) { p.DisplayName = "" }),
		createUser("nil PermissionIDs", "PermissionIDs", func(p *voltmx.CreateUserParams) { p.PermissionIDs = nil }),
		createUser("zero PermissionIDs entry", "PermissionIDs[0]", func(p *voltmx.CreateUserParams) { p.PermissionIDs = []int64{0} }),
		createUser("negative GroupIDs entry", "GroupIDs[1]", func(p *voltmx.CreateUserParams) { p.GroupIDs = []int64{1, -1} }),
		createUser("blank AppIDs entry", "AppIDs[0]", func(p *voltmx.CreateUserParams) { p.AppIDs = []string{" "} }),

		{method: "UsersService.Update", class: "nil params", field: "params",
			call: func(ctx context.Context, f F) error { return f.c.Users.Update(ctx, 1, nil) }},
		updateUser("zero id", "id", 0, func(*voltmx.UpdateUserParams) {}),
		updateUser("negative id", "id", -1, func(*voltmx.UpdateUserParams) {}),
		updateUser("empty UserName", "UserName", 1, func(p *voltmx.UpdateUserParams) { p.UserName = "" }),
		updateUser("blank Email", "Email", 1, func(p *voltmx.UpdateUserParams) { p.Email = " " }),
		updateUser("empty Password", "Password", 1, func(p *voltmx.UpdateUserParams) { p.Password = "" }),
		updateUser("Password with a newline", "Password", 1, func(p *voltmx.UpdateUserParams) { p.Password = "a\nb" }),
		updateUser("empty DisplayName", "DisplayName", 1, func(p *voltmx.UpdateUserParams) { p.DisplayName = "" }),
		updateUser("no PermissionIDs", "PermissionIDs", 1, func(p *voltmx.UpdateUserParams) { p.PermissionIDs = []int64{} }),
		updateUser("zero GroupIDs entry", "GroupIDs[0]", 1, func(p *voltmx.UpdateUserParams) { p.GroupIDs = []int64{0} }),

		resolveIn("no names", "names"),
		resolveIn("blank name", "names[1]", "DASHBOARD_ALL", "\t"),

		resolve("no names", "names"),
		resolve("empty name", "names[1]", "ADHOC_PUSH", ""),
		resolve("blank name", "names[0]", "  "),
	}
	rows = append(rows, byID("GroupsService.Get", func(ctx context.Context, c *voltmx.Client, id int64) error {
		_, err := c.Groups.Get(ctx, id)
		return err
	})...)
	rows = append(rows, byID("GroupsService.Delete", func(ctx context.Context, c *voltmx.Client, id int64) error {
		return c.Groups.Delete(ctx, id)
	})...)
	rows = append(rows, byID("UsersService.Get", func(ctx context.Context, c *voltmx.Client, id int64) error {
		_, err := c.Users.Get(ctx, id)
		return err
	})...)
	rows = append(rows, byID("UsersService.Delete", func(ctx context.Context, c *voltmx.Client, id int64) error {
		return c.Users.Delete(ctx, id)
	})...)
	rows = append(rows, engineOptionRows(engineOptions[voltmx.Option]{
		baseURL: voltmx.WithBaseURL, maxRetries: voltmx.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) voltmx.Option { return voltmx.WithRetry(p) },
		maxResponseBytes: voltmx.WithMaxResponseBytes, userAgent: voltmx.WithUserAgent,
	}, "ClaimsLogin.LoginURL", func(f F, opts ...voltmx.Option) error {
		// ClaimsLogin builds a second transport for the login, with the
		// same settings: a bad option must still be blamed on itself.
		return f.newClient(f.srv.ClaimsLogin(), opts...)
	})...)
	rows = append(rows, callOptionRows(callOptions{voltmx.WithHeader, voltmx.WithRequestMaxRetries, voltmx.WithResponseInto},
		[]string{"AccessToken", "AccessSecret", "X-VoltMX-Authorization", "X-Kony-Authorization"},
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.Permissions.List(ctx, o)
			return err
		})...)

	return &suite[F]{
		vendor:   "voltmx",
		sentinel: voltmx.ErrInvalidParams,
		client:   reflect.TypeFor[voltmx.Client](),
		modes:    []string{"ClaimsLogin", "OAuthPair", "BasicAuth"},
		start: func(t *testing.T, mode string) F {
			srv := voltmxtest.NewServer(t)
			f := &voltmxFixture{srv: srv, session: mode != "BasicAuth"}
			var a voltmx.Auth
			switch mode {
			case "ClaimsLogin":
				a = srv.ClaimsLogin()
			case "OAuthPair":
				a = srv.OAuthPair()
			default:
				a = srv.BasicAuth()
			}
			c, err := voltmx.NewClient(srv.URL, a, voltmx.WithHTTPClient(srv.Client()), voltmx.WithMaxRetries(0))
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			f.c = c
			return f
		},
		control: func(ctx context.Context, f F) error {
			_, err := f.c.Permissions.Resolve(ctx, voltmx.PermissionAdhocPush)
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "GroupsService.Create", input: "nil AppIDs",
				reason: "nil means no app permissions: the API requires selectedAppIds, and nil goes as []",
				call: func(ctx context.Context, f F) error {
					p := valid()
					p.AppIDs = nil
					_, err := f.c.Groups.Create(ctx, &p)
					return err
				}},
			{method: "GroupsService.Create", input: "malformed Email",
				reason: "the API requires an email but documents no format for it; the package checks presence only, the server judges the rest",
				call: func(ctx context.Context, f F) error {
					p := valid()
					p.Email = "not-an-address"
					_, err := f.c.Groups.Create(ctx, &p)
					return err
				}},
		},
	}
}
