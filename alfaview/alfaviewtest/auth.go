package alfaviewtest

import (
	"crypto/rand"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

const authenticatePath = "authenticationService/authenticate"

// refreshCookie carries the refresh token, as on alfaview.
const refreshCookie = "auth"

type authenticateRequest struct {
	RequestID                    string `json:"requestId"`
	AuthorizationCodeCredentials *struct {
		ClientID  string `json:"clientId"`
		Code      string `json:"code"`
		CompanyID string `json:"companyId"`
	} `json:"authorizationCodeCredentials"`
	UsernamePasswordCredentials *struct {
		Username  string `json:"username"`
		Password  string `json:"password"`
		CompanyID string `json:"companyId"`
	} `json:"usernamePasswordCredentials"`
	RefreshTokenCredentials *struct {
		RefreshToken string `json:"refreshToken"`
		CompanyID    string `json:"companyId"`
	} `json:"refreshTokenCredentials"`
}

func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) {
	var req authenticateRequest
	if err := fakekit.ReadJSON(r, &req); err != nil {
		writeBadJSON(w, err)
		return
	}
	if req.RequestID == "" {
		writeReplyError(w, "", statusRequestIDInvalid, "requestId is missing")
		return
	}
	kinds := 0
	for _, set := range []bool{req.AuthorizationCodeCredentials != nil, req.UsernamePasswordCredentials != nil, req.RefreshTokenCredentials != nil} {
		if set {
			kinds++
		}
	}
	if kinds != 1 {
		writeReplyError(w, req.RequestID, statusInvalidArgument, "exactly one kind of credentials is required")
		return
	}
	var oldRefresh string
	switch {
	case req.AuthorizationCodeCredentials != nil:
		c := req.AuthorizationCodeCredentials
		if c.ClientID != ClientID || c.Code != Secret || c.CompanyID != CompanyID {
			writeReplyError(w, req.RequestID, statusAuthenticationError, "invalid API credentials")
			return
		}
	case req.UsernamePasswordCredentials != nil:
		c := req.UsernamePasswordCredentials
		if c.Username != Username || c.Password != Password || (c.CompanyID != "" && c.CompanyID != CompanyID) {
			writeReplyError(w, req.RequestID, statusAuthenticationError, "invalid username or password")
			return
		}
	default:
		// The refresh token comes in the body (the SDK model's
		// refreshTokenCredentials.refreshToken) or in the "auth" cookie
		// (alfaview's usage example); the body wins when both are sent.
		token := req.RefreshTokenCredentials.RefreshToken
		if cookie, err := r.Cookie(refreshCookie); token == "" && err == nil {
			token = cookie.Value
		}
		if token == "" || req.RefreshTokenCredentials.CompanyID != CompanyID || !s.knownRefresh(token) {
			writeReplyError(w, req.RequestID, statusAuthenticationError, "invalid refresh token")
			return
		}
		oldRefresh = token
	}
	access, refresh, expires := s.issue(oldRefresh)
	http.SetCookie(w, &http.Cookie{Name: refreshCookie, Value: refresh, Path: "/", HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode})
	// expiresAt is an int64 in alfaview's model (alfaview-php-sdk v2.4.4,
	// AuthenticationAuthenticationReply), which the JSON gateway writes as
	// a decimal string: Unix seconds, as the SDK infers.
	fakekit.WriteJSON(w, http.StatusOK, struct {
		ReplyInfo    replyInfo       `json:"replyInfo"`
		AccessToken  string          `json:"accessToken"`
		ExpiresAt    string          `json:"expiresAt"`
		RefreshToken string          `json:"refreshToken"`
		UserID       string          `json:"userId"`
		Permissions  map[string]bool `json:"permissions"`
		CompanyID    string          `json:"companyId"`
	}{ok(req.RequestID), access, strconv.FormatInt(expires.Unix(), 10), refresh, s.userID, map[string]bool{}, CompanyID})
}

func (s *Server) knownRefresh(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.refresh[token]
	return ok
}

// issue starts a session. A refresh replaces the refresh token it used, so
// a client that keeps an old cookie finds out.
func (s *Server) issue(oldRefresh string) (access, refresh string, expires time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	access, refresh = "fake-at-"+rand.Text(), "fake-rt-"+rand.Text()
	expires = s.Clock().Now().Add(s.lifetime).UTC().Truncate(time.Second)
	s.sessions[access] = &session{userID: s.userID, expires: expires}
	s.refresh[refresh] = s.userID
	s.authCount++
	if oldRefresh != "" {
		delete(s.refresh, oldRefresh)
		s.refreshCount++
	}
	return access, refresh, expires
}

// authorized checks the accessInfo of r's body and runs h with the call.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request, h handler) {
	var body json.RawMessage
	if err := fakekit.ReadJSON(r, &body); err != nil {
		writeBadJSON(w, err)
		return
	}
	var env struct {
		AccessInfo *struct {
			RequestID   string `json:"requestId"`
			AccessToken string `json:"accessToken"`
		} `json:"accessInfo"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		writeBadJSON(w, err)
		return
	}
	info := env.AccessInfo
	switch {
	case info == nil || info.AccessToken == "":
		requestID := ""
		if info != nil {
			requestID = info.RequestID
		}
		writeReplyError(w, requestID, statusAccessInfoMissing, "accessInfo with an accessToken is required")
		return
	case info.RequestID == "":
		writeReplyError(w, "", statusRequestIDInvalid, "accessInfo.requestId is missing")
		return
	}
	userID, state, form := s.check(info.AccessToken)
	switch state {
	case tokenUnknown:
		writeGateway(w, http.StatusUnauthorized, codeUnauthenticated, info.RequestID, statusUnauthenticated, "invalid access token")
		return
	case tokenOutdated:
		if form == ReplyInfoForm {
			writeReplyError(w, info.RequestID, statusTokenOutdated, "token expired")
		} else {
			writeGateway(w, http.StatusUnauthorized, codeUnauthenticated, info.RequestID, statusTokenOutdated, "token expired")
		}
		return
	}
	h(&call{w: w, body: body, requestID: info.RequestID, userID: userID})
}

type tokenState int

const (
	tokenValid tokenState = iota
	tokenUnknown
	tokenOutdated
)

func (s *Server) check(token string) (string, tokenState, ErrorForm) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ses, ok := s.sessions[token]
	switch {
	case !ok:
		return "", tokenUnknown, s.expiredForm
	case ses.revoked || !s.Clock().Now().Before(ses.expires):
		return "", tokenOutdated, s.expiredForm
	}
	return ses.userID, tokenValid, s.expiredForm
}
