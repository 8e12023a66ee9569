package badinput

import (
	"context"
	"reflect"
	"testing"

	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
)

type reach360Fixture struct {
	srv *reach360test.Server
	c   *reach360.Client
}

func (f *reach360Fixture) requests() int { return f.srv.RequestCount() }

// auths is -1: an API key is static, there is no login to count.
func (f *reach360Fixture) auths() int { return -1 }

func (f *reach360Fixture) newClient(key reach360.APIKey, opts ...reach360.Option) error {
	all := []reach360.Option{reach360.WithBaseURL(f.srv.URL), reach360.WithHTTPClient(f.srv.Client())}
	_, err := reach360.NewClient(key, append(all, opts...)...)
	return err
}

func reach360Suite() vendorSuite {
	type F = *reach360Fixture
	ctor := func(method, class, setting string, key reach360.APIKey, opts ...reach360.Option) row[F] {
		return row[F]{method: method, class: class, field: setting, ctor: true,
			call: func(_ context.Context, f F) error { return f.newClient(key, opts...) }}
	}
	// A region picks the endpoint, so its rows must not set a base URL
	// (WithBaseURL wins over WithRegion) and still fail before any request.
	region := func(class string, r reach360.Region) row[F] {
		return row[F]{method: "WithRegion", class: class, field: "region", ctor: true,
			call: func(context.Context, F) error {
				_, err := reach360.NewClient(reach360test.APIKey, reach360.WithRegion(r))
				return err
			}}
	}
	one := func(method, class, field string, call func(ctx context.Context, c *reach360.Client) error) row[F] {
		return row[F]{method: method, class: class, field: field,
			call: func(ctx context.Context, f F) error { return call(ctx, f.c) }}
	}
	err1 := func(_ any, err error) error { return err }

	rows := []row[F]{
		ctor("NewClient", "empty key", "API key", ""),
		ctor("NewClient", "blank key", "API key", "  \t"),
		ctor("NewClient", "key with a trailing newline", "API key", reach360test.APIKey+"\n"),
		ctor("NewClient", "key with an inner space", "API key", "r360 fake"),
		region("unknown", "mars"),
		region("empty", ""),
		region("upper case", "EU"),
		ctor("WithAPIVersion", "empty", "API version", reach360test.APIKey, reach360.WithAPIVersion("")),
		ctor("WithAPIVersion", "not a date", "API version", reach360test.APIKey, reach360.WithAPIVersion("latest")),
		ctor("WithAPIVersion", "no such month", "API version", reach360test.APIKey, reach360.WithAPIVersion("2023-13-01")),
		ctor("WithAPIVersion", "not YYYY-MM-DD", "API version", reach360test.APIKey, reach360.WithAPIVersion("04/04/2023")),

		one("GroupsService.Create", "empty Name", "Name", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.Create(ctx, reach360.CreateGroupParams{}))
		}),
		one("GroupsService.Create", "blank Name", "Name", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.Create(ctx, reach360.CreateGroupParams{Name: " \n"}))
		}),
		one("GroupsService.Get", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.Get(ctx, ""))
		}),
		one("GroupsService.Get", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.Get(ctx, "   "))
		}),
		one("GroupsService.Update", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.Update(ctx, "", reach360.UpdateGroupParams{Name: "Sales"})
		}),
		one("GroupsService.Update", "empty Name", "Name", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.Update(ctx, "g-1", reach360.UpdateGroupParams{})
		}),
		one("GroupsService.Update", "blank Name", "Name", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.Update(ctx, "g-1", reach360.UpdateGroupParams{Name: "\t"})
		}),
		one("GroupsService.Delete", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.Delete(ctx, "")
		}),
		one("GroupsService.Delete", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.Delete(ctx, " ")
		}),
		one("GroupsService.List", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: -1}))
		}),
		one("GroupsService.List", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 101}))
		}),
		one("GroupsService.ListPage", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: -3}))
		}),
		one("GroupsService.ListPage", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 1000}))
		}),
		one("GroupsService.NextPage", "nil page", "page", func(ctx context.Context, c *reach360.Client) error {
			//lint:ignore SA1019 a deprecated method keeps its checks while it exists
			return err1(c.Groups.NextPage(ctx, nil))
		}),
		one("GroupsService.Members", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Members(ctx, "", nil))
		}),
		one("GroupsService.Members", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Members(ctx, " ", &reach360.ListOptions{Limit: 10}))
		}),
		one("GroupsService.Members", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Members(ctx, "g-1", &reach360.ListOptions{Limit: 101}))
		}),
		one("GroupsService.Members", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Members(ctx, "g-1", &reach360.ListOptions{Limit: -1}))
		}),
		one("GroupsService.AddMember", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.AddMember(ctx, "", "u-1")
		}),
		one("GroupsService.AddMember", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.AddMember(ctx, "g-1", "")
		}),
		one("GroupsService.AddMember", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.AddMember(ctx, "g-1", "  ")
		}),
		one("GroupsService.RemoveMember", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.RemoveMember(ctx, "", "u-1")
		}),
		one("GroupsService.RemoveMember", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.RemoveMember(ctx, "\t", "u-1")
		}),
		one("GroupsService.RemoveMember", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.RemoveMember(ctx, "g-1", "")
		}),

		one("GroupsService.List", "foreign PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.List(ctx, &reach360.ListGroupsOptions{PageToken: "https://evil.example/groups?cursor=x"}))
		}),
		one("GroupsService.ListPage", "plain-http PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{PageToken: "http://api.reach360.com/groups?cursor=x"}))
		}),
		one("GroupsService.MembersPage", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.MembersPage(ctx, "", nil))
		}),
		one("GroupsService.MembersPage", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.MembersPage(ctx, "g-1", &reach360.ListOptions{Limit: 101}))
		}),
		one("GroupsService.MembersPage", "unparsable PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.MembersPage(ctx, "g-1", &reach360.ListOptions{PageToken: "%zz"}))
		}),
		one("GroupsService.Reporters", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Reporters(ctx, "", nil))
		}),
		one("GroupsService.Reporters", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Reporters(ctx, "g-1", &reach360.ListOptions{Limit: -1}))
		}),
		one("GroupsService.ReportersPage", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ReportersPage(ctx, " ", nil))
		}),
		one("GroupsService.ReportersPage", "foreign PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ReportersPage(ctx, "g-1", &reach360.ListOptions{PageToken: "//evil.example/r"}))
		}),
		one("GroupsService.AddReporter", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.AddReporter(ctx, "", "u-1")
		}),
		one("GroupsService.AddReporter", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.AddReporter(ctx, "g-1", "\t")
		}),
		one("GroupsService.RemoveReporter", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.RemoveReporter(ctx, " ", "u-1")
		}),
		one("GroupsService.RemoveReporter", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Groups.RemoveReporter(ctx, "g-1", "")
		}),
		one("GroupsService.Managers", "empty groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Managers(ctx, "", nil))
		}),
		one("GroupsService.Managers", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Groups.Managers(ctx, "g-1", &reach360.ListOptions{Limit: 200}))
		}),
		one("GroupsService.ManagersPage", "blank groupID", "groupID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Groups.ManagersPage(ctx, "  ", nil))
		}),

		one("UsersService.List", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.List(ctx, &reach360.ListUsersOptions{Limit: -1}))
		}),
		one("UsersService.List", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.List(ctx, &reach360.ListUsersOptions{Limit: 101, Email: "ada@example.com"}))
		}),
		one("UsersService.Get", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.Get(ctx, ""))
		}),
		one("UsersService.Get", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.Get(ctx, " "))
		}),
		one("UsersService.Delete", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Users.Delete(ctx, "")
		}),
		one("UsersService.Delete", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return c.Users.Delete(ctx, "\n")
		}),
		one("UsersService.Groups", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.Groups(ctx, "", nil))
		}),
		one("UsersService.Groups", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.Groups(ctx, "  ", nil))
		}),
		one("UsersService.Groups", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.Groups(ctx, "u-1", &reach360.ListOptions{Limit: 500}))
		}),
		one("UsersService.List", "foreign PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.List(ctx, &reach360.ListUsersOptions{PageToken: "https://api.reach360.com.evil.example/users"}))
		}),
		one("UsersService.ListPage", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.ListPage(ctx, &reach360.ListUsersOptions{Limit: 101}))
		}),
		one("UsersService.ListPage", "foreign PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.ListPage(ctx, &reach360.ListUsersOptions{PageToken: "https://evil.example/users"}))
		}),
		one("UsersService.GroupsPage", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.GroupsPage(ctx, "", nil))
		}),
		one("UsersService.GroupsPage", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.GroupsPage(ctx, "u-1", &reach360.ListOptions{Limit: -5}))
		}),
		one("UsersService.ReportingGroups", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.ReportingGroups(ctx, "", nil))
		}),
		one("UsersService.ReportingGroups", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.ReportingGroups(ctx, "u-1", &reach360.ListOptions{Limit: 101}))
		}),
		one("UsersService.ReportingGroupsPage", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.ReportingGroupsPage(ctx, " ", nil))
		}),
		one("UsersService.ManagingGroups", "empty userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Users.ManagingGroups(ctx, "", nil))
		}),
		one("UsersService.ManagingGroupsPage", "blank userID", "userID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.ManagingGroupsPage(ctx, "\n", nil))
		}),
		one("UsersService.ManagingGroupsPage", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Users.ManagingGroupsPage(ctx, "u-1", &reach360.ListOptions{Limit: 101}))
		}),

		one("InvitationsService.Create", "empty Email", "Email", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{FirstName: "Ada"}))
		}),
		one("InvitationsService.Create", "blank Email", "Email", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{Email: " \t"}))
		}),
		one("InvitationsService.Create", "not an address", "Email", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada.example.com"}))
		}),
		one("InvitationsService.Create", "address with a display name", "Email", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{Email: "Ada <ada@example.com>"}))
		}),
		one("InvitationsService.Create", "header injection in Email", "Email", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com\r\nBcc: eve@example.com"}))
		}),
		one("InvitationsService.Create", "blank group name", "Groups[1]", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com", Groups: []string{"Sales", " "}}))
		}),
		one("InvitationsService.List", "Limit above 100", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Invitations.List(ctx, &reach360.ListOptions{Limit: 101}))
		}),
		one("InvitationsService.List", "foreign PageToken", "PageToken", func(ctx context.Context, c *reach360.Client) error {
			return first(c.Invitations.List(ctx, &reach360.ListOptions{PageToken: "https://evil.example/invitations"}))
		}),
		one("InvitationsService.ListPage", "negative Limit", "Limit", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.ListPage(ctx, &reach360.ListOptions{Limit: -1}))
		}),
		one("InvitationsService.Get", "empty invitationID", "invitationID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Get(ctx, ""))
		}),
		one("InvitationsService.Get", "blank invitationID", "invitationID", func(ctx context.Context, c *reach360.Client) error {
			return err1(c.Invitations.Get(ctx, "  "))
		}),
		one("InvitationsService.Delete", "empty invitationID", "invitationID", func(ctx context.Context, c *reach360.Client) error {
			return c.Invitations.Delete(ctx, "")
		}),
		one("InvitationsService.Delete", "blank invitationID", "invitationID", func(ctx context.Context, c *reach360.Client) error {
			return c.Invitations.Delete(ctx, "\t")
		}),
	}
	rows = append(rows, engineOptionRows(engineOptions[reach360.Option]{
		baseURL: reach360.WithBaseURL, maxRetries: reach360.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) reach360.Option { return reach360.WithRetry(p) },
		maxResponseBytes: reach360.WithMaxResponseBytes, userAgent: reach360.WithUserAgent,
	}, "", func(f F, opts ...reach360.Option) error { return f.newClient(f.srv.APIKey(), opts...) })...)
	rows = append(rows, callOptionRows(callOptions{reach360.WithHeader, reach360.WithRequestMaxRetries, reach360.WithResponseInto}, nil,
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.Groups.Get(ctx, "g-1", o)
			return err
		})...)

	return &suite[F]{
		vendor:   "reach360",
		sentinel: reach360.ErrInvalidParams,
		client:   reflect.TypeFor[reach360.Client](),
		modes:    []string{"APIKey"},
		start: func(t *testing.T, _ string) F {
			srv := reach360test.NewServer(t)
			c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL),
				reach360.WithHTTPClient(srv.Client()), reach360.WithMaxRetries(0))
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			return &reach360Fixture{srv: srv, c: c}
		},
		control: func(ctx context.Context, f F) error {
			_, err := f.c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "UsersService.List", input: "malformed Email filter",
				reason: "a filter, not an address to write: one no user has matches nothing, which is the right answer",
				call: func(ctx context.Context, f F) error {
					return drain(f.c.Users.List(ctx, &reach360.ListUsersOptions{Email: "not-an-address"}))
				}},
		},
	}
}
