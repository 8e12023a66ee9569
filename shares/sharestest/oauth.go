package sharestest

import (
	"mime"
	"net/http"
	"time"

	"github.com/grantkit/grantkit-go/internal/fakekit"
)

// oauthError is the RFC 6749 error body the token endpoint answers with.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

type tokenReply struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	AccountID    int64  `json:"account_id"`
}

// oauthToken serves POST /v2/oauth/token for grant_type=refresh_token.
// Every refresh spends the refresh token sent and issues a new one; a spent
// or unknown token is invalid_grant. The authorization_code grant needs a
// browser and is answered unsupported_grant_type.
func (s *Server) oauthToken(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" || r.ParseForm() != nil {
		oauthFail(w, http.StatusBadRequest, "invalid_request", "The request must be form-encoded")
		return
	}
	f := r.PostForm
	if f.Get("client_id") != ClientID || f.Get("client_secret") != ClientSecret {
		oauthFail(w, http.StatusUnauthorized, "invalid_client", "Client authentication failed")
		return
	}
	if f.Get("grant_type") != "refresh_token" {
		oauthFail(w, http.StatusBadRequest, "unsupported_grant_type", "Only refresh_token is supported by this fake")
		return
	}
	s.mu.Lock()
	rp := s.refresh(f.Get("refresh_token"))
	s.mu.Unlock()
	rp.write(w)
}

func (s *Server) refresh(old string) reply {
	scopes, ok := s.refreshTokens[old]
	if !ok {
		return reply{http.StatusBadRequest, oauthError{"invalid_grant", "The refresh token is invalid, expired or already used"}}
	}
	delete(s.refreshTokens, old)
	next := newUUID()
	s.refreshTokens[next] = scopes
	access := newUUID()
	s.tokens[access] = &accessToken{scopes: scopes, expiry: s.clock.Now().Add(s.accessTTL), session: true}
	s.authCount++
	s.Server.MarkApplied(OpOAuthToken)
	return reply{http.StatusOK, tokenReply{
		AccessToken:  access,
		RefreshToken: next,
		TokenType:    "Bearer",
		ExpiresIn:    int64(s.accessTTL / time.Second),
		AccountID:    s.owner.ID,
	}}
}

func oauthFail(w http.ResponseWriter, status int, code, description string) {
	fakekit.WriteJSON(w, status, oauthError{Error: code, Description: description})
}
