package readme_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	alfaviewv2 "github.com/grantkit/grantkit-go/alfaview/v2"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/voltmx"
)

// README:begin alfaview
func inviteToRoom(ctx context.Context, creds alfaview.APIKeyCredentials, roomID string, opts ...alfaview.Option) error {
	c, err := alfaview.NewClient(creds, opts...) // authenticates lazily, re-authenticates when the token runs out
	if err != nil {
		return err
	}
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		return err
	}
	participant, _ := alfaview.FindPermissionGroup(groups, "Participant")
	from := time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)
	links, err := c.Links.CreateGroupLinks(ctx, roomID, []alfaview.GroupLinkCreation{
		{Description: "Workshop", ValidFrom: from, ValidUntil: from.Add(4 * time.Hour), PermissionGroupID: participant.ID},
	})
	if err != nil {
		return err
	}
	fmt.Println(links[0].JoinLink)
	return nil
}

// README:end

// README:begin alfaviewv2
func scheduleMeeting(ctx context.Context, creds alfaviewv2.APIKeyCredentials, opts ...alfaviewv2.Option) error {
	c, err := alfaviewv2.NewClient(creds, opts...) // logs in on the first call, again before the token's hour ends
	if err != nil {
		return err
	}
	groups, err := c.PermissionGroups.List(ctx)
	if err != nil {
		return err
	}
	var participant string
	for _, g := range groups {
		if g.Name == "Participant" {
			participant = g.ID
		}
	}
	start := time.Date(2030, 3, 14, 13, 0, 0, 0, time.UTC)
	id, err := c.Meetings.Create(ctx, &alfaviewv2.MeetingCreate{ // not retried once it may have reached the server
		Title: "Kick-off", Start: start, End: start.Add(time.Hour), Timezone: "Europe/Berlin",
		GroupLinks: []alfaviewv2.GroupLinkCreate{{Description: "Team", PermissionGroupID: participant}},
		GuestLinks: []alfaviewv2.GuestLinkCreate{
			{DisplayName: "Ada Lovelace", EmailAddress: "ada@example.com", Locale: "en", PermissionGroupID: participant},
		},
	})
	if err != nil {
		return err
	}
	// The meeting's id is its room's; the room's links come in pages (nextPageToken), lazily.
	for l, err := range c.GroupLinks.List(ctx, &alfaviewv2.ListLinksOptions{RoomID: id}) {
		if err != nil {
			return err
		}
		fmt.Println(l.Description, l.JoinLink)
	}
	for l, err := range c.GuestLinks.List(ctx, &alfaviewv2.ListLinksOptions{RoomID: id}) {
		if err != nil {
			return err
		}
		fmt.Println(l.DisplayName, l.JoinURL)
	}
	return nil
}

// README:end

// README:begin reach360
func onboardingGroup(ctx context.Context, key reach360.APIKey, userID string, opts ...reach360.Option) error {
	c, err := reach360.NewClient(key, opts...)
	if err != nil {
		return err
	}
	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Onboarding"})
	if err != nil {
		return err
	}
	if err := c.Groups.AddMember(ctx, g.ID, userID); err != nil {
		return err
	}
	for g, err := range c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 100}) { // follows nextUrl lazily
		if err != nil {
			return err
		}
		fmt.Println(g.Name)
	}
	return nil
}

// README:end

// README:begin shares
func weekdayAccess(ctx context.Context, token shares.BearerToken, org, lock, user int64, opts ...shares.Option) (webKey string, err error) {
	c, err := shares.NewClient(token, opts...)
	if err != nil {
		return "", err
	}
	office := &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}}
	p := &shares.CreateShareParams{
		OrganizationID: org,
		StartDate:      shares.Date{Year: 2030, Month: time.March, Day: 1},
		EndDate:        shares.Date{Year: 2030, Month: time.March, Day: 31},
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: lock},
		Receiver:       shares.Receiver{UserID: user},
	}
	for _, day := range []shares.Weekday{shares.Monday, shares.Tuesday, shares.Wednesday, shares.Thursday, shares.Friday} {
		p.Schedule = append(p.Schedule, shares.ScheduleEntry{DayOfWeek: day, Period: office, Recurrence: shares.Weekly})
	}
	ref, err := c.Shares.Create(ctx, p) // not retried once it may have reached the server
	if err != nil {
		return "", err
	}
	return c.Shares.CreateWebKey(ctx, ref.ShareID)
}

// README:end

// README:begin voltmx
func pushOperators(ctx context.Context, baseURL string, auth voltmx.Auth, opts ...voltmx.Option) error {
	c, err := voltmx.NewClient(baseURL, auth, opts...)
	if err != nil {
		return err
	}
	perms, err := c.Permissions.Resolve(ctx, "CAMPAIGNS_ALL", "CAMPAIGNS_EXECUTE")
	if err != nil {
		return err
	}
	id, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
		GroupName: "Push operators", Email: "push@example.com", PermissionIDs: perms, AppIDs: []string{},
	})
	if err != nil {
		return err
	}
	fmt.Println("created group", id)
	for g, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 50}) { // start/pageSize pages, lazily
		if err != nil {
			return err
		}
		fmt.Println(g.ID, g.GroupName)
	}
	return nil
}

// README:end

// README:begin viviot
func guestTemplate(ctx context.Context, creds viviot.Credentials, door, room viviot.GUID, opts ...viviot.Option) error {
	c, err := viviot.NewClient(creds, opts...) // logs in at /auth/credentials on first use
	if err != nil {
		return err
	}
	t, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
		Name:         "Guests",
		Scope:        viviot.ScopeGuest,
		CodeStrategy: viviot.CodeStrategyShared,
		Things: []viviot.ThingAccess{
			{ThingID: door, Permission: []string{"open"}},
			{ThingID: room, Permission: []string{"open"}},
		},
	})
	if err != nil {
		return err
	}
	got, err := c.AccessTemplates.Get(ctx, t.ID)
	if err != nil {
		return err
	}
	fmt.Println(got.Name, got.Scope, got.CodeStrategy)
	return nil
}

// README:end

// README:begin errors
func createOrFind(ctx context.Context, c *reach360.Client, name string) error {
	_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: name})
	var apiErr *reach360.Error
	switch {
	case err == nil:
		fmt.Println("created", name)
	case errors.Is(err, reach360.ErrDuplicateName):
		fmt.Println("already there:", name)
	case errors.Is(err, reach360.ErrInvalidParams):
		fmt.Println("bad input, nothing was sent:", err)
	case errors.As(err, &apiErr):
		fmt.Println("Reach 360 said", apiErr.StatusCode, apiErr.Code)
	default:
		return err // network, timeout, context: errors.Is(err, context.DeadlineExceeded) works
	}
	return nil
}

// README:end

// README:begin options
func configuredClient() (*reach360.Client, error) {
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return reach360.NewClient(reach360.APIKey(os.Getenv("REACH360_API_KEY")),
		reach360.WithRegion(reach360.RegionEU),
		reach360.WithLogger(logger), // one Debug record per attempt; never a key, body or query value
		reach360.WithHTTPClient(&http.Client{Transport: tracingTransport{http.DefaultTransport}}),
		reach360.WithTimeout(20*time.Second), // per attempt; the context bounds the whole call
		reach360.WithRetry(reach360.RetryPolicy{MaxRetries: 5, MaxBackoff: 10 * time.Second}),
		reach360.WithUserAgent("roster-sync/1.4"),
	)
}

// README:end

// tracingTransport stands for an instrumented RoundTripper such as
// otelhttp.NewTransport.
type tracingTransport struct{ next http.RoundTripper }

func (t tracingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.next.RoundTrip(r)
}
