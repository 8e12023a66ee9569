package faultmatrix

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"testing"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	alfaviewv2 "github.com/grantkit/grantkit-go/alfaview/v2"
	alfaviewv2test "github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// endpoint is one API operation as the fake records it and the SDK logs it.
type endpoint struct {
	method, path string // path exactly as fakekit.Request.Path records it
	op           string // the SDK's operation name, the "op" of its log records
}

func (e endpoint) matches(method, path string) bool { return method == e.method && path == e.path }

// options are what a cell changes about the client.
type options struct {
	maxBytes int64 // WithMaxResponseBytes; 0 keeps the default cap
	logger   *slog.Logger
}

// vendor starts a driver; start must be called inside a synctest bubble.
type vendor struct {
	name  string
	start func(t *testing.T, o options) *driver
	// noPages says why the vendor has no "session expires between pages"
	// cell; empty when it has one.
	noPages string
}

// driver is one vendor's fake and public client, reduced to what the fault
// matrix needs: one idempotent read, one create, and for vendors with a
// paged list behind a session an iteration that can expire the session
// between two pages.
type driver struct {
	srv   *fakekit.Server
	proxy *proxy
	// hc is the client handed to WithHTTPClient; closing its idle
	// connections makes the next request start on a fresh connection.
	hc *http.Client

	read, write     func(ctx context.Context) error
	readEP, writeEP endpoint
	// readReplayable is true when net/http itself resends the read after a
	// reused keep-alive connection breaks before any response byte (a GET;
	// alfaview's reads are POSTs, which it never resends).
	readReplayable bool
	// applied is the fake's MarkApplied name for the write.
	applied string

	// iterate walks a list of listItems items in listPages pages and calls
	// between after the first page's last item, before the next page is
	// fetched. nil when the vendor has no paged list behind a session.
	iterate              func(ctx context.Context, between func()) (int, error)
	listEP               endpoint
	listItems, listPages int
	authCount            func() int // nil for static credentials
	expire               func()

	// apiError returns the status and attempt count of the vendor's typed
	// *Error in err's chain.
	apiError func(error) (status, attempts int, ok bool)

	secrets   []string        // credentials the client was built with
	extra     func() []string // secrets the client learnt at run time (shares' OnRefresh)
	harvested map[string]bool // secrets seen in requests before ResetRequests
}

func newDriver(srv *fakekit.Server) *driver {
	p := &proxy{next: srv.Transport()}
	return &driver{srv: srv, proxy: p, hc: &http.Client{Transport: p}, harvested: map[string]bool{}}
}

func (d *driver) endpoint(k opKind) endpoint {
	if k == opWrite {
		return d.writeEP
	}
	return d.readEP
}

func (d *driver) op(k opKind) func(context.Context) error {
	if k == opWrite {
		return d.write
	}
	return d.read
}

// settle runs one read, so that sessions are established and a keep-alive
// connection sits in the pool, then forgets the requests it took (keeping
// the secrets they carried).
func (d *driver) settle(t *testing.T) {
	t.Helper()
	if err := d.read(t.Context()); err != nil {
		t.Fatalf("warm-up read: %v", err)
	}
	for _, s := range harvest(d.srv.Requests()) {
		d.harvested[s] = true
	}
	d.srv.ResetRequests()
}

// allSecrets returns every credential the client holds or the fake issued
// to it, as far as the recorded requests show.
func (d *driver) allSecrets() []string {
	set := map[string]bool{}
	for _, s := range d.secrets {
		set[s] = true
	}
	for s := range d.harvested {
		set[s] = true
	}
	for _, s := range harvest(d.srv.Requests()) {
		set[s] = true
	}
	if d.extra != nil {
		for _, s := range d.extra() {
			set[s] = true
		}
	}
	delete(set, "")
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	return out
}

var vendors = []vendor{
	{name: "reach360", start: startReach360, noPages: "reach360 authenticates with a static API key: there is no session to expire between pages"},
	{name: "reach360/invitations", start: startReach360Invitations, noPages: "reach360 authenticates with a static API key: there is no session to expire between pages"},
	{name: "alfaview", start: startAlfaview},
	{name: "alfaview/v2", start: startAlfaviewV2},
	{name: "shares", start: startShares, noPages: "shares.List answers one unpaginated array: there are no pages to expire the OAuth2 session between"},
	{name: "shares/remote-activation", start: startSharesActivation, noPages: "shares.List answers one unpaginated array: there are no pages to expire the OAuth2 session between"},
	{name: "voltmx", start: startVoltMX},
	{name: "voltmx/users", start: startVoltMXUsers, noPages: "the voltmx row expires the session between pages; this row differs only in its write"},
	{name: "viviot", start: startViviot, noPages: "viviot's AccessTemplates.List answers every template at once: there are no pages to expire the session between"},
}

func startReach360(t *testing.T, o options) *driver {
	d, _ := startReach360Client(t, o)
	return d
}

// startReach360Invitations is startReach360 whose write invites someone
// (Invitations.Create): a replay once it may have reached the API would
// send a second invitation email, or meet invite_pending.
func startReach360Invitations(t *testing.T, o options) *driver {
	d, c := startReach360Client(t, o)
	n := 0
	d.write = func(ctx context.Context) error {
		n++
		_, err := c.Invitations.Create(ctx, reach360.InvitationParams{Email: "invitee-" + strconv.Itoa(n) + "@example.com"})
		return err
	}
	d.writeEP = endpoint{http.MethodPost, "/invitations", "invitations.create"}
	d.applied = reach360test.OpInvitationsCreate
	return d
}

// startReach360Client returns the reach360 driver and its client.
func startReach360Client(t *testing.T, o options) (*driver, *reach360.Client) {
	srv := reach360test.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	g := srv.AddGroup("Sales")
	c, err := reach360.NewClient(srv.APIKey(),
		reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(d.hc),
		reach360.WithMaxResponseBytes(o.maxBytes), reach360.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	d.read = func(ctx context.Context) error {
		_, err := c.Groups.Get(ctx, g.ID)
		return err
	}
	d.write = func(ctx context.Context) error {
		n++
		_, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "team-" + strconv.Itoa(n)})
		return err
	}
	d.readEP = endpoint{http.MethodGet, "/groups/" + g.ID, "groups.get"}
	d.writeEP = endpoint{http.MethodPost, "/groups", "groups.create"}
	d.readReplayable = true
	d.applied = reach360test.OpGroupsCreate
	d.apiError = func(err error) (int, int, bool) {
		var e *reach360.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.StatusCode, e.Attempts, true
	}
	d.secrets = []string{string(srv.APIKey())}
	d.settle(t)
	return d, c
}

func startAlfaview(t *testing.T, o options) *driver {
	srv := alfaviewtest.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	rooms := make([]alfaview.Room, 5)
	for i := range rooms {
		rooms[i] = srv.AddRoom(alfaview.Room{DisplayName: "Room " + strconv.Itoa(i+1)})
	}
	participant := srv.PermissionGroupID("Participant")
	c, err := alfaview.NewClient(srv.APIKeyCredentials(),
		alfaview.WithBaseURL(srv.URL), alfaview.WithHTTPClient(d.hc),
		alfaview.WithMaxResponseBytes(o.maxBytes), alfaview.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	d.read = func(ctx context.Context) error {
		_, err := c.PermissionGroups.List(ctx)
		return err
	}
	d.write = func(ctx context.Context) error {
		_, err := c.Links.CreateGroupLinks(ctx, rooms[0].ID, []alfaview.GroupLinkCreation{{
			Description: "Workshop", PermissionGroupID: participant}})
		return err
	}
	d.readEP = endpoint{http.MethodPost, "/businessLogicService/permissionGroups/list", "permissionGroups.list"}
	d.writeEP = endpoint{http.MethodPost, "/guestService.v2/createGroupLinks", "links.createGroupLinks"}
	d.applied = "links.createGroupLinks"
	d.iterate = func(ctx context.Context, between func()) (int, error) {
		n := 0
		for _, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 2}) {
			if err != nil {
				return n, err
			}
			if n++; n == 2 {
				between()
			}
		}
		return n, nil
	}
	d.listEP = endpoint{http.MethodPost, "/roomService/list", "rooms.list"}
	d.listItems, d.listPages = len(rooms), 3 // offsets 0, 2 and 4; the short third page ends the walk
	d.authCount, d.expire = srv.AuthCount, srv.ExpireSessions
	d.apiError = func(err error) (int, int, bool) {
		var e *alfaview.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.HTTPStatus, e.Attempts, true
	}
	d.secrets = []string{alfaviewtest.Secret, alfaviewtest.Password}
	d.settle(t)
	return d
}

func startAlfaviewV2(t *testing.T, o options) *driver {
	srv := alfaviewv2test.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	rooms := make([]alfaviewv2test.Room, 5)
	for i := range rooms {
		rooms[i] = srv.AddRoom(alfaviewv2test.Room{DisplayName: "Room " + strconv.Itoa(i+1)})
	}
	participant := srv.PermissionGroupID("Participant")
	c, err := alfaviewv2.NewClient(srv.APIKeyCredentials(),
		alfaviewv2.WithBaseURL(srv.URL), alfaviewv2.WithHTTPClient(d.hc),
		alfaviewv2.WithMaxResponseBytes(o.maxBytes), alfaviewv2.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	d.read = func(ctx context.Context) error {
		_, err := c.Rooms.Get(ctx, rooms[0].ID)
		return err
	}
	d.write = func(ctx context.Context) error {
		_, err := c.GroupLinks.Create(ctx, rooms[0].ID, &alfaviewv2.CreateGroupLinksParams{
			Links: []alfaviewv2.GroupLinkCreate{{Description: "Workshop", PermissionGroupID: participant}}})
		return err
	}
	d.readEP = endpoint{http.MethodGet, "/v2/rooms/" + rooms[0].ID, "rooms.get"}
	d.writeEP = endpoint{http.MethodPost, "/v2/rooms/" + rooms[0].ID + "/group-links", "groupLinks.create"}
	d.readReplayable = true
	d.applied = alfaviewv2test.OpGroupLinksCreate
	d.iterate = func(ctx context.Context, between func()) (int, error) {
		n := 0
		for _, err := range c.Rooms.List(ctx, &alfaviewv2.ListRoomsOptions{Limit: 2}) {
			if err != nil {
				return n, err
			}
			if n++; n == 2 {
				between()
			}
		}
		return n, nil
	}
	d.listEP = endpoint{http.MethodGet, "/v2/rooms", "rooms.list"}
	d.listItems, d.listPages = len(rooms), 3 // 2, 2 and 1; the last page has no nextPageToken
	d.authCount, d.expire = srv.AuthCount, srv.ExpireSessions
	d.apiError = func(err error) (int, int, bool) {
		var e *alfaviewv2.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.StatusCode, e.Attempts, true
	}
	d.secrets = []string{alfaviewv2test.Key, alfaviewv2test.Password}
	d.settle(t)
	return d
}

// startSharesActivation is startShares whose write opens the lock
// (Devices.RemoteActivate): like a create, it must never be replayed once
// it may have reached the API, or the door opens twice.
func startSharesActivation(t *testing.T, o options) *driver {
	d, c, lock := startSharesClient(t, o)
	d.write = func(ctx context.Context) error { return c.Devices.RemoteActivate(ctx, lock) }
	d.writeEP = endpoint{http.MethodPost, fmt.Sprintf("/v1/devices/%d/remote-activation", lock), "devices.remoteActivate"}
	d.applied = sharestest.OpDevicesRemoteActivate
	return d
}

func startShares(t *testing.T, o options) *driver {
	d, _, _ := startSharesClient(t, o)
	return d
}

// startSharesClient returns the shares driver, its client and its lock.
func startSharesClient(t *testing.T, o options) (*driver, *shares.Client, int64) {
	srv := sharestest.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	refresh := srv.AddRefreshToken()
	var mu sync.Mutex
	var issued []string
	c, err := shares.NewClient(&shares.OAuth2{
		ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: refresh,
		OnRefresh: func(_ context.Context, tok shares.Token) error {
			mu.Lock()
			defer mu.Unlock()
			issued = append(issued, tok.AccessToken, tok.RefreshToken)
			return nil
		},
	}, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(d.hc),
		shares.WithMaxResponseBytes(o.maxBytes), shares.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	params := &shares.CreateShareParams{
		OrganizationID: org.ID,
		Permissions:    shares.Permissions{RemoteActivate: true},
		Source:         shares.Source{DeviceID: lock.ID},
		Receiver:       shares.Receiver{UserID: user.ID},
	}
	// The fake cannot seed shares, so the one the read gets is made
	// through the API; the cells count applied creates from here on.
	ref, err := c.Shares.Create(t.Context(), params)
	if err != nil {
		t.Fatalf("seeding a share: %v", err)
	}
	d.read = func(ctx context.Context) error {
		_, err := c.Shares.Get(ctx, ref.ShareID)
		return err
	}
	d.write = func(ctx context.Context) error {
		_, err := c.Shares.Create(ctx, params)
		return err
	}
	d.readEP = endpoint{http.MethodGet, fmt.Sprintf("/v2/shares/%d", ref.ShareID), "shares.get"}
	d.writeEP = endpoint{http.MethodPost, "/v2/shares", "shares.create"}
	d.readReplayable = true
	d.applied = sharestest.OpSharesCreate
	d.authCount, d.expire = srv.AuthCount, srv.ExpireSessions
	d.apiError = func(err error) (int, int, bool) {
		var e *shares.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.StatusCode, e.Attempts, true
	}
	d.secrets = []string{sharestest.ClientSecret, refresh}
	d.extra = func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), issued...)
	}
	d.settle(t)
	return d, c, lock.ID
}

func startVoltMX(t *testing.T, o options) *driver {
	d, _ := startVoltMXClient(t, o)
	return d
}

// startVoltMXUsers is startVoltMX whose write creates a console user
// (Users.Create), which a replay would create twice or meet "User already
// exists".
func startVoltMXUsers(t *testing.T, o options) *driver {
	d, c := startVoltMXClient(t, o)
	n := 0
	d.write = func(ctx context.Context) error {
		n++
		name := "user" + strconv.Itoa(n)
		_, err := c.Users.Create(ctx, &voltmx.CreateUserParams{UserName: name, Email: name + "@example.com",
			Password: "Pw-" + name, DisplayName: "User " + strconv.Itoa(n), PermissionIDs: []int64{1}})
		return err
	}
	d.writeEP = endpoint{http.MethodPost, voltmxtest.ContextPath + "/api/v1/accessmgmt/users", "users.create"}
	d.applied = voltmxtest.OpUsersCreate
	return d
}

// startVoltMXClient returns the voltmx driver and its client.
func startVoltMXClient(t *testing.T, o options) (*driver, *voltmx.Client) {
	srv := voltmxtest.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	groups := make([]voltmxtest.Group, 5)
	for i := range groups {
		groups[i] = srv.AddGroup(voltmxtest.Group{Name: "Seed " + strconv.Itoa(i+1), Email: "seed@example.com", PermissionIDs: []int64{1}})
	}
	c, err := voltmx.NewClient(srv.URL, srv.ClaimsLogin(), voltmx.WithHTTPClient(d.hc),
		voltmx.WithMaxResponseBytes(o.maxBytes), voltmx.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	d.read = func(ctx context.Context) error {
		_, err := c.Groups.Get(ctx, groups[0].ID)
		return err
	}
	d.write = func(ctx context.Context) error {
		n++
		_, err := c.Groups.Create(ctx, &voltmx.CreateGroupParams{
			GroupName: "Team " + strconv.Itoa(n), Email: "team@example.com",
			PermissionIDs: []int64{1}, AppIDs: []string{}})
		return err
	}
	api := voltmxtest.ContextPath + "/api/v1/accessmgmt/groups"
	d.readEP = endpoint{http.MethodGet, fmt.Sprintf("%s/%d", api, groups[0].ID), "groups.get"}
	d.writeEP = endpoint{http.MethodPost, api, "groups.create"}
	d.readReplayable = true
	d.applied = voltmxtest.OpGroupsCreate
	d.iterate = func(ctx context.Context, between func()) (int, error) {
		n := 0
		for _, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 2}) {
			if err != nil {
				return n, err
			}
			if n++; n == 2 {
				between()
			}
		}
		return n, nil
	}
	d.listEP = endpoint{http.MethodGet, api, "groups.list"}
	d.listItems, d.listPages = len(groups), 3
	d.authCount, d.expire = srv.AuthCount, srv.ExpireSessions
	d.apiError = func(err error) (int, int, bool) {
		var e *voltmx.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.StatusCode, e.Attempts, true
	}
	d.secrets = []string{voltmxtest.Password}
	d.settle(t)
	return d, c
}

func startViviot(t *testing.T, o options) *driver {
	srv := viviottest.NewServer(t, fakekit.InMemory())
	d := newDriver(srv.Server)
	door := srv.AddThing(viviottest.Thing{Name: "Front door"})
	things := []viviot.ThingAccess{{ThingID: door.ID}}
	tpl := srv.AddTemplate(viviottest.AccessTemplate{Name: "Guests", Things: things, Scope: viviot.ScopeGuest})
	c, err := viviot.NewClient(srv.Credentials(),
		viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(d.hc),
		viviot.WithMaxResponseBytes(o.maxBytes), viviot.WithLogger(o.logger))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	d.read = func(ctx context.Context) error {
		_, err := c.AccessTemplates.Get(ctx, tpl.ID)
		return err
	}
	d.write = func(ctx context.Context) error {
		n++
		_, err := c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{
			Name: "Staff " + strconv.Itoa(n), Things: things, Scope: viviot.ScopeStaff})
		return err
	}
	d.readEP = endpoint{http.MethodGet, "/access/template", "accessTemplates.get"}
	d.writeEP = endpoint{http.MethodPost, "/access/template", "accessTemplates.create"}
	d.readReplayable = true
	d.applied = viviottest.OpAccessTemplatesCreate
	d.authCount, d.expire = srv.AuthCount, srv.ExpireSessions
	d.apiError = func(err error) (int, int, bool) {
		var e *viviot.Error
		if !errors.As(err, &e) {
			return 0, 0, false
		}
		return e.StatusCode, e.Attempts, true
	}
	d.secrets = []string{viviottest.AdminPassword}
	d.settle(t)
	return d
}
