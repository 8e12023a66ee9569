package main

import (
	"context"
	"fmt"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
)

// runAlfaview runs the JSON API v1 workflow, then the REST API v2 one
// (runAlfaviewV2).
func runAlfaview(ctx context.Context, s *session) error {
	if err := runAlfaviewV1(ctx, s); err != nil {
		return err
	}
	return runAlfaviewV2(ctx, s)
}

// runAlfaviewV1 authenticates, finds the "Participant" permission group,
// creates two group links for a room valid over the next two hours and lists
// the room's links.
func runAlfaviewV1(ctx context.Context, s *session) error {
	c, roomID, err := alfaviewClient(s)
	if err != nil {
		return err
	}
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		return fmt.Errorf("list permission groups: %w", err)
	}
	pg, ok := alfaview.FindPermissionGroup(groups, "Participant")
	if !ok {
		return fmt.Errorf("no permission group named Participant among %d", len(groups))
	}
	s.printf("v1: authenticated; %d permission groups, Participant is %s", len(groups), pg.ID)

	from := time.Now().UTC().Truncate(time.Minute)
	creations := []alfaview.GroupLinkCreation{
		{Description: "quickstart: team", ValidFrom: from, ValidUntil: from.Add(2 * time.Hour), PermissionGroupID: pg.ID},
		{Description: "quickstart: guests", ValidFrom: from, ValidUntil: from.Add(2 * time.Hour), PermissionGroupID: pg.ID},
	}
	links, err := c.Links.CreateGroupLinks(ctx, roomID, creations)
	// A PARTIAL_ERROR returns the links that were created with the error:
	// they exist, so they are cleaned up like the others.
	for _, l := range links {
		if s.live {
			s.atEnd(func(ctx context.Context) error { return c.Links.Delete(ctx, roomID, l.ID) })
		}
		s.printf("v1: created %-19q %s", l.Description, l.JoinLink)
	}
	if err != nil {
		return fmt.Errorf("create group links: %w", err)
	}

	listed, err := c.Links.ListGroupLinks(ctx, roomID)
	if err != nil {
		return fmt.Errorf("list group links: %w", err)
	}
	s.printf("v1: room %s has %d group links", roomID, len(listed))
	return nil
}

func alfaviewClient(s *session) (*alfaview.Client, string, error) {
	opts := []alfaview.Option{alfaview.WithLogger(s.logger), alfaview.WithUserAgent("grantkit-quickstart")}
	if s.live {
		s.where = "v1 " + alfaview.DefaultBaseURL
		creds := alfaview.APIKeyCredentials{ClientID: s.getenv("ALFAVIEW_CLIENT_ID"), Secret: s.getenv("ALFAVIEW_SECRET"),
			CompanyID: s.getenv("ALFAVIEW_COMPANY_ID")}
		c, err := alfaview.NewClient(creds, opts...)
		return c, s.getenv("ALFAVIEW_ROOM_ID"), err
	}
	srv := alfaviewtest.NewServer(nil)
	s.closeFake(srv.Close)
	s.where = "v1 fake at " + srv.URL
	room := srv.AddRoom(alfaview.Room{DisplayName: "Quickstart room"})
	if s.faults {
		injectFaults(s, srv,
			route("POST", "guestService.v2/createGroupLinks"),
			route("POST", "businessLogicService/permissionGroups/list"),
			route("POST", "guestService.v2/listGroupLinks"))
	}
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), append(srv.Options(), opts...)...)
	return c, room.ID, err
}
