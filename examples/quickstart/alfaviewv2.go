package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	alfaviewv2 "github.com/grantkit/grantkit-go/alfaview/v2"
	alfaviewv2test "github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
)

// runAlfaviewV2 walks the REST API v2, the one new integrations use: it
// finds the "Participant" permission group, creates a room with two group
// links valid over the next two hours, walks the room's links page by page
// and logs a guest in with the first one's access key. Live, it runs when
// ALFAVIEW_KEY is set too, and deletes the room and links at the end.
func runAlfaviewV2(ctx context.Context, s *session) error {
	if s.live && s.getenv("ALFAVIEW_KEY") == "" {
		s.printf("v2: skipped: set ALFAVIEW_KEY (with ALFAVIEW_CLIENT_ID and ALFAVIEW_COMPANY_ID) for the REST API v2")
		return nil
	}
	c, err := alfaviewV2Client(s)
	if err != nil {
		return err
	}
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		return fmt.Errorf("v2: list permission groups: %w", err)
	}
	var pg *alfaviewv2.PermissionGroup
	for i := range groups {
		if strings.EqualFold(groups[i].Name, "Participant") {
			pg = &groups[i]
		}
	}
	if pg == nil {
		return fmt.Errorf("v2: no permission group named Participant among %d", len(groups))
	}
	s.printf("v2: logged in; %d permission groups, Participant is %s", len(groups), pg.ID)

	room, err := c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "grantkit quickstart", Type: alfaviewv2.RoomTypeRoom})
	if err != nil {
		return fmt.Errorf("v2: create a room: %w", err)
	}
	if s.live {
		s.atEnd(func(ctx context.Context) error { return c.Rooms.Delete(ctx, room) })
	}
	from := time.Now().UTC().Truncate(time.Minute)
	ids, err := c.GroupLinks.Create(ctx, room, &alfaviewv2.CreateGroupLinksParams{Origin: "grantkit quickstart", Links: []alfaviewv2.GroupLinkCreate{
		{Description: "quickstart: team", PermissionGroupID: pg.ID, ValidFrom: from, ValidUntil: from.Add(2 * time.Hour)},
		{Description: "quickstart: guests", PermissionGroupID: pg.ID, ValidFrom: from, ValidUntil: from.Add(2 * time.Hour)},
	}})
	if err != nil {
		return fmt.Errorf("v2: create group links: %w", err)
	}
	if s.live {
		for _, id := range ids {
			s.atEnd(func(ctx context.Context) error { return c.GroupLinks.Delete(ctx, room, id) })
		}
	}
	s.printf("v2: created room %s with %d group links", room, len(ids))

	var first *alfaviewv2.GroupLink
	for l, err := range c.GroupLinks.List(ctx, &alfaviewv2.ListLinksOptions{RoomID: room, Limit: 1}) { // one per page
		if err != nil {
			return fmt.Errorf("v2: list the room's group links: %w", err)
		}
		if first == nil {
			first = l
		}
		s.printf("v2: %-19q %s", l.Description, l.JoinLink)
	}
	if first == nil {
		return fmt.Errorf("v2: room %s lists none of its links", room)
	}

	guest, err := c.Auth.AuthenticateGroupLink(ctx, &alfaviewv2.AuthenticateGroupLinkParams{
		AccessKey: first.AccessKey, CompanyID: companyID(s), RoomID: room, DisplayName: "Quickstart guest"})
	if err != nil {
		return fmt.Errorf("v2: authenticate a guest: %w", err)
	}
	// The guest's token and launch URL print masked: they let the guest in.
	s.printf("v2: guest %q logged in by access key; token %v until %s", guest.DisplayName, guest.AccessToken,
		guest.TokenExpiresAt.Format(time.RFC3339))
	return nil
}

func alfaviewV2Client(s *session) (*alfaviewv2.Client, error) {
	opts := []alfaviewv2.Option{alfaviewv2.WithLogger(s.logger), alfaviewv2.WithUserAgent("grantkit-quickstart")}
	if s.live {
		s.where += "; v2 " + alfaviewv2.DefaultBaseURL
		return alfaviewv2.NewClient(alfaviewv2.APIKeyCredentials{ClientID: s.getenv("ALFAVIEW_CLIENT_ID"),
			Key: s.getenv("ALFAVIEW_KEY"), CompanyID: s.getenv("ALFAVIEW_COMPANY_ID")}, opts...)
	}
	srv := alfaviewv2test.NewServer(nil)
	s.closeFake(srv.Close)
	s.where += "; v2 fake at " + srv.URL
	if s.faults {
		injectFaults(s, srv,
			route("POST", "/group-links"),
			route("GET", "/v2/permission-groups"),
			route("POST", "/v2/auth/group-link"))
	}
	return alfaviewv2.NewClient(srv.APIKeyCredentials(), append(srv.Options(), opts...)...)
}

// companyID is the company a guest logs in to.
func companyID(s *session) string {
	if s.live {
		return s.getenv("ALFAVIEW_COMPANY_ID")
	}
	return alfaviewv2test.CompanyID
}
