package alfaviewtest

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"
)

type session struct {
	guest   bool
	userID  string
	expires time.Time
	perms   UserPermissions
}

// issue starts a session and returns its token, 32 random bytes in
// standard base64 ("returned as a base64-encoded string", model
// AccessToken). s.mu is held.
func (s *Server) issue(ses *session) (string, time.Time) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token := base64.StdEncoding.EncodeToString(b)
	ses.expires = s.now().Add(s.lifetime)
	s.sessions[token] = ses
	return token, ses.expires
}

// authenticate finds the session of r's Authorization header, whose whole
// value is the token (the official client sends it as is: lib/Api, header
// param "authorization"). With expiredOK an expired session is returned
// too. s.mu is held.
func (s *Server) authenticate(r *http.Request, expiredOK bool) (*session, *problem) {
	token := r.Header.Get("Authorization")
	if token == "" {
		return nil, unauthorized("an access token is required in the Authorization header")
	}
	ses, known := s.sessions[token]
	if !known {
		if scheme, rest, found := strings.Cut(token, " "); found && s.sessions[rest] != nil {
			return nil, unauthorized("invalid access token: send the token itself as the Authorization header, without " + scheme)
		}
		return nil, unauthorized("invalid access token")
	}
	if !expiredOK && !s.Clock().Now().Before(ses.expires) {
		return nil, unauthorized("the access token has expired")
	}
	return ses, nil
}

// effective adds what model UserPermissions says each permission implies.
func effective(p UserPermissions) UserPermissions {
	if p.ManageCompany {
		p.UserAdmin, p.RoomAdmin, p.UserShow = true, true, true
	}
	if p.RoomAdmin {
		p.RoomList, p.RoomCreate = true, true
	}
	if p.UserAdmin {
		p.UserList = true
	}
	return p
}

// allows answers 403 when the session may not call a route of access a.
// Guests may only read their token's info (inferred: a guest token is for
// joining a room). Which permission each route needs is inferred from the
// permissions' descriptions in model UserPermissions.
func (ses *session) allows(a access) *problem {
	if a == anyToken {
		return nil
	}
	if ses.guest {
		return forbidden("a guest access token cannot call this operation")
	}
	p := effective(ses.perms)
	need := map[access]struct {
		has  bool
		name string
	}{
		roomList:   {p.RoomList, "roomList"},
		roomCreate: {p.RoomCreate, "roomCreate"},
		userList:   {p.UserList, "userList"},
		userAdmin:  {p.UserAdmin, "userAdmin"},
	}
	if n, ok := need[a]; ok && !n.has {
		return forbidden("the access token lacks the permission %s", n.name)
	}
	return nil
}

// canManage answers 403 unless the session may change the room: with
// roomAdmin, or as the room's creator (inferred from model UserPermissions:
// roomAdmin "can create, update and delete any room"), and never a managed
// room (model Room: "If true, the room cannot be edited or removed by a
// user").
func (c *call) canManage(r *roomRec) *problem {
	if r.Managed {
		return forbidden("room %s is managed and cannot be changed", r.ID)
	}
	if !effective(c.ses.perms).RoomAdmin && r.CreatedBy != c.ses.userID {
		return forbidden("the access token lacks the permission roomAdmin for room %s", r.ID)
	}
	return nil
}

type accessToken struct {
	AccessToken string `json:"accessToken"`
}

// loginAPIKey is POST /v2/auth/api-key (model APICredentials → AccessToken).
// Wrong credentials are 401 (inferred).
func (s *Server) loginAPIKey(c *call) (reply, *problem) {
	var in struct{ ClientID, CompanyID, Key string }
	if p := c.decode(apiCredentialsSchema, &in); p != nil {
		return fail(p)
	}
	if in.ClientID != ClientID || in.Key != Key || in.CompanyID != CompanyID {
		return fail(unauthorized("invalid API credentials"))
	}
	return s.login()
}

// loginPassword is POST /v2/auth/password (model PasswordCredentials →
// AccessToken). Wrong credentials are 401 (inferred).
func (s *Server) loginPassword(c *call) (reply, *problem) {
	var in struct{ Username, Password string }
	if p := c.decode(passwordCredentialsSchema, &in); p != nil {
		return fail(p)
	}
	if in.Username != Username || in.Password != Password {
		return fail(unauthorized("invalid username or password"))
	}
	return s.login()
}

func (s *Server) login() (reply, *problem) {
	token, _ := s.issue(&session{userID: s.userID, perms: s.perms})
	s.logins++
	return ok(accessToken{token})
}

// tokenInfo is GET /v2/auth/token-info (model TokenInfo). An expired token
// is reported with active false rather than 401 (inferred from the field).
func (s *Server) tokenInfo(c *call) (reply, *problem) {
	return ok(struct {
		Active      bool            `json:"active"`
		ExpiresAt   time.Time       `json:"expiresAt"`
		Permissions UserPermissions `json:"permissions"`
	}{s.Clock().Now().Before(c.ses.expires), c.ses.expires, c.ses.perms})
}

// guestAuthInfo is models GroupLinkAuthenticationInfo and
// GuestLinkAuthenticationInfo. validFrom and validUntil are required there;
// for a link without bounds the fake sends Go's zero time, as a Go server
// with time.Time fields would (inferred).
type guestAuthInfo struct {
	AccessToken     string     `json:"accessToken,omitempty"`
	ClientLaunchURL string     `json:"clientLaunchUrl,omitempty"`
	DisplayName     string     `json:"displayName"`
	ParticipantID   string     `json:"participantId,omitempty"`
	TokenExpiresAt  *time.Time `json:"tokenExpiresAt,omitempty"`
	ValidFrom       time.Time  `json:"validFrom"`
	ValidUntil      time.Time  `json:"validUntil"`
}

// guestLogin fills in the token when the link is valid now ("If the access
// key is also valid at the time of the request, the response additionally
// includes an access token and a token expiry time"). participantId is the
// link's id (model: "The ID of the corresponding group link").
// clientLaunchUrl, which the SDK leaves undescribed, has the shape of the
// native client's launch URL in alfaview's support article "Generate join
// url from group link", the guest's token in its query (inferred).
func (s *Server) guestLogin(displayName, linkID, roomID string, from, until *time.Time) (reply, *problem) {
	info := guestAuthInfo{DisplayName: displayName}
	if from != nil {
		info.ValidFrom = *from
	}
	if until != nil {
		info.ValidUntil = *until
	}
	if within(s.Clock().Now(), from, until) {
		token, expires := s.issue(&session{guest: true, userID: linkID})
		info.AccessToken, info.TokenExpiresAt = token, &expires
		info.ParticipantID, info.ClientLaunchURL = linkID, launchURL(roomID, token)
	}
	return ok(info)
}

// launchURL is a guest's client launch URL:
// alfaview://apis.alfaview.com:443?companyId=…&roomId=…&token=….
func launchURL(roomID, token string) string {
	q := url.Values{"companyId": {CompanyID}, "roomId": {roomID}, "token": {token}}
	return "alfaview://apis.alfaview.com:443?" + q.Encode()
}

func within(t time.Time, from, until *time.Time) bool {
	return (from == nil || !t.Before(*from)) && (until == nil || t.Before(*until))
}

// loginGroupLink is POST /v2/auth/group-link (model
// AuthenticateGroupLinkRequestBody). An access key that matches no group
// link of the room and company is 404 (inferred).
func (s *Server) loginGroupLink(c *call) (reply, *problem) {
	var in struct {
		AccessKey, CompanyID, DisplayName, RoomID string
		ExternalID                                *string
	}
	if p := c.decode(groupLinkAuthSchema, &in); p != nil {
		return fail(p)
	}
	for _, l := range s.groupLinks {
		if in.CompanyID == CompanyID && l.RoomID == in.RoomID && l.AccessKey == in.AccessKey {
			return s.guestLogin(in.DisplayName, l.ID, l.RoomID, l.ValidFrom, l.ValidUntil)
		}
	}
	return fail(notFound("group link"))
}

// loginGuestLink is POST /v2/auth/guest-link (model
// AuthenticateGuestLinkRequestBody); displayName overrides the link's.
func (s *Server) loginGuestLink(c *call) (reply, *problem) {
	var in struct {
		AccessKey, CompanyID, RoomID string
		DisplayName                  *string
	}
	if p := c.decode(guestLinkAuthSchema, &in); p != nil {
		return fail(p)
	}
	for _, l := range s.guestLinks {
		if in.CompanyID == CompanyID && l.RoomID == in.RoomID && l.AccessKey == in.AccessKey {
			name := l.DisplayName
			if in.DisplayName != nil && *in.DisplayName != "" {
				name = *in.DisplayName
			}
			return s.guestLogin(name, l.ID, l.RoomID, l.ValidFrom, l.ValidUntil)
		}
	}
	return fail(notFound("guest link"))
}
