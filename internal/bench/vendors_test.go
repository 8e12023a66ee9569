package bench

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/grantkit/grantkit-go/alfaview"
	"github.com/grantkit/grantkit-go/alfaview/alfaviewtest"
	alfaview2 "github.com/grantkit/grantkit-go/alfaview/v2"
	alfaview2test "github.com/grantkit/grantkit-go/alfaview/v2/alfaviewtest"
	"github.com/grantkit/grantkit-go/internal/fakekit"
	"github.com/grantkit/grantkit-go/internal/transport"
	"github.com/grantkit/grantkit-go/reach360"
	"github.com/grantkit/grantkit-go/reach360/reach360test"
	"github.com/grantkit/grantkit-go/shares"
	"github.com/grantkit/grantkit-go/shares/sharestest"
	"github.com/grantkit/grantkit-go/viviot"
	"github.com/grantkit/grantkit-go/viviot/viviottest"
	"github.com/grantkit/grantkit-go/voltmx"
	"github.com/grantkit/grantkit-go/voltmx/voltmxtest"
)

// getCase is one vendor's read, once through the SDK and once written by
// hand, both sending the same request through the same *http.Client to the
// same fake. Session vendors are warmed up, so both use the cached token.
type getCase struct {
	vendor string
	srv    *fakekit.Server
	hc     *http.Client
	// rt is hc's transport: it decides which server answers (servers).
	rt *switchTransport
	// sdk and hand make the call; they are safe for concurrent use.
	sdk, hand func(ctx context.Context) error
	// sdkResult and handResult make the call and return what it read, for
	// checking that both read the same thing.
	sdkResult, handResult func(ctx context.Context) (any, error)
	// expire ends the sessions the fake issued (nil: static credentials),
	// authCount counts its successful authentications and setLifetime
	// sets how long the tokens it issues from now on live.
	expire      func()
	authCount   func() int
	setLifetime func(time.Duration)
}

// setCalls fills in gc's calls from the SDK's and the hand-written one,
// and makes each once, so that the fake's answers to both are recorded
// for the replaying servers.
func setCalls[S, H any](tb testing.TB, gc *getCase, sdk func(context.Context) (S, error), hand func(context.Context) (H, error)) {
	gc.sdk = func(ctx context.Context) error {
		_, err := sdk(ctx)
		return err
	}
	gc.hand = func(ctx context.Context) error {
		_, err := hand(ctx)
		return err
	}
	gc.sdkResult = func(ctx context.Context) (any, error) { return sdk(ctx) }
	gc.handResult = func(ctx context.Context) (any, error) { return hand(ctx) }
	gc.rt = gc.hc.Transport.(*switchTransport)
	must(tb, gc.sdk(tb.Context()))
	must(tb, gc.hand(tb.Context()))
	gc.rt.stopRecording()
}

// getCases are the P1 reads, in the order the benchmarks report them.
var getCases = []struct {
	vendor string
	// session is true for vendors whose credentials are a session token.
	session bool
	start   func(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase
}{
	{"reach360", false, reach360Get},
	{"reach360page", false, reach360PageGet},
	{"alfaview", true, alfaviewGet},
	{"alfaview2", true, alfaview2Get},
	{"shares", true, sharesGet},
	{"voltmx", true, voltmxGet},
	{"viviot", true, viviotGet},
}

// recordEvery is how often, in calls, the benchmarks clear the fake's
// request record, which grows by a request a call and, left alone, slows
// every collection down as a benchmark goes on.
const recordEvery = 4096

// sequentialPool is the idle pool for one caller at a time (the fake
// transport's default).
const sequentialPool = 16

// benchClient is the client both sides of a comparison send through: the
// fake's transport keeping up to idlePerHost idle connections (at least one
// per concurrent caller, so that no connection is closed and dialled
// again). It has no Timeout: both sides bound each request with a
// deadline of transport.DefaultTimeout of their own, the SDK by default,
// the hand-written calls with handContext.
func benchClient(srv *fakekit.Server, idlePerHost int) *http.Client {
	t := srv.Transport()
	t.MaxIdleConnsPerHost = idlePerHost
	return &http.Client{Transport: t}
}

// switchingClient is benchClient behind a switchTransport, recording the
// fake's answers until setCalls stops it: the P1 reads' client.
func switchingClient(srv *fakekit.Server, idlePerHost int) *http.Client {
	hc := benchClient(srv, idlePerHost)
	hc.Transport = newSwitchTransport(hc.Transport.(*http.Transport))
	return hc
}

// handContext is the hand-written calls' deadline: the SDK's default
// per-attempt timeout, for the request and the reading of its answer, as
// http.Client.Timeout would set it, the same way on every transport.
func handContext(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, transport.DefaultTimeout)
}

func userAgent(vendor string) string {
	return "grantkit-go/" + transport.Version + " (" + vendor + ")"
}

// handGet is the hand-written call: send, check the status, decode the
// body into out, drain and close.
func handGet(hc *http.Client, req *http.Request, out any) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	defer func() { _, _ = io.Copy(io.Discard, resp.Body) }()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// lastHeader returns header name of the last request the fake recorded:
// the session credential the SDK sent, for the hand-written call to reuse.
func lastHeader(tb testing.TB, srv *fakekit.Server, name string) string {
	tb.Helper()
	reqs := srv.Requests()
	if len(reqs) == 0 {
		tb.Fatal("the fake recorded no request")
	}
	v := reqs[len(reqs)-1].Header.Get(name)
	if v == "" {
		tb.Fatalf("the last request carried no %s header", name)
	}
	return v
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func reach360Get(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := reach360test.NewServer(tb, opts...)
	g := srv.AddGroup("Engineering onboarding cohort")
	gc := &getCase{vendor: "reach360", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost)}
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(gc.hc))
	must(tb, err)
	setCalls(tb, gc, func(ctx context.Context) (*reach360.Group, error) { return c.Groups.Get(ctx, g.ID) },
		reach360Hand(gc.hc, srv, g.ID))
	return gc
}

// reach360Hand returns the hand-written Groups.Get of group id, sent
// through hc. Like the SDK, the hand-written calls build their URL from
// the id on every call.
func reach360Hand(hc *http.Client, srv *reach360test.Server, id string) func(ctx context.Context) (*reach360.Group, error) {
	ua := userAgent("reach360")
	key := "Bearer " + string(srv.APIKey())
	return func(ctx context.Context) (*reach360.Group, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/groups/"+url.PathEscape(id), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Api-Version", reach360.DefaultAPIVersion)
		req.Header.Set("Authorization", key)
		req.Header.Set("User-Agent", ua)
		var out reach360.Group
		if err := handGet(hc, req, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
}

// alfaviewPermissionGroups is alfaview's permission group list as a
// hand-written client decodes it: the map keyed by id, and replyInfo,
// where alfaview reports failures inside an HTTP 200.
type alfaviewPermissionGroups struct {
	ReplyInfo *struct {
		StatusCode string `json:"statusCode"`
	} `json:"replyInfo"`
	PermissionGroups map[string]struct {
		Name        string              `json:"name"`
		Order       int                 `json:"order"`
		Permissions alfaviewPermissions `json:"permissions"`
	} `json:"permissionGroups"`
}

// alfaviewPermissions is CommonPermissions of alfaview's SDK models: a
// role and boolean flags, nil when not sent.
type alfaviewPermissions struct {
	Role          string `json:"role"`
	Admin         *bool  `json:"admin"`
	Voice         *bool  `json:"voice"`
	Video         *bool  `json:"video"`
	Promote       *bool  `json:"promote"`
	Join          *bool  `json:"join"`
	Screen        *bool  `json:"screen"`
	Vip           *bool  `json:"vip"`
	Chat          *bool  `json:"chat"`
	ChatBroadcast *bool  `json:"chatBroadcast"`
	Action        *bool  `json:"action"`
	Remove        *bool  `json:"remove"`
}

// flags are the flags that were sent, by their JSON names.
func (p alfaviewPermissions) flags() map[string]bool {
	out := map[string]bool{}
	for name, v := range map[string]*bool{"admin": p.Admin, "voice": p.Voice, "video": p.Video, "promote": p.Promote,
		"join": p.Join, "screen": p.Screen, "vip": p.Vip, "chat": p.Chat, "chatBroadcast": p.ChatBroadcast,
		"action": p.Action, "remove": p.Remove} {
		if v != nil {
			out[name] = *v
		}
	}
	return out
}

func alfaviewGet(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := alfaviewtest.NewServer(tb, opts...)
	gc := &getCase{vendor: "alfaview", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost),
		expire: srv.ExpireSessions, authCount: srv.AuthCount, setLifetime: srv.SetTokenLifetime}
	c, err := alfaview.NewClient(srv.APIKeyCredentials(), alfaview.WithBaseURL(srv.URL), alfaview.WithHTTPClient(gc.hc))
	must(tb, err)
	sdk := func(ctx context.Context) ([]alfaview.PermissionGroup, error) { return c.PermissionGroups.List(ctx) }
	_, err = sdk(tb.Context())
	must(tb, err)
	reqs := srv.Requests()
	var warm struct {
		AccessInfo struct {
			AccessToken string `json:"accessToken"`
		} `json:"accessInfo"`
	}
	must(tb, json.Unmarshal(reqs[len(reqs)-1].Body, &warm))
	token := warm.AccessInfo.AccessToken

	link := srv.URL + "/businessLogicService/permissionGroups/list"
	ua := userAgent("alfaview")
	type accessInfo struct {
		RequestID   string `json:"requestId"`
		AccessToken string `json:"accessToken"`
	}
	hand := func(ctx context.Context) (*alfaviewPermissionGroups, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		body, err := json.Marshal(struct {
			AccessInfo accessInfo `json:"accessInfo"`
		}{accessInfo{RequestID: rand.Text(), AccessToken: token}})
		if err != nil {
			return nil, err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, link, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", ua)
		var out alfaviewPermissionGroups
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		if out.ReplyInfo != nil && out.ReplyInfo.StatusCode != "" && out.ReplyInfo.StatusCode != "OK" {
			return nil, fmt.Errorf("alfaview: %s", out.ReplyInfo.StatusCode)
		}
		return &out, nil
	}
	setCalls(tb, gc, sdk, hand)
	return gc
}

func sharesGet(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := sharestest.NewServer(tb, opts...)
	gc := &getCase{vendor: "shares", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost),
		expire: srv.ExpireSessions, authCount: srv.AuthCount, setLifetime: srv.SetTokenLifetime}
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	c, err := shares.NewClient(&shares.OAuth2{
		ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: srv.AddRefreshToken(),
	}, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(gc.hc))
	must(tb, err)
	// The fake cannot seed shares: the one to read is made through the
	// API, which also fetches the access token.
	ref, err := c.Shares.Create(tb.Context(), &shares.CreateShareParams{
		OrganizationID: org.ID,
		Schedule: []shares.ScheduleEntry{{
			DayOfWeek:  shares.Monday,
			Period:     &shares.Period{StartTime: shares.TimeOfDay{Hour: 8}, EndTime: shares.TimeOfDay{Hour: 18}},
			Recurrence: shares.Weekly,
		}},
		Permissions: shares.Permissions{RemoteActivate: true},
		Source:      shares.Source{DeviceID: lock.ID},
		Receiver:    shares.Receiver{UserID: user.ID},
	})
	must(tb, err)
	token := lastHeader(tb, srv.Server, "Authorization")

	ua := userAgent("shares")
	hand := func(ctx context.Context) (*shares.Share, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v2/shares/"+strconv.FormatInt(ref.ShareID, 10), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", token)
		req.Header.Set("User-Agent", ua)
		var out shares.Share
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	setCalls(tb, gc, func(ctx context.Context) (*shares.Share, error) { return c.Shares.Get(ctx, ref.ShareID) }, hand)
	return gc
}

func voltmxGet(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := voltmxtest.NewServer(tb, opts...)
	gc := &getCase{vendor: "voltmx", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost),
		expire: srv.ExpireSessions, authCount: srv.AuthCount, setLifetime: srv.SetTokenLifetime}
	g := srv.AddGroup(voltmxtest.Group{Name: "Campaign team", Email: "campaigns@example.com",
		Description: "Runs the campaigns", PermissionIDs: []int64{1, 2, 3}, AppIDs: []string{"app1"}})
	c, err := voltmx.NewClient(srv.URL, srv.ClaimsLogin(), voltmx.WithHTTPClient(gc.hc))
	must(tb, err)
	sdk := func(ctx context.Context) (*voltmx.Group, error) { return c.Groups.Get(ctx, g.ID) }
	_, err = sdk(tb.Context())
	must(tb, err)
	token := lastHeader(tb, srv.Server, voltmx.DefaultAuthHeaderName)

	api := srv.URL + voltmxtest.ContextPath + "/api/v1/accessmgmt"
	ua := userAgent("voltmx")
	hand := func(ctx context.Context) (*voltmx.Group, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, api+"/groups/"+strconv.FormatInt(g.ID, 10), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set(voltmx.DefaultAuthHeaderName, token)
		req.Header.Set("User-Agent", ua)
		var out voltmx.Group
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	setCalls(tb, gc, sdk, hand)
	return gc
}

func viviotGet(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := viviottest.NewServer(tb, opts...)
	gc := &getCase{vendor: "viviot", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost),
		expire: srv.ExpireSessions, authCount: srv.AuthCount, setLifetime: srv.SetTokenLifetime}
	door := srv.AddThing(viviottest.Thing{Name: "Front door"})
	tpl := srv.AddTemplate(viviottest.AccessTemplate{Name: "Guests: front door",
		Things: []viviot.ThingAccess{{ThingID: door.ID}}, Scope: viviot.ScopeGuest})
	c, err := viviot.NewClient(srv.Credentials(), viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(gc.hc))
	must(tb, err)
	sdk := func(ctx context.Context) (*viviot.AccessTemplate, error) { return c.AccessTemplates.Get(ctx, tpl.ID) }
	_, err = sdk(tb.Context())
	must(tb, err)
	token := lastHeader(tb, srv.Server, "Authorization")

	ua := userAgent("viviot")
	hand := func(ctx context.Context) (*viviot.AccessTemplate, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		query := url.Values{
			"AccessTemplateId": {hex.EncodeToString(tpl.ID[:])},
			"LoadOrganization": {"true"},
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/access/template?"+query.Encode(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", token)
		req.Header.Set("User-Agent", ua)
		var out struct {
			Data           []viviot.AccessTemplate `json:"data"`
			ResponseStatus *struct {
				ErrorCode string `json:"errorCode"`
			} `json:"responseStatus"`
		}
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		if out.ResponseStatus != nil && out.ResponseStatus.ErrorCode != "" {
			return nil, fmt.Errorf("viviot: %s", out.ResponseStatus.ErrorCode)
		}
		if len(out.Data) == 0 {
			return nil, fmt.Errorf("viviot: no access template %x", tpl.ID[:])
		}
		return &out.Data[0], nil
	}
	setCalls(tb, gc, sdk, hand)
	return gc
}

func alfaview2Get(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := alfaview2test.NewServer(tb, opts...)
	gc := &getCase{vendor: "alfaview2", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost),
		expire: srv.ExpireSessions, authCount: srv.AuthCount, setLifetime: srv.SetTokenLifetime}
	room := srv.AddRoom(alfaview2test.Room{DisplayName: "Weekly engineering sync"})
	c, err := alfaview2.NewClient(srv.APIKeyCredentials(), alfaview2.WithBaseURL(srv.URL), alfaview2.WithHTTPClient(gc.hc))
	must(tb, err)
	sdk := func(ctx context.Context) (*alfaview2.Room, error) { return c.Rooms.Get(ctx, room.ID) }
	_, err = sdk(tb.Context())
	must(tb, err)
	token := lastHeader(tb, srv.Server, "Authorization")

	ua := userAgent("alfaview")
	hand := func(ctx context.Context) (*alfaview2.Room, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v2/rooms/"+url.PathEscape(room.ID), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", token)
		req.Header.Set("User-Agent", ua)
		var out alfaview2.Room
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		return &out, nil
	}
	setCalls(tb, gc, sdk, hand)
	return gc
}

// reach360PageGet is the large answer: a page of 100 groups (about 30 KB)
// through Groups.ListPage, and by hand decoded into reach360.GroupPage.
func reach360PageGet(tb testing.TB, idlePerHost int, opts ...fakekit.Option) *getCase {
	srv := reach360test.NewServer(tb, opts...)
	for i := range 150 {
		srv.AddGroup(fmt.Sprintf("Engineering onboarding cohort %03d", i))
	}
	gc := &getCase{vendor: "reach360page", srv: srv.Server, hc: switchingClient(srv.Server, idlePerHost)}
	c, err := reach360.NewClient(srv.APIKey(), reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(gc.hc))
	must(tb, err)
	ua := userAgent("reach360")
	key := "Bearer " + string(srv.APIKey())
	hand := func(ctx context.Context) (*reach360.GroupPage, error) {
		ctx, cancel := handContext(ctx)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/groups?limit=100", nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Api-Version", reach360.DefaultAPIVersion)
		req.Header.Set("Authorization", key)
		req.Header.Set("User-Agent", ua)
		var out reach360.GroupPage
		if err := handGet(gc.hc, req, &out); err != nil {
			return nil, err
		}
		if len(out.Groups) != 100 {
			return nil, fmt.Errorf("a page of %d groups, want 100", len(out.Groups))
		}
		return &out, nil
	}
	sdk := func(ctx context.Context) (*reach360.GroupPage, error) {
		return c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 100})
	}
	setCalls(tb, gc, sdk, hand)
	return gc
}
