package badinput

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/transport"
)

type alfaviewFixture struct {
	srv *alfaviewtest.Server
	c   *alfaview.Client
}

func (f *alfaviewFixture) requests() int { return f.srv.RequestCount() }
func (f *alfaviewFixture) auths() int    { return f.srv.AuthCount() }

// newClient builds a client of the fake with its API key and opts after
// the fake's own options.
func (f *alfaviewFixture) newClient(creds alfaview.Credentials, opts ...alfaview.Option) error {
	_, err := alfaview.NewClient(creds, append(f.srv.Options(), opts...)...)
	return err
}

func alfaviewSuite() vendorSuite {
	type F = *alfaviewFixture
	from := time.Date(2030, 1, 7, 9, 0, 0, 0, time.UTC)
	group := alfaview.GroupLinkCreation{Description: "Workshop", PermissionGroupID: "pg-participant",
		ValidFrom: from, ValidUntil: from.Add(2 * time.Hour)}
	guest := alfaview.GuestLinkCreation{Email: "ada@example.com", DisplayName: "Ada", Locale: "en",
		PermissionGroupID: "pg-participant", ValidFrom: from, ValidUntil: from.Add(2 * time.Hour)}
	// The bad link is the second, so that the error must carry its index.
	groupLinks := func(mod func(*alfaview.GroupLinkCreation)) []alfaview.GroupLinkCreation {
		bad := group
		mod(&bad)
		return []alfaview.GroupLinkCreation{group, bad}
	}
	guestLinks := func(mod func(*alfaview.GuestLinkCreation)) []alfaview.GuestLinkCreation {
		bad := guest
		mod(&bad)
		return []alfaview.GuestLinkCreation{guest, bad}
	}
	createGroup := func(class, field string, roomID string, links []alfaview.GroupLinkCreation) row[F] {
		return row[F]{method: "LinksService.CreateGroupLinks", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Links.CreateGroupLinks(ctx, roomID, links)
				return err
			}}
	}
	createGuest := func(class, field string, roomID string, links []alfaview.GuestLinkCreation) row[F] {
		return row[F]{method: "LinksService.CreateGuestLinks", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Links.CreateGuestLinks(ctx, roomID, links)
				return err
			}}
	}
	listRooms := func(class, field string, opts *alfaview.ListRoomsOptions) row[F] {
		return row[F]{method: "RoomsService.List", class: class, field: field,
			call: func(ctx context.Context, f F) error { return first(f.c.Rooms.List(ctx, opts)) }}
	}
	listRoomsPage := func(class, field string, opts *alfaview.ListRoomsOptions, offset int) row[F] {
		return row[F]{method: "RoomsService.ListPage", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Rooms.ListPage(ctx, offset, opts)
				return err
			}}
	}
	roomsPage := func(class, field string, opts *alfaview.ListRoomsOptions) row[F] {
		return row[F]{method: "RoomsService.Page", class: class, field: field,
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Rooms.Page(ctx, opts)
				return err
			}}
	}
	ctor := func(class, field string, creds alfaview.Credentials) row[F] {
		return row[F]{method: "NewClient", class: class, field: field, ctor: true, wrap: true,
			call: func(_ context.Context, f F) error { return f.newClient(creds) }}
	}
	var nilAPIKey *alfaview.APIKeyCredentials
	var nilPassword *alfaview.PasswordCredentials
	apiKey := alfaview.APIKeyCredentials{ClientID: alfaviewtest.ClientID, Secret: alfaviewtest.Secret, CompanyID: alfaviewtest.CompanyID}
	option := func(method, class, field string, o alfaview.Option) row[F] {
		return row[F]{method: method, class: class, field: field, ctor: true, wrap: true,
			call: func(_ context.Context, f F) error { return f.newClient(apiKey, o) }}
	}

	rows := []row[F]{
		ctor("nil credentials", "creds", nil),
		ctor("nil *APIKeyCredentials", "creds", nilAPIKey),
		ctor("nil *PasswordCredentials", "creds", nilPassword),
		ctor("empty ClientID", "APIKeyCredentials.ClientID", alfaview.APIKeyCredentials{Secret: "s", CompanyID: alfaviewtest.CompanyID}),
		ctor("blank ClientID", "APIKeyCredentials.ClientID", alfaview.APIKeyCredentials{ClientID: " \t", Secret: "s", CompanyID: alfaviewtest.CompanyID}),
		ctor("empty Secret", "APIKeyCredentials.Secret", alfaview.APIKeyCredentials{ClientID: "c", CompanyID: alfaviewtest.CompanyID}),
		ctor("empty CompanyID", "APIKeyCredentials.CompanyID", alfaview.APIKeyCredentials{ClientID: "c", Secret: "s"}),
		ctor("empty CompanyID behind a pointer", "APIKeyCredentials.CompanyID", &alfaview.APIKeyCredentials{ClientID: "c", Secret: "s"}),
		ctor("empty Username", "PasswordCredentials.Username", alfaview.PasswordCredentials{Password: "p"}),
		ctor("empty Password", "PasswordCredentials.Password", alfaview.PasswordCredentials{Username: "ada@example.com"}),

		createGroup("empty roomID", "roomID", "", []alfaview.GroupLinkCreation{group}),
		createGroup("blank roomID", "roomID", "  ", []alfaview.GroupLinkCreation{group}),
		createGroup("nil links", "links", "room-1", nil),
		createGroup("no links", "links", "room-1", []alfaview.GroupLinkCreation{}),
		createGroup("empty PermissionGroupID", "links[1].PermissionGroupID", "room-1",
			groupLinks(func(l *alfaview.GroupLinkCreation) { l.PermissionGroupID = "" })),
		createGroup("blank PermissionGroupID", "links[1].PermissionGroupID", "room-1",
			groupLinks(func(l *alfaview.GroupLinkCreation) { l.PermissionGroupID = " " })),
		createGroup("ValidUntil before ValidFrom", "links[1].ValidUntil", "room-1",
			groupLinks(func(l *alfaview.GroupLinkCreation) { l.ValidUntil = l.ValidFrom.Add(-time.Hour) })),
		createGroup("ValidUntil equal to ValidFrom", "links[1].ValidUntil", "room-1",
			groupLinks(func(l *alfaview.GroupLinkCreation) { l.ValidUntil = l.ValidFrom })),
		// alfaview takes whole seconds: a window shorter than that is empty on the wire.
		createGroup("ValidUntil within ValidFrom's second", "links[1].ValidUntil", "room-1",
			groupLinks(func(l *alfaview.GroupLinkCreation) { l.ValidUntil = l.ValidFrom.Add(500 * time.Millisecond) })),

		createGuest("empty roomID", "roomID", "", []alfaview.GuestLinkCreation{guest}),
		createGuest("blank roomID", "roomID", "\t", []alfaview.GuestLinkCreation{guest}),
		createGuest("nil links", "links", "room-1", nil),
		createGuest("no links", "links", "room-1", []alfaview.GuestLinkCreation{}),
		createGuest("empty Email", "links[1].Email", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Email = "" })),
		createGuest("Email without @", "links[1].Email", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Email = "ada.example.com" })),
		createGuest("Email with a display name", "links[1].Email", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Email = "Ada <ada@example.com>" })),
		createGuest("Email without a dotted domain", "links[1].Email", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Email = "ada@localhost" })),
		createGuest("blank DisplayName", "links[1].DisplayName", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.DisplayName = "   " })),
		createGuest("Locale with a space", "links[1].Locale", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Locale = "en US" })),
		createGuest("Locale with a line break", "links[1].Locale", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Locale = "en\n" })),
		createGuest("Locale of one letter", "links[1].Locale", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Locale = "e" })),
		createGuest("Locale with an empty subtag", "links[1].Locale", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.Locale = "en--US" })),
		createGuest("empty PermissionGroupID", "links[1].PermissionGroupID", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.PermissionGroupID = "" })),
		createGuest("ValidUntil before ValidFrom", "links[1].ValidUntil", "room-1",
			guestLinks(func(l *alfaview.GuestLinkCreation) { l.ValidUntil = l.ValidFrom.Add(-time.Minute) })),

		{method: "LinksService.Delete", class: "empty roomID", field: "roomID",
			call: func(ctx context.Context, f F) error { return f.c.Links.Delete(ctx, "", "link-1") }},
		{method: "LinksService.Delete", class: "blank roomID", field: "roomID",
			call: func(ctx context.Context, f F) error { return f.c.Links.Delete(ctx, " ", "link-1") }},
		{method: "LinksService.Delete", class: "empty linkID", field: "linkID",
			call: func(ctx context.Context, f F) error { return f.c.Links.Delete(ctx, "room-1", "") }},
		{method: "LinksService.Delete", class: "blank linkID", field: "linkID",
			call: func(ctx context.Context, f F) error { return f.c.Links.Delete(ctx, "room-1", "\n") }},

		// An empty roomID lists the whole company; a blank one is a mistake
		// that would otherwise reach alfaview as a room id.
		{method: "LinksService.ListGroupLinks", class: "blank roomID", field: "roomID",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Links.ListGroupLinks(ctx, "  ")
				return err
			}},
		{method: "LinksService.ListGuestLinks", class: "blank roomID", field: "roomID",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Links.ListGuestLinks(ctx, "\t")
				return err
			}},

		{method: "RoomsService.Create", class: "empty DisplayName", field: "DisplayName",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Rooms.Create(ctx, alfaview.RoomCreation{Type: alfaview.RoomTypeRoom})
				return err
			}},
		{method: "RoomsService.Create", class: "blank DisplayName", field: "DisplayName",
			call: func(ctx context.Context, f F) error {
				_, err := f.c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "  "})
				return err
			}},
		{method: "RoomsService.Delete", class: "empty roomID", field: "roomID",
			call: func(ctx context.Context, f F) error { return f.c.Rooms.Delete(ctx, "") }},
		{method: "RoomsService.Delete", class: "blank roomID", field: "roomID",
			call: func(ctx context.Context, f F) error { return f.c.Rooms.Delete(ctx, "  ") }},

		listRooms("negative Limit", "Limit", &alfaview.ListRoomsOptions{Limit: -1}),
		listRooms("Limit above the maximum", "Limit", &alfaview.ListRoomsOptions{Limit: alfaview.MaxRoomsPageSize + 1}),
		listRooms("blank FilterRoomIDs entry", "FilterRoomIDs[1]", &alfaview.ListRoomsOptions{FilterRoomIDs: []string{"room-1", " "}}),
		listRooms("PageToken not a token", "PageToken", &alfaview.ListRoomsOptions{PageToken: "page-2"}),
		listRooms("negative PageToken", "PageToken", &alfaview.ListRoomsOptions{PageToken: "-2"}),
		roomsPage("negative Limit", "Limit", &alfaview.ListRoomsOptions{Limit: -1}),
		roomsPage("Limit above the maximum", "Limit", &alfaview.ListRoomsOptions{Limit: alfaview.MaxRoomsPageSize + 1}),
		roomsPage("blank FilterRoomIDs entry", "FilterRoomIDs[0]", &alfaview.ListRoomsOptions{FilterRoomIDs: []string{"\t"}}),
		roomsPage("PageToken not a token", "PageToken", &alfaview.ListRoomsOptions{PageToken: "2.5"}),
		roomsPage("PageToken with a sign", "PageToken", &alfaview.ListRoomsOptions{PageToken: "+2"}),
		listRoomsPage("negative Limit", "Limit", &alfaview.ListRoomsOptions{Limit: -5}, 0),
		listRoomsPage("Limit above the maximum", "Limit", &alfaview.ListRoomsOptions{Limit: alfaview.MaxRoomsPageSize + 1}, 0),
		listRoomsPage("negative offset", "offset", nil, -1),
		listRoomsPage("empty FilterRoomIDs entry", "FilterRoomIDs[0]", &alfaview.ListRoomsOptions{FilterRoomIDs: []string{""}}, 0),
		listRoomsPage("a PageToken beside the offset", "PageToken", &alfaview.ListRoomsOptions{PageToken: "2"}, 0),

		option("WithTimezone", "nil location", "WithTimezone", alfaview.WithTimezone(nil)),
		option("WithTimezone", "time.Local", "WithTimezone", alfaview.WithTimezone(time.Local)),
	}
	rows = append(rows, engineOptionRows(engineOptions[alfaview.Option]{
		baseURL: alfaview.WithBaseURL, maxRetries: alfaview.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) alfaview.Option { return alfaview.WithRetry(p) },
		maxResponseBytes: alfaview.WithMaxResponseBytes, userAgent: alfaview.WithUserAgent,
	}, "", func(f F, opts ...alfaview.Option) error { return f.newClient(apiKey, opts...) })...)
	rows = append(rows, callOptionRows(callOptions{alfaview.WithHeader, alfaview.WithRequestMaxRetries, alfaview.WithResponseInto}, nil,
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.PermissionGroups.List(ctx, o)
			return err
		})...)

	return &suite[F]{
		vendor:   "alfaview",
		sentinel: alfaview.ErrInvalidParams,
		client:   reflect.TypeFor[alfaview.Client](),
		modes:    []string{"APIKeyCredentials", "PasswordCredentials"},
		start: func(t *testing.T, mode string) F {
			srv := alfaviewtest.NewServer(t)
			var creds alfaview.Credentials = srv.APIKeyCredentials()
			if mode == "PasswordCredentials" {
				creds = srv.PasswordCredentials()
			}
			c, err := alfaview.NewClient(creds, append(srv.Options(), alfaview.WithMaxRetries(0))...)
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			return &alfaviewFixture{srv: srv, c: c}
		},
		control: func(ctx context.Context, f F) error {
			_, err := f.c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Lobby"})
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "RoomsService.Create", input: "unknown Type",
				reason: "RoomType is open: alfaview may add types, the package keeps unknown ones, and alfaview answers INVALID_ARGUMENT for one it does not know",
				call: func(ctx context.Context, f F) error {
					_, err := f.c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Lobby", Type: "ROOM_TYPE_FUTURE"})
					return err
				}},
			{method: "RoomsService.Create", input: "unknown Mode",
				reason: "RoomMode is open for the same reason as RoomType",
				call: func(ctx context.Context, f F) error {
					_, err := f.c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Lobby", Mode: "ROOM_MODE_FUTURE"})
					return err
				}},
			{method: "LinksService.CreateGuestLinks", input: "no DisplayName",
				reason: "optional: alfaview's create-guest-links example says so and its SDK model has no requirement",
				call: func(ctx context.Context, f F) error {
					_, err := f.c.Links.CreateGuestLinks(ctx, "room-1", []alfaview.GuestLinkCreation{{Email: "ada@example.com", PermissionGroupID: "pg"}})
					return err
				}},
			{method: "LinksService.CreateGuestLinks", input: "a Locale beyond de and en",
				reason: "the SDK's model takes a free string and its own test sends en-US: only the shape is checked, alfaview decides which languages it has",
				call: func(ctx context.Context, f F) error {
					_, err := f.c.Links.CreateGuestLinks(ctx, "room-1", []alfaview.GuestLinkCreation{{Email: "ada@example.com", Locale: "fr-CA", PermissionGroupID: "pg"}})
					return err
				}},
			{method: "RoomsService.List", input: "unknown FilterRoomTypes entry",
				reason: "RoomType is open: a type alfaview does not have filters out every room",
				call: func(ctx context.Context, f F) error {
					return drain(f.c.Rooms.List(ctx, &alfaview.ListRoomsOptions{FilterRoomTypes: []alfaview.RoomType{"ROOM_TYPE_FUTURE"}}))
				}},
		},
	}
}
