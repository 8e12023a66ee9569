package faultmatrix

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"

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

// TestSecrets runs a workflow of every vendor, with every kind of
// credentials, through a client that logs at Debug level to both a JSON and
// a text handler: creates, reads, lists, answers the API refuses, retries,
// a lost answer and a session that expires. It then prints every client,
// credential (value and pointer), token type and error with every verb,
// logs them too, and fails if any secret shows: the credentials the client
// was given and every token, session cookie and refresh token the fake
// issued, as harvested from the requests it recorded.
func TestSecrets(t *testing.T) {
	for _, w := range workflows {
		t.Run(w.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				logs := &logBuffer{}
				logger := slog.New(tee{
					slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
					slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
				})
				r := &run{t: t, logger: logger}
				w.run(r)
				synctest.Wait()
				if len(r.errs) < 3 {
					t.Errorf("the workflow produced %d errors; it needs its refused, exhausted and lost calls to print", len(r.errs))
				}
				secrets := append(harvest(r.srv.Requests()), r.secrets...)
				if r.extra != nil {
					secrets = append(secrets, r.extra()...)
				}
				printed := printAll(r.values...)
				for _, err := range r.errs {
					printed += printError(err)
				}
				checkSecrets(t, "the printouts", printed, secrets)
				checkSecrets(t, "the debug log", logs.String(), secrets)
			})
		})
	}
}

// run is one workflow in progress.
type run struct {
	t      *testing.T
	logger *slog.Logger
	srv    *fakekit.Server
	values []any   // printed with every verb
	errs   []error // printed with every verb and as Error()
	// secrets are the credentials the client was given; extra returns
	// those it learnt at run time that no request shows.
	secrets []string
	extra   func() []string
}

func (r *run) ctx() context.Context { return r.t.Context() }

// ok fails the test if a step that should work did not.
func (r *run) ok(step string, err error) {
	r.t.Helper()
	if err != nil {
		r.t.Errorf("%s: %v", step, err)
	}
}

// fails records the error of a step that must fail.
func (r *run) fails(step string, err error) {
	r.t.Helper()
	if err == nil {
		r.t.Errorf("%s succeeded, want an error", step)
		return
	}
	r.errs = append(r.errs, err)
	r.logger.Debug("step failed", "step", step, "err", err, "error", err)
}

// show prints values with every verb and logs them.
func (r *run) show(values ...any) {
	r.values = append(r.values, values...)
	for i, v := range values {
		r.logger.Debug("value", "i", i, "v", v)
	}
}

// faults injects, into the fake, the faults every workflow meets.
func (r *run) retryOnce() { r.srv.Inject(fakekit.Fault{Status: 503, Times: 1}) }
func (r *run) exhaust()   { r.srv.Inject(fakekit.Fault{Status: 503, Times: -1}) }
func (r *run) clear()     { r.srv.ClearFaults() }
func (r *run) loseAnswer() {
	r.srv.Inject(fakekit.Fault{Cut: fakekit.CutBeforeResponse, Apply: true, Times: 1})
}

// tee sends every record to each handler: one workflow checks the JSON and
// the text handler at once.
type tee []slog.Handler

func (h tee) Enabled(ctx context.Context, l slog.Level) bool {
	for _, x := range h {
		if x.Enabled(ctx, l) {
			return true
		}
	}
	return false
}

func (h tee) Handle(ctx context.Context, rec slog.Record) error {
	var errs []error
	for _, x := range h {
		if x.Enabled(ctx, rec.Level) {
			errs = append(errs, x.Handle(ctx, rec.Clone()))
		}
	}
	return errors.Join(errs...)
}

func (h tee) WithAttrs(as []slog.Attr) slog.Handler {
	out := make(tee, len(h))
	for i, x := range h {
		out[i] = x.WithAttrs(as)
	}
	return out
}

func (h tee) WithGroup(name string) slog.Handler {
	out := make(tee, len(h))
	for i, x := range h {
		out[i] = x.WithGroup(name)
	}
	return out
}

var workflows = []struct {
	name string
	run  func(r *run)
}{
	{"reach360/APIKey", reach360Workflow},
	{"alfaview/APIKeyCredentials", func(r *run) {
		alfaviewWorkflow(r, func(s *alfaviewtest.Server) (alfaview.Credentials, alfaview.Credentials) {
			c := s.APIKeyCredentials()
			return c, &c
		})
	}},
	{"alfaview/PasswordCredentials", func(r *run) {
		alfaviewWorkflow(r, func(s *alfaviewtest.Server) (alfaview.Credentials, alfaview.Credentials) {
			c := s.PasswordCredentials()
			return c, &c
		})
	}},
	{"alfaview/v2/APIKeyCredentials", func(r *run) {
		alfaviewV2Workflow(r, func(s *alfaviewv2test.Server) (alfaviewv2.Credentials, alfaviewv2.Credentials) {
			c := s.APIKeyCredentials()
			return c, &c
		})
	}},
	{"alfaview/v2/PasswordCredentials", func(r *run) {
		alfaviewV2Workflow(r, func(s *alfaviewv2test.Server) (alfaviewv2.Credentials, alfaviewv2.Credentials) {
			c := s.PasswordCredentials()
			return c, &c
		})
	}},
	{"alfaview/v2/AccessToken", func(r *run) {
		alfaviewV2Workflow(r, func(s *alfaviewv2test.Server) (alfaviewv2.Credentials, alfaviewv2.Credentials) {
			c := s.AccessToken()
			return c, &c
		})
	}},
	{"shares/OAuth2", sharesOAuth2Workflow},
	{"shares/BearerToken", sharesBearerWorkflow},
	{"voltmx/BasicAuth", func(r *run) {
		voltmxWorkflow(r, func(s *voltmxtest.Server) (voltmx.Auth, voltmx.Auth) {
			a := s.BasicAuth()
			return a, &a
		})
	}},
	{"voltmx/ClaimsLogin", func(r *run) {
		voltmxWorkflow(r, func(s *voltmxtest.Server) (voltmx.Auth, voltmx.Auth) {
			a := s.ClaimsLogin()
			return a, &a
		})
	}},
	{"voltmx/OAuthPair", func(r *run) {
		voltmxWorkflow(r, func(s *voltmxtest.Server) (voltmx.Auth, voltmx.Auth) {
			a := s.OAuthPair()
			return a, &a
		})
	}},
	{"viviot/Credentials bearer", func(r *run) { viviotWorkflow(r, viviottest.AuthBearer, false) }},
	{"viviot/Credentials cookies", func(r *run) { viviotWorkflow(r, viviottest.AuthCookies, false) }},
	{"viviot/BearerToken", func(r *run) { viviotWorkflow(r, viviottest.AuthBearer, true) }},
}

func reach360Workflow(r *run) {
	srv := reach360test.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	key := srv.APIKey()
	r.secrets = []string{string(key)}
	c, err := reach360.NewClient(key, reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()), reach360.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	ctx := r.ctx()
	g, err := c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
	r.ok("create", err)
	_, err = c.Groups.Get(ctx, g.ID)
	r.ok("get", err)
	for _, err := range c.Groups.List(ctx, &reach360.ListGroupsOptions{Limit: 1}) {
		r.ok("list", err)
	}
	page, err := c.Groups.ListPage(ctx, &reach360.ListGroupsOptions{Limit: 1})
	r.ok("list a page", err)
	_, err = page.NextPage(ctx)
	r.ok("next page", err)
	inv, err := c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com"})
	r.ok("invite", err)
	_, err = c.Invitations.Create(ctx, reach360.InvitationParams{Email: "ada@example.com"})
	r.fails("invite twice", err)
	_, err = c.Groups.Get(ctx, "missing")
	r.fails("get a missing group", err)
	_, err = c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Sales"})
	r.fails("create a taken name", err)
	r.retryOnce()
	_, err = c.Groups.Get(ctx, g.ID)
	r.ok("get after a 503", err)
	r.exhaust()
	_, err = c.Groups.Get(ctx, g.ID)
	r.fails("get against a persistent 503", err)
	r.clear()
	r.loseAnswer()
	_, err = c.Groups.Create(ctx, reach360.CreateGroupParams{Name: "Marketing"})
	r.fails("create whose answer is lost", err)
	r.loseAnswer()
	_, err = c.Invitations.Create(ctx, reach360.InvitationParams{Email: "bob@example.com"})
	r.fails("invite whose answer is lost", err)

	bad, err := reach360.NewClient("r360-wrong-key-0123", reach360.WithBaseURL(srv.URL), reach360.WithHTTPClient(srv.Client()), reach360.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	r.secrets = append(r.secrets, "r360-wrong-key-0123")
	_, err = bad.Groups.Get(ctx, g.ID)
	r.fails("get with a wrong key", err)
	r.show(c, *c, bad, key, &key, c.Groups, c.Users, c.Invitations, g, page, inv)
}

func alfaviewWorkflow(r *run, credsOf func(*alfaviewtest.Server) (value, pointer alfaview.Credentials)) {
	srv := alfaviewtest.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	creds, pcreds := credsOf(srv)
	r.secrets = []string{alfaviewtest.Secret, alfaviewtest.Password}
	c, err := alfaview.NewClient(creds, alfaview.WithBaseURL(srv.URL), alfaview.WithHTTPClient(srv.Client()), alfaview.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	ctx := r.ctx()
	groups, err := c.PermissionGroups.List(ctx)
	r.ok("list permission groups", err)
	participant, _ := alfaview.FindPermissionGroup(groups, "Participant")
	room, err := c.Rooms.Create(ctx, alfaview.RoomCreation{DisplayName: "Workshop"})
	r.ok("create a room", err)
	if room == nil {
		r.t.FailNow()
	}
	link := []alfaview.GroupLinkCreation{{Description: "Workshop", PermissionGroupID: participant.ID}}
	_, err = c.Links.CreateGroupLinks(ctx, room.ID, link)
	r.ok("create group links", err)
	for _, err := range c.Rooms.List(ctx, &alfaview.ListRoomsOptions{Limit: 1}) {
		r.ok("list rooms", err)
	}
	_, err = c.Links.CreateGroupLinks(ctx, "00000000-0000-0000-0000-000000000000", link)
	r.fails("create links in a missing room", err)
	r.retryOnce()
	_, err = c.PermissionGroups.List(ctx)
	r.ok("list after a 503", err)
	// The next authentication uses the refresh cookie, which the
	// harvest then finds in the request that sent it.
	srv.ExpireSessions()
	_, err = c.Links.ListGroupLinks(ctx, room.ID)
	r.ok("list links after the session expired", err)
	r.exhaust()
	_, err = c.PermissionGroups.List(ctx)
	r.fails("list against a persistent 503", err)
	r.clear()
	r.loseAnswer()
	_, err = c.Links.CreateGroupLinks(ctx, room.ID, link)
	r.fails("create links whose answer is lost", err)

	wrong := alfaview.APIKeyCredentials{ClientID: alfaviewtest.ClientID, Secret: "alfaview-wrong-secret", CompanyID: alfaviewtest.CompanyID}
	r.secrets = append(r.secrets, wrong.Secret)
	bad, err := alfaview.NewClient(wrong, alfaview.WithBaseURL(srv.URL), alfaview.WithHTTPClient(srv.Client()), alfaview.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	_, err = bad.PermissionGroups.List(ctx)
	r.fails("list with a wrong secret", err)
	r.show(c, *c, bad, creds, pcreds, wrong, &wrong, c.Links, c.Rooms, c.PermissionGroups)
}

// alfaviewV2Workflow also authenticates guests, whose access keys and
// tokens are secrets too, and has a login refused with an answer that
// echoes the password.
func alfaviewV2Workflow(r *run, credsOf func(*alfaviewv2test.Server) (value, pointer alfaviewv2.Credentials)) {
	srv := alfaviewv2test.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	creds, pcreds := credsOf(srv)
	r.secrets = []string{alfaviewv2test.Key, alfaviewv2test.Password}
	if tok, ok := creds.(alfaviewv2.AccessToken); ok {
		r.secrets = append(r.secrets, string(tok))
	}
	newClient := func(creds alfaviewv2.Credentials) *alfaviewv2.Client {
		c, err := alfaviewv2.NewClient(creds, alfaviewv2.WithBaseURL(srv.URL), alfaviewv2.WithHTTPClient(srv.Client()), alfaviewv2.WithLogger(r.logger))
		if err != nil {
			r.t.Fatal(err)
		}
		return c
	}
	c := newClient(creds)
	ctx := r.ctx()
	groups, err := c.PermissionGroups.List(ctx)
	r.ok("list permission groups", err)
	room, err := c.Rooms.Create(ctx, &alfaviewv2.RoomCreate{DisplayName: "Workshop", Type: alfaviewv2.RoomTypeRoom})
	r.ok("create a room", err)
	if len(groups) == 0 || room == "" {
		r.t.FailNow()
	}
	links := &alfaviewv2.CreateGroupLinksParams{Links: []alfaviewv2.GroupLinkCreate{{Description: "Workshop", PermissionGroupID: groups[1].ID}}}
	ids, err := c.GroupLinks.Create(ctx, room, links)
	r.ok("create group links", err)
	for _, err := range c.Rooms.List(ctx, &alfaviewv2.ListRoomsOptions{Limit: 1}) {
		r.ok("list rooms", err)
	}
	link, err := c.GroupLinks.Get(ctx, ids[0])
	r.ok("get a group link", err)
	guest, err := c.Auth.AuthenticateGroupLink(ctx, &alfaviewv2.AuthenticateGroupLinkParams{
		AccessKey: link.AccessKey, CompanyID: alfaviewv2test.CompanyID, DisplayName: "Visitor", RoomID: room})
	r.ok("authenticate a guest", err)
	// The answer carries the guest's token, which no request shows.
	r.secrets = append(r.secrets, string(guest.AccessToken))
	_, err = c.Auth.AuthenticateGroupLink(ctx, &alfaviewv2.AuthenticateGroupLinkParams{
		AccessKey: "alfaview-v2-wrong-access-key", CompanyID: alfaviewv2test.CompanyID, DisplayName: "Visitor", RoomID: room})
	r.secrets = append(r.secrets, "alfaview-v2-wrong-access-key")
	r.fails("authenticate a guest with a wrong access key", err)
	_, err = c.GroupLinks.Create(ctx, "00000000-0000-0000-0000-000000000000", &alfaviewv2.CreateGroupLinksParams{
		Links: []alfaviewv2.GroupLinkCreate{{Description: "Workshop", PermissionGroupID: "no-such-group"}}})
	r.fails("create links in a missing room", err)
	r.retryOnce()
	_, err = c.PermissionGroups.List(ctx)
	r.ok("list after a 503", err)
	if _, static := creds.(alfaviewv2.AccessToken); !static {
		srv.ExpireSessions()
		_, err = c.GroupLinks.Get(ctx, ids[0])
		r.ok("get a link after the token expired", err)
	}
	r.exhaust()
	_, err = c.PermissionGroups.List(ctx)
	r.fails("list against a persistent 503", err)
	r.clear()
	r.loseAnswer()
	_, err = c.GroupLinks.Create(ctx, room, links)
	r.fails("create links whose answer is lost", err)

	wrong := alfaviewv2.PasswordCredentials{Username: alfaviewv2test.Username, Password: "alfaview-v2-wrong-password"}
	r.secrets = append(r.secrets, wrong.Password)
	bad := newClient(wrong)
	_, err = bad.PermissionGroups.List(ctx)
	r.fails("list with a wrong password", err)
	srv.Inject(fakekit.Fault{Status: 422, ContentType: "application/problem+json",
		Body: `{"title":"Unprocessable Entity","status":422,"detail":"password alfaview-v2-wrong-password is too weak",` +
			`"errors":[{"location":"body.password","message":"alfaview-v2-wrong-password","value":"alfaview-v2-wrong-password"}]}`})
	_, err = bad.PermissionGroups.List(ctx)
	r.fails("a login refused with an echo of the password", err)
	r.show(c, *c, bad, creds, pcreds, wrong, &wrong, guest, *guest, guest.AccessToken, c.Auth, c.Rooms, c.GroupLinks)
}

func sharesOAuth2Workflow(r *run) {
	srv := sharestest.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	refresh := srv.AddRefreshToken()
	var mu sync.Mutex
	var tokens []shares.Token
	oauth := &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: refresh,
		OnRefresh: func(_ context.Context, tok shares.Token) error {
			mu.Lock()
			defer mu.Unlock()
			tokens = append(tokens, tok)
			return nil
		}}
	r.secrets = []string{sharestest.ClientSecret, refresh}
	r.extra = func() []string {
		mu.Lock()
		defer mu.Unlock()
		var out []string
		for _, tok := range tokens {
			out = append(out, tok.AccessToken, tok.RefreshToken)
		}
		return out
	}
	c, err := shares.NewClient(oauth, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()), shares.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	sharesWorkflow(r, srv, c)
	srv.ExpireSessions()
	_, err = c.Shares.List(r.ctx(), nil)
	r.ok("list after the session expired", err)

	spent := &shares.OAuth2{ClientID: sharestest.ClientID, ClientSecret: sharestest.ClientSecret, RefreshToken: "shares-spent-refresh-token"}
	r.secrets = append(r.secrets, spent.RefreshToken)
	bad, err := shares.NewClient(spent, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()), shares.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	_, err = bad.Shares.List(r.ctx(), nil)
	r.fails("list with a spent refresh token", err)

	mu.Lock()
	for _, tok := range tokens {
		r.show(tok, &tok)
	}
	mu.Unlock()
	if len(tokens) < 2 {
		r.t.Errorf("OnRefresh saw %d refreshes, want the first and the one after expiry", len(tokens))
	}
	r.show(c, *c, bad, oauth, *oauth, spent, c.Shares, *c.Shares)
}

func sharesBearerWorkflow(r *run) {
	srv := sharestest.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	tok := shares.BearerToken(srv.Token())
	r.secrets = []string{string(tok)}
	c, err := shares.NewClient(tok, shares.WithBaseURL(srv.URL), shares.WithHTTPClient(srv.Client()), shares.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	sharesWorkflow(r, srv, c)
	r.show(c, *c, tok, &tok, c.Shares)
}

// sharesWorkflow is the part of the shares workflow both kinds of
// credentials share.
func sharesWorkflow(r *run, srv *sharestest.Server, c *shares.Client) {
	ctx := r.ctx()
	org := srv.AddOrganization("Office")
	lock := srv.AddDevice(org.ID, "Front door")
	user := srv.AddUser("Ada", "Lovelace", "ada@example.com")
	p := &shares.CreateShareParams{
		OrganizationID: org.ID,
		Source:         shares.Source{DeviceID: lock.ID},
		Receiver:       shares.Receiver{UserID: user.ID},
	}
	ref, err := c.Shares.Create(ctx, p)
	r.ok("create", err)
	if ref == nil {
		r.t.FailNow()
	}
	_, err = c.Shares.Get(ctx, ref.ShareID)
	r.ok("get", err)
	_, err = c.Shares.List(ctx, nil)
	r.ok("list", err)
	_, err = c.Shares.Get(ctx, 999)
	r.fails("get a missing share", err)
	_, err = c.Shares.CreateWebKey(ctx, ref.ShareID)
	r.fails("web key for a share without dates", err)
	r.retryOnce()
	_, err = c.Shares.Get(ctx, ref.ShareID)
	r.ok("get after a 503", err)
	r.exhaust()
	_, err = c.Shares.Get(ctx, ref.ShareID)
	r.fails("get against a persistent 503", err)
	r.clear()
	r.loseAnswer()
	_, err = c.Shares.Create(ctx, p)
	r.fails("create whose answer is lost", err)
	r.show(ref)
}

func voltmxWorkflow(r *run, authOf func(*voltmxtest.Server) (value, pointer voltmx.Auth)) {
	srv := voltmxtest.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	a, pa := authOf(srv)
	r.secrets = []string{voltmxtest.Password}
	c, err := voltmx.NewClient(srv.URL, a, voltmx.WithHTTPClient(srv.Client()), voltmx.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	ctx := r.ctx()
	p := &voltmx.CreateGroupParams{GroupName: "Campaigns", Email: "campaigns@example.com", PermissionIDs: []int64{1}, AppIDs: []string{}}
	id, err := c.Groups.Create(ctx, p)
	r.ok("create", err)
	_, err = c.Groups.Get(ctx, id)
	r.ok("get", err)
	for _, err := range c.Groups.List(ctx, &voltmx.ListOptions{PageSize: 1}) {
		r.ok("list", err)
	}
	_, err = c.Groups.Get(ctx, 999)
	r.fails("get a missing group", err)
	_, err = c.Groups.Create(ctx, &voltmx.CreateGroupParams{GroupName: "Apps", Email: "apps@example.com", PermissionIDs: []int64{1}, AppIDs: []string{"app"}})
	r.fails("app permissions without ADHOC_PUSH", err)
	r.retryOnce()
	_, err = c.Groups.Get(ctx, id)
	r.ok("get after a 503", err)
	srv.ExpireSessions()
	_, err = c.Groups.Get(ctx, id)
	r.ok("get after the session expired", err)
	r.exhaust()
	_, err = c.Groups.Get(ctx, id)
	r.fails("get against a persistent 503", err)
	r.clear()
	r.loseAnswer()
	p.GroupName = "Campaigns 2"
	_, err = c.Groups.Create(ctx, p)
	r.fails("create whose answer is lost", err)

	// A new console user's password is a secret too.
	const userPassword = "voltmx-new-user-password"
	r.secrets = append(r.secrets, userPassword)
	up := &voltmx.CreateUserParams{UserName: "aron", Email: "aron@example.com", Password: userPassword,
		DisplayName: "Aron", PermissionIDs: []int64{1}}
	uid, err := c.Users.Create(ctx, up)
	r.ok("create a user", err)
	_, err = c.Users.Create(ctx, up)
	r.fails("create a user twice", err)
	upd := &voltmx.UpdateUserParams{UserName: "someone else", Email: up.Email, Password: userPassword,
		DisplayName: up.DisplayName, PermissionIDs: up.PermissionIDs}
	r.fails("rename a user", c.Users.Update(ctx, uid, upd))
	r.show(up, *up, upd, *upd)

	const wrong = "voltmx-wrong-password"
	r.secrets = append(r.secrets, wrong)
	var badAuth voltmx.Auth
	switch a := a.(type) {
	case voltmx.BasicAuth:
		a.Password = wrong
		badAuth = a
	case voltmx.ClaimsLogin:
		a.Password = wrong
		badAuth = a
	case voltmx.OAuthPair:
		a.Password = wrong
		badAuth = a
	}
	bad, err := voltmx.NewClient(srv.URL, badAuth, voltmx.WithHTTPClient(srv.Client()), voltmx.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	_, err = bad.Groups.Get(ctx, id)
	r.fails("get with a wrong password", err)
	r.show(c, *c, bad, a, pa, badAuth, c.Groups, c.Users, c.Permissions)
}

func viviotWorkflow(r *run, mode viviottest.AuthMode, bearer bool) {
	srv := viviottest.NewServer(r.t, fakekit.InMemory())
	r.srv = srv.Server
	srv.SetAuthMode(mode)
	creds := srv.Credentials()
	var a viviot.Auth = creds
	r.secrets = []string{viviottest.AdminPassword}
	if bearer {
		tok := viviot.BearerToken(srv.IssueToken(viviottest.AdminUserName))
		a = tok
		r.secrets = append(r.secrets, string(tok))
		r.show(tok, &tok)
	}
	c, err := viviot.NewClient(a, viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()), viviot.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	ctx := r.ctx()
	door := srv.AddThing(viviottest.Thing{Name: "Front door"})
	p := &viviot.AccessTemplateParams{Name: "Guests", Things: []viviot.ThingAccess{{ThingID: door.ID}}, Scope: viviot.ScopeGuest}
	tpl, err := c.AccessTemplates.Create(ctx, p)
	r.ok("create", err)
	if tpl == nil {
		r.t.FailNow()
	}
	_, err = c.AccessTemplates.Get(ctx, tpl.ID)
	r.ok("get", err)
	_, err = c.AccessTemplates.List(ctx, nil)
	r.ok("list", err)
	_, err = c.AccessTemplates.Get(ctx, viviot.NewGUID())
	r.fails("get a missing template", err)
	_, err = c.AccessTemplates.Create(ctx, &viviot.AccessTemplateParams{Name: "Nowhere", Things: []viviot.ThingAccess{{ThingID: viviot.NewGUID()}}})
	r.fails("create for an unknown thing", err)
	r.retryOnce()
	_, err = c.AccessTemplates.Get(ctx, tpl.ID)
	r.ok("get after a 503", err)
	if !bearer {
		srv.ExpireSessions()
		_, err = c.AccessTemplates.Get(ctx, tpl.ID)
		r.ok("get after the session expired", err)
	}
	r.srv.Inject(fakekit.Fault{Status: 500, Body: viviottest.ErrorBody("NullReferenceException", "Object reference not set"), Times: -1})
	_, err = c.AccessTemplates.Get(ctx, tpl.ID)
	r.fails("get against a persistent 500", err)
	r.clear()
	r.loseAnswer()
	p.Name = "Guests " + strconv.Itoa(2)
	_, err = c.AccessTemplates.Create(ctx, p)
	r.fails("create whose answer is lost", err)

	wrong := viviot.Credentials{UserName: viviottest.AdminUserName, Password: "viviot-wrong-password"}
	r.secrets = append(r.secrets, wrong.Password)
	bad, err := viviot.NewClient(wrong, viviot.WithBaseURL(srv.URL), viviot.WithHTTPClient(srv.Client()), viviot.WithLogger(r.logger))
	if err != nil {
		r.t.Fatal(err)
	}
	_, err = bad.AccessTemplates.List(ctx, nil)
	r.fails("list with a wrong password", err)
	r.show(c, *c, bad, creds, &creds, wrong, c.AccessTemplates, *c.AccessTemplates, tpl)
}
