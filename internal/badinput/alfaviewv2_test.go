package badinput

import (
	"context"
	"reflect"
	"testing"
	"time"

	alfaviewv2 "github.com/grantkit/grantkit-go/alfaview/v2"
	alfaviewv2test "github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/auth"
	"github.com/grantkit/grantkit-go/internal/transport"
)

// alfaviewV2Fixture is the v2 fake with a client of it.
type alfaviewV2Fixture struct {
	srv    *alfaviewv2test.Server
	c      *alfaviewv2.Client
	static bool
}

func (f *alfaviewV2Fixture) requests() int { return f.srv.RequestCount() }

func (f *alfaviewV2Fixture) auths() int {
	if f.static {
		return -1
	}
	return f.srv.AuthCount()
}

// newClient builds a client of the fake with creds and opts after the
// fake's own options.
func (f *alfaviewV2Fixture) newClient(creds alfaviewv2.Credentials, opts ...alfaviewv2.Option) error {
	_, err := alfaviewv2.NewClient(creds, append(f.srv.Options(), opts...)...)
	return err
}

func newAlfaviewV2Fixture(t *testing.T, mode string) *alfaviewV2Fixture {
	srv := alfaviewv2test.NewServer(t)
	f := &alfaviewV2Fixture{srv: srv, static: mode == "AccessToken"}
	var creds alfaviewv2.Credentials
	switch mode {
	case "APIKeyCredentials":
		creds = srv.APIKeyCredentials()
	case "PasswordCredentials":
		creds = srv.PasswordCredentials()
	default:
		creds = srv.AccessToken()
	}
	c, err := alfaviewv2.NewClient(creds, append(srv.Options(), alfaviewv2.WithMaxRetries(0))...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	f.c = c
	return f
}

func alfaviewV2Suite() vendorSuite {
	type F = *alfaviewV2Fixture
	type C = *alfaviewv2.Client
	from := time.Date(2030, 1, 7, 9, 0, 0, 0, time.UTC)
	until := from.Add(2 * time.Hour)
	earlier := from.Add(-time.Hour)
	group := alfaviewv2.GroupLinkCreate{Description: "Workshop", PermissionGroupID: "pg", ValidFrom: from, ValidUntil: until}
	guest := alfaviewv2.GuestLinkCreate{DisplayName: "Ada", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: "pg",
		ValidFrom: from, ValidUntil: until}
	// The bad link is the second, so that the error must carry its index.
	groups := func(mod func(*alfaviewv2.GroupLinkCreate)) []alfaviewv2.GroupLinkCreate {
		bad := group
		mod(&bad)
		return []alfaviewv2.GroupLinkCreate{group, bad}
	}
	guests := func(mod func(*alfaviewv2.GuestLinkCreate)) []alfaviewv2.GuestLinkCreate {
		bad := guest
		mod(&bad)
		return []alfaviewv2.GuestLinkCreate{guest, bad}
	}
	meeting := func(mod func(*alfaviewv2.MeetingCreate)) *alfaviewv2.MeetingCreate {
		m := &alfaviewv2.MeetingCreate{Title: "Kick-off", Start: from, End: until, Timezone: "Europe/Berlin"}
		mod(m)
		return m
	}
	one := func(method, class, field string, call func(ctx context.Context, c C) error) row[F] {
		return row[F]{method: method, class: class, field: field,
			call: func(ctx context.Context, f F) error { return call(ctx, f.c) }}
	}
	err1 := func(_ any, err error) error { return err }
	ctor := func(class, field string, creds alfaviewv2.Credentials) row[F] {
		return row[F]{method: "NewClient", class: class, field: field, ctor: true, wrap: true,
			call: func(_ context.Context, f F) error { return f.newClient(creds) }}
	}
	var nilKey *alfaviewv2.APIKeyCredentials
	var nilPassword *alfaviewv2.PasswordCredentials
	var nilToken *alfaviewv2.AccessToken
	apiKey := alfaviewv2.APIKeyCredentials{ClientID: "id", Key: "key", CompanyID: "company"}

	rows := []row[F]{
		ctor("nil credentials", "creds", nil),
		ctor("nil *APIKeyCredentials", "creds", nilKey),
		ctor("nil *PasswordCredentials", "creds", nilPassword),
		ctor("nil *AccessToken", "creds", nilToken),
		ctor("empty ClientID", "APIKeyCredentials.ClientID", alfaviewv2.APIKeyCredentials{Key: "k", CompanyID: "c"}),
		ctor("blank Key", "APIKeyCredentials.Key", alfaviewv2.APIKeyCredentials{ClientID: "id", Key: " \t", CompanyID: "c"}),
		ctor("empty CompanyID behind a pointer", "APIKeyCredentials.CompanyID", &alfaviewv2.APIKeyCredentials{ClientID: "id", Key: "k"}),
		ctor("empty Username", "PasswordCredentials.Username", alfaviewv2.PasswordCredentials{Password: "p"}),
		ctor("empty Password", "PasswordCredentials.Password", alfaviewv2.PasswordCredentials{Username: "u"}),
		ctor("empty AccessToken", "AccessToken", alfaviewv2.AccessToken("")),
		{method: "WithTokenStore", class: "with an AccessToken", field: "WithTokenStore", ctor: true, wrap: true,
			call: func(_ context.Context, f F) error {
				return f.newClient(f.srv.AccessToken(), alfaviewv2.WithTokenStore(&auth.MemoryStore{}))
			}},

		one("AuthService.AuthenticateGroupLink", "nil params", "p", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGroupLink(ctx, nil))
		}),
		one("AuthService.AuthenticateGroupLink", "empty AccessKey", "AccessKey", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGroupLink(ctx, &alfaviewv2.AuthenticateGroupLinkParams{CompanyID: "c", DisplayName: "G", RoomID: "r"}))
		}),
		one("AuthService.AuthenticateGroupLink", "empty DisplayName", "DisplayName", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGroupLink(ctx, &alfaviewv2.AuthenticateGroupLinkParams{AccessKey: "k", CompanyID: "c", RoomID: "r"}))
		}),
		one("AuthService.AuthenticateGuestLink", "nil params", "p", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGuestLink(ctx, nil))
		}),
		one("AuthService.AuthenticateGuestLink", "blank RoomID", "RoomID", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGuestLink(ctx, &alfaviewv2.AuthenticateGuestLinkParams{AccessKey: "k", CompanyID: "c", RoomID: " "}))
		}),
		one("AuthService.AuthenticateGuestLink", "empty CompanyID", "CompanyID", func(ctx context.Context, c C) error {
			return err1(c.Auth.AuthenticateGuestLink(ctx, &alfaviewv2.AuthenticateGuestLinkParams{AccessKey: "k", RoomID: "r"}))
		}),

		one("RoomsService.List", "Limit above the maximum", "Limit", func(ctx context.Context, c C) error {
			return first(c.Rooms.List(ctx, &alfaviewv2.ListRoomsOptions{Limit: alfaviewv2.MaxRoomsPageSize + 1}))
		}),
		one("RoomsService.List", "negative Limit", "Limit", func(ctx context.Context, c C) error {
			return first(c.Rooms.List(ctx, &alfaviewv2.ListRoomsOptions{Limit: -1}))
		}),
		one("RoomsService.List", "unknown type", "Types[1]", func(ctx context.Context, c C) error {
			return first(c.Rooms.List(ctx, &alfaviewv2.ListRoomsOptions{Types: []alfaviewv2.RoomType{alfaviewv2.RoomTypeRoom, "ROOM_TYPE_ROOM"}}))
		}),
		one("RoomsService.ListPage", "Limit above the maximum", "Limit", func(ctx context.Context, c C) error {
			return err1(c.Rooms.ListPage(ctx, &alfaviewv2.ListRoomsOptions{Limit: 51}, ""))
		}),
		one("RoomsService.ListPage", "empty type", "Types[0]", func(ctx context.Context, c C) error {
			return err1(c.Rooms.ListPage(ctx, &alfaviewv2.ListRoomsOptions{Types: []alfaviewv2.RoomType{""}}, ""))
		}),
		one("RoomsService.Get", "empty roomID", "roomID", func(ctx context.Context, c C) error { return err1(c.Rooms.Get(ctx, "")) }),
		one("RoomsService.Get", "blank roomID", "roomID", func(ctx context.Context, c C) error { return err1(c.Rooms.Get(ctx, " \n")) }),
		one("RoomsService.Create", "nil room", "r", func(ctx context.Context, c C) error { return err1(c.Rooms.Create(ctx, nil)) }),
		one("RoomsService.Create", "empty DisplayName", "DisplayName", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{Type: alfaviewv2.RoomTypeRoom}))
		}),
		one("RoomsService.Create", "missing Type", "Type", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lab"}))
		}),
		one("RoomsService.Create", "meeting Type", "Type", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lab", Type: alfaviewv2.RoomTypeMeeting}))
		}),
		one("RoomsService.Create", "department with a waiting room", "WaitingRoomEnabled", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Dept", Type: alfaviewv2.RoomTypeDepartment, WaitingRoomEnabled: true}))
		}),
		one("RoomsService.Create", "negative quota", "Quotas.SpectatorOnlyParticipants", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lab", Type: alfaviewv2.RoomTypeRoom,
				Quotas: &alfaviewv2.RoomQuotas{SpectatorOnlyParticipants: -1}}))
		}),
		one("RoomsService.Create", "unknown feature state", "Features.RaiseHands", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lab", Type: alfaviewv2.RoomTypeRoom,
				Features: alfaviewv2.RoomFeatures{RaiseHands: "on"}}))
		}),
		one("RoomsService.Create", "permission without ParticipantID", "Permissions[0].ParticipantID", func(ctx context.Context, c C) error {
			return err1(c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lab", Type: alfaviewv2.RoomTypeRoom,
				Permissions: []alfaviewv2.ParticipantPermissions{{}}}))
		}),
		one("RoomsService.Update", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return c.Rooms.Update(ctx, "", &alfaviewv2.RoomUpdate{})
		}),
		one("RoomsService.Update", "nil update", "u", func(ctx context.Context, c C) error { return c.Rooms.Update(ctx, "r1", nil) }),
		one("RoomsService.Update", "empty DisplayName", "DisplayName", func(ctx context.Context, c C) error {
			return c.Rooms.Update(ctx, "r1", &alfaviewv2.RoomUpdate{DisplayName: alfaviewv2.Ptr("")})
		}),
		one("RoomsService.Update", "unknown feature state", "Features.BlockWebclient", func(ctx context.Context, c C) error {
			return c.Rooms.Update(ctx, "r1", &alfaviewv2.RoomUpdate{Features: &alfaviewv2.RoomFeatures{BlockWebclient: "ENABLED"}})
		}),
		one("RoomsService.Update", "negative quota", "Quotas.ActiveParticipants", func(ctx context.Context, c C) error {
			return c.Rooms.Update(ctx, "r1", &alfaviewv2.RoomUpdate{Quotas: &alfaviewv2.RoomQuotas{ActiveParticipants: -5}})
		}),
		one("RoomsService.Delete", "empty roomID", "roomID", func(ctx context.Context, c C) error { return c.Rooms.Delete(ctx, "") }),

		one("RoomsService.ListSubrooms", "empty roomID", "roomID", func(ctx context.Context, c C) error { return err1(c.Rooms.ListSubrooms(ctx, "")) }),
		one("RoomsService.CreateSubroom", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.Rooms.CreateSubroom(ctx, "", &alfaviewv2.SubroomEdit{}))
		}),
		one("RoomsService.CreateSubroom", "nil subroom", "e", func(ctx context.Context, c C) error { return err1(c.Rooms.CreateSubroom(ctx, "r1", nil)) }),
		one("RoomsService.UpdateSubroom", "empty subroomID", "subroomID", func(ctx context.Context, c C) error {
			return c.Rooms.UpdateSubroom(ctx, "r1", "", &alfaviewv2.SubroomEdit{})
		}),
		one("RoomsService.UpdateSubroom", "nil edit", "e", func(ctx context.Context, c C) error { return c.Rooms.UpdateSubroom(ctx, "r1", "s1", nil) }),
		one("RoomsService.DeleteSubroom", "blank roomID", "roomID", func(ctx context.Context, c C) error { return c.Rooms.DeleteSubroom(ctx, " ", "s1") }),
		one("RoomsService.DeleteSubroom", "empty subroomID", "subroomID", func(ctx context.Context, c C) error { return c.Rooms.DeleteSubroom(ctx, "r1", "") }),

		one("RoomsService.ListPermissions", "empty roomID", "roomID", func(ctx context.Context, c C) error { return err1(c.Rooms.ListPermissions(ctx, "")) }),
		one("RoomsService.CreatePermissions", "nil permissions", "p", func(ctx context.Context, c C) error {
			return c.Rooms.CreatePermissions(ctx, "r1", nil)
		}),
		one("RoomsService.CreatePermissions", "empty ParticipantID", "ParticipantID", func(ctx context.Context, c C) error {
			return c.Rooms.CreatePermissions(ctx, "r1", &alfaviewv2.ParticipantPermissions{})
		}),
		one("RoomsService.CreatePermissions", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return c.Rooms.CreatePermissions(ctx, "", &alfaviewv2.ParticipantPermissions{ParticipantID: "u1"})
		}),
		one("RoomsService.UpdatePermissions", "empty userID", "userID", func(ctx context.Context, c C) error {
			return c.Rooms.UpdatePermissions(ctx, "r1", "", &alfaviewv2.PermissionsEdit{})
		}),
		one("RoomsService.UpdatePermissions", "nil edit", "e", func(ctx context.Context, c C) error {
			return c.Rooms.UpdatePermissions(ctx, "r1", "u1", nil)
		}),
		one("RoomsService.DeletePermissions", "empty userID", "userID", func(ctx context.Context, c C) error {
			return c.Rooms.DeletePermissions(ctx, "r1", "")
		}),

		one("RoomsService.GetFeatures", "empty roomID", "roomID", func(ctx context.Context, c C) error { return err1(c.Rooms.GetFeatures(ctx, "")) }),
		one("RoomsService.UpdateFeatures", "nil features", "f", func(ctx context.Context, c C) error { return c.Rooms.UpdateFeatures(ctx, "r1", nil) }),
		one("RoomsService.UpdateFeatures", "unknown state", "f.SortVideoGridAlphabetically", func(ctx context.Context, c C) error {
			return c.Rooms.UpdateFeatures(ctx, "r1", &alfaviewv2.RoomFeatures{SortVideoGridAlphabetically: "yes"})
		}),
		one("RoomsService.DeleteFeatures", "empty roomID", "roomID", func(ctx context.Context, c C) error { return c.Rooms.DeleteFeatures(ctx, "") }),
		one("RoomsService.GetLanguageSettings", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.Rooms.GetLanguageSettings(ctx, ""))
		}),
		one("RoomsService.UpdateLanguageSettings", "nil settings", "e", func(ctx context.Context, c C) error {
			return c.Rooms.UpdateLanguageSettings(ctx, "r1", nil)
		}),
		one("RoomsService.UpdateLanguageSettings", "unknown TranscriptionType", "TranscriptionType", func(ctx context.Context, c C) error {
			return c.Rooms.UpdateLanguageSettings(ctx, "r1", &alfaviewv2.LanguageSettingsEdit{TranscriptionType: "subtitles"})
		}),
		one("RoomsService.ListParticipants", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.Rooms.ListParticipants(ctx, ""))
		}),

		one("GroupLinksService.Create", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "", &alfaviewv2.CreateGroupLinksParams{Links: []alfaviewv2.GroupLinkCreate{group}}))
		}),
		one("GroupLinksService.Create", "nil params", "p", func(ctx context.Context, c C) error { return err1(c.GroupLinks.Create(ctx, "r1", nil)) }),
		one("GroupLinksService.Create", "no links", "Links", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "r1", &alfaviewv2.CreateGroupLinksParams{}))
		}),
		one("GroupLinksService.Create", "empty Description", "Links[1].Description", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "r1", &alfaviewv2.CreateGroupLinksParams{Links: groups(func(l *alfaviewv2.GroupLinkCreate) { l.Description = "" })}))
		}),
		one("GroupLinksService.Create", "blank PermissionGroupID", "Links[1].PermissionGroupID", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "r1", &alfaviewv2.CreateGroupLinksParams{Links: groups(func(l *alfaviewv2.GroupLinkCreate) { l.PermissionGroupID = " " })}))
		}),
		one("GroupLinksService.Create", "ValidUntil before ValidFrom", "Links[1].ValidUntil", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "r1", &alfaviewv2.CreateGroupLinksParams{Links: groups(func(l *alfaviewv2.GroupLinkCreate) { l.ValidUntil = earlier })}))
		}),
		one("GroupLinksService.Create", "ValidUntil equal to ValidFrom", "Links[1].ValidUntil", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.Create(ctx, "r1", &alfaviewv2.CreateGroupLinksParams{Links: groups(func(l *alfaviewv2.GroupLinkCreate) { l.ValidUntil = l.ValidFrom })}))
		}),
		one("GroupLinksService.Get", "empty linkID", "linkID", func(ctx context.Context, c C) error { return err1(c.GroupLinks.Get(ctx, "")) }),
		one("GroupLinksService.List", "Limit above the maximum", "Limit", func(ctx context.Context, c C) error {
			return first(c.GroupLinks.List(ctx, &alfaviewv2.ListLinksOptions{Limit: alfaviewv2.MaxLinksPageSize + 1}))
		}),
		one("GroupLinksService.List", "blank RoomID", "RoomID", func(ctx context.Context, c C) error {
			return first(c.GroupLinks.List(ctx, &alfaviewv2.ListLinksOptions{RoomID: "  "}))
		}),
		one("GroupLinksService.ListPage", "negative Limit", "Limit", func(ctx context.Context, c C) error {
			return err1(c.GroupLinks.ListPage(ctx, &alfaviewv2.ListLinksOptions{Limit: -1}, ""))
		}),
		one("GroupLinksService.Update", "nil update", "u", func(ctx context.Context, c C) error { return c.GroupLinks.Update(ctx, "l1", nil) }),
		one("GroupLinksService.Update", "empty linkID", "linkID", func(ctx context.Context, c C) error {
			return c.GroupLinks.Update(ctx, "", &alfaviewv2.GroupLinkUpdate{})
		}),
		one("GroupLinksService.Update", "ValidUntil before ValidFrom", "ValidUntil", func(ctx context.Context, c C) error {
			return c.GroupLinks.Update(ctx, "l1", &alfaviewv2.GroupLinkUpdate{ValidFrom: &from, ValidUntil: &earlier})
		}),
		one("GroupLinksService.Update", "empty PermissionGroupID", "PermissionGroupID", func(ctx context.Context, c C) error {
			return c.GroupLinks.Update(ctx, "l1", &alfaviewv2.GroupLinkUpdate{PermissionGroupID: alfaviewv2.Ptr("")})
		}),
		one("GroupLinksService.Delete", "empty roomID", "roomID", func(ctx context.Context, c C) error { return c.GroupLinks.Delete(ctx, "", "l1") }),
		one("GroupLinksService.Delete", "empty linkID", "linkID", func(ctx context.Context, c C) error { return c.GroupLinks.Delete(ctx, "r1", "") }),

		one("GuestLinksService.Create", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "", &alfaviewv2.CreateGuestLinksParams{Links: []alfaviewv2.GuestLinkCreate{guest}}))
		}),
		one("GuestLinksService.Create", "nil params", "p", func(ctx context.Context, c C) error { return err1(c.GuestLinks.Create(ctx, "r1", nil)) }),
		one("GuestLinksService.Create", "no links", "Links", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: []alfaviewv2.GuestLinkCreate{}}))
		}),
		one("GuestLinksService.Create", "empty DisplayName", "Links[1].DisplayName", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.DisplayName = "" })}))
		}),
		one("GuestLinksService.Create", "EmailAddress without @", "Links[1].EmailAddress", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.EmailAddress = "ada.example.com" })}))
		}),
		one("GuestLinksService.Create", "EmailAddress with a display name", "Links[1].EmailAddress", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.EmailAddress = "Ada <ada@example.com>" })}))
		}),
		one("GuestLinksService.Create", "empty Locale", "Links[1].Locale", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.Locale = "" })}))
		}),
		one("GuestLinksService.Create", "Locale that is no language tag", "Links[1].Locale", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.Locale = "English (US)" })}))
		}),
		one("GuestLinksService.Create", "empty PermissionGroupID", "Links[1].PermissionGroupID", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.PermissionGroupID = "" })}))
		}),
		one("GuestLinksService.Create", "ValidUntil before ValidFrom", "Links[1].ValidUntil", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Links: guests(func(l *alfaviewv2.GuestLinkCreate) { l.ValidUntil = earlier })}))
		}),
		one("GuestLinksService.Get", "blank linkID", "linkID", func(ctx context.Context, c C) error { return err1(c.GuestLinks.Get(ctx, "\t")) }),
		one("GuestLinksService.List", "negative Limit", "Limit", func(ctx context.Context, c C) error {
			return first(c.GuestLinks.List(ctx, &alfaviewv2.ListLinksOptions{Limit: -3}))
		}),
		one("GuestLinksService.ListPage", "Limit above the maximum", "Limit", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.ListPage(ctx, &alfaviewv2.ListLinksOptions{Limit: 501}, ""))
		}),
		one("GuestLinksService.ListPage", "blank RoomID", "RoomID", func(ctx context.Context, c C) error {
			return err1(c.GuestLinks.ListPage(ctx, &alfaviewv2.ListLinksOptions{RoomID: "\n"}, ""))
		}),
		one("GuestLinksService.Update", "nil update", "u", func(ctx context.Context, c C) error { return c.GuestLinks.Update(ctx, "g1", nil) }),
		one("GuestLinksService.Update", "empty DisplayName", "DisplayName", func(ctx context.Context, c C) error {
			return c.GuestLinks.Update(ctx, "g1", &alfaviewv2.GuestLinkUpdate{})
		}),
		one("GuestLinksService.Update", "bad EmailAddress", "EmailAddress", func(ctx context.Context, c C) error {
			return c.GuestLinks.Update(ctx, "g1", &alfaviewv2.GuestLinkUpdate{DisplayName: "Ada", EmailAddress: alfaviewv2.Ptr("ada@")})
		}),
		one("GuestLinksService.Update", "bad Locale", "Locale", func(ctx context.Context, c C) error {
			return c.GuestLinks.Update(ctx, "g1", &alfaviewv2.GuestLinkUpdate{DisplayName: "Ada", Locale: alfaviewv2.Ptr("e")})
		}),
		one("GuestLinksService.Update", "ValidUntil before ValidFrom", "ValidUntil", func(ctx context.Context, c C) error {
			return c.GuestLinks.Update(ctx, "g1", &alfaviewv2.GuestLinkUpdate{DisplayName: "Ada", ValidFrom: &from, ValidUntil: &earlier})
		}),
		one("GuestLinksService.Delete", "empty linkID", "linkID", func(ctx context.Context, c C) error { return c.GuestLinks.Delete(ctx, "r1", "") }),

		one("UsersService.Invite", "nil invitation", "inv", func(ctx context.Context, c C) error { return c.Users.Invite(ctx, nil) }),
		one("UsersService.Invite", "bad EmailAddress", "User.EmailAddress", func(ctx context.Context, c C) error {
			return c.Users.Invite(ctx, &alfaviewv2.UserInvitation{User: alfaviewv2.UserInformation{EmailAddress: "grace", FirstName: "G", LastName: "H"}})
		}),
		one("UsersService.Invite", "empty LastName", "User.LastName", func(ctx context.Context, c C) error {
			return c.Users.Invite(ctx, &alfaviewv2.UserInvitation{User: alfaviewv2.UserInformation{EmailAddress: "grace@example.com", FirstName: "G"}})
		}),
		one("UsersService.Invite", "bad Locale", "User.Locale", func(ctx context.Context, c C) error {
			return c.Users.Invite(ctx, &alfaviewv2.UserInvitation{User: alfaviewv2.UserInformation{EmailAddress: "grace@example.com",
				FirstName: "G", LastName: "H", Locale: "en US"}})
		}),

		one("MeetingsService.Create", "nil meeting", "m", func(ctx context.Context, c C) error { return err1(c.Meetings.Create(ctx, nil)) }),
		one("MeetingsService.Create", "empty Title", "Title", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.Title = " " })))
		}),
		one("MeetingsService.Create", "no Start", "Start", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.Start = time.Time{} })))
		}),
		one("MeetingsService.Create", "End before Start", "End", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.End = earlier })))
		}),
		one("MeetingsService.Create", "empty Timezone", "Timezone", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.Timezone = "" })))
		}),
		one("MeetingsService.Create", "EarlyAccessMinutes above 30", "EarlyAccessMinutes", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.EarlyAccessMinutes = alfaviewv2.Ptr[int64](31) })))
		}),
		one("MeetingsService.Create", "negative EarlyAccessMinutes", "EarlyAccessMinutes", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.EarlyAccessMinutes = alfaviewv2.Ptr[int64](-1) })))
		}),
		one("MeetingsService.Create", "unknown feature state", "RoomFeatures.DisableMiniWindow", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.RoomFeatures.DisableMiniWindow = "off" })))
		}),
		one("MeetingsService.Create", "bad guest link", "GuestLinks[0].EmailAddress", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) {
				bad := guest
				bad.EmailAddress = "nobody"
				m.GuestLinks = []alfaviewv2.GuestLinkCreate{bad}
			})))
		}),
		one("MeetingsService.Create", "bad group link", "GroupLinks[0].PermissionGroupID", func(ctx context.Context, c C) error {
			return err1(c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) {
				m.GroupLinks = []alfaviewv2.GroupLinkCreate{{Description: "x"}}
			})))
		}),
		one("MeetingsService.Get", "empty meetingID", "meetingID", func(ctx context.Context, c C) error { return err1(c.Meetings.Get(ctx, "")) }),
		one("MeetingsService.List", "To before From", "To", func(ctx context.Context, c C) error {
			return err1(c.Meetings.List(ctx, &alfaviewv2.ListMeetingsOptions{From: from, To: earlier}))
		}),
		one("MeetingsService.Update", "nil update", "u", func(ctx context.Context, c C) error { return c.Meetings.Update(ctx, "m1", nil) }),
		one("MeetingsService.Update", "empty meetingID", "meetingID", func(ctx context.Context, c C) error {
			return c.Meetings.Update(ctx, "", &alfaviewv2.MeetingUpdate{})
		}),
		one("MeetingsService.Update", "End before Start", "End", func(ctx context.Context, c C) error {
			return c.Meetings.Update(ctx, "m1", &alfaviewv2.MeetingUpdate{Start: &from, End: &earlier})
		}),
		one("MeetingsService.Update", "empty Title", "Title", func(ctx context.Context, c C) error {
			return c.Meetings.Update(ctx, "m1", &alfaviewv2.MeetingUpdate{Title: alfaviewv2.Ptr("")})
		}),
		one("MeetingsService.Update", "EarlyAccessMinutes above 30", "EarlyAccessMinutes", func(ctx context.Context, c C) error {
			return c.Meetings.Update(ctx, "m1", &alfaviewv2.MeetingUpdate{EarlyAccessMinutes: alfaviewv2.Ptr[int64](45)})
		}),
		one("MeetingsService.Cancel", "nil cancellation", "c", func(ctx context.Context, c C) error { return c.Meetings.Cancel(ctx, "m1", nil) }),
		one("MeetingsService.Cancel", "empty meetingID", "meetingID", func(ctx context.Context, c C) error {
			return c.Meetings.Cancel(ctx, "", &alfaviewv2.MeetingCancellation{})
		}),

		one("ReportsService.ListAttendances", "empty roomID", "roomID", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListAttendances(ctx, "", &alfaviewv2.ListAttendancesOptions{From: from, To: until}))
		}),
		one("ReportsService.ListAttendances", "nil options", "opts", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListAttendances(ctx, "r1", nil))
		}),
		one("ReportsService.ListAttendances", "no To", "To", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListAttendances(ctx, "r1", &alfaviewv2.ListAttendancesOptions{From: from}))
		}),
		one("ReportsService.ListAttendances", "To before From", "To", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListAttendances(ctx, "r1", &alfaviewv2.ListAttendancesOptions{From: from, To: earlier}))
		}),
		one("ReportsService.ListStatistics", "nil options", "opts", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListStatistics(ctx, nil))
		}),
		one("ReportsService.ListStatistics", "no From", "From", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListStatistics(ctx, &alfaviewv2.ListStatisticsOptions{To: until, StepDurationHours: 1}))
		}),
		one("ReportsService.ListStatistics", "zero StepDurationHours", "StepDurationHours", func(ctx context.Context, c C) error {
			return err1(c.Reports.ListStatistics(ctx, &alfaviewv2.ListStatisticsOptions{From: from, To: until}))
		}),
	}
	rows = append(rows, engineOptionRows(engineOptions[alfaviewv2.Option]{
		baseURL: alfaviewv2.WithBaseURL, maxRetries: alfaviewv2.WithMaxRetries,
		retry:            func(p transport.RetryPolicy) alfaviewv2.Option { return alfaviewv2.WithRetry(p) },
		maxResponseBytes: alfaviewv2.WithMaxResponseBytes, userAgent: alfaviewv2.WithUserAgent,
	}, "", func(f F, opts ...alfaviewv2.Option) error { return f.newClient(apiKey, opts...) })...)
	rows = append(rows, callOptionRows(callOptions{alfaviewv2.WithHeader, alfaviewv2.WithRequestMaxRetries, alfaviewv2.WithResponseInto}, nil,
		func(ctx context.Context, f F, o transport.CallOption) error {
			_, err := f.c.PermissionGroups.List(ctx, o)
			return err
		})...)

	return &suite[F]{
		vendor:   "alfaview/v2",
		sentinel: alfaviewv2.ErrInvalidParams,
		client:   reflect.TypeFor[alfaviewv2.Client](),
		modes:    []string{"APIKeyCredentials", "PasswordCredentials", "AccessToken"},
		start:    newAlfaviewV2Fixture,
		control: func(ctx context.Context, f F) error {
			_, err := f.c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Lobby", Type: alfaviewv2.RoomTypeRoom})
			return err
		},
		rows: rows,
		unchecked: []unchecked[F]{
			{method: "GuestLinksService.Create", input: "Timezone that is no IANA name",
				reason: "which names exist depends on the tz database of the caller's machine; alfaview judges the name",
				call: func(ctx context.Context, f F) error {
					return err1(f.c.GuestLinks.Create(ctx, "r1", &alfaviewv2.CreateGuestLinksParams{Timezone: "Mars/Olympus", Links: []alfaviewv2.GuestLinkCreate{guest}}))
				}},
			{method: "MeetingsService.Create", input: "Timezone that is no IANA name",
				reason: "as for guest links: the tz database differs between machines",
				call: func(ctx context.Context, f F) error {
					return err1(f.c.Meetings.Create(ctx, meeting(func(m *alfaviewv2.MeetingCreate) { m.Timezone = "Mars/Olympus" })))
				}},
			{method: "ReportsService.ListStatistics", input: "From more than 62 days ago",
				reason: "the limit is counted on alfaview's clock, not the caller's",
				call: func(ctx context.Context, f F) error {
					return err1(f.c.Reports.ListStatistics(ctx, &alfaviewv2.ListStatisticsOptions{From: time.Now().AddDate(0, -4, 0), To: time.Now(), StepDurationHours: 24}))
				}},
			{method: "UsersService.List", input: "EmailAddress that is no address",
				reason: "a filter: an address no user has lists nobody",
				call: func(ctx context.Context, f F) error {
					return err1(f.c.Users.List(ctx, &alfaviewv2.ListUsersOptions{EmailAddress: "not-an-address"}))
				}},
		},
	}
}
