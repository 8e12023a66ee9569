package alfaview_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

// Invite people to a room: find the permission group by name and create
// group links valid for one afternoon. Against the real API, pass your
// APIKeyCredentials and no options.
func Example() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	room := srv.AddRoom(alfaview.Room{ID: "4173dafb-5cde-4c85-95a3-20ebdd43698a", DisplayName: "Workshop"})

	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	participant, ok := alfaview.FindPermissionGroup(groups, "participant")
	if !ok {
		log.Fatal("no Participant permission group")
	}
	start := time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)
	links, err := c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{
		{Description: "Table 1", ValidFrom: start, ValidUntil: start.Add(4 * time.Hour), PermissionGroupID: participant.ID},
		{Description: "Table 2", ValidFrom: start, ValidUntil: start.Add(4 * time.Hour), PermissionGroupID: participant.ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range links {
		fmt.Println(l.Description, l.ValidFrom.Format(time.RFC3339), "to", l.ValidUntil.Format(time.RFC3339))
		fmt.Println(" ", l.JoinLink)
	}
	// Output:
	// Table 1 2030-03-14T13:00:00Z to 2030-03-14T17:00:00Z
	//   https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/4173dafb-5cde-4c85-95a3-20ebdd43698a/UDnlgrGXlfxumBE16Yj8MOJI2PN0yYT2/v2
	// Table 2 2030-03-14T13:00:00Z to 2030-03-14T17:00:00Z
	//   https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/4173dafb-5cde-4c85-95a3-20ebdd43698a/13lyG9prT8zBD9po1kdnlqw3gkgzdoDW/v2
}

func ExamplePermissionGroupsService_List() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	groups, err := c.PermissionGroups.List(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range groups {
		fmt.Println(g.Order, g.Name, "voice:", g.Permissions["voice"])
	}
	// Output:
	// 1 Moderator voice: true
	// 2 Participant voice: true
	// 3 Spectator voice: false
}

func ExampleLinksService_CreateGuestLinks() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	room := srv.AddRoom(alfaview.Room{ID: "0d7a8c3e-1b2f-4e5d-9c6b-7a8f9e0d1c2b", DisplayName: "Interview"})
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	spectator, _ := alfaview.FindPermissionGroup(groups, "Spectator")
	links, err := c.Links.CreateGuestLinks(ctx, room.ID, []alfaview.GuestLinkCreation{{
		Email:             "ada@example.com",
		DisplayName:       "Ada Lovelace",
		Locale:            "en",
		ValidUntil:        time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC),
		PermissionGroupID: spectator.ID,
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(links[0].DisplayName, links[0].Email, links[0].Locale)
	fmt.Println(links[0].JoinLink)
	// Output:
	// Ada Lovelace ada@example.com en
	// https://app.alfaview.com/#/join/01EZYCFW9MJ10P15YJ63NZ8S47/0d7a8c3e-1b2f-4e5d-9c6b-7a8f9e0d1c2b/UDnlgrGXlfxumBE16Yj8MOJI2PN0yYT2/v2
}

func ExampleLinksService_Delete() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	room := srv.AddRoom(alfaview.Room{DisplayName: "Lab"})
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	links, err := c.Links.CreateGroupLinks(ctx, room.ID, []alfaview.GroupLinkCreation{
		{Description: "temporary", PermissionGroupID: srv.PermissionGroupID("Participant")}})
	if err != nil {
		log.Fatal(err)
	}
	if err := c.Links.Delete(ctx, room.ID, links[0].ID); err != nil {
		log.Fatal(err)
	}
	left, err := c.Links.ListGroupLinks(ctx, room.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(left), "links left")
	// Output:
	// 0 links left
}

func ExampleRoomsService_List() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	for _, name := range []string{"Berlin", "Hamburg", "Munich"} {
		srv.AddRoom(alfaview.Room{DisplayName: name})
	}
	srv.AddRoom(alfaview.Room{DisplayName: "Sales", Type: alfaview.RoomTypeDepartment})
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	opts := &alfaview.ListRoomsOptions{FilterRoomTypes: []alfaview.RoomType{alfaview.RoomTypeRoom}}
	for room, err := range c.Rooms.List(context.Background(), opts) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(room.DisplayName, room.Type)
	}
	// Output:
	// Berlin ROOM_TYPE_ROOM
	// Hamburg ROOM_TYPE_ROOM
	// Munich ROOM_TYPE_ROOM
}

// Page hands out one page at a time; its NextPageToken resumes the
// listing later, in this run or another.
func ExampleRoomsService_Page() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	for _, name := range []string{"Berlin", "Hamburg", "Munich"} {
		srv.AddRoom(alfaview.Room{DisplayName: name})
	}
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	opts := &alfaview.ListRoomsOptions{Limit: 2}
	for p, err := c.Rooms.Page(ctx, opts); ; p, err = p.NextPage(ctx) {
		if errors.Is(err, alfaview.ErrNoMorePages) {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range p.Rooms {
			fmt.Print(r.DisplayName, " ")
		}
		fmt.Printf("(more: %t)\n", p.NextPageToken != "")
	}
	// Output:
	// Berlin Hamburg (more: true)
	// Munich (more: false)
}

func ExampleRoomsService_Create() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	room, err := c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Final exam", Mode: alfaview.RoomModeExam})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(room.DisplayName, room.Mode, room.Type)
	if err := c.Rooms.Delete(ctx, room.ID); err != nil {
		log.Fatal(err)
	}
	// Output:
	// Final exam ROOM_MODE_EXAM ROOM_TYPE_ROOM
}

// Failures are *alfaview.Error values that match the package's sentinels;
// WithRequestID tags a call so it can be found in logs.
func ExampleError() {
	srv := alfaviewtest.NewServer(nil)
	defer srv.Close()
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), srv.Options()...)
	if err != nil {
		log.Fatal(err)
	}
	ctx := alfaview.WithRequestID(context.Background(), "invite-2030-03-14")
	_, err = c.Links.CreateGroupLinks(ctx, "no-such-room", []alfaview.GroupLinkCreation{
		{PermissionGroupID: srv.PermissionGroupID("Participant")}})
	var e *alfaview.Error
	if errors.As(err, &e) {
		fmt.Println(errors.Is(err, alfaview.ErrRoomNotFound), e.HTTPStatus, e.StatusCode, e.RequestID)
	}
	fmt.Println(err)

	_, err = c.Links.CreateGroupLinks(ctx, "", nil)
	fmt.Println(errors.Is(err, alfaview.ErrInvalidParams), err)
	// Output:
	// true 200 ROOM_NOT_FOUND invite-2030-03-14
	// alfaview: links.createGroupLinks (POST /guestService.v2/createGroupLinks): 200 ROOM_NOT_FOUND: room not found [request invite-2030-03-14]
	// true alfaview: links.createGroupLinks: invalid params: roomID must not be empty; links must hold at least one link
}
